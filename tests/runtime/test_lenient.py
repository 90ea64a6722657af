"""Lenient reading (issue 17 item 1): a service that drifts from its description loses nothing.

An enumeration value the schema does not list, elements and attributes it does not declare, a
required element that is missing: a client reads them, keeps them, logs each once with its path
and writes them back where they were; `strict=True` raises `UnexpectedContent` naming the path.
A generated server is strict unless told otherwise.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import pickle
from typing import Any

import httpx
import pytest
from lxml import etree
from wire import Load, Wire

ORDERS = "urn:example:orders"
COMMON = "urn:example:common"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"


def answer(order: str) -> bytes:
    return (
        f'<s:Envelope xmlns:s="{S11}" xmlns:o="{ORDERS}" xmlns:c="{COMMON}"'
        ' xmlns:x="urn:vendor:extra"><s:Body>'
        f"<o:GetOrderResponse><o:GetOrderResult>{order}</o:GetOrderResult></o:GetOrderResponse>"
        "</s:Body></s:Envelope>"
    ).encode()


def order(state: str = "open", line: str = "") -> str:
    line = line or '<o:line item-id="A1"><o:sku>S</o:sku><o:qty>2</o:qty></o:line>'
    return (
        "<c:key>k</c:key><o:placed>2024-01-01T00:00:00</o:placed><o:total>1.50</o:total>"
        f"<o:state>{state}</o:state>{line}"
    )


def read(load: Load | Any, content: bytes, **options: Any) -> Any:
    """The package (loaded, or `load` itself when it is one) and what its client reads."""
    pkg = load("wsdl_doclit") if callable(load) else load
    client = pkg.Client("http://orders.test/", http=Wire((200, content)).http(), **options)
    return pkg, client.get_order(id=1)


def written(pkg: Any, value: Any, tag: str) -> etree._Element:
    """`value` as its package writes it under `tag` (a prefix of the package's NSMAP)."""
    out: list[str] = []
    value._write(out, tag)
    declarations = "".join(f' xmlns:{p}="{ns}"' for p, ns in pkg.models.NSMAP.items())
    return etree.fromstring(f"<w{declarations}>{''.join(out)}</w>")[0]


def orders_prefix(pkg: Any) -> str:
    return next(p for p, ns in pkg.models.NSMAP.items() if ns == ORDERS)


def surprises(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


def test_an_unknown_enumeration_value_is_kept_logged_once_and_written_back(
    load: Load, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    pkg, result = read(load, answer(order(state="on-hold-7")))
    state = result.state
    assert isinstance(state, pkg.models.State)
    assert state.value == "on-hold-7" and state.name == "UNKNOWN"
    assert state not in list(pkg.models.State)  # the listed members stay what the schema says
    assert pkg.models.State(pkg.models.State.OPEN.value) is pkg.models.State.OPEN
    # the same text is the same member, and the surprise is logged once
    _, again = read(pkg, answer(order(state="on-hold-7")))
    assert again.state is state
    logged = surprises(caplog, "'on-hold-7'")
    assert len(logged) == 1, logged
    assert "/GetOrderResponse/GetOrderResult/state" in logged[0]
    element = written(pkg, result, f"{orders_prefix(pkg)}:GetOrderResult")
    assert element.findtext(f"{{{ORDERS}}}state") == "on-hold-7"


def test_an_unknown_enumeration_value_cannot_inject_markup(load: Load) -> None:
    hostile = 'x</o:state><o:card>stolen</o:card><o:state a="'
    escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    pkg, result = read(load, answer(order(state=escaped)))
    assert result.state.value == hostile
    element = written(pkg, result, f"{orders_prefix(pkg)}:GetOrderResult")
    assert element.findtext(f"{{{ORDERS}}}state") == hostile
    assert element.find(f"{{{ORDERS}}}card") is None


def test_unknown_elements_and_attributes_are_kept_in_place(
    load: Load, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    line = (
        '<o:line item-id="B2" weight="3.5" x:origin="depot">'
        '<o:sku>S</o:sku><x:batch lot="9">L-42</x:batch><o:qty>2</o:qty><o:gift/>'
        "</o:line>"
    )
    pkg, result = read(load, answer(order(line=line)))
    (kept,) = result.line
    assert (kept.item_id, kept.sku, kept.qty) == ("B2", "S", 2)
    elements, attributes = pkg.unknown_content(kept)
    assert [etree.QName(e).text for e in elements] == [
        "{urn:vendor:extra}batch",
        f"{{{ORDERS}}}gift",
    ]
    assert elements[0].text == "L-42" and elements[0].get("lot") == "9"
    assert attributes == {"weight": "3.5", "{urn:vendor:extra}origin": "depot"}
    assert pkg.unknown_content(result) == ([], {})  # the order itself had nothing unknown
    for what in ("element 'batch'", "element 'gift'", "attribute 'weight'", "attribute 'origin'"):
        (message,) = surprises(caplog, what)
        assert "/GetOrderResponse/GetOrderResult/line" in message

    element = written(pkg, kept, f"{orders_prefix(pkg)}:line")
    children = [etree.QName(child).text for child in element]
    assert children == [
        f"{{{ORDERS}}}sku",
        "{urn:vendor:extra}batch",
        f"{{{ORDERS}}}qty",
        f"{{{ORDERS}}}gift",
    ]
    assert element.get("weight") == "3.5"
    assert element.get("{urn:vendor:extra}origin") == "depot"
    assert element.get("item-id") == "B2"
    # what was kept survives pickling and does not hold the received message
    copy = pickle.loads(pickle.dumps(kept))
    assert [e.text for e in pkg.unknown_content(copy)[0]] == ["L-42", None]


def test_soap_machinery_attributes_are_not_unknown_content(load: Load) -> None:
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    line = (
        f'<o:line xmlns:xsi="{xsi}" item-id="C3" xsi:type="o:Line" s:encodingStyle="urn:x">'
        "<o:sku>S</o:sku><o:qty>1</o:qty></o:line>"
    )
    pkg, result = read(load, answer(order(line=line)))
    assert pkg.unknown_content(result.line[0]) == ([], {})


def test_a_missing_required_element_reads_as_none_and_is_logged(
    load: Load, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    line = '<o:line item-id="D4"><o:sku>only-sku</o:sku></o:line>'
    _, result = read(load, answer(order(line=line)))
    assert result.line[0].sku == "only-sku"
    assert result.line[0].qty is None
    (message,) = surprises(caplog, "'qty' is missing")
    assert "/GetOrderResponse/GetOrderResult/line" in message


@pytest.mark.parametrize(
    ("line", "state", "path", "what"),
    [
        ("", "sideways", "/GetOrderResult/state", "'sideways'"),
        (
            '<o:line item-id="E"><o:sku>S</o:sku><o:qty>1</o:qty><o:x/></o:line>',
            "open",
            "/GetOrderResult/line",
            "element 'x'",
        ),
        (
            '<o:line item-id="E" odd="1"><o:sku>S</o:sku><o:qty>1</o:qty></o:line>',
            "open",
            "/GetOrderResult/line",
            "attribute 'odd'",
        ),
        ('<o:line item-id="E"><o:sku>S</o:sku></o:line>', "open", "/GetOrderResult/line", "'qty'"),
    ],
    ids=["enumeration", "element", "attribute", "missing"],
)
def test_a_strict_client_raises_unexpected_content_naming_the_path(
    load: Load, line: str, state: str, path: str, what: str
) -> None:
    pkg = load("wsdl_doclit")
    content = answer(order(state=state, line=line))
    client = pkg.Client("http://orders.test/", http=Wire((200, content)).http(), strict=True)
    with pytest.raises(pkg.UnexpectedContent) as info:
        client.get_order(id=1)
    assert isinstance(info.value, pkg.ParseError)
    assert info.value.path.endswith(path), info.value.path
    assert what in info.value.message
    # the same answer, read leniently by another client at the same time, goes through
    lenient = pkg.Client("http://orders.test/", http=Wire((200, content)).http())
    assert lenient.get_order(id=1).key == "k"


def request(extra: str = "") -> bytes:
    return (
        f'<s:Envelope xmlns:s="{S11}" xmlns:o="{ORDERS}"><s:Body>'
        f"<o:GetOrder><o:id>7</o:id>{extra}</o:GetOrder></s:Body></s:Envelope>"
    ).encode()


def post(app: Any, body: bytes) -> httpx.Response:
    with httpx.Client(transport=httpx.WSGITransport(app)) as http:
        return http.post(
            "http://orders.test/",
            content=body,
            headers={"content-type": "text/xml", "SOAPAction": '"urn:example:orders/GetOrder"'},
        )


def test_a_server_is_strict_unless_told_otherwise(load: Load) -> None:
    load("wsdl_doclit")
    server = importlib.import_module("wsdl_doclit.server")
    seen: list[int] = []

    class Orders(server.MockHandler):  # type: ignore[misc,name-defined]
        def get_order(self, **kwargs: Any) -> Any:
            seen.append(kwargs["id"])
            return super().get_order(**kwargs)

    drifted = request("<o:coupon>SPRING</o:coupon>")
    refused = post(server.make_wsgi_app(Orders()), drifted)
    assert refused.status_code == 500
    fault = etree.fromstring(refused.content)
    assert fault.findtext(".//faultcode").endswith("Client")
    assert "coupon" in fault.findtext(".//faultstring") and "GetOrder" in fault.findtext(
        ".//faultstring"
    )
    assert seen == []
    lenient = server.make_wsgi_app(Orders(), strict=False)
    assert post(lenient, drifted).status_code == 200
    assert post(server.make_wsgi_app(Orders()), request()).status_code == 200
    assert seen == [7, 7]


def test_the_async_client_reads_as_strictly_as_it_is_told(load: Load) -> None:
    pkg = load("wsdl_doclit")
    content = answer(order(state="sideways"))

    async def both() -> tuple[Any, Exception | None]:
        wire = Wire((200, content))
        strict = pkg.AsyncClient("http://orders.test/", http=wire.async_http(), strict=True)
        lenient = pkg.AsyncClient("http://orders.test/", http=wire.async_http())
        refused: Exception | None = None
        try:
            await strict.get_order(id=1)
        except pkg.UnexpectedContent as exc:
            refused = exc
        return await lenient.get_order(id=1), refused

    result, refused = asyncio.run(both())
    assert result.state.value == "sideways"
    assert isinstance(refused, pkg.UnexpectedContent)


def test_strictness_ends_with_the_call_that_asked_for_it(load: Load) -> None:
    pkg = load("wsdl_doclit")
    server = importlib.import_module("wsdl_doclit.server")
    content = answer(order(state="sideways"))
    strict = pkg.Client("http://orders.test/", http=Wire((200, content)).http(), strict=True)
    with pytest.raises(pkg.UnexpectedContent):
        strict.get_order(id=1)
    assert post(server.make_wsgi_app(server.MockHandler()), request("<o:x/>")).status_code == 500
    # the same thread reads leniently afterwards: neither the client nor the server leaked
    element = etree.fromstring(content).find(f".//{{{ORDERS}}}GetOrderResult")
    assert element is not None
    assert pkg.models.Order._read(element).state.value == "sideways"
