"""Serving a generated package's WSGI app in tests: a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Served:
    """A WSGI app on a real HTTP server on 127.0.0.1, in a thread, until `close()`."""

    def __init__(self, app: Any) -> None:
        self.httpd: WSGIServer = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/service"
        # a short poll, so that close() does not wait half a second for the loop to notice
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def operation_of(server: Any, method: str) -> str:
    """The operation (as the service description names it) a handler method serves."""
    for routes in vars(server).values():
        if isinstance(routes, list):
            for route in routes:
                if getattr(route, "method", None) == method:
                    return str(route.name)
    raise LookupError(f"no route serves the method {method!r}")


def _envelope(message: httpx.Request | httpx.Response, content: bytes) -> bytes:
    """The envelope of a message: the root part of a MIME package (SwA, MTOM)."""
    from generator.runtime import _mime

    content_type = message.headers.get("content-type", "")
    if not content or not _mime.is_multipart(content_type):
        return content
    return _mime.unpack(content_type, content)[0].content


class Recording(httpx.BaseTransport):
    """A transport (real HTTP unless given another) that keeps each request and answer."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner if inner is not None else httpx.HTTPTransport()
        self.exchanged: list[tuple[bytes, bytes]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.exchanged.append(
            (_envelope(request, request.read()), _envelope(response, response.read()))
        )
        return response

    def close(self) -> None:
        self.inner.close()
