"""Granite-speech (and -plus): the processor publishes no chat template; the tokenizer's Granite
template takes each turn's content as a string, in which the user writes one `<|audio|>` per clip
(before the instruction, as the model card's examples do). The rendered prompts and the clips then
go through the processor together. (Its feature extractor needs torchaudio and its audio LoRA peft:
models/needs.py stops at load without them.)"""

from __future__ import annotations

from collections.abc import Sequence

from ..base import Request
from ..transformers_generic import TransformersModel


def string_content_prompt(tokenizer, template: str | None, audio_token: str, request: Request) -> str:
    """One request as the Granite template renders it: system turn, then one user turn of text."""
    turns = [{"role": "system", "content": request.system}] if request.system is not None else []
    turns.append({"role": "user", "content": audio_token * len(request.audios) + request.prompt})
    return tokenizer.apply_chat_template(turns, chat_template=template, add_generation_prompt=True,
                                         tokenize=False)


class GraniteSpeechModel(TransformersModel):
    family = "granite_speech"

    def build_inputs(self, requests: Sequence[Request]):
        token = self.processor.audio_token
        prompts = [string_content_prompt(self.tokenizer, self.chat_template, token, request)
                   for request in requests]
        audios = [clip for request in requests for clip in self.resampled(request)]
        return self.processor(text=prompts, audio=audios or None, return_tensors="pt", padding=True)
