"""An LLM judge run locally with transformers (a hub id or a local folder).

transformers and torch are imported only when this judge is built. Decoding is greedy. The
model's chat template is used when it has one, else the bare prompt. A generation that fails
comes back as the exception and is recorded as a judge failure for that row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import JudgeError
from .judge_llm import LLMJudge


class TransformersJudge(LLMJudge):
    def __init__(self, model: str, cache_dir: Path | None = None, max_new_tokens: int = 128,
                 device: str | None = None, revision: str | None = None, **_ignored):
        try:
            import torch  # noqa: F401  (transformers needs it; say so plainly if it is missing)
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as exc:
            raise JudgeError(f"the hf: judge needs torch and transformers: pip install 'dsuperb[models]' "
                             f"({exc})") from None
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model, revision=revision)
            self.model = AutoModelForCausalLM.from_pretrained(model, revision=revision)
        except (OSError, ValueError) as exc:
            detail = " ".join(str(exc).split())[:300]
            raise JudgeError(f"cannot load judge model '{model}': {detail}") from None
        if device:
            self.model.to(device)
        self.model.eval()
        commit = getattr(self.model.config, "_commit_hash", None)
        super().__init__(f"hf:{model}" + (f"@{commit}" if commit else ""), cache_dir)
        self.max_new_tokens = max_new_tokens

    def complete(self, prompts: Sequence[str]) -> list[str | BaseException]:
        return [self._generate(prompt) for prompt in prompts]

    def _generate(self, prompt: str) -> str | BaseException:
        import torch

        try:
            if getattr(self.tokenizer, "chat_template", None):
                messages = [{"role": "user", "content": prompt}]
                text = self.tokenizer.apply_chat_template(messages, tokenize=False,
                                                          add_generation_prompt=True)
            else:
                text = prompt + "\n"
            inputs = self.tokenizer(text, return_tensors="pt").to(self.model.device)
            pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None \
                else self.tokenizer.eos_token_id
            with torch.no_grad():
                output = self.model.generate(**inputs, max_new_tokens=self.max_new_tokens, do_sample=False,
                                             pad_token_id=pad)
            return self.tokenizer.decode(output[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
        except Exception as exc:  # one failed generation is that row's judge failure, not a crash
            return exc
