"""A model served behind an OpenAI-compatible chat-completions endpoint (vLLM, SGLang, an API).

Each audio input goes as an `input_audio` part (base64 WAV) before the text, in one user turn,
after a system message when the run has a system prompt.
The model streams: a window of `concurrency` requests is kept in flight (`infra.window`), a new
one sent the moment one is answered, across instance boundaries, while the next requests are
encoded ahead. Requests go through the shared chat client (timeouts, retries with jittered
back-off, a circuit breaker), spread over one or more servers (`ServerPool`: least in flight
first, a failing server passed over). Before the first request each server's `/v1/models` is
read: the model it serves is recorded in the run card, and a server serving another model than
the one named is an error. A sample that still fails comes back as its own exception, so the
runner records it and the others are kept.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..audio import wav_bytes
from ..errors import EndpointError, ModelError
from ..infra.chat import ChatClient, ChatSettings, ServerFailure, ServerPool, encode
from ..infra.window import windowed
from ..vocab.inputs import InputKind
from .base import Answered, Model, Request
from .options import CommonOptions, option, parse_options

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_CONCURRENCY = 64  # enough to keep a continuous-batching server (vLLM, SGLang) busy
LISTING_TIMEOUT = 30.0
# what a server's /v1/models entry may say about the checkpoint behind a name (vLLM: root is the
# path or hub id it loaded; neither vLLM nor SGLang reports a revision today)
SERVED_FIELDS = ("id", "root", "parent", "revision", "max_model_len", "owned_by")


@dataclass(frozen=True)
class EndpointOptions:
    base_url: str | None = option(None, "the server's OpenAI-compatible base URL, or several separated by "
                                        "commas (requests are spread over them); default: the OpenAI API",
                                  scored=False)
    api_key_env: str = option("OPENAI_API_KEY", "environment variable holding the API key", scored=False)
    concurrency: int = option(DEFAULT_CONCURRENCY, "requests in flight at once, over all servers",
                              scored=False)
    timeout: float = option(120.0, "seconds to wait for one reply", scored=False)
    max_retries: int = option(3, "retries (with back-off) after a timeout or server error", scored=False)
    backoff: float = option(1.0, "seconds before the first retry (doubling, jittered)", scored=False)
    revision: str | None = option(None, "the checkpoint revision the servers serve, for the run card "
                                        "(servers do not report it)")


def base_urls(text: str | None) -> list[str]:
    """The servers a `base_url` option names (commas or spaces between them), each checked."""
    urls = [url.strip().rstrip("/") for url in (text or DEFAULT_BASE_URL).replace(",", " ").split()]
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise ModelError(f"--base-url {url}: not an http:// or https:// URL")
    if not urls:
        raise ModelError("--base-url: no URL given")
    return list(dict.fromkeys(urls))


class OpenAIChatModel(Model):
    backend = "openai-chat"
    Options = EndpointOptions
    accepts = frozenset({InputKind.AUDIO, InputKind.TEXT})
    streams = True

    def __init__(self, model_name: str, common: CommonOptions, raw_options: dict | EndpointOptions):
        if not model_name.strip():
            raise ModelError("openai:<name>: no model name given after 'openai:'")
        self.model_name = model_name
        self.name = f"openai:{model_name}"
        self.common = common
        self.options = raw_options if isinstance(raw_options, EndpointOptions) else \
            parse_options(EndpointOptions, raw_options, self.name)
        self.base_urls = base_urls(self.options.base_url)
        env = self.options.api_key_env
        api_key = os.environ.get(env) if env else None
        if DEFAULT_BASE_URL in self.base_urls and not api_key:
            raise ModelError(f"{self.name}: the OpenAI API needs a key in ${env} "
                             "(or give --base-url for a local server)")
        # the CLI's --timeout takes only positive numbers; --model-option reaches here unchecked
        if self.options.timeout <= 0:
            raise ModelError(f"{self.name}: model option timeout={self.options.timeout:g}: "
                             "expected seconds above 0")
        if self.options.backoff < 0:
            raise ModelError(f"{self.name}: model option backoff={self.options.backoff:g}: "
                             "expected seconds of 0 or more")
        self.concurrency = max(1, int(self.options.concurrency))
        settings = ChatSettings(timeout=self.options.timeout, max_retries=max(0, self.options.max_retries),
                                backoff=self.options.backoff)
        self.pool = ServerPool([ChatClient(url, api_key, settings) for url in self.base_urls])
        self._served: list[dict] | None = None

    # -- answering ----------------------------------------------------------------------------

    def answer_stream(self, requests: Iterable[Request]) -> Iterator[Answered]:
        return windowed(requests, self.encode, self.send, self.concurrency)

    def generate(self, requests: Sequence[Request]) -> list[str | BaseException]:
        requests = list(requests)
        answers: dict[int, str | BaseException] = {}
        window = min(self.concurrency, max(1, len(requests)))
        for group in windowed(requests, self.encode, self.send, window):
            answers.update((id(request), answer) for request, answer in group)
        return [answers[id(request)] for request in requests]

    def encode(self, request: Request) -> bytes:
        return encode(self.payload(request))

    def send(self, body: bytes) -> str | BaseException:
        try:
            return self.pool.complete(body).strip()
        except EndpointError as error:
            return EndpointError(f"{self.name}: {error}")

    def payload(self, request: Request) -> dict:
        parts: list[dict] = []
        for audio in request.audios:
            data = base64.b64encode(wav_bytes(audio, request.sampling_rate)).decode("ascii")
            parts.append({"type": "input_audio", "input_audio": {"data": data, "format": "wav"}})
        parts.append({"type": "text", "text": request.prompt})
        system = [{"role": "system", "content": request.system}] if request.system is not None else []
        return {
            "model": self.model_name,
            "messages": [*system, {"role": "user", "content": parts}],
            "max_tokens": self.common.max_new_tokens,
            "temperature": 0,
            "seed": self.common.seed,
        }

    # -- what is served -----------------------------------------------------------------------

    def served(self) -> list[dict]:
        """What each server's `/v1/models` says of the model (read once). A server that serves
        another model is a ModelError; one that cannot be reached is one too unless another
        server answers (requests then pass it over); a server that lists nothing is recorded so."""
        if self._served is None:
            self._served = [self._ask(client) for client in self.pool.clients]
            if all("unreachable" in entry for entry in self._served):
                raise ModelError(f"{self.name}: {self._served[0]['unreachable']}"
                                 + (" (and every other --base-url)" if len(self._served) > 1 else ""))
        return self._served

    def _ask(self, client: ChatClient) -> dict:
        try:
            listing = client.get_json("models", timeout=min(LISTING_TIMEOUT, self.options.timeout))
        except ServerFailure as error:
            return {"url": client.base_url, "unreachable": str(error)}
        except EndpointError as error:  # e.g. 404: a server that does not list its models
            return {"url": client.base_url, "listed": False, "message": str(error)}
        entries = listing.get("data") if isinstance(listing, dict) else None
        if not isinstance(entries, list):
            return {"url": client.base_url, "listed": False, "message": "/v1/models gave no data list"}
        cards = [entry for entry in entries if isinstance(entry, dict)]
        match = next((card for card in cards if card.get("id") == self.model_name), None)
        if match is None:
            names = ", ".join(str(card.get("id")) for card in cards[:5]) or "no model"
            more = f" and {len(cards) - 5} more" if len(cards) > 5 else ""
            raise ModelError(f"{self.name}: {client.base_url} serves {names}{more}, not {self.model_name!r} "
                             "(name the served model: --model openai:<id as /v1/models lists it>)")
        facts = {key: match[key] for key in SERVED_FIELDS if match.get(key) is not None}
        return {"url": client.base_url, **facts}

    def describe(self) -> dict:
        self.served()  # before anything is written: a server serving another model stops the run here
        return {
            "id": self.name,
            "backend": self.backend,
            "generation": {"temperature": 0, "max_new_tokens": self.common.max_new_tokens,
                           "seed": self.common.seed},
        }

    def execution(self) -> dict:
        return {"servers": self.served()}
