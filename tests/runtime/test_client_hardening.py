"""The generated client under hostile answers: Content-Encoding bombs, a whole call's deadline,
an answer of the other SOAP version; and the ranges of XSD's integer types, read and written by
generated code on both sides."""

from __future__ import annotations

import asyncio
import gzip
import importlib
import io
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType, SimpleNamespace
from typing import Any

import httpx
import pytest
from lxml import etree
from served import Served

from generator import xsdtypes
from generator.config import ProjectSettings
from generator.pipeline import generate
from generator.runtime import _soap

S11 = _soap.SOAP11_ENV
S12 = _soap.SOAP12_ENV
URL = "http://127.0.0.1:9/svc"
MB = 1024 * 1024


def envelope(ns: str, body: str = '<R xmlns="urn:x"><Count>4</Count></R>') -> bytes:
    return f'<s:Envelope xmlns:s="{ns}"><s:Body>{body}</s:Body></s:Envelope>'.encode()


def endpoint(
    http: httpx.Client | httpx.AsyncClient, url: str, version: str, limits: _soap.Limits
) -> Any:
    """What `_soap.call` needs of a generated client."""
    return SimpleNamespace(
        http=http,
        address=url,
        soap_version=version,
        limits=limits,
        NAMESPACES={"x": "urn:x"},
        HEADER_TAGS={},
        headers=[],
        hooks=[],
    )


class Pieces(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body handed over in pieces of `size` bytes, never read ahead by httpx."""

    def __init__(self, data: bytes, size: int = 64 * 1024) -> None:
        self.data, self.size = data, size

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.data), self.size):
            yield self.data[start : start + self.size]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self:
            yield piece


def answering(
    body: bytes,
    headers: list[tuple[str, str]] | None = None,
    status: int = 200,
    size: int = 64 * 1024,
    seen: list[httpx.Request] | None = None,
) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, headers=headers or [], stream=Pieces(body, size))

    return httpx.MockTransport(handler)


def run(
    mode: str,
    transport: httpx.MockTransport | None = None,
    url: str = URL,
    version: str = _soap.SOAP11,
    limits: _soap.Limits = _soap.DEFAULT_LIMITS,
    expected: str | None = "{urn:x}R",
) -> etree._Element | None:
    """One call, sync or async, through `transport` or over HTTP to `url`."""
    call = {"operation": "Op", "action": "urn:x/Op", "body": ["<x:Op/>"], "faults": {}}
    if mode == "sync":
        with httpx.Client(transport=transport) as http:
            client = endpoint(http, url, version, limits)
            return _soap.call(client, expected=expected, **call)

    async def go() -> etree._Element | None:
        async with httpx.AsyncClient(transport=transport) as http:
            client = endpoint(http, url, version, limits)
            return await _soap.acall(client, expected=expected, **call)

    return asyncio.run(go())


MODES = ["sync", "async"]


# -- a local HTTP server that misbehaves --------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        server: Any = self.server
        server.behaviour(self, server.stop)


Behaviour = Callable[[BaseHTTPRequestHandler, threading.Event], None]


@pytest.fixture
def local_server() -> Iterator[Callable[[Behaviour], str]]:
    """Starts a server on 127.0.0.1 whose answer `behaviour` writes; its URL."""
    started: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(behaviour: Behaviour) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        httpd.behaviour = behaviour  # type: ignore[attr-defined]
        httpd.stop = threading.Event()  # type: ignore[attr-defined]
        thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        thread.start()
        started.append((httpd, thread))
        return f"http://127.0.0.1:{httpd.server_port}/svc"

    yield start
    for httpd, thread in started:
        httpd.stop.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def send_whole(body: bytes, headers: list[tuple[str, str]]) -> Behaviour:
    def behaviour(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        for name, value in [*headers, ("Content-Length", str(len(body)))]:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return behaviour


def drip(head: bytes, body: bytes, every: float) -> Behaviour:
    """Writes `head` at once, then `body` a byte at a time, one every `every` seconds."""

    def behaviour(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        try:
            handler.wfile.write(head)
            handler.wfile.flush()
            for byte in body:
                if stop.wait(every):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        except OSError:  # the client has gone: what a deadline is for
            pass
        handler.close_connection = True

    return behaviour


def silent(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    stop.wait(30)
    handler.close_connection = True


# -- item 4: Content-Encoding is undone in bounded steps ---------------------------------------


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """1 GiB of zeros, gzip-compressed twice: about 2 kB on the wire."""
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    compressed = b"".join(inner.compress(zeros) for _ in range(1024)) + inner.flush()
    return gzip.compress(compressed, 9, mtime=0)


def bounded_peak(action: Callable[[], object]) -> tuple[BaseException, int]:
    """The error `action` raises and the Python heap's peak growth while it ran."""
    tracemalloc.start()
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - returned for the test to judge
        raised: BaseException = exc
    else:
        raise AssertionError("the bomb was taken")
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return raised, peak


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("limits", [_soap.DEFAULT_LIMITS, _soap.Limits(max_bytes=MB)])
def test_a_stacked_gzip_bomb_is_refused_at_the_limit_in_bounded_memory(
    bomb: bytes, mode: str, limits: _soap.Limits
) -> None:
    transport = answering(bomb, [("Content-Type", "text/xml"), ("Content-Encoding", "gzip, gzip")])
    raised, peak = bounded_peak(lambda: run(mode, transport, limits=limits))
    assert isinstance(raised, _soap.ParseError), raised
    assert f"over the {limits.max_bytes}-byte limit" in str(raised)
    # what is kept is the limit's worth of decoded bytes and a few pieces in flight
    assert peak < limits.max_bytes + 16 * MB, peak


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lines", [["gzip, gzip"], ["gzip", "gzip"]], ids=["one-line", "two"])
def test_a_stacked_gzip_bomb_from_a_real_server_is_refused_in_bounded_memory(
    bomb: bytes, mode: str, lines: list[str], local_server: Callable[[Behaviour], str]
) -> None:
    # header lines of one name stack as a comma-separated list does
    headers = [("Content-Type", "text/xml")] + [("Content-Encoding", line) for line in lines]
    url = local_server(send_whole(bomb, headers))
    raised, peak = bounded_peak(lambda: run(mode, url=url))
    assert isinstance(raised, _soap.ParseError), raised
    assert f"over the {_soap.MAX_BYTES}-byte limit" in str(raised)
    assert peak < _soap.MAX_BYTES + 16 * MB, peak


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)  # the same bytes, and test ids, in every process


def _zlib(data: bytes) -> bytes:
    return zlib.compress(data)


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


ENCODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _zlib,  # RFC 1950, as the HTTP RFC says
    "raw-deflate": _raw_deflate,  # what many servers send as "deflate"
    "identity": lambda data: data,
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "applied",
    [
        ["gzip"],
        ["x-gzip"],
        ["deflate"],
        ["raw-deflate"],
        ["identity"],
        ["gzip", "deflate"],
        ["raw-deflate", "gzip"],
        ["gzip", "identity", "gzip", "gzip"],
    ],
)
@pytest.mark.parametrize("piece", [1, 7, 64 * 1024])
def test_every_encoding_and_stacking_decodes_whatever_the_chunking(
    mode: str, applied: list[str], piece: int
) -> None:
    filler = "".join(f"<Item>{n}</Item>" for n in range(3000))  # ~50 kB, several pieces
    data = envelope(S11, f'<R xmlns="urn:x"><Count>4</Count>{filler}</R>')
    for name in applied:
        data = ENCODERS[name](data)
    header = ", ".join("deflate" if n == "raw-deflate" else n.upper() for n in applied)
    transport = answering(data, [("Content-Encoding", header)], size=piece)
    found = run(mode, transport)
    assert found is not None and found.findtext("{urn:x}Count") == "4"
    assert len(found) == 3001


@pytest.mark.parametrize("mode", MODES)
def test_the_client_asks_for_what_it_decodes(mode: str) -> None:
    seen: list[httpx.Request] = []
    run(mode, answering(envelope(S11), seen=seen))
    assert seen[0].headers["Accept-Encoding"] == _soap.ACCEPT_ENCODING == "gzip, deflate"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "encoding, body, says",
    [
        ("br", b"\x0b\x02\x80hello\x03", "'br'"),
        ("gzip, zstd", b"x", "'zstd'"),
        ("compress", b"x", "'compress'"),
        (", ".join(["gzip"] * 5), _gzip(b"x"), "5 Content-Encodings"),
        ("gzip", b"this is not gzip at all", "gzip content does not decode"),
        ("deflate", b"\xff\xff\xff\xff not deflate", "deflate content does not decode"),
    ],
)
def test_an_encoding_it_cannot_undo_in_bounded_steps_is_a_transport_error(
    mode: str, encoding: str, body: bytes, says: str
) -> None:
    with pytest.raises(_soap.TransportError) as info:
        run(mode, answering(body, [("Content-Encoding", encoding)]))
    assert says in str(info.value)
    assert info.value.status_code == 200


@pytest.mark.parametrize("mode", MODES)
def test_a_declared_content_length_over_the_limit_is_refused_before_reading(mode: str) -> None:
    class Untouchable(Pieces):
        def __iter__(self) -> Iterator[bytes]:
            raise AssertionError("the body was read")

    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            200, headers={"Content-Length": "2000"}, stream=Untouchable(b"")
        )
    )
    with pytest.raises(_soap.ParseError, match="over the 1000-byte limit"):
        run(mode, transport, limits=_soap.Limits(max_bytes=1000))


@pytest.mark.parametrize("mode", MODES)
def test_bytes_after_the_end_of_a_gzip_stream_are_counted_not_kept(mode: str) -> None:
    body = _gzip(envelope(S11)) + b"\0" * 5000
    transport = answering(body, [("Content-Encoding", "gzip")], size=100)
    found = run(mode, transport)
    assert found is not None and found.findtext("{urn:x}Count") == "4"
    with pytest.raises(_soap.ParseError, match="over the 4000-byte limit"):
        run(mode, answering(body, [("Content-Encoding", "gzip")]), limits=_soap.Limits(4000))


# -- item 5: a whole call's deadline -----------------------------------------------------------


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n"


def timed_call(mode: str, url: str, deadline: float | None) -> tuple[BaseException | None, float]:
    started = time.monotonic()
    try:
        run(mode, url=url, limits=_soap.Limits(deadline=deadline))
    except Exception as exc:  # noqa: BLE001 - returned for the test to judge
        return exc, time.monotonic() - started
    return None, time.monotonic() - started


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("every", [0.2, 2.0])
def test_a_dripping_body_ends_at_the_deadline(
    mode: str, every: float, local_server: Callable[[Behaviour], str]
) -> None:
    url = local_server(drip(HEAD, b"<" * 100000, every))
    raised, took = timed_call(mode, url, 1.0)
    assert isinstance(raised, _soap.DeadlineExceeded), raised
    assert isinstance(raised, _soap.TransportError)
    assert "1-second deadline" in str(raised)
    assert 0.9 < took < 2.0, took


@pytest.mark.parametrize("mode", MODES)
def test_a_server_that_never_answers_ends_at_the_deadline(
    mode: str, local_server: Callable[[Behaviour], str]
) -> None:
    url = local_server(silent)
    raised, took = timed_call(mode, url, 1.0)
    assert isinstance(raised, _soap.DeadlineExceeded), raised
    assert 0.9 < took < 2.0, took


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("head", [b"HTTP/1.1 200 OK\r\n", b""])
def test_dripping_headers_end_at_the_deadline(
    mode: str, head: bytes, local_server: Callable[[Behaviour], str]
) -> None:
    status = b"HTTP/1.1 200 OK\r\n" if not head else b""
    url = local_server(drip(head, status + b"X-Slow: " + b"a" * 1000, 0.2))
    raised, took = timed_call(mode, url, 1.0)
    assert isinstance(raised, _soap.DeadlineExceeded), raised
    assert 0.9 < took < 2.0, took


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_within_the_deadline_or_without_one_is_read(
    mode: str, local_server: Callable[[Behaviour], str]
) -> None:
    url = local_server(send_whole(envelope(S11), [("Content-Type", "text/xml")]))
    for deadline in (5.0, None):
        found = run(mode, url=url, limits=_soap.Limits(deadline=deadline))
        assert found is not None and found.findtext("{urn:x}Count") == "4"


def test_the_default_deadline_is_documented_and_finite() -> None:
    assert _soap.Limits().deadline == _soap.DEADLINE == 300.0
    assert "deadline" in (_soap.Limits.__doc__ or "")


# -- item 13: an answer of the other SOAP version ----------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "version, answered, other",
    [(_soap.SOAP11, S12, "1.2"), (_soap.SOAP12, S11, "1.1")],
)
def test_a_result_of_the_other_soap_version_is_refused(
    mode: str, version: str, answered: str, other: str
) -> None:
    with pytest.raises(_soap.TransportError) as info:
        run(mode, answering(envelope(answered)), version=version)
    assert f"a SOAP {other} answer to a SOAP {version} request" in str(info.value)
    assert info.value.status_code == 200
    with pytest.raises(_soap.TransportError):  # no result expected: refused all the same
        run(mode, answering(envelope(answered, "")), version=version, expected=None)


VERSION_MISMATCH_11 = envelope(
    S11,
    "<s:Fault><faultcode>s:VersionMismatch</faultcode>"
    "<faultstring>SOAP 1.1 only</faultstring></s:Fault>",
)
SENDER_12 = envelope(
    S12,
    "<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code>"
    '<s:Reason><s:Text xml:lang="en">bad</s:Text></s:Reason></s:Fault>',
)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "version, answer, code, reason",
    [
        (_soap.SOAP12, VERSION_MISMATCH_11, "s:VersionMismatch", "SOAP 1.1 only"),
        (_soap.SOAP11, SENDER_12, "s:Sender", "bad"),
    ],
)
def test_a_fault_of_the_other_soap_version_is_raised_as_the_fault(
    mode: str, version: str, answer: bytes, code: str, reason: str
) -> None:
    with pytest.raises(_soap.SoapFault) as info:
        run(mode, answering(answer, status=500), version=version)
    assert (info.value.code, info.value.reason) == (code, reason)


# -- item 9: XSD integer ranges in the runtime -------------------------------------------------


# every integer type of XSD, written out here rather than taken from the code under test
KINDS = [
    "byte",
    "short",
    "int",
    "long",
    "unsignedByte",
    "unsignedShort",
    "unsignedInt",
    "unsignedLong",
    "integer",
    "positiveInteger",
    "nonNegativeInteger",
    "negativeInteger",
    "nonPositiveInteger",
]


def leaf(text: str) -> etree._Element:
    root = etree.fromstring(f"<Op><Count>{text}</Count></Op>".encode())
    return root[0]


def converters(kind: str) -> tuple[Callable[[etree._Element], int], Callable[[int], str]]:
    suffix = _soap.INTEGERS[kind][0]
    return getattr(_soap, f"read_{suffix}"), getattr(_soap, f"{suffix}_text")


def test_the_generator_and_the_runtime_hold_the_same_integer_ranges() -> None:
    integer_builtins = {n for n, (_, family) in xsdtypes.BUILTINS.items() if family == "int"}
    assert set(xsdtypes.INTEGERS) == set(_soap.INTEGERS) == integer_builtins == set(KINDS)
    for kind, (suffix, low, high) in xsdtypes.INTEGERS.items():
        lowest = -_soap.INTEGER_MAX if low is None else low
        highest = _soap.INTEGER_MAX if high is None else high
        assert _soap.INTEGERS[kind] == (suffix, lowest, highest)


def as_text(number: int) -> str:
    """`number` in decimal, even one digit past what str() converts."""
    if abs(number) == _soap.INTEGER_MAX + 1:
        return ("-" if number < 0 else "") + "1" + "0" * _soap.INTEGER_DIGITS
    return str(number)


@pytest.mark.parametrize("kind", KINDS)
def test_each_integer_type_reads_and_writes_its_bounds_and_refuses_beyond(kind: str) -> None:
    read, write = converters(kind)
    _, low, high = _soap.INTEGERS[kind]
    for inside in (low, high):
        assert read(leaf(str(inside))) == inside
        assert write(inside) == str(inside)
    for outside in (low - 1, high + 1):
        with pytest.raises(_soap.ParseError) as info:
            read(leaf(as_text(outside)))
        assert info.value.path == "/Op/Count"
        assert f"out of the range of xs:{kind}" in info.value.message
        with pytest.raises(_soap.WriteError, match=f"out of the range of xs:{kind}"):
            write(outside)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("sign", ["", "-"])
def test_five_thousand_digits_are_a_parse_error_not_a_value_error(kind: str, sign: str) -> None:
    read, write = converters(kind)
    with pytest.raises(_soap.ParseError) as info:
        read(leaf(sign + "9" * 5000))
    assert info.value.path == "/Op/Count"
    assert "5000 digits" in info.value.message
    with pytest.raises(_soap.WriteError):
        write(int(sign + "1") * 10**5000)


def test_xs_integer_takes_up_to_its_digit_limit_and_leading_zeros() -> None:
    biggest = "9" * _soap.INTEGER_DIGITS
    assert _soap.int_text(_soap.read_int(leaf(biggest))) == biggest
    assert _soap.read_int(leaf("-" + biggest)) == -_soap.INTEGER_MAX
    assert _soap.read_int(leaf("0" * 5000 + "7")) == 7
    assert _soap.read_int8(leaf("-" + "0" * 5000)) == 0
    with pytest.raises(_soap.ParseError):
        _soap.read_int(leaf("1" + "0" * _soap.INTEGER_DIGITS))


def test_write_errors_are_soap_errors_and_value_errors_naming_where() -> None:
    assert issubclass(_soap.WriteError, _soap.SoapError)
    assert issubclass(_soap.WriteError, ValueError)
    error = _soap.out_of_range(-5, "unsignedLong", "Item.count")
    assert (
        str(error)
        == "Item.count: -5 is out of the range of xs:unsignedLong (0 to 18446744073709551615)"
    )
    huge = str(_soap.out_of_range(10**5000, "integer", "Item.big"))
    assert huge.startswith("Item.big: an integer of about 5001 digits") and len(huge) < 200


# -- item 9: generated code, both sides --------------------------------------------------------


FIELDS = {
    "b": "byte",
    "s": "short",
    "i": "int",
    "l": "long",
    "ub": "unsignedByte",
    "ui": "unsignedInt",
    "ul": "unsignedLong",
    "pos": "positiveInteger",
    "nonneg": "nonNegativeInteger",
    "neg": "negativeInteger",
    "nonpos": "nonPositiveInteger",
    "big": "integer",
}


@pytest.fixture(scope="module")
def ranges(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("int_ranges")
    (root / "specs" / "int_ranges").mkdir(parents=True)
    (root / "specs" / "int_ranges" / "service.wsdl").write_text(WSDL, encoding="utf-8")
    project = ProjectSettings(root=root, specs=root / "specs", output=root / "generated")
    generate(None, project, project.output)
    sys.path.insert(0, str(project.output / "int_ranges"))
    try:
        yield importlib.import_module("int_ranges")
    finally:
        sys.path.remove(str(project.output / "int_ranges"))
        for loaded in [m for m in sys.modules if m.split(".")[0] == "int_ranges"]:
            del sys.modules[loaded]


@pytest.fixture(scope="module")
def rt(ranges: ModuleType) -> ModuleType:
    """The package's own copy of the runtime: its errors are its own classes."""
    return importlib.import_module("int_ranges._soap")


def bounds(kind: str) -> tuple[int, int]:
    """A type's bounds, or a 31-digit stand-in where XSD sets none."""
    _, low, high = _soap.INTEGERS[kind]
    return max(low, -(10**30)), min(high, 10**30)


def beyond(kind: str) -> tuple[int, int]:
    """One past each bound; 5000 digits where XSD sets none."""
    _, low, high = _soap.INTEGERS[kind]
    return (
        -(10**5000) if low == -_soap.INTEGER_MAX else low - 1,
        10**5000 if high == _soap.INTEGER_MAX else high + 1,
    )


def written(ranges: ModuleType, value: Any) -> bytes:
    out: list[str] = []
    value._write(out, *_soap.qualified("{urn:ranges}value", ranges.models.NSMAP))
    return _soap.message(_soap.SOAP11, ranges.models.NSMAP, out)


def read_back(ranges: ModuleType, data: bytes) -> Any:
    root = _soap.parse_xml(data)
    return ranges.models.Numbers._read(root[0][0])


@pytest.mark.parametrize("end", [0, 1])
def test_generated_models_write_and_read_every_bound(ranges: ModuleType, end: int) -> None:
    values = {name: bounds(kind)[end] for name, kind in FIELDS.items()}
    numbers = ranges.models.Numbers(**values, tag=255 * end, us=[0, 65535], bytes_=[-128, 127])
    assert read_back(ranges, written(ranges, numbers)) == numbers


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_generated_models_refuse_to_write_beyond_a_bound(
    ranges: ModuleType, rt: ModuleType, name: str
) -> None:
    kind = FIELDS[name]
    for value in beyond(kind):
        with pytest.raises(rt.WriteError) as info:
            written(ranges, ranges.models.Numbers(**{name: value}))
        assert isinstance(info.value, ValueError) and isinstance(info.value, rt.SoapError)
        assert str(info.value).startswith(f"Numbers.{name}: ")
        assert f"out of the range of xs:{kind}" in str(info.value)


@pytest.mark.parametrize(
    "value, says",
    [
        ({"tag": 256}, "Numbers.tag: 256 is out of the range of xs:unsignedByte"),
        ({"us": [1, 65536]}, "Numbers.us: 65536 is out of the range of xs:unsignedShort"),
        ({"bytes_": [1, 128]}, "128 is out of the range of xs:byte"),
    ],
)
def test_generated_attributes_and_lists_refuse_to_write_beyond_a_bound(
    ranges: ModuleType, rt: ModuleType, value: dict[str, Any], says: str
) -> None:
    with pytest.raises(rt.WriteError, match=says):
        written(ranges, ranges.models.Numbers(**value))


def numbers_xml(inner: str, attrs: str = "") -> bytes:
    return envelope(S11, f'<Echo xmlns="urn:ranges"><value{attrs}>{inner}</value></Echo>')


@pytest.mark.parametrize(
    "inner, attrs, path",
    [
        ("<ul>-5</ul>", "", "/Envelope/Body/Echo/value/ul"),
        (f"<ul>{2**70}</ul>", "", "/Envelope/Body/Echo/value/ul"),
        (f"<i>{10**22}</i>", "", "/Envelope/Body/Echo/value/i"),
        ("<b>128</b>", "", "/Envelope/Body/Echo/value/b"),
        ("<pos>0</pos>", "", "/Envelope/Body/Echo/value/pos"),
        ("<neg>0</neg>", "", "/Envelope/Body/Echo/value/neg"),
        ("<us>1</us><us>65536</us>", "", "/Envelope/Body/Echo/value/us"),
        ("<big>" + "7" * 5000 + "</big>", "", "/Envelope/Body/Echo/value/big"),
        ("", ' tag="-1"', "/Envelope/Body/Echo/value/@tag"),
        ("<bytes>1 -129</bytes>", "", "/Envelope/Body/Echo/value/bytes"),
    ],
)
def test_generated_models_refuse_to_read_beyond_a_bound(
    ranges: ModuleType, rt: ModuleType, inner: str, attrs: str, path: str
) -> None:
    root = _soap.parse_xml(numbers_xml(inner, attrs))
    with pytest.raises(rt.ParseError) as info:
        ranges.models.Numbers._read(root[0][0][0])
    assert info.value.path == path


def test_the_generated_client_refuses_before_sending_and_after_receiving(
    ranges: ModuleType, rt: ModuleType
) -> None:
    seen: list[httpx.Request] = []
    small = envelope(S11, '<SmallResult xmlns="urn:ranges">256</SmallResult>')
    with httpx.Client(transport=answering(small, seen=seen)) as http:
        client = ranges.Client(URL, http=http)
        with pytest.raises(rt.WriteError, match="^small: 300 is out of the range"):
            client.small(small=300)
        assert seen == []
        with pytest.raises(rt.ParseError) as info:
            client.small(small=3)
        assert info.value.path == "/Envelope/Body/SmallResult"
        assert "xs:unsignedByte" in info.value.message


class Errors:
    """WSGI middleware keeping what the app writes to wsgi.errors (tracebacks go there)."""

    def __init__(self, app: Any) -> None:
        self.app, self.log = app, io.StringIO()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        environ["wsgi.errors"] = self.log
        return self.app(environ, start_response)


def fault_of(answer: httpx.Response) -> tuple[str, str]:
    root = etree.fromstring(answer.content)
    fault = root.find(f"{{{S11}}}Body/{{{S11}}}Fault")
    assert fault is not None, answer.text
    return fault.findtext("faultcode") or "", fault.findtext("faultstring") or ""


@pytest.mark.parametrize(
    "inner, says",
    [
        ("<ul>-5</ul>", "value/ul: '-5' is out of the range of xs:unsignedLong"),
        (f"<ul>{2**70}</ul>", "value/ul"),
        (f"<i>{10**22}</i>", "value/i"),
        ("<big>" + "7" * 5000 + "</big>", "(5000 digits) is out of the range of xs:integer"),
        ("<nonneg>-1</nonneg>", "value/nonneg"),
    ],
)
def test_the_generated_server_answers_a_client_fault_and_keeps_serving(
    ranges: ModuleType, inner: str, says: str
) -> None:
    server = importlib.import_module("int_ranges.server")
    app = Errors(server.make_wsgi_app(server.MockHandler()))
    served = Served(app)
    try:
        headers = {"Content-Type": "text/xml", "SOAPAction": '"urn:ranges/Echo"'}
        answer = httpx.post(served.url, content=numbers_xml(inner), headers=headers, timeout=10)
        assert answer.status_code == 500
        code, reason = fault_of(answer)
        assert code.endswith("Client")
        assert says in reason
        assert app.log.getvalue() == ""  # no traceback: the request's fault, not a bug
        with ranges.Client(served.url) as client:
            assert isinstance(client.small(small=255), int)  # still answering
        assert app.log.getvalue() == ""
    finally:
        served.close()


WSDL = """<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:ranges" targetNamespace="urn:ranges" name="Ranges">
  <wsdl:types>
    <xs:schema targetNamespace="urn:ranges" elementFormDefault="qualified">
      <xs:simpleType name="Bytes"><xs:list itemType="xs:byte"/></xs:simpleType>
      <xs:complexType name="Numbers">
        <xs:sequence>
          <xs:element name="b" type="xs:byte" minOccurs="0"/>
          <xs:element name="s" type="xs:short" minOccurs="0"/>
          <xs:element name="i" type="xs:int" minOccurs="0"/>
          <xs:element name="l" type="xs:long" minOccurs="0"/>
          <xs:element name="ub" type="xs:unsignedByte" minOccurs="0"/>
          <xs:element name="us" type="xs:unsignedShort" minOccurs="0" maxOccurs="unbounded"/>
          <xs:element name="ui" type="xs:unsignedInt" minOccurs="0"/>
          <xs:element name="ul" type="xs:unsignedLong" minOccurs="0"/>
          <xs:element name="pos" type="xs:positiveInteger" minOccurs="0"/>
          <xs:element name="nonneg" type="xs:nonNegativeInteger" minOccurs="0"/>
          <xs:element name="neg" type="xs:negativeInteger" minOccurs="0"/>
          <xs:element name="nonpos" type="xs:nonPositiveInteger" minOccurs="0"/>
          <xs:element name="big" type="xs:integer" minOccurs="0"/>
          <xs:element name="bytes" type="tns:Bytes" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="tag" type="xs:unsignedByte"/>
      </xs:complexType>
      <xs:element name="Echo"><xs:complexType><xs:sequence>
        <xs:element name="value" type="tns:Numbers"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="EchoResponse"><xs:complexType><xs:sequence>
        <xs:element name="result" type="tns:Numbers"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="Small" type="xs:unsignedByte"/>
      <xs:element name="SmallResult" type="xs:unsignedByte"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="EchoIn"><wsdl:part name="p" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="EchoOut"><wsdl:part name="p" element="tns:EchoResponse"/></wsdl:message>
  <wsdl:message name="SmallIn"><wsdl:part name="p" element="tns:Small"/></wsdl:message>
  <wsdl:message name="SmallOut"><wsdl:part name="p" element="tns:SmallResult"/></wsdl:message>
  <wsdl:portType name="RangesPort">
    <wsdl:operation name="Echo">
      <wsdl:input message="tns:EchoIn"/><wsdl:output message="tns:EchoOut"/>
    </wsdl:operation>
    <wsdl:operation name="Small">
      <wsdl:input message="tns:SmallIn"/><wsdl:output message="tns:SmallOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="RangesSoap" type="tns:RangesPort">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <wsdl:operation name="Echo"><soap:operation soapAction="urn:ranges/Echo"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="Small"><soap:operation soapAction="urn:ranges/Small"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Ranges">
    <wsdl:port name="RangesSoap" binding="tns:RangesSoap">
      <soap:address location="http://127.0.0.1:9/ranges"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""
