"""One client for OpenAI-compatible chat-completions servers (vLLM, SGLang, an API), used by the
endpoint model and by the LLM judge alike.

- Timeouts, dropped connections, 408/409/425/429 and 5xx replies are retried with exponential
  back-off, capped and jittered so that parallel retries spread out.
- Other 4xx replies and replies that are not a chat completion fail at once (retrying would
  only repeat them).
- A circuit breaker: after `give_up_after` requests in a row have failed for good through the
  server's fault (no reply, 5xx), the server is taken to be down and requests fail at once,
  without waiting out their timeouts, until `cooldown` seconds have passed; then one request is
  let through to try again.

`ServerPool` spreads requests over several servers serving one model (least in flight first),
passing over a server whose breaker is open and trying the next server when one fails a request.

Standard library only (urllib), thread-safe: one client serves many threads.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import EndpointError

RETRYABLE_STATUS = frozenset({408, 409, 425, 429})
MAX_BACKOFF_SECONDS = 30.0
DETAIL_LIMIT = 200


class _Retryable(Exception):
    """A failure worth another try; the message says what happened."""


class ServerFailure(EndpointError):
    """The server, not the request, failed: no reply, a dropped connection or 5xx after every retry,
    or its circuit breaker is open. Another server may well answer the same request."""


@dataclass
class ChatSettings:
    timeout: float = 120.0
    max_retries: int = 3
    backoff: float = 1.0  # the first retry's wait, in seconds
    give_up_after: int = 8  # requests failed in a row before the breaker opens (0: never)
    cooldown: float = 30.0  # seconds an open breaker waits before letting one request through


class ChatClient:
    def __init__(self, base_url: str, api_key: str | None = None, settings: ChatSettings | None = None,
                 sleep=time.sleep, clock=time.monotonic):
        self.base_url = base_url.rstrip("/")
        self.url = f"{self.base_url}/chat/completions"
        self.api_key = api_key
        self.settings = settings or ChatSettings()
        self._sleep, self._clock = sleep, clock  # tests pass their own: none waits out a back-off or cooldown
        self._lock = threading.Lock()
        self._failed_in_a_row = 0
        self._opened_at: float | None = None

    # -- requests ----------------------------------------------------------------------------

    def complete(self, payload: dict | bytes) -> str:
        """The text of the first choice; EndpointError when the request failed for good
        (ServerFailure when the server was at fault). `payload` may come already encoded."""
        self._check_breaker()
        body = payload if isinstance(payload, bytes) else encode(payload)
        attempts = self.settings.max_retries + 1
        try:
            for attempt in range(attempts):
                try:
                    text = self._post(body)
                except _Retryable as error:
                    if attempt + 1 == attempts:
                        raise ServerFailure(f"{error} (gave up after {attempts} tries)") from None
                    self._sleep(self.backoff_seconds(attempt))
                    continue
                self._record(success=True)
                return text
        except EndpointError as error:
            # only the server's own failures count towards the breaker: a 400 is a live server
            self._record(success=not isinstance(error, ServerFailure))
            raise
        raise AssertionError("unreachable")

    def backoff_seconds(self, attempt: int) -> float:
        wait = min(MAX_BACKOFF_SECONDS, self.settings.backoff * 2 ** attempt)
        return wait * (0.5 + random.random() / 2)

    def get_json(self, path: str, timeout: float | None = None) -> object:
        """GET `base_url/path` (e.g. `models`) once, as JSON; EndpointError when it fails
        (ServerFailure when the server cannot be reached)."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        call = urllib.request.Request(url, headers=self._headers(), method="GET")
        try:
            with urllib.request.urlopen(call, timeout=timeout or self.settings.timeout) as reply:
                raw = reply.read()
        except urllib.error.HTTPError as error:
            raise EndpointError(f"HTTP {error.code} from {url}: {_detail(error)}") from None
        except (OSError, ValueError) as error:
            raise ServerFailure(f"cannot reach {url}: {getattr(error, 'reason', error)}") from None
        try:
            return json.loads(raw)
        except ValueError:
            raise EndpointError(f"reply from {url} is not JSON: {raw[:DETAIL_LIMIT]!r}") from None

    # -- internals ---------------------------------------------------------------------------

    def _headers(self) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def _post(self, body: bytes) -> str:
        timeout = self.settings.timeout
        call = urllib.request.Request(self.url, data=body, headers=self._headers(), method="POST")
        try:
            with urllib.request.urlopen(call, timeout=timeout) as reply:
                raw = reply.read()
        except urllib.error.HTTPError as error:
            message = f"HTTP {error.code} from {self.url}: {_detail(error)}"
            if error.code in RETRYABLE_STATUS or error.code >= 500:
                raise _Retryable(message) from None
            raise EndpointError(message) from None
        except TimeoutError:
            raise _Retryable(f"no reply from {self.url} within {timeout:g} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Retryable(f"no reply from {self.url} within {timeout:g} s") from None
            raise _Retryable(f"cannot reach {self.url}: {error.reason}") from None
        except OSError as error:  # connection reset, refused, broken pipe
            raise _Retryable(f"connection to {self.url} failed: {error}") from None
        return message_text(raw, self.url)

    def _check_breaker(self) -> None:
        with self._lock:
            if self._opened_at is None:
                return
            if self._clock() - self._opened_at >= self.settings.cooldown:
                self._opened_at = self._clock()  # one request goes through; others keep failing fast
                return
            failed = self._failed_in_a_row
        raise ServerFailure(f"not sent: {self.base_url} failed {failed} requests in a row (taken to be "
                            f"down; retried after {self.settings.cooldown:g} s)")

    def _record(self, success: bool) -> None:
        with self._lock:
            if success:
                self._failed_in_a_row, self._opened_at = 0, None
                return
            self._failed_in_a_row += 1
            limit = self.settings.give_up_after
            if limit and self._failed_in_a_row >= limit and self._opened_at is None:
                self._opened_at = self._clock()

    @property
    def is_down(self) -> bool:
        """The breaker is open and its cooldown not over (after it, one request may try again)."""
        with self._lock:
            return self._opened_at is not None and self._clock() - self._opened_at < self.settings.cooldown


def encode(payload: dict) -> bytes:
    """A request body as sent (done ahead of the send by callers that keep many in flight)."""
    return json.dumps(payload).encode("utf-8")


def message_text(raw: bytes, where: str) -> str:
    """The first choice's message text of a chat-completions reply; EndpointError for anything else."""
    try:
        reply = json.loads(raw)
    except ValueError:  # a proxy's HTML page, a reply cut short
        raise EndpointError(f"reply from {where} is not JSON: {raw[:DETAIL_LIMIT]!r}") from None
    choices = reply.get("choices") if isinstance(reply, dict) else None
    if not choices or not isinstance(choices, list):
        raise EndpointError(f"reply from {where} has no choices: {raw[:DETAIL_LIMIT]!r}")
    try:
        content = choices[0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise EndpointError(f"reply from {where} is not a chat completion: {raw[:DETAIL_LIMIT]!r}") from None
    if not isinstance(content, str):
        raise EndpointError(f"reply from {where} has no text content")
    return content


def _detail(error: urllib.error.HTTPError) -> str:
    try:
        return error.read()[:DETAIL_LIMIT].decode("utf-8", "replace").strip()
    except OSError:
        return ""


class ServerPool:
    """Several servers serving one model. Each request goes to the server with the fewest requests in
    flight among those not taken to be down (ties: the one sent fewest); a request a server fails
    through its own fault (`ServerFailure`) is tried on the next server. Counts are kept per server
    for the run card."""

    def __init__(self, clients: list[ChatClient]):
        if not clients:
            raise ValueError("a server pool needs at least one server")
        self.clients = list(clients)
        self._lock = threading.Lock()
        self.in_flight = [0] * len(self.clients)
        self.sent = [0] * len(self.clients)
        self.failed = [0] * len(self.clients)

    def complete(self, payload: dict | bytes) -> str:
        body = payload if isinstance(payload, bytes) else encode(payload)
        tried: set[int] = set()
        while True:
            index = self._pick(tried)
            try:
                return self.clients[index].complete(body)
            except ServerFailure:
                with self._lock:
                    self.failed[index] += 1
                tried.add(index)
                if len(tried) == len(self.clients):
                    raise
            finally:
                with self._lock:
                    self.in_flight[index] -= 1

    def _pick(self, tried: set[int]) -> int:
        with self._lock:
            candidates = [i for i in range(len(self.clients)) if i not in tried]
            index = min(candidates,
                        key=lambda i: (self.clients[i].is_down, self.in_flight[i], self.sent[i], i))
            self.in_flight[index] += 1
            self.sent[index] += 1
            return index

    def counts(self) -> list[dict]:
        with self._lock:
            return [{"url": client.base_url, "sent": self.sent[i], "failed": self.failed[i]}
                    for i, client in enumerate(self.clients)]
