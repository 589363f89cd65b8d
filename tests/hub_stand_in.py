"""A local HTTP server standing in for the Hugging Face hub's dataset API, for `dsuperb pin` and
the data layer's hub-path fallback.

It answers what `HfApi.dataset_info` asks, the way the hub does: `GET /api/datasets/<org>/<name>`
(the main branch's head) and `GET /api/datasets/<org>/<name>/revision/<rev>`; an unknown
repository is a 401 with `X-Error-Code: RepoNotFound` (what the hub gives an anonymous client),
an unknown revision a 404 with `X-Error-Code: RevisionNotFound`. A repository listed in `drop`
closes the connection without answering, like a hub that goes away mid-run. Every request path is
kept in `requests`, in order (`dataset_requests`: those for datasets).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote


class HubStandIn:
    def __init__(self, repos: dict[str, list[str]], drop: tuple[str, ...] = ()):
        self.repos = repos  # repo id -> its commits, the first being the head of main
        self.drop = set(drop)
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def dataset_requests(self) -> list[str]:
        """The requests for datasets (huggingface_hub also asks for other things, e.g. once a day
        for its agent registry)."""
        return [path for path in self.requests if path.startswith("/api/datasets/")]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> HubStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - the http.server API
                path = unquote(self.path.split("?", 1)[0])
                hub.requests.append(path)
                prefix = "/api/datasets/"
                if not path.startswith(prefix):
                    return self._reply(404, {"error": "not found"}, "EntryNotFound")
                repo, _, revision = path[len(prefix):].partition("/revision/")
                if repo in hub.drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return None
                commits = hub.repos.get(repo)
                if commits is None:
                    return self._reply(401, {"error": "Repository not found"}, "RepoNotFound")
                if revision in ("", "main"):
                    return self._reply(200, {"id": repo, "sha": commits[0], "private": False})
                if revision not in commits:
                    return self._reply(404, {"error": f"Invalid rev id: {revision}"}, "RevisionNotFound")
                return self._reply(200, {"id": repo, "sha": revision, "private": False})

            def _reply(self, status: int, body: dict, error_code: str | None = None):
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if error_code:
                    self.send_header("X-Error-Code", error_code)
                    self.send_header("X-Error-Message", body["error"])
                self.end_headers()
                self.wfile.write(data)

        return Handler
