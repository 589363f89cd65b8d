"""A text-only causal LM through transformers: the cascade's second stage. Same loading, batching,
greedy decoding and run-card record as the audio adapter; the tokenizer's chat template (when it
has one) lays out the prompt."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ModelError
from ..infra.errortext import first_line
from .base import Request
from .transformers_generic import TransformersModel, pad_on_the_left


class TextLMModel(TransformersModel):
    family = "text_lm"

    def load_processor(self):
        from transformers import AutoTokenizer

        try:
            tokenizer = AutoTokenizer.from_pretrained(self.name, revision=self.options.revision,
                                                      trust_remote_code=self.options.trust_remote_code)
        except Exception as error:  # noqa: BLE001
            raise ModelError(f"{self.name}: cannot load its tokenizer: {first_line(error)}") from error
        pad_on_the_left(tokenizer)
        return tokenizer

    def probe_layout(self) -> dict:
        return {}  # it is given transcripts, never audio: there is no audio layout to check

    def auto_class(self):
        from transformers import AutoModelForCausalLM

        return AutoModelForCausalLM

    def build_inputs(self, requests: Sequence[Request]):
        if any(request.audios for request in requests):
            raise ModelError(f"{self.name}: a text-only model was given audio")
        if self.chat_template is None:  # no roles: a system prompt goes first, as plain text
            prompts = [(f"{r.system}\n" if r.system is not None else "") + r.prompt for r in requests]
            return self.tokenizer(prompts, padding=True, return_tensors="pt")
        chats = [([{"role": "system", "content": r.system}] if r.system is not None else [])
                 + [{"role": "user", "content": r.prompt}] for r in requests]
        return self.tokenizer.apply_chat_template(chats, add_generation_prompt=True, tokenize=True,
                                                  return_dict=True, padding=True, return_tensors="pt")
