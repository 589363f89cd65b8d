"""An LLM judge behind an OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp...).

Settings: model from the spec (`openai:<model>`); base URL from `base_url=` /
`DSUPERB_JUDGE_BASE_URL` / `OPENAI_BASE_URL` (default https://api.openai.com/v1); key from
`api_key=` / `DSUPERB_JUDGE_API_KEY` / `OPENAI_API_KEY`. Timeouts, connection errors, 429 and
5xx replies are retried with exponential back-off; what still fails comes back as the exception,
which the judge records as a judge failure. After `give_up_after` prompts in a row have failed,
the endpoint is taken to be down and the rest fail at once. Standard library only (urllib).
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .judge_llm import LLMJudge

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class JudgeRequestError(RuntimeError):
    """The endpoint did not give a usable reply (after retries where retrying made sense)."""


class HttpJudge(LLMJudge):
    def __init__(self, model: str, cache_dir: Path | None = None, base_url: str | None = None,
                 api_key: str | None = None, timeout: float | None = None, retries: int = 3,
                 backoff: float = 1.0, workers: int = 4, max_tokens: int = 256, give_up_after: int = 8):
        super().__init__(f"openai:{model}", cache_dir)
        self.model = model
        environment = os.environ.get("DSUPERB_JUDGE_BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        self.base_url = (base_url or environment or DEFAULT_BASE_URL).rstrip("/")
        self.api_key = api_key or os.environ.get("DSUPERB_JUDGE_API_KEY") or os.environ.get("OPENAI_API_KEY")
        self.timeout = float(timeout or os.environ.get("DSUPERB_JUDGE_TIMEOUT") or 60)
        self.retries = retries
        self.backoff = backoff
        self.workers = max(1, workers)
        self.max_tokens = max_tokens
        # After this many prompts in a row have failed (each after its retries), the endpoint is
        # taken to be down: the remaining prompts fail at once instead of each waiting out its
        # timeouts and back-off. Failures are not cached, so a later run asks again.
        self.give_up_after = give_up_after
        self._failures_in_a_row = 0
        self._lock = threading.Lock()

    def complete(self, prompts: Sequence[str]) -> list[str | BaseException]:
        if len(prompts) == 1 or self.workers == 1:
            return [self._complete_one(p) for p in prompts]
        pool = ThreadPoolExecutor(self.workers)
        try:
            return list(pool.map(self._complete_one, prompts))
        finally:  # on Ctrl-C, drop the prompts not yet sent instead of waiting for them all
            pool.shutdown(wait=False, cancel_futures=True)

    def _complete_one(self, prompt: str) -> str | BaseException:
        with self._lock:
            down = self.give_up_after and self._failures_in_a_row >= self.give_up_after
        if down:
            failed = self._failures_in_a_row
            return JudgeRequestError(f"not asked: {self.base_url} failed {failed} prompts in a row")
        try:
            reply = self._with_retries(prompt)
        except Exception as exc:  # recorded per item: one bad reply must not end the whole scoring
            with self._lock:
                self._failures_in_a_row += 1
            return exc
        with self._lock:
            self._failures_in_a_row = 0
        return reply

    def _with_retries(self, prompt: str) -> str:
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return self._post(prompt)
            except _Retryable as exc:
                last = exc.cause
        raise JudgeRequestError(f"{self.base_url}: gave up after {self.retries + 1} attempt(s): {last}")

    def _post(self, prompt: str) -> str:
        body = json.dumps({
            "model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
            "messages": [{"role": "user", "content": prompt}],
        }).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(f"{self.base_url}/chat/completions", data=body, headers=headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:200].decode("utf-8", "replace").strip()
            error = JudgeRequestError(f"HTTP {exc.code} from {self.base_url}: {detail}")
            if exc.code == 429 or exc.code >= 500:
                raise _Retryable(error) from None
            raise error from None
        except TimeoutError as exc:
            raise _Retryable(JudgeRequestError(f"timed out after {self.timeout:g} s ({exc})")) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise _Retryable(JudgeRequestError(f"timed out after {self.timeout:g} s")) from None
            raise _Retryable(JudgeRequestError(f"cannot reach {self.base_url}: {reason}")) from None
        except (ConnectionError, OSError) as exc:
            raise _Retryable(JudgeRequestError(f"connection to {self.base_url} failed: {exc}")) from None
        return _message_text(payload, self.base_url)

    @property
    def identity(self) -> dict:
        return {"id": self.id, "prompt_hash": self.prompt_hash, "base_url": self.base_url}


class _Retryable(Exception):
    def __init__(self, cause: Exception):
        super().__init__(str(cause))
        self.cause = cause


def _message_text(payload: bytes, where: str) -> str:
    try:
        data = json.loads(payload)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise JudgeRequestError(f"{where}: reply is not a chat completion: {payload[:120]!r}") from None
    if not isinstance(content, str):
        raise JudgeRequestError(f"{where}: reply has no text content")
    return content
