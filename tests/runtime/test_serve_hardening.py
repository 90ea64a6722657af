"""`soapsmith serve` and the generated server against idle, slow and lying clients.

The server is the real command (`soapsmith serve PACKAGE --port 0`, a subprocess with its
timeouts shortened through `generator.mock`'s constants) serving a freshly generated package,
so that both `generator.mock` and the runtime `_server.py` copied into the package are tested.
Clients are raw sockets on 127.0.0.1 where the request must be malformed, httpx otherwise.

Proven: an idle connection and slowloris clients do not hold up another client's call and are
dropped after their timeouts; connections over the bound get a 503 at once; a negative
Content-Length, a body shorter than its Content-Length, malformed chunked framing and a body
over `max_bytes` (chunked or not) get a Client fault, the over-long ones before they are sent
whole and without the server's memory growing with them; a valid chunked body is answered;
after each bad request the server answers a good one.  `App` is also called directly with
WSGI environs for the body rules, and `serve --port` out of range is a usage error.
"""

from __future__ import annotations

import importlib
import io
import json
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from lxml import etree
from repo import GOLDEN, imported

from generator.cli import main
from generator.config import ProjectSettings
from generator.pipeline import generate

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
GOOD = (
    f'<soap:Envelope xmlns:soap="{S11}"><soap:Body>'
    '<GetOrder xmlns="urn:example:orders"><id>7</id></GetOrder></soap:Body></soap:Envelope>'
).encode()
XML = {"Content-Type": "text/xml; charset=utf-8"}
LIMIT = 10 * 1024 * 1024  # the runtime's default max_bytes, which `serve` uses
MB = 1024 * 1024

# the command, with generator.mock's constants set first (argv[1], JSON)
LAUNCH = (
    "import json, sys\n"
    "import generator.mock as mock\n"
    "for name, value in json.loads(sys.argv[1]).items():\n"
    "    setattr(mock, name, value)\n"
    "from generator.cli import main\n"
    "main(sys.argv[2:], prog_name='soapsmith')\n"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hardening")
    shutil.copytree(GOLDEN / "wsdl_doclit" / "spec", root / "specs" / "wsdl_doclit")
    settings = ProjectSettings(root=root, specs=root / "specs", output=root / "generated")
    generate(None, settings, settings.output)
    return root


@pytest.fixture(scope="module")
def package(project: Path) -> Path:
    return project / "generated" / "wsdl_doclit"


class Serving:
    """`soapsmith serve PACKAGE --port 0` in a subprocess, its stderr kept in `log`."""

    def __init__(self, package: Path, **constants: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, json.dumps(constants), "serve", str(package)]
            + ["--port", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=package.parent.parent,
        )
        assert self.process.stderr is not None
        self.log: list[str] = [self.process.stderr.readline()]
        if not self.log[0].startswith("serving "):
            self.close()
            pytest.fail("the server did not start: " + "".join(self.log))
        self.url = self.log[0].split(" on ", 1)[1].split(" ", 1)[0] + "service"
        self.port = int(self.url.rsplit(":", 1)[1].split("/", 1)[0])
        # drained all along: a full pipe would stop the server at its next log line
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)

    def peak_rss(self) -> int | None:
        """The server's peak resident memory in bytes (Linux), None where it is not known."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return None

    def close(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.reader.is_alive():
            self.reader.join(timeout=5)
        if self.process.stderr is not None:
            self.process.stderr.close()
        return "".join(self.log)


@pytest.fixture
def launch(package: Path) -> Iterator[Any]:
    running: list[Serving] = []

    def start(**constants: float) -> Serving:
        running.append(Serving(package, **constants))
        return running[-1]

    yield start
    for serving in running:
        log = serving.close()
        assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def shared(package: Path) -> Iterator[Serving]:
    """One server for the bad requests that need no timeouts of their own."""
    serving = Serving(package, LINGER=0.5)
    yield serving
    log = serving.close()
    assert "Traceback" not in log, log


# -- clients --------------------------------------------------------------------------------


def _good(serving: Serving, timeout: float = 5.0) -> None:
    answer = httpx.post(serving.url, content=GOOD, headers=XML, timeout=timeout)
    assert answer.status_code == 200, answer.text
    assert b"GetOrderResponse" in answer.content


def _connect(serving: Serving) -> socket.socket:
    return socket.create_connection(("127.0.0.1", serving.port), timeout=10)


def _head(*fields: str) -> bytes:
    lines = ["POST /service HTTP/1.1", "Host: 127.0.0.1", "Content-Type: text/xml", *fields]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _read_all(sock: socket.socket, timeout: float = 10.0) -> bytes:
    sock.settimeout(timeout)
    data = bytearray()
    try:
        while piece := sock.recv(65536):
            data += piece
    except ConnectionResetError:
        pass
    return bytes(data)


def _exchange(serving: Serving, request: bytes) -> bytes:
    """Send a whole request, say so (half-close), and read the answer to its end."""
    with _connect(serving) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        return _read_all(sock)


def _flood(serving: Serving, head: bytes, block: bytes, total: int) -> tuple[bytes, int]:
    """Send `head`, then `block` over and over up to `total` bytes, stopping as soon as an
    answer comes; the answer and how many bytes of body were sent."""
    sent = 0
    with _connect(serving) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        view = memoryview(block)
        try:
            while sent < total:
                readable, writable, _ = select.select([sock], [sock], [], 10)
                if readable or not writable:
                    break
                offset = sent % len(block)
                try:
                    sent += sock.send(view[offset : offset + min(len(block), total - sent)])
                except BlockingIOError:
                    continue
            else:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.setblocking(True)
        return _read_all(sock), sent


def _fault(answer: bytes) -> tuple[str, str]:
    """(faultcode, faultstring) of an HTTP answer carrying a SOAP 1.1 Fault."""
    status, _, body = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/"), answer[:200]
    root = etree.fromstring(body)
    fault = root.find(f"{{{S11}}}Body/{{{S11}}}Fault")
    assert fault is not None, answer[:500]
    return fault.findtext("faultcode") or "", fault.findtext("faultstring") or ""


def _chunked(*chunks: bytes, extension: str = "", trailers: str = "") -> bytes:
    framed = b"".join(b"%x%s\r\n%s\r\n" % (len(c), extension.encode(), c) for c in chunks)
    return framed + b"0\r\n" + trailers.encode() + b"\r\n"


def _trickle(sock: socket.socket, data: bytes, every: float, stop: threading.Event) -> None:
    for byte in data:
        if stop.wait(every):
            return
        try:
            sock.send(bytes([byte]))
        except OSError:
            return


# -- idle and slow clients --------------------------------------------------------------------


def test_idle_and_slowloris_clients_do_not_hold_up_others_and_are_dropped(launch: Any) -> None:
    serving = launch(IDLE_TIMEOUT=1.0, REQUEST_DEADLINE=2.5, LINGER=0.2)
    stop = threading.Event()
    idle = _connect(serving)
    slow_head = _connect(serving)  # a byte of its headers every 0.2 s: never idle for 1 s
    slow_body = _connect(serving)  # whole headers, then a byte of its body every 0.2 s
    slow_body.sendall(_head("Content-Length: 100000") + b"<")
    started = time.monotonic()
    threads = [
        threading.Thread(target=_trickle, args=(slow_head, _head("X: " + "y" * 100), 0.2, stop)),
        threading.Thread(target=_trickle, args=(slow_body, b" " * 1000, 0.2, stop)),
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.3)
        before = time.monotonic()
        _good(serving, timeout=2.0)
        assert time.monotonic() - before < 2.0
        assert _read_all(idle) == b""  # dropped after IDLE_TIMEOUT, without an answer
        assert _read_all(slow_head) == b""  # dropped at REQUEST_DEADLINE, without an answer
        code, reason = _fault(_read_all(slow_body))
        assert code == "soap:Client" and "could not be read" in reason
        assert time.monotonic() - started < 2.5 + 2.0
        _good(serving)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=5)
        for sock in (idle, slow_head, slow_body):
            sock.close()
    log = "".join(serving.log)
    assert "connection dropped" in log


def test_connections_over_the_bound_are_refused_at_once(launch: Any) -> None:
    serving = launch(MAX_CONNECTIONS=2, IDLE_TIMEOUT=5.0, LINGER=0.2)
    held = [_connect(serving), _connect(serving)]
    try:
        time.sleep(0.3)
        before = time.monotonic()
        with _connect(serving) as third:
            answer = _read_all(third, timeout=3.0)
        assert answer.startswith(b"HTTP/1.0 503 "), answer
        assert time.monotonic() - before < 1.0
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 3
    while True:  # the held connections' slots come back once the server sees them closed
        try:
            _good(serving)
            break
        except (AssertionError, httpx.HTTPError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# -- bodies the headers lie about ---------------------------------------------------------------


def test_negative_content_length_is_refused_before_the_body_is_read(launch: Any) -> None:
    serving = launch(LINGER=0.5)
    baseline = serving.peak_rss()
    answer, sent = _flood(serving, _head("Content-Length: -1"), b"<" * MB, 200 * MB)
    code, reason = _fault(answer)
    assert code == "soap:Client" and "Content-Length -1 is negative" in reason
    assert sent < 100 * MB  # answered before the body was sent whole
    peak = serving.peak_rss()
    if baseline is not None and peak is not None:
        assert peak - baseline < 64 * MB
    _good(serving)


def test_chunked_body_over_the_limit_is_refused_as_it_arrives(launch: Any) -> None:
    serving = launch(LINGER=0.5)
    baseline = serving.peak_rss()
    frame = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
    answer, sent = _flood(serving, _head("Transfer-Encoding: chunked"), frame * 16, 200 * MB)
    code, reason = _fault(answer)
    assert code == "soap:Client" and f"over the {LIMIT}-byte limit" in reason
    assert sent < 100 * MB
    peak = serving.peak_rss()
    if baseline is not None and peak is not None:
        assert peak - baseline < 64 * MB
    _good(serving)


def test_a_body_shorter_than_its_content_length_is_a_client_fault(shared: Serving) -> None:
    code, reason = _fault(_exchange(shared, _head("Content-Length: 1000") + GOOD))
    assert code == "soap:Client"
    assert f"ended after {len(GOOD)} of its 1000 bytes" in reason
    _good(shared)


# -- chunked request bodies ---------------------------------------------------------------------


def test_a_chunked_envelope_is_answered(shared: Serving) -> None:
    pieces = iter([GOOD[:40], GOOD[40:90], GOOD[90:]])
    answer = httpx.post(shared.url, content=pieces, headers=XML, timeout=10)
    assert answer.request.headers.get("transfer-encoding") == "chunked"
    assert answer.status_code == 200, answer.text
    assert b"GetOrderResponse" in answer.content
    # chunk extensions and trailer fields, sent raw
    body = _chunked(GOOD[:10], GOOD[10:], extension=';name="v"', trailers="X-Sum: 1\r\n")
    raw = _exchange(shared, _head("Transfer-Encoding: chunked") + body)
    assert raw.startswith(b"HTTP/1.0 200 ") and b"GetOrderResponse" in raw, raw[:300]


MALFORMED = [
    (b"zz\r\n" + GOOD + b"\r\n0\r\n\r\n", "chunk size"),
    (b"5\r\n" + GOOD + b"\r\n0\r\n\r\n", "runs past its size"),
    (b"200\r\n" + GOOD, "ended inside a chunk"),
    (b"%x\r\n%s\r\n" % (len(GOOD), GOOD), "ended early"),
    (b"1" * 10_000 + b"\r\n", "a line over"),
    (b"\r\n" + GOOD, "chunk size"),
    (_chunked(GOOD, trailers="X: y\r\n" * 100), "trailer lines"),
]


@pytest.mark.parametrize(
    "body, reason",
    MALFORMED,
    ids=["size", "overrun", "short", "no-last", "long-line", "empty-size", "trailers"],
)
def test_malformed_chunked_framing_is_a_client_fault(
    shared: Serving, body: bytes, reason: str
) -> None:
    code, got = _fault(_exchange(shared, _head("Transfer-Encoding: chunked") + body))
    assert code == "soap:Client" and reason in got, got
    _good(shared)


def test_an_unknown_transfer_coding_is_a_client_fault(shared: Serving) -> None:
    code, reason = _fault(_exchange(shared, _head("Transfer-Encoding: gzip, chunked") + GOOD))
    assert code == "soap:Client" and "not supported" in reason
    _good(shared)


# -- App called directly ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(package: Path) -> Iterator[ModuleType]:
    with imported(package, "wsdl_doclit"):
        yield importlib.import_module("wsdl_doclit.server")


class Endless:
    """An input stream that never ends: `head`, then `fill` over and over; counts what it
    gave, and refuses to be read to its end."""

    def __init__(self, head: bytes = b"", fill: bytes = b"x") -> None:
        self.pending = head
        self.fill = fill
        self.consumed = 0

    def _next(self, size: int | None) -> bytes:
        if size is None or size < 0:
            raise AssertionError("read to the end of an endless stream")
        while len(self.pending) < size:
            self.pending += self.fill * (size // len(self.fill) + 1)
        data, self.pending = self.pending[:size], self.pending[size:]
        return data

    def read(self, size: int | None = -1) -> bytes:
        data = self._next(size)
        self.consumed += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = self._next(size)
        end = data.find(b"\n")
        if end >= 0:
            self.pending = data[end + 1 :] + self.pending
            data = data[: end + 1]
        self.consumed += len(data)
        return data


class Failing:
    """The input of a client that timed out while sending its body."""

    def read(self, size: int = -1) -> bytes:
        raise TimeoutError("timed out")


def _call(app: Any, stream: Any, **environ: Any) -> tuple[str, bytes]:
    got: list[str] = []
    base = {
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": "text/xml",
        "wsgi.input": stream,
        "wsgi.errors": io.StringIO(),
    }
    body = b"".join(app({**base, **environ}, lambda status, headers, *_: got.append(status)))
    return got[0], body


def _app_fault(answer: tuple[str, bytes]) -> tuple[str, str]:
    return _fault(b"HTTP/1.0 " + answer[0].encode() + b"\r\n\r\n" + answer[1])


def _answered(answer: tuple[str, bytes]) -> bool:
    return answer[0].startswith("200") and b"GetOrderResponse" in answer[1]


@pytest.mark.parametrize(
    "length, reason",
    [
        ("-1", "Content-Length -1 is negative"),
        ("abc", "Content-Length is not a number"),
        ("+5", "Content-Length is not a number"),
        ("1_0", "Content-Length is not a number"),
        ("\u0661", "Content-Length is not a number"),  # a digit to str.isdigit, not to HTTP
    ],
)
def test_app_refuses_a_content_length_that_is_no_byte_count(
    server: ModuleType, length: str, reason: str
) -> None:
    stream = Endless()
    answer = _call(server.make_wsgi_app(server.MockHandler()), stream, CONTENT_LENGTH=length)
    assert _app_fault(answer) == ("soap:Client", reason)
    assert stream.consumed == 0


def test_app_reads_a_content_length_exactly_and_refuses_a_short_body(server: ModuleType) -> None:
    app = server.make_wsgi_app(server.MockHandler())
    assert _answered(_call(app, io.BytesIO(GOOD + b"junk"), CONTENT_LENGTH=str(len(GOOD))))
    short = _call(app, io.BytesIO(GOOD), CONTENT_LENGTH=str(len(GOOD) + 1))
    assert _app_fault(short) == (
        "soap:Client",
        f"the request body ended after {len(GOOD)} of its {len(GOOD) + 1} bytes",
    )
    failing = _call(app, Failing(), CONTENT_LENGTH="100")
    code, reason = _app_fault(failing)
    assert code == "soap:Client" and reason.startswith("the request body could not be read")


def test_app_reads_a_terminated_input_to_its_end_within_the_limit(server: ModuleType) -> None:
    app = server.make_wsgi_app(server.MockHandler(), max_bytes=1000)
    chunked = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}
    assert _answered(_call(app, io.BytesIO(GOOD), **chunked))  # already de-chunked
    assert _answered(_call(app, io.BytesIO(GOOD), **{"wsgi.input_terminated": True}))
    for environ in (chunked, {"wsgi.input_terminated": True}):
        endless = Endless()
        answer = _app_fault(_call(app, endless, **environ))
        assert answer == ("soap:Client", "the request body is over the 1000-byte limit")
        assert endless.consumed <= 1000 + server._server.READ_BYTES
    # without a length or an end, wsgiref's raw stream is not read: it would wait for more
    unread = Endless(GOOD)
    assert _app_fault(_call(app, unread))[1] == "the request has no body"
    assert unread.consumed == 0


def test_app_decodes_chunked_framing_from_a_raw_stream(server: ModuleType) -> None:
    app = server.make_wsgi_app(server.MockHandler(), max_bytes=1000)
    chunked = {"HTTP_TRANSFER_ENCODING": "Chunked", "CONTENT_LENGTH": "5"}  # TE wins
    body = _chunked(*(GOOD[i : i + 7] for i in range(0, len(GOOD), 7)), extension=";a=b")
    assert _answered(_call(app, io.BytesIO(body + b"trailing"), **chunked))
    for framing, reason in MALFORMED:
        code, got = _app_fault(_call(app, io.BytesIO(framing), **chunked))
        assert code == "soap:Client" and reason in got, (framing[:40], got)
    # over the limit: refused at the size line, before the chunk is read
    huge = Endless(b"7fffffffffff\r\n")
    assert _app_fault(_call(app, huge, **chunked))[1].endswith("over the 1000-byte limit")
    assert huge.consumed == len(b"7fffffffffff\r\n")
    many = Endless(fill=b"100\r\n" + b"x" * 0x100 + b"\r\n")
    assert _app_fault(_call(app, many, **chunked))[1].endswith("over the 1000-byte limit")
    assert many.consumed < 2000
    endless_line = Endless(fill=b"1")
    assert "a line over" in _app_fault(_call(app, endless_line, **chunked))[1]
    assert endless_line.consumed <= server._server.MAX_CHUNK_LINE + 1


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_serve_port_out_of_range_is_a_usage_error(package: Path, port: str) -> None:
    result = CliRunner().invoke(main, ["serve", str(package), "--port", port])
    assert result.exit_code == 2
    assert "Invalid value for '--port'" in result.output
    assert isinstance(result.exception, SystemExit)  # click's usage error, no traceback
