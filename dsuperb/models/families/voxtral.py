"""Voxtral: its conversation is laid out by mistral-common (the tokenizer is a tekken.json; there is
no jinja chat template), which takes audio only as a URL, a file path or base64 content, never as an
array. Each clip is sent as a base64 WAV (32-bit float, so nothing is lost on the way). mistral-common
takes a system message beside audio only from tokenizer version 13; with an older tokenizer (the
published Voxtral Mini and Small have v7) a system prompt is the first line of the user's text."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from ...audio import wav_bytes
from ..base import Request
from ..transformers_generic import TransformersModel


class VoxtralModel(TransformersModel):
    family = "voxtral"

    @property
    def chat_template(self):
        import mistral_common

        # what lays out the turn (its hash goes into the run card)
        return f"mistral-common {mistral_common.__version__}"

    def conversation(self, request: Request) -> list[dict]:
        rate = self.sampling_rate
        content = [{"type": "audio", "base64": base64.b64encode(wav_bytes(clip, rate, "FLOAT")).decode()}
                   for clip in self.resampled(request)]
        if request.system is not None and not self.takes_system_messages:
            content.append({"type": "text", "text": f"{request.system}\n{request.prompt}"})
            return [{"role": "user", "content": content}]
        content.append({"type": "text", "text": request.prompt})
        system = [{"role": "system", "content": request.system}] if request.system is not None else []
        return [*system, {"role": "user", "content": content}]

    @property
    def takes_system_messages(self) -> bool:
        version = self.tokenizer.tokenizer.instruct_tokenizer.tokenizer.version
        return int(str(getattr(version, "value", version)).lstrip("v")) >= 13

    def build_inputs(self, requests: Sequence[Request]):
        return self.processor.apply_chat_template([self.conversation(request) for request in requests],
                                                  add_generation_prompt=True, tokenize=True, return_dict=True,
                                                  return_tensors="pt")
