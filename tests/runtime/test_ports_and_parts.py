"""Every port of a service chosen by name (its SOAP version follows it), and document-style
messages of several body parts: sent as siblings in soap:Body, read back as one value a field
per part, by the generated client, server and mock alike, and as zeep sends and reads them."""

from __future__ import annotations

import asyncio
import importlib
import sys
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree
from repo import GOLDEN
from served import Served
from wire import Load, Wire, copy_spec

from generator.inspect_model import model_data
from generator.pipeline import build, generate

ORDERS = "urn:example:orders"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
ANSWER = (
    f'<soap:Envelope xmlns:soap="{S11}"><soap:Body>'
    f'<o:Confirmation xmlns:o="{ORDERS}"><o:number>N-7</o:number></o:Confirmation>'
    f'<o:Total xmlns:o="{ORDERS}">12.50</o:Total>'
    "</soap:Body></soap:Envelope>"
).encode()


@pytest.fixture
def pkg(load: Load) -> Any:
    package = load("wsdl_parts_ports")
    importlib.import_module("wsdl_parts_ports.server")
    return package


class _Recorded:
    """What the handler was called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []


@pytest.fixture
def served(pkg: Any) -> Iterator[tuple[Served, _Recorded]]:
    server, models = pkg.server, pkg.models
    recorded = _Recorded()

    class Shop(server.Handler):  # type: ignore[misc, name-defined]
        def place_order(self, **given: Any) -> Any:
            recorded.calls.append(("place_order", given))
            order = given["order"]
            return models.PlaceOrderOutput(
                confirmation=models.Confirmation(number=f"N-{order.id}"),
                total=Decimal(order.quantity) * Decimal("2.5"),
            )

        def annotate(self, **given: Any) -> Any:
            recorded.calls.append(("annotate", given))
            return f"{given['note']}:{given['order'].id}"

    running = Served(server.make_wsgi_app(Shop()))
    yield running, recorded
    running.close()


# -- ports ----------------------------------------------------------------------------------


def test_every_port_is_listed_with_its_binding_version_and_address(pkg: Any) -> None:
    port = pkg.client.Client.PORTS
    assert list(port) == ["OrdersSoap", "OrdersSecure", "OrdersSoap12"]
    assert (port["OrdersSecure"].binding, port["OrdersSecure"].soap_version) == (
        "OrdersSoapSecure",
        "1.1",
    )
    assert port["OrdersSecure"].address == "https://secure.orders.example.com/soap"
    assert port["OrdersSoap12"].soap_version == "1.2"
    assert pkg.client.AsyncClient.PORTS == port
    # what existing code reads stays: the first address of each version
    assert pkg.client.Client.ADDRESSES == {
        "1.1": "http://orders.example.com/soap",
        "1.2": "https://orders.example.com/soap12",
    }


@pytest.mark.parametrize("cls", ["Client", "AsyncClient"])
def test_a_port_chosen_by_name_gives_its_address_and_soap_version(pkg: Any, cls: str) -> None:
    client = getattr(pkg, cls)
    default = client()
    assert (default.port, default.soap_version, default.address) == (
        "OrdersSoap",
        "1.1",
        "http://orders.example.com/soap",
    )
    secure = client(port="OrdersSecure")
    assert (secure.soap_version, secure.address) == (
        "1.1",
        "https://secure.orders.example.com/soap",
    )
    soap12 = client(port="OrdersSoap12", soap_version="1.2")
    assert (soap12.soap_version, soap12.address) == ("1.2", "https://orders.example.com/soap12")
    by_version = client(soap_version="1.2")
    assert by_version.port == "OrdersSoap12"
    overridden = client("http://elsewhere.test/x", port="OrdersSecure")
    assert (overridden.port, overridden.address) == ("OrdersSecure", "http://elsewhere.test/x")


def test_a_port_and_a_soap_version_that_disagree_are_refused(pkg: Any) -> None:
    with pytest.raises(ValueError, match="'OrdersSoap12' speaks SOAP 1.2, not soap_version '1.1'"):
        pkg.Client(port="OrdersSoap12", soap_version="1.1")
    with pytest.raises(ValueError, match="port must be one of OrdersSoap, OrdersSecure"):
        pkg.Client(port="OrdersSoap11")
    with pytest.raises(ValueError, match="soap_version must be one of 1.1, 1.2"):
        pkg.Client(soap_version="1.3")


def test_a_call_goes_to_the_chosen_port_in_its_soap_version(pkg: Any) -> None:
    answer12 = ANSWER.replace(S11.encode(), S12.encode())
    wire = Wire((200, answer12))
    models = pkg.models
    with pkg.Client(port="OrdersSoap12", http=wire.http()) as client:
        client.place_order(order=models.Order(id="A", quantity=1), audit=models.Audit(user="u"))
    sent = wire.sent[-1]
    assert str(sent.url) == "https://orders.example.com/soap12"
    assert etree.QName(wire.envelope()).namespace == S12
    assert 'action="urn:example:orders/PlaceOrder"' in sent.headers["content-type"]


def test_inspect_lists_the_ports_the_client_has(pkg: Any, tmp_path: Path) -> None:
    project = copy_spec(tmp_path / "model", "wsdl_parts_ports")
    data = model_data(build(project.specs / "wsdl_parts_ports", project).model)
    listed = {
        b["name"]: (b["binding"], b["soap_version"], b["address"])
        for b in data["services"][0]["bindings"]
    }
    generated = {
        name: (p.binding, p.soap_version, p.address) for name, p in pkg.Client.PORTS.items()
    }
    assert listed == generated
    assert data["warnings"] == []


def test_a_port_whose_binding_binds_other_actions_is_warned_about(tmp_path: Path) -> None:
    project = copy_spec(tmp_path / "model", "wsdl_parts_ports")
    wsdl = project.specs / "wsdl_parts_ports" / "Orders.wsdl"
    text = wsdl.read_text()
    secure = text.index('<wsdl:binding name="OrdersSoapSecure"')
    at = text.index('soapAction="urn:example:orders/Ping"', secure)
    wsdl.write_text(text[:at] + 'soapAction="urn:example:orders/SecurePing"' + text[at + 36 :])
    data = model_data(build(project.specs / "wsdl_parts_ports", project).model)
    assert [w["message"] for w in data["warnings"]] == [
        "port 'OrdersSecure' binds Ping otherwise than binding 'OrdersSoap': its client sends"
        " what that binding says (on every SOAP 1.1 port)"
    ]


# -- several body parts ---------------------------------------------------------------------


def _body(envelope: etree._Element) -> list[etree._Element]:
    body = envelope.find(f"{{{etree.QName(envelope).namespace}}}Body")
    assert body is not None
    return list(body)


def test_the_client_sends_every_part_in_order_and_reads_every_part(pkg: Any) -> None:
    wire = Wire((200, ANSWER))
    models = pkg.models
    with pkg.Client(http=wire.http()) as client:
        got = client.place_order(
            order=models.Order(id="A1", quantity=3),
            audit=models.Audit(user="ann"),
            token=models.Token(value="t"),
        )
    assert got == models.PlaceOrderOutput(
        confirmation=models.Confirmation(number="N-7"), total=Decimal("12.50")
    )
    parts = _body(wire.envelope())
    assert [p.tag for p in parts] == [f"{{{ORDERS}}}Order", f"{{{ORDERS}}}Audit"]
    assert parts[0].findtext(f"{{{ORDERS}}}id") == "A1"
    header = wire.envelope().find(f"{{{S11}}}Header")
    assert header is not None and [h.tag for h in header] == [f"{{{ORDERS}}}Token"]


def test_soap_body_parts_selects_the_parts_sent(pkg: Any) -> None:
    answer = ANSWER.replace(b"<o:Total", b"<!--").replace(b"</o:Total>", b"-->")
    wire = Wire((200, answer))
    with pkg.Client(http=wire.http()) as client:
        assert client.annotate(note="hi", order=pkg.models.Order(id="B", quantity=1)) == "N-7"
    # the message's order (note, audit, order) less audit, which parts="order note" leaves out
    assert [p.tag for p in _body(wire.envelope())] == [f"{{{ORDERS}}}Note", f"{{{ORDERS}}}Order"]
    assert _body(wire.envelope())[0].text == "hi"


def test_a_missing_part_of_the_answer_is_none_or_refused_when_strict(pkg: Any) -> None:
    answer = ANSWER.replace(b"<o:Total", b"<!--").replace(b"</o:Total>", b"-->")
    models = pkg.models
    with pkg.Client(http=Wire((200, answer)).http()) as client:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = client.place_order(
                order=models.Order(id="A", quantity=1), audit=models.Audit(user="u")
            )
    assert got.total is None and got.confirmation.number == "N-7"
    with pkg.Client(http=Wire((200, answer)).http(), strict=True) as client:
        with pytest.raises(pkg.UnexpectedContent, match="Total"):
            client.place_order(order=models.Order(id="A", quantity=1), audit=models.Audit(user="u"))


def test_the_generated_client_and_server_exchange_every_part(
    pkg: Any, served: tuple[Served, _Recorded]
) -> None:
    running, recorded = served
    models = pkg.models
    for port in ("OrdersSoap", "OrdersSoap12"):
        with pkg.Client(running.url, port=port) as client:
            got = client.place_order(
                order=models.Order(id="7", quantity=4), audit=models.Audit(user="ann", reason="r")
            )
            assert got.confirmation.number == "N-7" and got.total == Decimal("10.0")
            assert client.annotate(note="n", order=models.Order(id="8", quantity=1)) == "n:8"
    name, given = recorded.calls[0]
    assert name == "place_order"
    assert given == {
        "order": models.Order(id="7", quantity=4),
        "audit": models.Audit(user="ann", reason="r"),
        "token": None,
    }

    async def call() -> Any:
        async with pkg.AsyncClient(running.url, port="OrdersSecure") as client:
            return await client.place_order(
                order=models.Order(id="9", quantity=2), audit=models.Audit(user="b")
            )

    assert asyncio.run(call()).total == Decimal("5.0")


def test_the_server_reads_the_parts_zeep_sends_into_the_same_values(
    pkg: Any, served: tuple[Served, _Recorded]
) -> None:
    zeep = pytest.importorskip("zeep")
    running, recorded = served
    spec = GOLDEN / "wsdl_parts_ports" / "spec" / "Orders.wsdl"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = zeep.Client(str(spec))
        for port, envelope_ns in (("OrdersSoap", S11), ("OrdersSoap12", S12)):
            service = client.bind("Orders", port)
            message = client.create_message(
                service,
                "PlaceOrder",
                order={"id": "Z1", "quantity": 2},
                audit={"user": "zed", "reason": "why"},
                _soapheaders={"token": {"value": "tok"}},
            )
            assert etree.QName(message).namespace == envelope_ns
            content = etree.tostring(message)
            ctype = "text/xml" if envelope_ns == S11 else "application/soap+xml"
            response = httpx.post(
                running.url,
                content=content,
                headers={
                    "Content-Type": f"{ctype}; charset=utf-8",
                    "SOAPAction": '"urn:example:orders/PlaceOrder"',
                },
            )
            assert response.status_code == 200, response.text
            name, given = recorded.calls[-1]
            assert name == "place_order"
            assert given == {
                "order": pkg.models.Order(id="Z1", quantity=2),
                "audit": pkg.models.Audit(user="zed", reason="why"),
                "token": pkg.models.Token(value="tok"),
            }
        # and zeep reads the server's answer of two parts, through the WSDL the server states
        answer = client.create_service("{urn:example:orders}OrdersSoap", running.url).PlaceOrder(
            order={"id": "Z2", "quantity": 4}, audit={"user": "zed"}
        )
    assert answer.confirmation.number == "N-Z2"
    assert answer.total == Decimal("10.0")


def test_the_emitted_wsdl_carries_the_parts_and_the_bindings(
    pkg: Any, served: tuple[Served, _Recorded]
) -> None:
    zeep = pytest.importorskip("zeep")
    running, _ = served
    wsdl = etree.fromstring(httpx.get(running.url + "?wsdl").content)
    parts = {
        m.get("name"): [(p.get("name"), p.get("element")) for p in m.iterfind(f"{{{WSDL}}}part")]
        for m in wsdl.iterfind(f"{{{WSDL}}}message")
    }
    assert parts["PlaceOrderIn"] == [("order", "tns:Order"), ("audit", "tns:Audit")]
    assert parts["PlaceOrderOut"] == [("confirmation", "tns:Confirmation"), ("total", "tns:Total")]
    assert parts["AnnotateIn"] == [("note", "tns:Note"), ("order", "tns:Order")]
    ports = {
        p.get("name"): p.get("binding") for p in wsdl.iterfind(f"{{{WSDL}}}service/{{{WSDL}}}port")
    }
    assert ports == {
        "OrdersSoap": "tns:OrdersSoap",
        "OrdersSecure": "tns:OrdersSoapSecure",
        "OrdersSoap12": "tns:OrdersSoap12",
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = zeep.Client(running.url + "?wsdl")
        operation = client.service._binding._operations["PlaceOrder"]
        assert operation.input.signature() == (
            "order: ns0:Order, audit: ns0:Audit, _soapheaders={Token: ns0:Token}"
        )
        answer = client.service.PlaceOrder(order={"id": "W", "quantity": 2}, audit={"user": "w"})
    assert (answer.confirmation.number, answer.total) == ("N-W", Decimal("5.0"))


def test_the_mock_answers_every_part(pkg: Any) -> None:
    running = Served(pkg.server.make_wsgi_app(pkg.server.MockHandler()))
    try:
        sample = pkg.server.MockHandler.sample_requests()["place_order"]
        with pkg.Client(running.url) as client:
            got = client.place_order(**sample)
    finally:
        running.close()
    assert got == pkg.models.PlaceOrderOutput(
        confirmation=pkg.models.Confirmation(number="sample"), total=Decimal("0")
    )


def test_a_body_with_attributes_is_read_by_a_strict_server(
    pkg: Any, served: tuple[Served, _Recorded]
) -> None:
    running, recorded = served
    wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    request = (
        f'<s:Envelope xmlns:s="{S11}" xmlns:wsu="{wsu}"><s:Body wsu:Id="body-1">'
        f'<o:Order xmlns:o="{ORDERS}"><o:id>S</o:id><o:quantity>1</o:quantity></o:Order>'
        f'<o:Audit xmlns:o="{ORDERS}"><o:user>u</o:user></o:Audit>'
        "</s:Body></s:Envelope>"
    )
    response = httpx.post(
        running.url,
        content=request.encode(),
        headers={"Content-Type": "text/xml", "SOAPAction": "urn:example:orders/PlaceOrder"},
    )
    assert response.status_code == 200, response.text
    assert recorded.calls[-1][1]["order"] == pkg.models.Order(id="S", quantity=1)
    answer = ANSWER.replace(b"<soap:Body>", f'<soap:Body xmlns:wsu="{wsu}" wsu:Id="b">'.encode())
    with pkg.Client(http=Wire((200, answer)).http(), strict=True) as client:
        got = client.place_order(
            order=pkg.models.Order(id="A", quantity=1), audit=pkg.models.Audit(user="u")
        )
    assert got.total == Decimal("12.50")


@pytest.fixture
def first_part_shared(tmp_path: Path) -> Iterator[Any]:
    """The package with Annotate's message reordered: its body starts with Order, as
    PlaceOrder's does."""
    name = "wsdl_parts_ports"
    project = copy_spec(tmp_path / "shared", name)
    wsdl = project.specs / name / "Orders.wsdl"
    text = wsdl.read_text()
    note = '<wsdl:part name="note" element="tns:Note"/>'
    order = '<wsdl:part name="order" element="tns:Order"/>'
    start = text.index('<wsdl:message name="AnnotateIn">')
    end = text.index("</wsdl:message>", start)
    message = text[start:end].replace(order, "").replace(note, order + note)
    wsdl.write_text(text[:start] + message + text[end:])
    generate([project.specs / name], project, project.output)
    path = str(project.output / name)
    for module in [m for m in sys.modules if m.split(".")[0] == name]:
        del sys.modules[module]
    sys.path.insert(0, path)
    try:
        package = importlib.import_module(name)
        importlib.import_module(f"{name}.server")
        yield package
    finally:
        sys.path.remove(path)
        for module in [m for m in sys.modules if m.split(".")[0] == name]:
            del sys.modules[module]


def test_operations_whose_bodies_start_alike_are_routed_by_soap_action(
    first_part_shared: Any,
) -> None:
    pkg = first_part_shared
    models = pkg.models

    class Shop(pkg.server.Handler):  # type: ignore[misc, name-defined]
        def place_order(self, *, order: Any, audit: Any, token: Any = None) -> Any:
            return models.PlaceOrderOutput(
                confirmation=models.Confirmation(number="placed"), total=Decimal(1)
            )

        def annotate(self, *, order: Any, note: str) -> str:
            return f"annotated {order.id} {note}"

    running = Served(pkg.server.make_wsgi_app(Shop()))
    try:
        with pkg.Client(running.url) as client:
            order = models.Order(id="R", quantity=1)
            assert client.annotate(order=order, note="n") == "annotated R n"
            placed = client.place_order(order=order, audit=models.Audit(user="u"))
            assert placed.confirmation.number == "placed"
    finally:
        running.close()
    routes = pkg.server._ROUTES_HANDLER
    assert [r.element for r in routes[:2]] == [f"{{{ORDERS}}}Order"] * 2


def test_two_parts_of_one_element_are_warned_about(tmp_path: Path) -> None:
    project = copy_spec(tmp_path / "model", "wsdl_parts_ports")
    wsdl = project.specs / "wsdl_parts_ports" / "Orders.wsdl"
    total = '<wsdl:part name="total" element="tns:Total"/>'
    again = '<wsdl:part name="again" element="tns:Confirmation"/>'
    wsdl.write_text(wsdl.read_text().replace(total, total + again))
    data = model_data(build(project.specs / "wsdl_parts_ports", project).model)
    assert [w["message"] for w in data["warnings"]] == [
        "PlaceOrder: parts 'confirmation' and 'again' are both element 'Confirmation': both are"
        " sent, but a body is read by element: 'confirmation' takes the last of them and 'again'"
        " is missing"
    ]
