"""A GitHub REST API stand-in on 127.0.0.1: canned responses per path, every request recorded."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

OPENAPI = Path(__file__).resolve().parent / "fixtures" / "github" / "openapi"


def documented(name: str) -> Any:
    """One of GitHub's documented example payloads (tests/fixtures/github/openapi/)."""
    return json.loads((OPENAPI / f"{name}.json").read_text("utf-8"))


class Reply(NamedTuple):
    status: int
    body: Any
    headers: dict[str, str] = {}


class Api:
    """Routes map a request path (with query) to the replies given in turn; the last repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def hits(self, path: str) -> int:
        return sum(1 for seen, _ in self.requests if seen == path)


@contextmanager
def serve() -> Iterator[Api]:
    api = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            api.requests.append((self.path, dict(self.headers.items())))
            replies = api.routes.get(self.path)
            if not replies:
                body = {
                    "message": "Not Found",
                    "documentation_url": "https://docs.github.com/rest",
                    "status": "404",
                }
                self._send(Reply(404, body))
                return
            self._send(replies.pop(0) if len(replies) > 1 else replies[0])

        def _send(self, reply: Reply) -> None:
            data = json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            for key, value in reply.headers.items():
                self.send_header(key, value.replace("{base}", api.base))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
