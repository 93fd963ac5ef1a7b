"""A proxy on 127.0.0.1 in front of the hub that fails a share of requests, chosen with a seed.

Failure modes, each as likely as the others:

- `error_before`: 503 without forwarding (the hub never saw it);
- `error_after`: forwarded, then 502 (the hub took it, the answer is lost);
- `timeout_after`: forwarded, then held past the client's time-out;
- `drop_before`: the connection closed without forwarding;
- `drop_after`: forwarded, then the connection closed without an answer.

The "after" modes are the ones that matter: the hub has the message but the
sender cannot know, so it sends again with the same consignment id.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MODES = ("error_before", "error_after", "timeout_after", "drop_before", "drop_after")


class FlakyProxy:
    def __init__(self, upstream: str, *, failure_rate: float, seed: int, hold: float) -> None:
        parts = urlsplit(upstream)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.failure_rate = failure_rate
        self.hold = hold
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                proxy.handle(self)

            def do_POST(self) -> None:  # noqa: N802
                proxy.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FlakyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _mode(self) -> str:
        with self.lock:
            mode = self.random.choice(MODES) if self.random.random() < self.failure_rate else "pass"
            self.counts[mode] += 1
            return mode

    def _forward(self, request: BaseHTTPRequestHandler, body: bytes) -> tuple[int, bytes, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in {"host"}}
        connection.request(request.command, request.path, body=body or None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        content_type = response.getheader("Content-Type", "application/json")
        connection.close()
        return response.status, data, content_type

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        mode = self._mode()
        if mode in ("drop_before",):
            request.close_connection = True
            return
        if mode == "error_before":
            self._answer(request, 503, b'{"code": "unavailable"}', "application/json")
            return
        status, data, content_type = self._forward(request, body)
        if mode == "drop_after":
            request.close_connection = True
            return
        if mode == "error_after":
            self._answer(request, 502, b'{"code": "bad_gateway"}', "application/json")
            return
        if mode == "timeout_after":
            time.sleep(self.hold)
        self._answer(request, status, data, content_type)

    def _answer(
        self, request: BaseHTTPRequestHandler, status: int, data: bytes, content_type: str
    ) -> None:
        try:
            request.send_response(status)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except OSError:
            pass  # the client gave up (its time-out)
