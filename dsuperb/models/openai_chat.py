"""A model served behind an OpenAI-compatible chat-completions endpoint (vLLM, an API).

Each audio input goes as an `input_audio` part (base64 WAV) before the instruction, in one user
turn. Requests run on a bounded thread pool; each has a timeout and retries with exponential
back-off on timeouts, dropped connections, 429 and 5xx. A sample that still fails comes back as its
own exception, so the runner records it and the rest of the batch is kept.
"""

from __future__ import annotations

import base64
import json
import os
import random
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from ..local_dataset import wav_bytes
from .base import Model, ModelError, ModelOptions, Request

DEFAULT_BASE_URL = "https://api.openai.com/v1"
RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
MAX_BACKOFF_SECONDS = 30.0


class EndpointError(ModelError):
    """One request that failed for good; the message names the model and the cause."""


class _Retryable(Exception):
    pass


class OpenAIChatModel(Model):
    backend = "openai-chat"

    def __init__(self, model_name: str, options: ModelOptions):
        if not model_name.strip():
            raise ModelError("openai:<name>: no model name given after 'openai:'")
        self.model_name = model_name
        self.name = f"openai:{model_name}"
        self.options = options
        self.base_url = (options.base_url or DEFAULT_BASE_URL).rstrip("/")
        self.url = f"{self.base_url}/chat/completions"
        self.api_key = os.environ.get(options.api_key_env) if options.api_key_env else None
        if self.base_url == DEFAULT_BASE_URL and not self.api_key:
            raise ModelError(f"{self.name}: the OpenAI API needs a key in ${options.api_key_env} "
                             "(or give --base-url for a local server)")
        self.backoff = float(options.extra.get("backoff", 1.0))  # first retry's wait, seconds
        self.concurrency = max(1, int(options.concurrency))

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        with ThreadPoolExecutor(max_workers=min(self.concurrency, max(1, len(requests)))) as pool:
            return list(pool.map(self._answer, requests))

    def _answer(self, request: Request) -> str | BaseException:
        try:
            return self._post_with_retries(self.payload(request))
        except EndpointError as error:
            return error

    def payload(self, request: Request) -> dict:
        parts: list[dict] = []
        for audio in request.audios:
            data = base64.b64encode(wav_bytes(audio, request.sampling_rate)).decode("ascii")
            parts.append({"type": "input_audio", "input_audio": {"data": data, "format": "wav"}})
        parts.append({"type": "text", "text": request.prompt})
        return {
            "model": self.model_name,
            "messages": [{"role": "user", "content": parts}],
            "max_tokens": self.options.max_new_tokens,
            "temperature": 0,
            "seed": self.options.seed,
        }

    def _post_with_retries(self, payload: dict) -> str:
        body = json.dumps(payload).encode("utf-8")
        attempts = self.options.max_retries + 1
        for attempt in range(attempts):
            try:
                return self._post(body)
            except _Retryable as error:
                if attempt + 1 == attempts:
                    raise EndpointError(f"{self.name}: {error} (gave up after {attempts} tries)") from error
                wait = min(MAX_BACKOFF_SECONDS, self.backoff * 2 ** attempt)
                time.sleep(wait * (0.5 + random.random() / 2))  # jitter keeps parallel retries apart
        raise AssertionError("unreachable")

    def _post(self, body: bytes) -> str:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        call = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(call, timeout=self.options.timeout) as reply:
                raw = reply.read()
        except urllib.error.HTTPError as error:
            detail = error.read()[:200].decode("utf-8", "replace").strip()
            message = f"HTTP {error.code} from {self.url}: {detail}"
            if error.code in RETRYABLE_STATUS:
                raise _Retryable(message) from error
            raise EndpointError(f"{self.name}: {message}") from error
        except TimeoutError as error:
            raise _Retryable(f"no reply from {self.url} within {self.options.timeout:g} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Retryable(f"no reply from {self.url} within {self.options.timeout:g} s") from error
            raise _Retryable(f"cannot reach {self.url}: {error.reason}") from error
        except (ConnectionError, OSError) as error:
            raise _Retryable(f"connection to {self.url} failed: {error}") from error
        return self._text(raw)

    def _text(self, raw: bytes) -> str:
        try:
            reply = json.loads(raw)
        except ValueError as error:  # a proxy's HTML page, a reply cut short
            raise EndpointError(f"{self.name}: reply from {self.url} is not JSON: {raw[:200]!r}") from error
        choices = reply.get("choices") if isinstance(reply, dict) else None
        if not choices or not isinstance(choices, list):
            raise EndpointError(f"{self.name}: reply from {self.url} has no choices: {raw[:200]!r}")
        try:
            content = choices[0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as error:
            raise EndpointError(f"{self.name}: reply is not a chat completion: {raw[:200]!r}") from error
        if not isinstance(content, str):
            raise EndpointError(f"{self.name}: reply has no text content")
        return content.strip()

    def describe(self) -> dict:
        return {
            "id": self.name,
            "backend": self.backend,
            "base_url": self.base_url,
            "generation": {"temperature": 0, "max_new_tokens": self.options.max_new_tokens,
                           "seed": self.options.seed},
            "timeout_s": self.options.timeout,
            "max_retries": self.options.max_retries,
            "concurrency": self.concurrency,
        }
