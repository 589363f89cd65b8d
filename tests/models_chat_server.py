"""A small OpenAI-compatible chat-completions server, run as its own process by the endpoint tests.

It decodes every `input_audio` part (base64 WAV) and answers with what it received, so a test can
check the audio arrived whole (and a system message, when sent, as `system=...`). The model name
picks a behaviour: `echo` answers at once, `slow` waits $SLOW_SECONDS before answering, `fail`
always answers HTTP 500, `flaky` answers 500 to the first try of each distinct prompt, `reject`
answers HTTP 400, `empty` answers with no text, `garbled` answers with a body that is not JSON,
`nochoices` with an empty choices list.
GET /stats gives the number of POSTs per model, the most requests seen in flight at once, and when the
first request came and the last reply left, per model.
GET /v1/models lists the models named in $SERVED_MODELS (comma-separated; default: every behaviour),
each with a vLLM-like `root`; with SERVED_MODELS=none it answers 404, as a server that lists nothing.
$LATENCY (seconds) delays every answer, as a served model's generation time.
Prints `PORT <n>` once listening.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import soundfile

LOCK = threading.Lock()
POSTS: Counter = Counter()
SEEN_PROMPTS: set[str] = set()
IN_FLIGHT: Counter = Counter()
MAX_IN_FLIGHT: Counter = Counter()
FIRST_POST: dict[str, float] = {}  # when each model's first request arrived (epoch seconds)
LAST_REPLY: dict[str, float] = {}
BEHAVIOURS = ("echo", "slow", "fail", "flaky", "reject", "empty", "garbled", "nochoices", "busy")


def describe_content(parts) -> str:
    if isinstance(parts, str):
        return f"audios=0 text={parts}"
    lengths, texts = [], []
    for part in parts:
        if part["type"] == "input_audio":
            assert part["input_audio"]["format"] == "wav"
            samples, rate = soundfile.read(io.BytesIO(base64.b64decode(part["input_audio"]["data"])))
            lengths.append(f"{len(samples)}@{rate}")
        else:
            texts.append(part["text"])
    return f"audios={len(lengths)} samples={','.join(lengths)} text={' | '.join(texts)}"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def reply(self, status: int, body: dict) -> None:
        self.reply_raw(status, _json(body))

    def reply_raw(self, status: int, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            served = os.environ.get("SERVED_MODELS") or ",".join(BEHAVIOURS)
            if served == "none":
                return self.reply(404, {"error": {"message": "not found"}})
            cards = [{"id": name, "object": "model", "created": int(time.time()), "owned_by": "test",
                      "root": f"/models/{name}", "parent": None, "max_model_len": 4096}
                     for name in served.split(",")]
            return self.reply(200, {"object": "list", "data": cards})
        with LOCK:
            self.reply(200, {"posts": dict(POSTS), "max_in_flight": dict(MAX_IN_FLIGHT),
                             "first_post": dict(FIRST_POST), "last_reply": dict(LAST_REPLY)})

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        model = payload["model"]
        content = next(m["content"] for m in payload["messages"] if m["role"] == "user")
        key = json.dumps(content, sort_keys=True)
        with LOCK:
            FIRST_POST.setdefault(model, time.time())
            POSTS[model] += 1
            IN_FLIGHT[model] += 1
            MAX_IN_FLIGHT[model] = max(MAX_IN_FLIGHT[model], IN_FLIGHT[model])
            first_try = key not in SEEN_PROMPTS
            SEEN_PROMPTS.add(key)
        try:
            status, data = self.answer(model, content, payload, first_try)
        finally:
            with LOCK:  # before the reply goes out: its client may send its next request at once
                IN_FLIGHT[model] -= 1
                LAST_REPLY[model] = time.time()
        self.reply_raw(status, data)

    def answer(self, model, content, payload, first_try) -> tuple[int, bytes]:
        """(status, body) of the reply, written once the request no longer counts as in flight."""
        time.sleep(float(os.environ.get("LATENCY", "0")))
        if model == "fail" or (model == "flaky" and first_try):
            return 500, _json({"error": {"message": "internal error"}})
        if model == "reject":
            return 400, _json({"error": {"message": "bad request"}})
        if model == "slow":
            time.sleep(float(os.environ.get("SLOW_SECONDS", "2")))
        if model == "garbled":
            return 200, b'{"choices": [{"message": {"content": "cut sh'
        if model == "nochoices":
            return 200, _json({"id": "x", "object": "chat.completion", "choices": []})
        if model == "empty":
            return 200, _json({"choices": [{"message": {"role": "assistant", "content": None}}]})
        if model == "busy":
            time.sleep(0.2)
        text = f"{describe_content(content)} max_tokens={payload.get('max_tokens')}"
        system = [m["content"] for m in payload["messages"] if m["role"] == "system"]
        text += f" system={system[0]}" if system else ""
        return 200, _json({"choices": [{"message": {"role": "assistant", "content": text}}]})


def _json(body: dict) -> bytes:
    return json.dumps(body).encode()


@contextlib.contextmanager
def running_server(slow_seconds: float = 1.5, served: str | None = None, latency: float = 0.0):
    """Start this file as a server process; yield its base URL (`http://127.0.0.1:<port>/v1`)."""
    env = {**os.environ, "SLOW_SECONDS": str(slow_seconds), "LATENCY": str(latency)}
    if served is not None:
        env["SERVED_MODELS"] = served
    process = subprocess.Popen([sys.executable, __file__], stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the test chat server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    ThreadingHTTPServer.request_queue_size = 256  # many clients connect at once (the default is 5)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
