"""A web site on 127.0.0.1 for the tests of `soapsmith add` and `refresh`: the layouts real
services use (tests/fixtures/sites/) and hostile answers, served by the standard library."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from repo import TESTS

FIXTURES = TESTS / "fixtures" / "sites"
XML = "text/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
ERROR_PAGE = b"""<!DOCTYPE html>
<html><head><title>Runtime Error</title></head>
<body><h1>Server Error in '/' Application.</h1><p>Runtime Error</p></body></html>
"""

Respond = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """Routes (path and query, exactly) to answers, until `close()`; `hits` lists requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Respond] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                site.hits.append(self.path)
                respond = site.routes.get(self.path)
                if respond is None:
                    _send(self, 404, HTML, ERROR_PAGE)
                    return
                try:
                    respond(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    def text(self, fixture: Path) -> bytes:
        """A fixture with `{base}` made this site's address."""
        return fixture.read_bytes().replace(b"{base}", self.base.encode())

    def serve(self, target: str, data: bytes, content_type: str = XML, status: int = 200) -> None:
        self.routes[target] = lambda handler: _send(handler, status, content_type, data)

    def redirect(self, target: str, location: str, status: int = 302) -> None:
        def respond(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[target] = respond


def _send(handler: BaseHTTPRequestHandler, status: int, content_type: str, data: bytes) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def huge(size: int, declared: bool = False) -> Respond:
    """An answer of `size` bytes (declared in Content-Length, or streamed until it ends)."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", XML)
        if declared:
            handler.send_header("Content-Length", str(size))
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"<a>" + b"x" * 65536
        sent = 0
        while sent < size:
            handler.wfile.write(chunk)
            sent += len(chunk)

    return respond


def slow(seconds_per_byte: float, size: int) -> Respond:
    """An answer that comes a byte at a time: each read is quick, the whole is not."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", XML)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        for _ in range(size):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(seconds_per_byte)

    return respond


def stalled(seconds: float) -> Respond:
    """Headers, then nothing for `seconds`."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", XML)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.flush()
        time.sleep(seconds)

    return respond


def services(site: Site) -> None:
    """The well-behaved services, each in the layout its kind of server uses."""
    asmx = FIXTURES / "asmx"
    for folder, wsdl in (("orders", True), ("legacy", False)):
        site.serve(f"/{folder}/Orders.asmx", site.text(asmx / "Orders.asmx.html"), HTML)
        for op in ("GetOrder", "Ping"):
            page = site.text(asmx / f"Orders.{op}.html")
            site.serve(f"/{folder}/Orders.asmx?op={op}", page, HTML)
        if wsdl:
            site.serve(f"/{folder}/Orders.asmx?WSDL", site.text(asmx / "Orders.wsdl"))
        else:  # as IIS answers where the WSDL is turned off
            site.serve(f"/{folder}/Orders.asmx?WSDL", ERROR_PAGE, HTML, 500)
    inventory = FIXTURES / "wsdl"
    for path in sorted(inventory.rglob("*")):
        if path.is_file():
            site.serve(f"/svc/{path.relative_to(inventory).as_posix()}", site.text(path))
    stack = FIXTURES / "servicestack"
    site.serve("/api/metadata", site.text(stack / "metadata.html"), HTML)
    for html_page in sorted(stack.glob("*.soap1*.html")):
        op, version, _ = html_page.name.split(".")
        site.serve(f"/api/{version}/metadata?op={op}", site.text(html_page), HTML)
    wcf = FIXTURES / "wcf" / "served"
    site.serve("/wcf/Calc.svc?wsdl", site.text(wcf / "Calc.svc.wsdl"))
    site.serve("/wcf/Calc.svc?wsdl=wsdl0", site.text(wcf / "Calc.svc.wsdl0"))
    site.serve("/wcf/Calc.svc?xsd=xsd0", site.text(wcf / "Calc.svc.xsd0"))
    site.serve("/wcf/Calc.svc?xsd=xsd1", site.text(wcf / "Calc.svc.xsd1"))
    site.serve("/single/Orders.svc?singleWsdl", site.text(asmx / "Orders.wsdl"))
