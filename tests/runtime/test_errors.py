"""One error hierarchy (issue 17 items 5 and 6): httpx errors raised as the package's
TransportError (ConnectionFailed where nothing was sent) with their cause chained, fault codes
as QNames, a value a message cannot carry named by class and field, and huge text nodes read
only when `Limits(huge_text=True)` asks for them."""

from __future__ import annotations

import asyncio
import importlib
import io
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from lxml import etree
from wire import Load, Wire

from generator.runtime import _soap

S11 = _soap.SOAP11_ENV
S12 = _soap.SOAP12_ENV
MODES = ["sync", "async"]


def envelope(ns: str, body: str = '<R xmlns="urn:x"><Count>4</Count></R>') -> bytes:
    return f'<s:Envelope xmlns:s="{ns}"><s:Body>{body}</s:Body></s:Envelope>'.encode()


def run(
    mode: str,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    url: str = "http://127.0.0.1:9/svc",
    limits: _soap.Limits = _soap.DEFAULT_LIMITS,
    timeout: float = 5.0,
) -> etree._Element | None:
    """One call of `_soap.call` / `acall`, through `transport` or over HTTP to `url`."""
    call: dict[str, Any] = {
        "operation": "Op",
        "action": "urn:x/Op",
        "body": ["<x:Op/>"],
        "faults": {},
        "expected": "{urn:x}R",
    }

    def endpoint(http: httpx.Client | httpx.AsyncClient) -> Any:
        return SimpleNamespace(
            http=http,
            address=url,
            soap_version=_soap.SOAP11,
            limits=limits,
            NAMESPACES={"x": "urn:x"},
            HEADER_TAGS={},
            headers=[],
            hooks=[],
        )

    if mode == "sync":
        with httpx.Client(transport=transport, timeout=timeout) as http:  # type: ignore[arg-type]
            return _soap.call(endpoint(http), **call)

    async def go() -> etree._Element | None:
        async with httpx.AsyncClient(transport=transport, timeout=timeout) as http:  # type: ignore[arg-type]
            return await _soap.acall(endpoint(http), **call)

    return asyncio.run(go())


def raising(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.MockTransport(handler)


# -- httpx errors become the package's TransportError ------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "error, kind",
    [
        (httpx.ConnectTimeout("timed out"), _soap.ConnectionFailed),
        (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
         _soap.ConnectionFailed),  # fmt: skip
        (httpx.PoolTimeout("no connection"), _soap.ConnectionFailed),
        (httpx.ProxyError("proxy refused"), _soap.ConnectionFailed),
        (httpx.ReadTimeout("timed out"), _soap.TransportError),
        (httpx.WriteError("broken pipe"), _soap.TransportError),
        (httpx.RemoteProtocolError("illegal status line"), _soap.TransportError),
        (httpx.ReadError("connection reset"), _soap.TransportError),
    ],
)
def test_each_httpx_error_is_a_transport_error_with_its_cause(
    mode: str, error: Exception, kind: type[_soap.TransportError]
) -> None:
    with pytest.raises(_soap.TransportError) as info:
        run(mode, raising(error))
    raised = info.value
    assert type(raised) is kind
    assert isinstance(raised, _soap.SoapError)
    assert not isinstance(raised, _soap.DeadlineExceeded)
    assert raised.__cause__ is error
    assert (raised.status_code, raised.headers) == (None, None)
    assert type(error).__name__ in str(raised) and str(error) in str(raised)
    assert "POST http://127.0.0.1:9/svc" in str(raised)


class Broken(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that breaks off after its first piece."""

    def __iter__(self) -> Iterator[bytes]:
        yield b"<s:Envelope"
        raise httpx.ReadError("connection reset by peer")

    async def __aiter__(self) -> Any:
        yield b"<s:Envelope"
        raise httpx.ReadError("connection reset by peer")


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_that_breaks_off_keeps_its_status_and_headers(mode: str) -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            502, headers={"X-Trace": "abc", "Content-Type": "text/xml"}, stream=Broken()
        )
    )
    with pytest.raises(_soap.TransportError) as info:
        run(mode, transport)
    raised = info.value
    assert type(raised) is _soap.TransportError
    assert isinstance(raised.__cause__, httpx.ReadError)
    assert raised.status_code == 502
    assert raised.headers is not None and raised.headers["x-trace"] == "abc"
    assert str(raised).startswith("HTTP 502: the answer broke off")


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_without_a_result_keeps_its_headers(mode: str) -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(503, headers={"Retry-After": "30"}, content=b"busy")
    )
    with pytest.raises(_soap.TransportError) as info:
        run(mode, transport)
    assert info.value.status_code == 503
    assert info.value.headers is not None and info.value.headers["retry-after"] == "30"
    assert info.value.content == b"busy"


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_connection_is_connection_failed(mode: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}/svc"
    with pytest.raises(_soap.ConnectionFailed) as info:
        run(mode, url=url)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert f"could not connect (POST {url})" in str(info.value)
    assert info.value.status_code is None


@pytest.fixture
def listener() -> Iterator[Callable[[Callable[[socket.socket], None]], int]]:
    """A TCP server on 127.0.0.1 that hands each connection to `serve`; its port."""
    stop = threading.Event()
    sockets: list[socket.socket] = []

    def start(serve: Callable[[socket.socket], None]) -> int:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(0.05)
        sockets.append(server)

        def accept() -> None:
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except OSError:
                    continue
                sockets.append(conn)
                serve(conn)

        threading.Thread(target=accept, daemon=True).start()
        port: int = server.getsockname()[1]
        return port

    yield start
    stop.set()
    for opened in sockets:
        opened.close()


@pytest.mark.parametrize("mode", MODES)
def test_a_server_that_never_answers_is_a_read_timeout(
    mode: str, listener: Callable[[Callable[[socket.socket], None]], int]
) -> None:
    port = listener(lambda conn: None)  # accepts, reads nothing, answers nothing
    started = time.monotonic()
    with pytest.raises(_soap.TransportError) as info:
        run(mode, url=f"http://127.0.0.1:{port}/svc", timeout=0.5)
    assert time.monotonic() - started < 5
    assert type(info.value) is _soap.TransportError  # sent: not safe to retry blindly
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert "ReadTimeout" in str(info.value)


@pytest.mark.parametrize("mode", MODES)
def test_the_deadline_stays_deadline_exceeded(
    mode: str, listener: Callable[[Callable[[socket.socket], None]], int]
) -> None:
    port = listener(lambda conn: None)
    with pytest.raises(_soap.DeadlineExceeded):
        run(mode, url=f"http://127.0.0.1:{port}/svc", limits=_soap.Limits(deadline=0.5))


@pytest.mark.parametrize("mode", MODES)
def test_a_tls_handshake_that_fails_is_connection_failed(
    mode: str, listener: Callable[[Callable[[socket.socket], None]], int]
) -> None:
    def plain_http(conn: socket.socket) -> None:  # answers a TLS hello with plain HTTP
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    port = listener(plain_http)
    with pytest.raises(_soap.ConnectionFailed) as info:
        run(mode, url=f"https://127.0.0.1:{port}/svc")
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_a_generated_package_exports_its_hierarchy(load: Load) -> None:
    pkg = load("wsdl_doclit")
    for name in ("ConnectionFailed", "DeadlineExceeded", "TransportError", "WriteError"):
        assert issubclass(getattr(pkg, name), pkg.SoapError), name
    assert issubclass(pkg.ConnectionFailed, pkg.TransportError)
    with pkg.Client(f"http://127.0.0.1:{closed_port()}/svc") as client:
        with pytest.raises(pkg.ConnectionFailed):
            client.get_order(id=7)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    with pkg.Client(http=httpx.Client(transport=httpx.MockTransport(refuse))) as client:
        with pytest.raises(pkg.ConnectionFailed) as info:
            client.get_order(id=7)
    assert isinstance(info.value.__cause__, httpx.ConnectTimeout)


# -- fault codes as QNames ---------------------------------------------------------------------


def fault_of(answer: bytes) -> _soap.SoapFault:
    transport = httpx.MockTransport(lambda request: httpx.Response(500, content=answer))
    with pytest.raises(_soap.SoapFault) as info:
        run("sync", transport)
    return info.value


def test_a_soap11_fault_code_is_a_qname_resolved_where_it_is_written() -> None:
    fault = fault_of(
        envelope(
            S11,
            '<s:Fault><faultcode xmlns:app="urn:app">app:Throttled</faultcode>'
            "<faultstring>slow down</faultstring></s:Fault>",
        )
    )
    assert fault.code == "app:Throttled"  # as written, unchanged
    assert fault.qname == etree.QName("urn:app", "Throttled")
    assert fault_of(envelope(S11, "<s:Fault><faultcode>s:Server</faultcode></s:Fault>")).qname == (
        etree.QName(S11, "Server")
    )


def test_a_soap12_code_and_its_subcodes_are_qnames() -> None:
    fault = fault_of(
        envelope(
            S12,
            '<s:Fault xmlns:a="urn:a"><s:Code><s:Value>s:Sender</s:Value>'
            '<s:Subcode><s:Value>a:Invalid</s:Value><s:Subcode><s:Value xmlns:b="urn:b">'
            "b:Quantity</s:Value></s:Subcode></s:Subcode></s:Code>"
            '<s:Reason><s:Text xml:lang="en">bad</s:Text></s:Reason></s:Fault>',
        )
    )
    assert (fault.code, fault.subcodes) == ("s:Sender", ("a:Invalid", "b:Quantity"))
    assert fault.qname == etree.QName(S12, "Sender")
    assert fault.subcode_qnames == (
        etree.QName("urn:a", "Invalid"),
        etree.QName("urn:b", "Quantity"),
    )


@pytest.mark.parametrize(
    "code, expected",
    [
        ("nowhere:Oops", etree.QName(None, "Oops")),  # a prefix declared nowhere
        ("Plain", etree.QName(None, "Plain")),
        ("", None),
        ("not a name", None),
        ("a:b:c", etree.QName(None, "c")),
    ],
)
def test_a_code_that_does_not_resolve_never_crashes(code: str, expected: Any) -> None:
    fault = fault_of(envelope(S11, f"<s:Fault><faultcode>{code}</faultcode></s:Fault>"))
    assert fault.code == code.strip()
    assert fault.qname == expected


def test_a_fault_made_in_code_has_a_qname_too() -> None:
    fault = _soap.SoapFault("Server", "boom", subcodes=("x:Y",))
    assert (fault.qname, fault.subcode_qnames) == (etree.QName("Server"), (etree.QName("Y"),))


# -- huge text nodes ----------------------------------------------------------------------------


def huge_answer(size: int = 12 * 1024 * 1024) -> bytes:
    text = "QUJD" * (size // 4)  # base64 of "ABC"...
    return envelope(S11, f'<R xmlns="urn:x"><Data>{text}</Data></R>')


def answering(body: bytes) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, content=body))


@pytest.mark.parametrize("mode", MODES)
def test_a_12_mb_text_node_is_refused_by_default_naming_the_limit_and_the_option(
    mode: str,
) -> None:
    with pytest.raises(_soap.ParseError) as info:
        run(mode, answering(huge_answer()))
    assert "10,000,000-byte limit" in str(info.value)
    assert "Limits(huge_text=True)" in str(info.value)


@pytest.mark.parametrize("mode", MODES)
def test_a_12_mb_text_node_is_read_with_huge_text(mode: str) -> None:
    found = run(mode, answering(huge_answer()), limits=_soap.Limits(huge_text=True))
    assert found is not None
    assert len(found.findtext("{urn:x}Data") or "") == 12 * 1024 * 1024


def test_huge_text_keeps_max_bytes_and_max_depth() -> None:
    huge = _soap.Limits(huge_text=True)
    with pytest.raises(_soap.ParseError, match="over the 10485760-byte limit"):
        run("sync", answering(huge_answer()), limits=_soap.Limits(10 * 1024 * 1024, huge_text=True))
    for depth in (257, 1000, 3000):  # libxml2 lifts its own 256 under huge_tree
        nested = "<a>" * depth + "</a>" * depth
        with pytest.raises(_soap.ParseError, match="nested deeper than"):
            run("sync", answering(envelope(S11, f'<R xmlns="urn:x">{nested}</R>')), limits=huge)
    with pytest.raises(_soap.ParseError, match="nested deeper than 20 levels"):
        _soap.parse_xml(b"<a>" * 30 + b"</a>" * 30, max_depth=20, huge_text=True)


@pytest.mark.parametrize(
    "document, refused",
    [
        (b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', "DTD is not allowed"),
        (b'<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>', "DTD is not allowed"),
        (b"<a>&e;</a>", "not well-formed"),
    ],
)
def test_huge_text_still_refuses_dtds_and_entities(document: bytes, refused: str) -> None:
    for huge in (False, True):
        with pytest.raises(_soap.ParseError, match=refused):
            _soap.parse_xml(document, huge_text=huge)


def test_a_server_reads_a_huge_text_only_when_told(load: Load) -> None:
    load("wsdl_doclit")
    server = importlib.import_module("wsdl_doclit.server")
    seen: list[int] = []

    class Orders(server.MockHandler):  # type: ignore[misc,name-defined]
        def get_order(self, **kwargs: Any) -> Any:
            seen.append(len(kwargs["class_"]))
            return None

    body = (
        f'<s:Envelope xmlns:s="{S11}" xmlns:o="urn:example:orders"><s:Body><o:GetOrder>'
        f"<o:id>7</o:id><o:class>{'x' * 11_000_000}</o:class></o:GetOrder></s:Body></s:Envelope>"
    ).encode()

    def post(app: Any) -> httpx.Response:
        with httpx.Client(transport=httpx.WSGITransport(app)) as http:
            return http.post(
                "http://orders.test/",
                content=body,
                headers={"content-type": "text/xml", "SOAPAction": '"urn:example:orders/GetOrder"'},
            )

    allowed = 32 * 1024 * 1024  # over the server's own 10 MB default
    refused = post(server.make_wsgi_app(Orders(), max_bytes=allowed))
    assert refused.status_code == 500 and b"huge_text=True" in refused.content
    assert (
        post(server.make_wsgi_app(Orders(), max_bytes=allowed, huge_text=True)).status_code == 200
    )
    assert seen == [11_000_000]


# -- a value a message cannot carry names its class and field ----------------------------------


def calling(mode: str, client: Any, method: str, **arguments: Any) -> Any:
    if mode == "sync":
        return getattr(client, method)(**arguments)
    return asyncio.run(getattr(client, method)(**arguments))


def client_of(pkg: Any, mode: str, wire: Wire, **options: Any) -> Any:
    if mode == "sync":
        return pkg.Client(http=wire.http(), **options)
    return pkg.AsyncClient(http=wire.async_http(), **options)


NO_ANSWER = (500, b"")  # never reached: nothing is sent


@pytest.mark.parametrize("mode", MODES)
def test_none_for_a_required_header_field_names_class_and_field(load: Load, mode: str) -> None:
    pkg = load("wsdl_doclit")
    wire = Wire(NO_ANSWER)
    client = client_of(pkg, mode, wire)
    with pytest.raises(pkg.WriteError) as info:
        calling(mode, client, "get_order", id=7, auth=pkg.models.Auth(token=None))
    assert str(info.value) == "Auth.token: None is not a str"
    assert isinstance(info.value.__cause__, TypeError)
    assert isinstance(info.value, pkg.SoapError) and isinstance(info.value, ValueError)
    assert wire.sent == []


@pytest.mark.parametrize("mode", MODES)
def test_a_wrong_type_in_the_body_names_class_and_field(load: Load, mode: str) -> None:
    pkg = load("wsdl_doclit")
    wire = Wire(NO_ANSWER)
    client = client_of(pkg, mode, wire)
    with pytest.raises(pkg.WriteError, match=r"^GetOrder.id: '7' \(str\) is not an int$"):
        calling(mode, client, "get_order", id="7")
    with pytest.raises(pkg.WriteError, match=r"^GetOrder.class_: 3 \(int\) is not a str$"):
        calling(mode, client, "get_order", id=7, class_=3)
    assert wire.sent == []


@pytest.mark.parametrize("mode", MODES)
def test_a_header_given_to_the_client_names_class_and_field(load: Load, mode: str) -> None:
    pkg = load("wsdl_doclit")
    wire = Wire(NO_ANSWER)
    client = client_of(pkg, mode, wire, headers=[pkg.models.Auth(token=b"secret")])
    with pytest.raises(pkg.WriteError, match=r"^Auth.token: b'secret' \(bytes\) is not a str$"):
        calling(mode, client, "get_order", id=7)
    with pytest.raises(pkg.WriteError, match="is not a header this service declares"):
        calling(mode, client_of(pkg, mode, wire), "get_order", id=7, soap_headers=[object()])
    assert wire.sent == []


@pytest.mark.parametrize("mode", MODES)
def test_a_value_deep_in_the_request_is_named_with_its_path(load: Load, mode: str) -> None:
    pkg = load("wsdl_derived_types")
    models = pkg.models
    wire = Wire(NO_ANSWER)
    record = models.Contact(email="a@example.com", company=models.RecordRef(internal_id=None))
    with pytest.raises(pkg.WriteError) as info:
        calling(mode, client_of(pkg, mode, wire), "add", record=record)
    assert str(info.value) == (
        "RecordRef.internal_id: None is not a str (at Add.record.company.internal_id)"
    )


def write(value: Any, tag: str = "x") -> list[str]:
    """`value` written as a generated client writes a request: errors named once, around it."""
    soap = importlib.import_module(type(value).__module__.rpartition(".")[0] + "._soap")
    out: list[str] = []
    try:
        value._write(out, tag)
    except soap.UNWRITABLE as exc:
        soap.write_failed(exc)
    return out


def test_an_item_of_a_list_is_named_by_its_index(load: Load) -> None:
    pkg = load("wsdl_doclit")
    models, WriteError = pkg.models, pkg.WriteError
    good = models.Line(item_id="1", sku="A", qty=1)
    order = models.Order(
        key="k",
        placed=datetime(2026, 1, 1),
        total=models.Money(value=Decimal(1)),
        state=models.State.OPEN,
        line=[good, models.Line(item_id="2", sku=None, qty=1)],
    )
    with pytest.raises(WriteError) as info:
        write(order)
    assert str(info.value) == "Line.sku: None is not a str (at Order.line[1].sku)"
    order.line[1] = models.Line(item_id="2", sku="B", qty=2**40)
    with pytest.raises(WriteError, match=r"^Line.qty: 1099511627776 is out of the range "):
        write(order)
    with pytest.raises(WriteError, match=r"\(at Order.line\[1\].qty\)$"):
        write(order)
    order.line[1] = good
    order.state = "open"
    with pytest.raises(WriteError, match=r"^Order.state: 'open' \(str\) is not a State$"):
        write(order)
    order.state = models.State.OPEN
    order.total = None
    with pytest.raises(WriteError, match=r"^Order.total: None is not a Money$"):
        write(order)


def test_a_value_of_its_type_that_xml_cannot_carry_names_the_field(load: Load) -> None:
    pkg = load("wsdl_doclit")
    models, WriteError = pkg.models, pkg.WriteError
    with pytest.raises(WriteError) as info:
        write(models.Auth(token="a\x00b"))
    assert str(info.value).startswith("Auth.token: U+0000 cannot be written in XML")
    assert isinstance(info.value.__cause__, ValueError)


@pytest.mark.parametrize("mode", MODES)
def test_a_simple_header_argument_is_named(load: Load, mode: str) -> None:
    pkg = load("asmx_addressing")
    client = client_of(pkg, mode, Wire(NO_ANSWER))
    with pytest.raises(pkg.WriteError) as info:
        calling(mode, client, "availability", hotel_code="H", trace=5)
    name = "Client" if mode == "sync" else "AsyncClient"
    assert str(info.value) == f"{name}.availability(trace): 5 (int) is not a str"


def test_no_value_is_written_as_what_it_is_not(load: Load) -> None:
    """None for a required bool was written as false, "no" as true, 7.9 as 7: refused now."""
    pkg = load("wsdl_headers")
    models, WriteError = pkg.models, pkg.WriteError
    assert "<nsefe5:ok>false</nsefe5:ok>" in "".join(write(models.LoginResponse(ok=False)))
    for wrong, shown in [(None, "None"), ("no", "'no' (str)"), (0, "0 (int)")]:
        with pytest.raises(
            WriteError, match=rf"^LoginResponse.ok: {re.escape(shown)} is not a bool$"
        ):
            write(models.LoginResponse(ok=wrong))
    doclit = load("wsdl_doclit")
    line = doclit.models.Line(item_id="1", sku="A", qty=7.9)
    with pytest.raises(doclit.WriteError, match=r"^Line.qty: 7.9 \(float\) is not an int$"):
        write(line)
    line.qty = Decimal(7)
    with pytest.raises(
        doclit.WriteError, match=r"^Line.qty: Decimal\('7'\) \(Decimal\) is not an int$"
    ):
        write(line)
    line.qty = True  # an int, as Python has it
    assert "<nsb5a6:qty>1</nsb5a6:qty>" in "".join(write(line))
    assert _soap.int32_text(7) == "7"
    with pytest.raises(TypeError):
        _soap.int32_text(7.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="None is not a bool"):
        _soap.bool_text(None)  # type: ignore[arg-type]


def test_a_server_logs_which_field_of_its_answer_cannot_be_written(load: Load) -> None:
    pkg = load("wsdl_doclit")
    server, models = importlib.import_module("wsdl_doclit.server"), pkg.models

    class Orders(server.MockHandler):  # type: ignore[misc,name-defined]
        def get_order(self, **kwargs: Any) -> Any:
            return models.Order(
                key="k",
                placed=datetime(2026, 1, 1),
                total=models.Money(value=Decimal(1)),
                state=models.State.OPEN,
                line=[models.Line(item_id="1", sku=None, qty=1)],
            )

    errors = io.StringIO()
    transport = httpx.WSGITransport(server.make_wsgi_app(Orders()), wsgi_errors=errors)
    with httpx.Client(transport=transport) as http:
        answer = http.post(
            "http://orders.test/",
            content=(
                f'<s:Envelope xmlns:s="{S11}" xmlns:o="urn:example:orders"><s:Body>'
                "<o:GetOrder><o:id>7</o:id></o:GetOrder></s:Body></s:Envelope>"
            ).encode(),
            headers={"content-type": "text/xml", "SOAPAction": '"urn:example:orders/GetOrder"'},
        )
    assert answer.status_code == 500 and b"internal server error" in answer.content
    assert (
        "the answer cannot be written: Line.sku: None is not a str "
        "(at GetOrderResponse.get_order_result.line[0].sku)"
    ) in errors.getvalue()


def test_the_mtom_hook_moves_a_huge_value_of_the_clients_own_request(load: Load) -> None:
    """The hook parses the client's own envelope: a 12 MB base64 text is not refused there,
    whatever the client's Limits say of answers."""
    pkg = load("wsdl_mtom")
    wire = Wire((500, envelope(S11, "<s:Fault><faultcode>s:Server</faultcode></s:Fault>")))
    client = pkg.Client("http://docs.test/", http=wire.http(), hooks=[pkg.Mtom()])
    content = b"\x01" * (9 * 1024 * 1024)  # 12 MB once base64-encoded
    with pytest.raises(pkg.SoapFault):
        client.upload_document(name="n", content=content)
    sent = wire.sent[0]
    assert sent.headers["content-type"].startswith("multipart/related")
    assert content in sent.content  # as a binary part, not inline base64
