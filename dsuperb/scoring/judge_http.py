"""An LLM judge behind an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp...).

Settings: model from the spec (`openai:<model>`); base URL from `base_url=` /
`DSUPERB_JUDGE_BASE_URL` / `OPENAI_BASE_URL` (default https://api.openai.com/v1); key from
`api_key=` / `DSUPERB_JUDGE_API_KEY` / `OPENAI_API_KEY`; retries from `retries=` /
`DSUPERB_JUDGE_RETRIES` (default 3). Requests go through the shared
`ChatClient` (retries with jittered back-off, a circuit breaker after `give_up_after` failures
in a row); what still fails comes back as the exception, recorded as a judge failure.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import EndpointError, JudgeError
from ..infra.chat import ChatClient, ChatSettings
from .judge_llm import LLMJudge

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class HttpJudge(LLMJudge):
    def __init__(self, model: str, cache_dir: Path | None = None, base_url: str | None = None,
                 api_key: str | None = None, timeout: float | None = None, retries: int | None = None,
                 backoff: float = 1.0, workers: int = 4, max_tokens: int = 256, give_up_after: int = 8):
        super().__init__(f"openai:{model}", cache_dir)
        self.model = model
        environment = os.environ.get("DSUPERB_JUDGE_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        self.base_url = (base_url or environment or DEFAULT_BASE_URL).rstrip("/")
        api_key = api_key or os.environ.get("DSUPERB_JUDGE_API_KEY") or os.environ.get("OPENAI_API_KEY")
        if retries is None:
            retries = _setting("DSUPERB_JUDGE_RETRIES", 3, int, lambda n: n >= 0,
                               "a whole number of 0 or more")
        if timeout is None:
            timeout = _setting("DSUPERB_JUDGE_TIMEOUT", 60.0, float, lambda s: s > 0, "seconds above 0")
        settings = ChatSettings(timeout=timeout, max_retries=retries, backoff=backoff,
                                give_up_after=give_up_after)
        self.client = ChatClient(self.base_url, api_key, settings)
        self.workers = max(1, workers)
        self.max_tokens = max_tokens

    def complete(self, prompts: Sequence[str]) -> list[str | BaseException]:
        if len(prompts) == 1 or self.workers == 1:
            return [self._complete_one(p) for p in prompts]
        pool = ThreadPoolExecutor(self.workers)
        try:
            return list(pool.map(self._complete_one, prompts))
        finally:  # on Ctrl-C, drop the prompts not yet sent instead of waiting for them all
            pool.shutdown(wait=False, cancel_futures=True)

    def _complete_one(self, prompt: str) -> str | BaseException:
        payload = {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                   "messages": [{"role": "user", "content": prompt}]}
        try:
            return self.client.complete(payload)
        except EndpointError as exc:  # recorded per item: one bad reply must not end the whole scoring
            return JudgeError(str(exc))

    @property
    def identity(self) -> dict:
        return {"id": self.id, "prompt_hash": self.prompt_hash, "base_url": self.base_url}


def _setting(variable: str, default, parse, valid, expected: str):
    """A judge setting from the environment; a value that is no number or out of range is the
    user's mistake, named here, not a ValueError from deep inside a request."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    try:
        value = parse(text)
    except ValueError:
        value = None
    if value is None or not valid(value):
        raise JudgeError(f"{variable}={text}: expected {expected}")
    return value
