"""A model served behind an OpenAI-compatible chat-completions endpoint (vLLM, SGLang, an API).

Each audio input goes as an `input_audio` part (base64 WAV) before the text, in one user turn.
Requests run on a bounded thread pool through the shared `ChatClient` (timeouts, retries with
jittered back-off, a circuit breaker). A sample that still fails comes back as its own
exception, so the runner records it and the rest of the batch is kept.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..audio import wav_bytes
from ..errors import EndpointError, ModelError
from ..infra.chat import ChatClient, ChatSettings
from ..vocab.inputs import InputKind
from .base import Model, Request
from .options import CommonOptions, option, parse_options

DEFAULT_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class EndpointOptions:
    base_url: str | None = option(None, "the server's OpenAI-compatible base URL (default: the OpenAI API)",
                                  scored=False)
    api_key_env: str = option("OPENAI_API_KEY", "environment variable holding the API key", scored=False)
    concurrency: int = option(4, "requests in flight at once", scored=False)
    timeout: float = option(120.0, "seconds to wait for one reply", scored=False)
    max_retries: int = option(3, "retries (with back-off) after a timeout or server error", scored=False)
    backoff: float = option(1.0, "seconds before the first retry (doubling, jittered)", scored=False)


class OpenAIChatModel(Model):
    backend = "openai-chat"
    Options = EndpointOptions
    accepts = frozenset({InputKind.AUDIO, InputKind.TEXT})

    def __init__(self, model_name: str, common: CommonOptions, raw_options: dict | EndpointOptions):
        if not model_name.strip():
            raise ModelError("openai:<name>: no model name given after 'openai:'")
        self.model_name = model_name
        self.name = f"openai:{model_name}"
        self.common = common
        self.options = raw_options if isinstance(raw_options, EndpointOptions) else \
            parse_options(EndpointOptions, raw_options, self.name)
        self.base_url = (self.options.base_url or DEFAULT_BASE_URL).rstrip("/")
        env = self.options.api_key_env
        api_key = os.environ.get(env) if env else None
        if self.base_url == DEFAULT_BASE_URL and not api_key:
            raise ModelError(f"{self.name}: the OpenAI API needs a key in ${env} "
                             "(or give --base-url for a local server)")
        self.concurrency = max(1, int(self.options.concurrency))
        settings = ChatSettings(timeout=self.options.timeout, max_retries=max(0, self.options.max_retries),
                                backoff=self.options.backoff)
        self.client = ChatClient(self.base_url, api_key, settings)

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        with ThreadPoolExecutor(max_workers=min(self.concurrency, max(1, len(requests)))) as pool:
            return list(pool.map(self.answer, requests))

    def answer(self, request: Request) -> str | BaseException:
        try:
            return self.client.complete(self.payload(request)).strip()
        except EndpointError as error:
            return EndpointError(f"{self.name}: {error}")

    def payload(self, request: Request) -> dict:
        parts: list[dict] = []
        for audio in request.audios:
            data = base64.b64encode(wav_bytes(audio, request.sampling_rate)).decode("ascii")
            parts.append({"type": "input_audio", "input_audio": {"data": data, "format": "wav"}})
        parts.append({"type": "text", "text": request.prompt})
        return {
            "model": self.model_name,
            "messages": [{"role": "user", "content": parts}],
            "max_tokens": self.common.max_new_tokens,
            "temperature": 0,
            "seed": self.common.seed,
        }

    def describe(self) -> dict:
        return {
            "id": self.name,
            "backend": self.backend,
            "base_url": self.base_url,
            "generation": {"temperature": 0, "max_new_tokens": self.common.max_new_tokens,
                           "seed": self.common.seed},
        }
