"""The cascade baseline, `cascade:<asr>+<llm>`: the first model transcribes every audio input, the
second (a text LLM through transformers, or `openai:<name>`) answers the instruction from the
transcripts alone. Any model spec can be the first stage; Whisper-like adapters that offer
`transcribe` are used directly, others are asked to transcribe each clip."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from .base import Model, ModelError, ModelOptions, Request

TRANSCRIBE_INSTRUCTION = "Transcribe the audio."
PROMPT_HEADER = "You cannot hear the audio; here is what a speech recogniser transcribed from it."


def cascade_prompt(transcripts: Sequence[str], texts: Sequence[str], instruction: str) -> str:
    if len(transcripts) == 1:
        lines = [f'Transcript of the audio: "{transcripts[0]}"']
    else:
        lines = [f'Transcript of audio {i}: "{text}"' for i, text in enumerate(transcripts, 1)]
    return "\n".join([PROMPT_HEADER, *lines, *texts, "", instruction])


def load_llm(spec: str, options: ModelOptions) -> Model:
    prefix, _, rest = spec.partition(":")
    if prefix == "openai" and rest:
        from .openai_chat import OpenAIChatModel

        return OpenAIChatModel(rest, options)
    from .text_lm import TextLMModel

    return TextLMModel(spec, options)


class CascadeModel(Model):
    backend = "cascade"

    def __init__(self, specs: str, options: ModelOptions):
        asr_spec, plus, llm_spec = specs.partition("+")
        if not plus or not asr_spec.strip() or not llm_spec.strip() or "+" in llm_spec:
            raise ModelError(f"cascade:{specs}: expected cascade:<asr model>+<text model>")
        from .registry import load_model

        self.name = f"cascade:{specs}"
        self.options = options
        self.asr = load_model(asr_spec, options)
        self.llm = load_llm(llm_spec, options)

    def transcribe(self, audios: list) -> list[str | BaseException]:
        if hasattr(self.asr, "transcribe"):
            try:
                return list(self.asr.transcribe(audios))
            except Exception:  # noqa: BLE001 - fall back to one clip at a time to isolate the bad one
                pass
        requests = [Request(id=str(i), instance="", instruction=TRANSCRIBE_INSTRUCTION, audios=(audio,))
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
            prompts.append(Request(id=request.id, instance=request.instance,
                                   instruction=cascade_prompt(own, request.texts, request.instruction)))
        answers = iter(self.llm.generate(prompts) if prompts else [])
        return [next(answers) if result is None else result for result in results]

    def describe(self) -> dict:
        return {
            "id": self.name,
            "backend": self.backend,
            "asr": self.asr.describe(),
            "llm": self.llm.describe(),
            "prompt_sha256": hashlib.sha256(cascade_prompt(["{t}"], [], "{i}").encode()).hexdigest(),
        }

    def close(self) -> None:
        self.asr.close()
        self.llm.close()
