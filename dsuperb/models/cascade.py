"""The cascade baseline, `cascade:<asr>+<llm>`: the first model transcribes every audio input, the
second (a text LLM through transformers, or `openai:<name>`) answers the instruction from the
transcripts alone. Any model spec can be the first stage; Whisper-like adapters that offer
`transcribe` are used directly, others are asked to transcribe each clip."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ModelError
from ..infra.hashing import sha256_text
from .base import Model, Request
from .options import CommonOptions, known_keys, parse_options, unknown_option_message

TRANSCRIBE_INSTRUCTION = "Transcribe the audio."
PROMPT_HEADER = "You cannot hear the audio; here is what a speech recogniser transcribed from it."


def cascade_prompt(transcripts: Sequence[str], texts: Sequence[str], instruction: str) -> str:
    if len(transcripts) == 1:
        lines = [f'Transcript of the audio: "{transcripts[0]}"']
    else:
        lines = [f'Transcript of audio {i}: "{text}"' for i, text in enumerate(transcripts, 1)]
    return "\n".join([PROMPT_HEADER, *lines, *texts, "", instruction])


def llm_options_class(spec: str):
    prefix, _, rest = spec.partition(":")
    if prefix == "openai" and rest:
        from .openai_chat import EndpointOptions

        return EndpointOptions
    from .transformers_generic import TransformersOptions

    return TransformersOptions


def load_llm(spec: str, common: CommonOptions, raw: dict) -> Model:

    prefix, _, rest = spec.partition(":")
    if prefix == "openai" and rest:
        from .openai_chat import OpenAIChatModel

        return OpenAIChatModel(rest, common, raw)
    from .text_lm import TextLMModel

    return TextLMModel(spec, common, parse_options(TextLMModel.Options, raw, spec))


def asr_option_keys(spec: str) -> set[str]:
    """The options an ASR stage may take: its backend's own (a transformers model: any family's)."""
    from . import registry

    if spec in registry.BUILTIN:
        return set(known_keys(registry.import_target(registry.BUILTIN[spec]).Options))
    prefix, _, rest = spec.partition(":")
    if rest and prefix in registry.PREFIXED:
        return set(known_keys(registry.import_target(registry.PREFIXED[prefix]).Options))
    keys = set()
    for target in [registry.GENERIC_FAMILY, *registry.FAMILIES.values()]:
        keys |= set(known_keys(registry.import_target(target).Options))
    return keys


class CascadeModel(Model):
    """Each `--model-option` goes to the stage(s) that know it; one that neither knows is an error."""

    backend = "cascade"

    def __init__(self, specs: str, common: CommonOptions, raw_options: dict | None = None):
        asr_spec, plus, llm_spec = specs.partition("+")
        if not plus or not asr_spec.strip() or not llm_spec.strip() or "+" in llm_spec:
            raise ModelError(f"cascade:{specs}: expected cascade:<asr model>+<text model>")
        from .registry import load_model

        self.name = f"cascade:{specs}"
        self.common = common
        raw = dict(raw_options or {})
        asr_keys, llm_keys = asr_option_keys(asr_spec), set(known_keys(llm_options_class(llm_spec)))
        for key in raw:
            if key not in asr_keys | llm_keys:
                raise ModelError(unknown_option_message(key, sorted(asr_keys | llm_keys), self.name))
        self.asr = load_model(asr_spec, common, {k: v for k, v in raw.items() if k in asr_keys})
        self.llm = load_llm(llm_spec, common, {k: v for k, v in raw.items() if k in llm_keys})

    def transcribe(self, audios: list) -> list[str | BaseException]:
        if hasattr(self.asr, "transcribe"):
            try:
                return list(self.asr.transcribe(audios))
            except Exception:  # noqa: BLE001 - fall back to one clip at a time to isolate the bad one
                pass
        requests = [Request.of(str(i), "", TRANSCRIBE_INSTRUCTION, audios=(audio,))
                    for i, audio in enumerate(audios)]
        return self.asr.generate(requests)

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        clips = [audio for request in requests for audio in request.audios]
        transcripts = iter(self.transcribe(clips) if clips else [])
        results: list[str | BaseException | None] = []
        prompts: list[Request] = []
        for request in requests:
            own = [next(transcripts) for _ in request.audios]
            failed = next((t for t in own if isinstance(t, BaseException)), None)
            if failed is not None:
                results.append(ModelError(f"{self.name}: transcription failed: {failed}"))
                continue
            results.append(None)
            prompts.append(Request.of(request.id, request.instance,  # the system prompt is the LLM's
                                      cascade_prompt(own, request.texts, request.instruction),
                                      system=request.system))
        answers = iter(self.llm.generate(prompts) if prompts else [])
        return [next(answers) if result is None else result for result in results]

    def describe(self) -> dict:
        return {
            "id": self.name,
            "backend": self.backend,
            "asr": self.asr.describe(),
            "llm": self.llm.describe(),
            "prompt_sha256": sha256_text(cascade_prompt(["{t}"], [], "{i}")),
        }

    def close(self) -> None:
        self.asr.close()
        self.llm.close()
