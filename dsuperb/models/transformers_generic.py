"""Any hub audio-language model whose processor follows the transformers conventions.

One user turn holds every audio input in order, then any extra text, then the instruction (the
organisers' layout), after a system turn when the run has a system prompt, rendered by the chat
template (the processor's own, else the tokenizer's, or a file given with
`--model-option chat_template=...`); greedy decoding; real batches with left padding. Before the
first batch the adapter lays out one probe request (models/probe.py), so a model that cannot take
audio plus an instruction stops at load. Model families the generic path cannot serve live in
`families/`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..infra.errortext import first_line
from ..infra.hashing import sha256_json, sha256_text
from ..infra.isolate import each_on_failure
from . import needs
from .base import Model, Request
from .batching import run_grouped, window_rows
from .oom import ShrinkingBatcher, is_out_of_memory
from .options import CommonOptions, option, parse_options
from .probe import check_layout
from .processors import load_processor
from .registry import family_class

# in this order: a config several map to (Voxtral, Granite-speech) gets the first one;
# Audio Flamingo 3 is mapped only under AutoModelForSeq2SeqLM in transformers 5
AUTO_CLASSES = ("AutoModelForMultimodalLM", "AutoModelForSpeechSeq2Seq", "AutoModelForSeq2SeqLM",
                "AutoModelForCausalLM")
DTYPES = {"float32": "float32", "fp32": "float32", "float16": "float16", "fp16": "float16",
          "bfloat16": "bfloat16", "bf16": "bfloat16"}


@dataclass(frozen=True)
class TransformersOptions:
    device: str = option("auto", "auto, cpu, cuda or cuda:N", scored=False)
    dtype: str = option("auto", "auto, float32, float16 or bfloat16")
    revision: str | None = option(None, "the hub commit, tag or branch to load")
    trust_remote_code: bool = option(False, "run the model's own code from the hub (models you trust)")
    group_by_length: bool = option(True, "batch samples of similar audio length together (less padding)",
                                   scored=False)
    chat_template: str | None = option(None, "a jinja chat template file to use instead of the model's own")


def load_transformers_model(spec: str, common: CommonOptions, raw: dict) -> Model:
    """A hub id or local folder -> the family adapter for its model type, or the generic one."""
    loading = {key: raw[key] for key in ("revision", "trust_remote_code") if key in raw}
    config = load_config(spec, parse_options(TransformersOptions, loading, spec))
    needs.check_family(spec, config.model_type)  # before any weights are downloaded
    adapter = family_class(config.model_type)
    return adapter(spec, common, parse_options(adapter.Options, raw, spec), config)


def load_config(spec: str, options: TransformersOptions):
    from transformers import AutoConfig

    try:
        return AutoConfig.from_pretrained(spec, revision=options.revision,
                                          trust_remote_code=options.trust_remote_code)
    except Exception as error:  # noqa: BLE001 - every loading failure becomes one user-facing line
        if spec.startswith((".", "/", "~")) and not Path(spec).expanduser().exists():
            raise ModelError(f"{spec}: no such model folder") from error  # a path, not a hub id
        if needs.needs_remote_code(error):
            raise needs.explain(spec, error, "the model") from error
        raise ModelError(f"{spec}: cannot load the model's config: {first_line(error)}") from error


def resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ModelError(f"--device {device}: no CUDA device is available here")
        index, count = device.partition(":")[2], torch.cuda.device_count()
        if index and (not index.isdigit() or int(index) >= count):
            raise ModelError(f"--device {device}: this machine has {count} CUDA device(s)")
    return device


def resolve_dtype(dtype: str, device: str):
    import torch

    if dtype == "auto":
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    if dtype not in DTYPES:
        raise ModelError(f"--dtype {dtype}: expected one of auto, {', '.join(sorted(set(DTYPES)))}")
    return getattr(torch, DTYPES[dtype])


def resolved_revision(spec: str, revision: str | None) -> str | None:
    """The commit a hub id resolved to, read from the cached config's snapshot path (so it costs no
    call to the hub); None for a local folder."""
    if Path(spec).is_dir():
        return None
    from transformers.utils.hub import cached_file, extract_commit_hash

    try:
        return extract_commit_hash(cached_file(spec, "config.json", revision=revision), None)
    except Exception:  # noqa: BLE001 - provenance is best effort; loading already succeeded
        return None


def system_turn(request: Request) -> list[dict]:
    """The run's system prompt as the chat template's system message (none without one)."""
    if request.system is None:
        return []
    return [{"role": "system", "content": [{"type": "text", "text": request.system}]}]


def template_hash(template) -> str | None:
    if template is None:
        return None
    return sha256_text(template) if isinstance(template, str) else sha256_json(template)


def pad_on_the_left(tokenizer) -> None:
    """Batched generation: generated tokens must follow every prompt directly, so prompts are padded
    on the left, with the end-of-text token where the tokenizer has no padding token."""
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token


class TransformersModel(Model):
    """Loads processor and model through the auto classes; subclasses change how a batch of
    requests becomes model inputs (`build_inputs`) and how outputs become text (`decode`)."""

    backend = "transformers"
    family = "generic"
    Options = TransformersOptions

    def __init__(self, spec: str, common: CommonOptions, options: TransformersOptions | None = None,
                 config=None):
        import torch

        self.name = spec
        self.common = common
        self.options = options if options is not None else self.Options()
        self.config = config if config is not None else load_config(spec, self.options)
        self.device = resolve_device(self.options.device)
        self.dtype = resolve_dtype(self.options.dtype, self.device)
        self.processor_note = None  # set when the processor had to be built audio-only
        self.processor = self.load_processor()
        self.layout = self.probe_layout()  # before the weights: a model that cannot run costs no download
        self.model = self.load_weights()
        self.batcher = ShrinkingBatcher(common.batch_size)
        self.generation_config = self.greedy_config()
        torch.manual_seed(common.seed)

    def probe_layout(self) -> dict:
        """Lay out one probe request with the processor alone, so a model that cannot take audio plus
        an instruction stops at load (`build_inputs` must not need the weights)."""
        return check_layout(self)

    # -- loading -------------------------------------------------------------------------------
    def load_processor(self):
        loading = (self.options.revision, self.options.trust_remote_code, self.config.model_type)
        processor, self.processor_note = load_processor(self.name, *loading)
        if self.audio_extractor(processor) is None:
            raise ModelError(
                f"{self.name}: no audio-capable processor (AutoProcessor gave {type(processor).__name__}); "
                f"a text-only model can answer from transcripts as a cascade: cascade:<asr>+{self.name}")
        tokenizer = getattr(processor, "tokenizer", None)
        if tokenizer is not None:
            pad_on_the_left(tokenizer)
        return processor

    @staticmethod
    def audio_extractor(processor):
        return getattr(processor, "feature_extractor", None) or getattr(processor, "audio_processor", None)

    def auto_class(self):
        """The auto class whose mapping (or, for custom code, whose `auto_map` entry) covers the config."""
        import transformers

        auto_map = getattr(self.config, "auto_map", None) or {}
        for name in AUTO_CLASSES:
            auto = getattr(transformers, name)
            custom = self.options.trust_remote_code and name in auto_map
            if type(self.config) in auto._model_mapping or custom:
                return auto
        raise ModelError(f"{self.name}: model type {self.config.model_type!r} is neither an audio-language "
                         "model (AutoModelForMultimodalLM) nor speech-to-text (AutoModelForSpeechSeq2Seq)")

    def load_weights(self):
        auto = self.auto_class()
        try:
            model = auto.from_pretrained(self.name, revision=self.options.revision, dtype=self.dtype,
                                         trust_remote_code=self.options.trust_remote_code,
                                         **self.loading_settings())
            return model.to(self.device).eval()
        except Exception as error:  # noqa: BLE001
            explained = needs.explain(self.name, error, "the model")
            failure = explained or ModelError(f"{self.name}: cannot load the weights: {first_line(error)}")
            raise failure from error

    def loading_settings(self) -> dict:
        """More arguments for `from_pretrained` (a family adapter may change the config it loads)."""
        return {}

    def greedy_config(self):
        generation = copy.deepcopy(self.model.generation_config)
        generation.do_sample = False
        generation.num_beams = 1
        generation.temperature = generation.top_p = generation.top_k = None
        generation.max_new_tokens = self.common.max_new_tokens
        generation.max_length = None
        if generation.pad_token_id is None:
            generation.pad_token_id = self.tokenizer.pad_token_id
        return generation

    @property
    def tokenizer(self):
        return getattr(self.processor, "tokenizer", self.processor)

    @property
    def chat_template(self):
        """The template that lays out a turn: a file given as an option, else the processor's own,
        else the tokenizer's (some processors drop the template the tokenizer keeps)."""
        return self.template_and_source[0]

    @cached_property
    def template_and_source(self) -> tuple:
        """(template, where it came from), read once: a file given as an option is read at load (the
        probe), and every batch and the run card's hash then use that very text."""
        if self.options.chat_template:
            try:
                return Path(self.options.chat_template).expanduser().read_text(encoding="utf-8"), "option"
            except OSError as error:
                raise ModelError(f"--model-option chat_template={self.options.chat_template}: "
                                 f"cannot read it ({error.strerror})") from None
        own = getattr(self.processor, "chat_template", None)
        if own:
            return own, "processor"
        from_tokenizer = getattr(self.tokenizer, "chat_template", None)
        return (from_tokenizer, "tokenizer") if from_tokenizer else (None, None)

    # -- generation ----------------------------------------------------------------------------
    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        if self.options.group_by_length and self.batcher.size > 1:
            return run_grouped(list(requests), lambda items: self.batcher.run(items, self._batch_or_each),
                               self.tokenizer)
        return self.batcher.run(list(requests), self._batch_or_each)

    def rows_per_call(self, batch_rows: int) -> int:
        """A window of a few batches, sorted by length into batches (models/batching.py)."""
        return window_rows(self.batcher.size) if self.options.group_by_length and self.batcher.size > 1 \
            else batch_rows

    def _batch_or_each(self, chunk: Sequence[Request]) -> list[str | BaseException]:
        """A batch that fails for a reason other than memory is retried one request at a time,
        so one bad sample costs only its own answer (out of memory goes to the batcher, to halve)."""
        return each_on_failure(chunk, self.generate_batch, reraise=is_out_of_memory)

    def generate_batch(self, requests: Sequence[Request]) -> list[str]:
        return self.generate_from(self.build_inputs(requests))

    def generate_from(self, inputs) -> list[str]:
        """Texts the model generates from processor outputs (moved to its device and dtype)."""
        import torch

        inputs = self.to_device(inputs)
        with torch.inference_mode():
            output = self.run_generate(inputs)
        return self.decode(getattr(output, "sequences", output), inputs)

    def run_generate(self, inputs: dict):
        """The one call of the model's `generate` (a family may call another module, or add arguments)."""
        return self.model.generate(**inputs, generation_config=self.generation_config)

    def conversation(self, request: Request) -> list[dict]:
        content: list[dict] = [{"type": "audio", "audio": audio} for audio in self.resampled(request)]
        content.append({"type": "text", "text": request.prompt})
        return [*system_turn(request), {"role": "user", "content": content}]

    def build_inputs(self, requests: Sequence[Request]):
        if self.chat_template is None:
            raise ModelError(f"{self.name}: neither its processor nor its tokenizer has a chat template to "
                             "lay out audio and text")
        return self.processor.apply_chat_template(
            [self.conversation(request) for request in requests], chat_template=self.chat_template,
            add_generation_prompt=True,
            tokenize=True, return_dict=True, return_tensors="pt",
            processor_kwargs={"text_kwargs": {"padding": True}})  # audio keeps its own padding

    def resampled(self, request: Request) -> list[np.ndarray]:
        return self.resample(request.audios, request.sampling_rate)

    @property
    def sampling_rate(self) -> int:
        return getattr(self.audio_extractor(self.processor), "sampling_rate", None) or 16_000

    def resample(self, clips, rate: int) -> list[np.ndarray]:
        """Clips at `rate` as float32 arrays at the feature extractor's rate."""
        if rate == self.sampling_rate:
            return [np.asarray(clip, dtype=np.float32) for clip in clips]
        import soxr

        return [soxr.resample(np.asarray(clip, dtype=np.float32), rate, self.sampling_rate) for clip in clips]

    def to_device(self, inputs) -> dict:
        moved = {}
        for key, value in dict(inputs).items():
            if hasattr(value, "is_floating_point") and value.is_floating_point():
                value = value.to(self.device, dtype=self.dtype)  # features follow the weights' dtype
            elif hasattr(value, "to"):
                value = value.to(self.device)
            moved[key] = value
        return moved

    def decode(self, sequences, inputs) -> list[str]:
        if not self.model.config.is_encoder_decoder and "input_ids" in inputs:
            sequences = sequences[:, inputs["input_ids"].shape[1]:]  # keep only what was generated
        return [text.strip() for text in self.tokenizer.batch_decode(sequences, skip_special_tokens=True)]

    # -- bookkeeping ---------------------------------------------------------------------------
    def describe(self) -> dict:
        import transformers

        return {
            "id": self.name,
            "backend": self.backend,
            "family": self.family,
            "class": type(self.model).__name__,
            "revision": self.options.revision,
            "resolved_revision": resolved_revision(self.name, self.options.revision),
            "chat_template_sha256": template_hash(self.chat_template),
            **self.layout_notes(),
            "processor": type(self.processor).__name__,
            "audio_settings_sha256": _optional_hash(self.audio_settings()),
            "trust_remote_code": self.options.trust_remote_code,
            # device and batch size stay out: they change speed, not answers (the run card's
            # "execution" records them), so a run may resume on another card or batch size
            "dtype": str(self.dtype).removeprefix("torch."),
            "generation": {"do_sample": False, "num_beams": 1, "max_new_tokens": self.common.max_new_tokens},
            "transformers_version": transformers.__version__,
        }

    def layout_notes(self) -> dict:
        """What differs from the plain layout (only then, so older run cards still match): a template
        taken from the tokenizer or a file, an audio-only processor, an instruction the template drops."""
        source = self.template_and_source[1]
        notes = {"chat_template_source": source} if source in ("tokenizer", "option") else {}
        if self.processor_note:
            notes["processor_note"] = self.processor_note
        return {**notes, **getattr(self, "layout", {})}

    def audio_settings(self) -> dict | None:
        """The feature extractor's settings (rate, window, mel bins): they change what the model hears."""
        extractor = self.audio_extractor(self.processor)
        to_dict = getattr(extractor, "to_dict", None)
        return to_dict() if callable(to_dict) else None

    def close(self) -> None:
        from .oom import release_cached_memory

        self.model = None
        release_cached_memory()


def _optional_hash(settings: dict | None) -> str | None:
    return None if settings is None else sha256_json(settings)
