"""Qwen2-Audio, Instruct and base. Instruct goes through its chat template like any model. The base
model was never trained on a chat layout, so it gets the prompt its authors documented: audio
markers, then the instruction. Which is which: `--model-option prompt_format=base|chat` when
given; else a template given with `--model-option chat_template=` or a name holding "instruct"
is chat; else a processor without a template of its own (the processor class supplies a default
one) or a name ending in "Qwen2-Audio-7B" is base."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..base import Request
from ..options import option
from ..transformers_generic import TransformersModel, TransformersOptions

AUDIO_SLOT = "<|audio_bos|><|AUDIO|><|audio_eos|>"


@dataclass(frozen=True)
class Qwen2AudioOptions(TransformersOptions):
    prompt_format: str | None = option(None, "base or chat (default: from the name and the processor)")


class Qwen2AudioModel(TransformersModel):
    family = "qwen2_audio"
    Options = Qwen2AudioOptions

    @property
    def is_base(self) -> bool:
        chosen = self.options.prompt_format
        if chosen in ("base", "chat"):
            return chosen == "base"
        if self.options.chat_template:  # a template given: the chat layout
            return False
        name = self.name.rstrip("/").lower()
        if "instruct" in name:
            return False
        own = getattr(self.processor, "chat_template", None)
        return own is None or own == self.processor.default_chat_template or name.endswith("qwen2-audio-7b")

    @property
    def chat_template(self):
        return None if self.is_base else super().chat_template

    def build_inputs(self, requests: Sequence[Request]):
        if not self.is_base:
            return super().build_inputs(requests)
        # the base model knows no roles: a system prompt goes first, as a line of plain text
        prompts = [(f"{request.system}\n" if request.system is not None else "")
                   + AUDIO_SLOT * len(request.audios) + request.prompt for request in requests]
        audios = [audio for request in requests for audio in self.resampled(request)]
        rate = self.processor.feature_extractor.sampling_rate
        return self.processor(text=prompts, audio=audios or None, sampling_rate=rate, padding=True,
                              return_tensors="pt")

    def describe(self) -> dict:
        return {**super().describe(), "prompt_format": "base" if self.is_base else "chat"}
