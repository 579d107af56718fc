"""A local HTTP server answering from a script, recording what it was sent: the hub and Loki as the tests need
them, over a real socket."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int
    body: dict | str = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    delay_seconds: float = 0.0


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    method: str = "POST"

    def json(self):
        return json.loads(self.body)


class StubServer:
    """Answers each request with the next scripted reply; the last one repeats."""

    def __init__(self, *replies: Reply):
        self.replies = list(replies) or [Reply(200)]
        self.received: list[Received] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.do_POST()

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.received.append(Received(self.path, dict(self.headers), body, self.command))
                reply = stub.replies.pop(0) if len(stub.replies) > 1 else stub.replies[0]
                time.sleep(reply.delay_seconds)
                text = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                payload = text.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    kind = "application/problem+json" if reply.status >= 400 else "application/json"
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its timeout), as the test meant it to

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


def closed_port_url() -> str:
    """An address where nothing listens: connections are refused."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}"
