"""Wire behaviour of hand-written WSDL golden cases:

* tests/golden/wsdl_names: names that are hostile to Python (keywords, dashes, dots,
  Cyrillic, case-only differences, an element and an attribute of one name, enum values
  that are not identifiers, types named like builtins, a dashed operation);
* tests/golden/wsdl_ports: two services, SOAP 1.1 and 1.2 bindings of one port type, skipped
  HTTP bindings, a binding-declared header, two faults, rpc/literal, a one-way operation;
* tests/golden/wsdl_schema_shapes: recursion, mutually importing schemas, a chameleon
  include, choice, nillable, xs:any, attribute and model groups, facets, lists, extension.
* tests/golden/wsdl_typed_header: header parts declared by type=, one in the body's message.

Each case is generated from its golden spec into tmp_path, imported, and called through an
httpx.MockTransport; what goes on the wire is checked element by element and, where the
case allows, validated against the ORIGINAL spec's schemas with xmlschema.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import keyword
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import xmlschema
from lxml import etree
from repo import GOLDEN
from values import written
from wire import Load, Wire, copy_spec

from generator.inspect_model import model_data
from generator.pipeline import build

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
XSD = "http://www.w3.org/2001/XMLSchema"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


# -- helpers ----------------------------------------------------------------------------------


def _model(tmp_path: Path, name: str) -> dict[str, Any]:
    project = copy_spec(tmp_path / "model", name)
    data: dict[str, Any] = model_data(build(project.specs / name, project).model)
    return data


def _envelope(body: str, version: str = "1.1", header: str = "") -> bytes:
    ns = SOAP11_ENV if version == "1.1" else SOAP12_ENV
    head = f"<soap:Header>{header}</soap:Header>" if header else ""
    return (
        f'<soap:Envelope xmlns:soap="{ns}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{head}<soap:Body>{body}</soap:Body></soap:Envelope>"
    ).encode()


def _shape(element: etree._Element) -> tuple[Any, ...]:
    """An element as (tag, attributes, text, children), prefixes and whitespace aside."""
    text = (element.text or "").strip()
    return (
        element.tag,
        sorted(element.attrib.items()),
        text,
        [_shape(c) for c in element if isinstance(c.tag, str)],
    )


def _original_schema(name: str) -> xmlschema.XMLSchema10:
    """The golden spec's own schemas (inline ones with their imports and includes)."""
    folder = GOLDEN / name / "spec"
    wsdl = next(folder.glob("*.wsdl"))
    sources = [
        etree.tostring(schema, encoding="unicode")
        for schema in etree.parse(str(wsdl)).getroot().iter(f"{{{XSD}}}schema")
    ]
    return xmlschema.XMLSchema10(
        sources, base_url=folder.resolve().as_uri() + "/", allow="local", defuse="always"
    )


def _emitted_schema_elements(package: Any, local: str) -> list[etree._Element]:
    wsdl = Path(package.__file__).parent / "service.wsdl"
    return list(etree.parse(str(wsdl)).getroot().iter(f"{{{XSD}}}{local}"))


# -- wsdl_names -------------------------------------------------------------------------------

NAMES = "urn:example:names"
ORDER_XML = (
    '<return id="A-1" item-id="it-9">'
    "<id>7</id><class>1st</class><from>f</from><return>r</return><global>false</global>"
    "<yield>y</yield><True>true</True><None>n</None><a.b>ab</a.b>"
    "<Количество>5</Количество><Name>Upper</Name><name>lower</name>"
    "<order><Имя>Вера</Имя><Количество>3</Количество></order>"
    "</return>"
)


def test_names_become_distinct_valid_identifiers(load: Load) -> None:
    pkg = load("wsdl_names")
    m = pkg.models
    expected = {
        "Order": [
            "id", "item_id", "id_2", "class_", "from_", "return_", "global_", "yield_", "true",
            "none", "a_b", "количество", "name", "name_2", "order",
        ],
        "Order_2": ["имя", "количество"],
        "GetOrder": ["from_", "item_id", "имя", "class_", "list_", "order"],
        "GetOrderResponse": ["return_"],
        "List": ["str_"],
        "Str": ["a_b", "value"],
        "Yield_": ["true", "none"],
        "YieldResponse": ["global_"],
    }  # fmt: skip
    for cls_name, fields in expected.items():
        got = [f.name for f in dataclasses.fields(getattr(m, cls_name))]
        assert got == fields, cls_name
        assert len(set(got)) == len(got)
        assert all(n.isidentifier() and not keyword.iskeyword(n) for n in got), got
    # `Order` and `order` are two classes, each with the XML type's own content
    summary = " ".join((m.Order.__doc__ or "").split())
    assert summary.startswith("The XML type Order of urn:example:names: id (required), item_id,")
    assert summary.endswith(" and 7 more.")
    for cls, xml in ((m.Order_2, "order"), (m.List, "list"), (m.Str, "str")):
        assert (cls.__doc__ or "").startswith(f"The XML type {xml} of urn:example:names: ")
    # the builtins stay what they are in the generated modules
    assert "list" not in vars(m) and "str" not in vars(m)
    assert [(k.name, k.value) for k in m.Kind] == [
        ("A_B", "a-b"),
        ("A_B_2", "A B"),
        ("N_1ST", "1st"),
        ("NONE", "None"),
    ]
    assert callable(pkg.Client.get_order) and callable(pkg.Client.yield_)
    assert callable(pkg.AsyncClient.get_order) and callable(pkg.AsyncClient.yield_)


def test_names_stay_exact_on_the_wire_both_ways(load: Load) -> None:
    pkg = load("wsdl_names")
    m = pkg.models
    answer = _envelope(f'<get-orderResponse xmlns="{NAMES}">{ORDER_XML}</get-orderResponse>')
    wire = Wire((200, answer))
    client = pkg.Client(http=wire.http())
    order = client.get_order(
        from_=3,
        item_id="i-1",
        имя="Ана",
        class_=[m.Kind.A_B, m.Kind.A_B_2, m.Kind.N_1ST, m.Kind.NONE],
        list_=m.List(str_=[m.Str(a_b="x", value="s1"), m.Str(value="s2")]),
        order=m.Order_2(имя="Борис", количество=2),
    )

    assert wire.sent[0].url == "https://names.example.com/soap"
    assert wire.sent[0].headers["SOAPAction"] == '"urn:example:names/get-order"'
    request = wire.body()
    assert request.tag == f"{{{NAMES}}}get-order"
    assert _shape(request)[3] == [
        (f"{{{NAMES}}}from", [], "3", []),
        (f"{{{NAMES}}}item-id", [], "i-1", []),
        (f"{{{NAMES}}}Имя", [], "Ана", []),
        (f"{{{NAMES}}}class", [], "a-b", []),
        (f"{{{NAMES}}}class", [], "A B", []),
        (f"{{{NAMES}}}class", [], "1st", []),
        (f"{{{NAMES}}}class", [], "None", []),
        (
            f"{{{NAMES}}}list",
            [],
            "",
            [(f"{{{NAMES}}}str", [("a.b", "x")], "s1", []), (f"{{{NAMES}}}str", [], "s2", [])],
        ),
        (
            f"{{{NAMES}}}order",
            [],
            "",
            [(f"{{{NAMES}}}Имя", [], "Борис", []), (f"{{{NAMES}}}Количество", [], "2", [])],
        ),
    ]
    schema = _original_schema("wsdl_names")
    schema.validate(request)

    assert isinstance(order, m.Order)
    assert (order.id, order.id_2, order.item_id) == ("A-1", 7, "it-9")
    assert order.class_ is m.Kind.N_1ST
    assert (order.from_, order.return_, order.global_, order.yield_) == ("f", "r", False, "y")
    assert (order.true, order.none, order.a_b, order.количество) == (True, "n", "ab", 5)
    assert (order.name, order.name_2) == ("Upper", "lower")
    assert order.order == m.Order_2(имя="Вера", количество=3)

    # written back, the parsed value is the element it was read from, name for name
    received = etree.fromstring(answer).find(f".//{{{NAMES}}}return")
    assert received is not None
    schema.validate(received.getparent())
    again = written(order, f"{{{NAMES}}}return", m)
    assert _shape(again) == _shape(received)


def test_keyword_operation_and_enum_value_with_a_space(load: Load) -> None:
    pkg = load("wsdl_names")
    answer = _envelope(f'<yieldResponse xmlns="{NAMES}"><global>A B</global></yieldResponse>')
    wire = Wire((200, answer))
    result = pkg.Client(http=wire.http()).yield_(true=True, none="None")
    assert result is pkg.models.Kind.A_B_2
    assert wire.sent[0].headers["SOAPAction"] == '"urn:example:names/yield"'
    assert _shape(wire.body()) == (
        f"{{{NAMES}}}yield",
        [],
        "",
        [(f"{{{NAMES}}}True", [], "true", []), (f"{{{NAMES}}}None", [], "None", [])],
    )
    _original_schema("wsdl_names").validate(wire.body())


# -- wsdl_ports -------------------------------------------------------------------------------

BILLING = "urn:example:billing"
RPC = "urn:example:billing:rpc"
CHARGE_OK = f'<ChargeResponse xmlns="{BILLING}"><receipt>R-1</receipt></ChargeResponse>'


def _fault11(detail: str) -> bytes:
    return _envelope(
        "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>refused</faultstring>"
        f"<detail>{detail}</detail></soap:Fault>"
    )


def _fault12(detail: str) -> bytes:
    return _envelope(
        "<soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code>"
        '<soap:Reason><soap:Text xml:lang="en">refused</soap:Text></soap:Reason>'
        f"<soap:Detail>{detail}</soap:Detail></soap:Fault>",
        version="1.2",
    )


def test_ports_give_one_client_per_service_and_skip_http_bindings(
    load: Load, tmp_path: Path
) -> None:
    pkg = load("wsdl_ports")
    client = pkg.client
    for name in ("BillingClient", "AsyncBillingClient", "AdminClient", "AsyncAdminClient"):
        assert isinstance(getattr(client, name), type), name
        assert getattr(pkg, name) is getattr(client, name) and name in pkg.__all__
    assert not hasattr(client, "Client") and not hasattr(client, "AsyncClient")
    assert client.BillingClient.SOAP_VERSIONS == ("1.1", "1.2")
    assert client.BillingClient.ADDRESSES == {
        "1.1": "https://billing.example.com/soap11",
        "1.2": "https://billing.example.com/soap12",
    }
    assert client.AdminClient.SOAP_VERSIONS == ("1.1",)
    assert client.AdminClient.ADDRESSES == {"1.1": "https://admin.example.com/soap"}
    for method in ("charge", "lookup", "notify"):
        assert callable(getattr(client.BillingClient, method))
        assert not hasattr(client.AdminClient, method)
    assert callable(client.AdminClient.ping) and not hasattr(client.BillingClient, "ping")
    assert issubclass(pkg.models.CardDeclinedError, pkg.SoapFault)
    assert issubclass(pkg.models.LimitExceededError, pkg.SoapFault)
    assert not issubclass(pkg.models.CardDeclinedError, pkg.models.LimitExceededError)
    assert not issubclass(pkg.models.LimitExceededError, pkg.models.CardDeclinedError)

    data = _model(tmp_path, "wsdl_ports")
    assert [(s["name"], [b["name"] for b in s["bindings"]]) for s in data["services"]] == [
        ("Billing", ["BillingSoap", "BillingSoap12"]),
        ("Admin", ["AdminSoap"]),
    ]
    assert [w["message"] for w in data["warnings"]] == [
        "port 'BillingHttpGet' is not a SOAP binding (HTTP GET/POST?): skipped",
        "port 'BillingHttpPost' is not a SOAP binding (HTTP GET/POST?): skipped",
    ]


def test_soap11_call_sends_soapaction_and_the_binding_header(load: Load) -> None:
    pkg = load("wsdl_ports")
    wire = Wire((200, _envelope(CHARGE_OK)))
    client = pkg.client.BillingClient(http=wire.http())
    receipt = client.charge(
        account="acc", amount=Decimal("9.90"), credentials=pkg.models.Credentials(user="u", key="k")
    )
    assert receipt == "R-1"
    request = wire.sent[0]
    assert request.url == "https://billing.example.com/soap11"
    assert request.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert request.headers["SOAPAction"] == '"urn:example:billing/Charge"'
    envelope = wire.envelope()
    assert envelope.tag == f"{{{SOAP11_ENV}}}Envelope"
    assert [_shape(h) for h in envelope.find(f"{{{SOAP11_ENV}}}Header")] == [
        (
            f"{{{BILLING}}}Credentials",
            [],
            "",
            [(f"{{{BILLING}}}user", [], "u", []), (f"{{{BILLING}}}key", [], "k", [])],
        )
    ]
    assert _shape(wire.body()) == (
        f"{{{BILLING}}}Charge",
        [],
        "",
        [(f"{{{BILLING}}}account", [], "acc", []), (f"{{{BILLING}}}amount", [], "9.90", [])],
    )
    schema = _original_schema("wsdl_ports")
    schema.validate(wire.body())
    schema.validate(envelope.find(f"{{{SOAP11_ENV}}}Header")[0])
    # without the header argument there is no header at all
    client.charge(account="acc", amount=Decimal("1"))
    assert wire.envelope().find(f"{{{SOAP11_ENV}}}Header") is None


def test_soap12_call_uses_the_soap12_envelope_content_type_and_address(load: Load) -> None:
    pkg = load("wsdl_ports")
    wire = Wire((200, _envelope(CHARGE_OK, version="1.2")))
    credentials = pkg.models.Credentials(user="u", key="k")

    client = pkg.client.BillingClient(http=wire.http(), soap_version="1.2")
    assert client.charge(account="a", amount=Decimal("2"), credentials=credentials) == "R-1"

    async def call_async() -> str:
        http = wire.async_http()
        async with pkg.client.AsyncBillingClient(http=http, soap_version="1.2") as aclient:
            result: str = await aclient.charge(
                account="a", amount=Decimal("2"), credentials=credentials
            )
        await http.aclose()
        return result

    assert asyncio.run(call_async()) == "R-1"
    for request in wire.sent:
        assert request.url == "https://billing.example.com/soap12"
        assert request.headers["Content-Type"] == (
            'application/soap+xml; charset=utf-8; action="urn:example:billing/Charge"'
        )
        assert "SOAPAction" not in request.headers
        envelope = etree.fromstring(request.content)
        assert envelope.tag == f"{{{SOAP12_ENV}}}Envelope"
        header = envelope.find(f"{{{SOAP12_ENV}}}Header")
        assert [h.tag for h in header] == [f"{{{BILLING}}}Credentials"]
        assert envelope.find(f"{{{SOAP12_ENV}}}Body/{{{BILLING}}}Charge") is not None
        assert not any(e.tag.startswith(f"{{{SOAP11_ENV}}}") for e in envelope.iter())


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_each_declared_fault_raises_its_own_class(load: Load, version: str) -> None:
    pkg = load("wsdl_ports")
    m = pkg.models
    fault = _fault11 if version == "1.1" else _fault12
    declined = f'<CardDeclined xmlns="{BILLING}"><reason>expired</reason></CardDeclined>'
    exceeded = f'<LimitExceeded xmlns="{BILLING}"><limit>100</limit></LimitExceeded>'
    cases = [
        (declined, m.CardDeclinedError),
        (exceeded, m.LimitExceededError),
        (f'<Other xmlns="{BILLING}"/>', pkg.SoapFault),
    ]
    for detail, expected in cases:
        wire = Wire((500, fault(detail)))
        client = pkg.client.BillingClient(http=wire.http(), soap_version=version)
        with pytest.raises(pkg.SoapFault) as raised:
            client.charge(account="a", amount=Decimal("1"))
        assert type(raised.value) is expected
        assert raised.value.reason == "refused"
        assert raised.value.code == ("soap:Server" if version == "1.1" else "soap:Receiver")
        assert raised.value.detail is not None
        assert _shape(raised.value.detail[0]) == _shape(etree.fromstring(detail))


def test_rpc_literal_wrapper_is_named_after_the_operation_in_the_body_namespace(
    load: Load,
) -> None:
    pkg = load("wsdl_ports")
    answer = _envelope(
        f'<r:LookupResponse xmlns:r="{RPC}"><balance>12.50</balance><currency>EUR</currency>'
        "</r:LookupResponse>"
    )
    wire = Wire((200, answer))
    result = pkg.client.BillingClient(http=wire.http()).lookup(account="acc", limit=3)
    assert wire.sent[0].headers["SOAPAction"] == '"urn:example:billing/Lookup"'
    # parts are unqualified children of the wrapper, in message order
    assert _shape(wire.body()) == (
        f"{{{RPC}}}Lookup",
        [],
        "",
        [("account", [], "acc", []), ("limit", [], "3", [])],
    )
    assert isinstance(result, pkg.models.LookupResponse)
    assert result.balance == Decimal("12.50")
    assert result.currency is pkg.models.Currency.EUR


def test_one_way_operation_returns_none_on_an_empty_202(load: Load) -> None:
    pkg = load("wsdl_ports")
    wire = Wire((202, b""))
    assert pkg.client.BillingClient(http=wire.http()).notify(message="hello") is None
    assert wire.sent[0].headers["SOAPAction"] == '"urn:example:billing/Notify"'
    assert _shape(wire.body()) == (
        f"{{{BILLING}}}Notify",
        [],
        "",
        [(f"{{{BILLING}}}message", [], "hello", [])],
    )


def test_second_service_client_calls_its_own_address(load: Load) -> None:
    pkg = load("wsdl_ports")
    answer = _envelope(
        f'<PingResponse xmlns="{BILLING}"><PingResult>pong</PingResult></PingResponse>'
    )
    wire = Wire((200, answer))
    assert pkg.client.AdminClient(http=wire.http()).ping() == "pong"
    assert wire.sent[0].url == "https://admin.example.com/soap"
    assert wire.sent[0].headers["SOAPAction"] == '"urn:example:billing/Ping"'
    assert _shape(wire.body()) == (f"{{{BILLING}}}Ping", [], "", [])


def test_soap12_port_sends_its_own_bindings_soap_action(load: Load) -> None:
    pkg = load("wsdl_ports")
    wire = Wire((202, b""))
    pkg.client.BillingClient(http=wire.http(), soap_version="1.2").notify(message="m")
    assert wire.sent[0].headers["Content-Type"] == (
        'application/soap+xml; charset=utf-8; action="urn:example:billing/Notify12"'
    )


# -- wsdl_schema_shapes -----------------------------------------------------------------------

SHAPES = "urn:example:shapes"
A = "urn:example:shapes:a"
B = "urn:example:shapes:b"


def _save_args(m: Any) -> dict[str, Any]:
    leaf = m.Node(
        version=2,
        label="leaf",
        meta=m.Meta(owner="bob", created=date(2024, 5, 6), origin=m.Node(version=3, label="o")),
    )
    return {
        "tree": m.Node(
            version=1, by="ann", label="root", child=[leaf, m.Node(version=4, label="x")]
        ),
        "shape": m.Shape(circle=m.Circle(radius=Decimal("1.5"))),
        "note": "hi",
        "size": m.Length(unit=m.Unit.CM, value=Decimal("2.5")),
        "percent": 42,
        "code": "ABC",
    }


SAVE_RESULT = (
    f'<s:SaveResponse xmlns:s="{SHAPES}" xmlns:a="{A}">'
    '<s:SaveResult version="9" by="srv">'
    '<s:code>0</s:code><s:message xsi:nil="true"/>'
    '<s:tree version="1"><a:label>root</a:label>'
    '<a:child version="2"><a:label>kid</a:label>'
    '<a:meta created="2024-01-31"><owner>eve</owner>'
    '<origin version="5"><a:label>deep</a:label></origin></a:meta>'
    "</a:child></s:tree>"
    "<s:changedAt>2024-02-03T04:05:06Z</s:changedAt>"
    '<x:stamp xmlns:x="urn:other" kind="k">kept</x:stamp>'
    "</s:SaveResult></s:SaveResponse>"
)


def test_schema_shapes_request_on_the_wire(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    m = pkg.models
    wire = Wire((200, _envelope(SAVE_RESULT)))
    pkg.Client(http=wire.http()).save(**_save_args(m))
    assert wire.sent[0].headers["SOAPAction"] == '"urn:example:shapes/Save"'
    request = wire.body()
    label_o = (f"{{{A}}}label", [], "o", [])
    assert _shape(request) == (
        f"{{{SHAPES}}}Save",
        [],
        "",
        [
            (
                f"{{{SHAPES}}}tree",  # a:Node: attributes of the group, children in a
                [("by", "ann"), ("version", "1")],
                "",
                [
                    (f"{{{A}}}label", [], "root", []),
                    (
                        f"{{{A}}}child",
                        [("version", "2")],
                        "",
                        [
                            (f"{{{A}}}label", [], "leaf", []),
                            (
                                f"{{{A}}}meta",  # b:Meta: unqualified children
                                [("created", "2024-05-06")],
                                "",
                                [
                                    ("owner", [], "bob", []),
                                    ("origin", [("version", "3")], "", [label_o]),
                                ],
                            ),
                        ],
                    ),
                    (f"{{{A}}}child", [("version", "4")], "", [(f"{{{A}}}label", [], "x", [])]),
                ],
            ),
            (
                f"{{{SHAPES}}}shape",  # the choice: only the branch set
                [],
                "",
                [(f"{{{SHAPES}}}circle", [], "", [(f"{{{SHAPES}}}radius", [], "1.5", [])])],
            ),
            (f"{{{SHAPES}}}note", [], "hi", []),
            (f"{{{SHAPES}}}size", [("unit", "cm")], "2.5", []),  # chameleon Length
            (f"{{{SHAPES}}}percent", [], "42", []),
            (f"{{{SHAPES}}}code", [], "ABC", []),
        ],
    )  # fmt: skip
    _original_schema("wsdl_schema_shapes").validate(request)


def test_schema_shapes_response_is_parsed_and_written_back(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    m = pkg.models
    schema = _original_schema("wsdl_schema_shapes")
    answer = _envelope(SAVE_RESULT)
    received = etree.fromstring(answer).find(f".//{{{SHAPES}}}SaveResult")
    assert received is not None
    schema.validate(received.getparent())  # the sample is what the spec allows

    result = pkg.Client(http=Wire((200, answer)).http()).save(**_save_args(m))
    assert isinstance(result, m.Result)
    assert (result.version, result.by, result.code) == (9, "srv", 0)
    assert result.message is None  # xsi:nil
    assert result.changed_at == datetime(2024, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
    assert result.changed_by is None and result.palette is None and result.scores is None
    assert result.tree == m.Node(
        version=1,
        label="root",
        child=[
            m.Node(
                version=2,
                label="kid",
                meta=m.Meta(
                    owner="eve", created=date(2024, 1, 31), origin=m.Node(version=5, label="deep")
                ),
            )
        ],
    )
    assert [(x.tag, x.get("kind"), x.text) for x in result.any] == [
        ("{urn:other}stamp", "k", "kept")
    ]

    again = written(result, f"{{{SHAPES}}}SaveResult", m)
    # everything comes back as it came, the nil `message` included
    assert _shape(again) == _shape(received)


def test_schema_shapes_nil_complex_element_and_other_choice_branch(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    m = pkg.models
    answer = _envelope(
        f'<SaveResponse xmlns="{SHAPES}"><SaveResult version="1">'
        '<code>1</code><message>m</message><tree version="1" xsi:nil="true"/>'
        "<changedAt>2024-02-03T04:05:06+02:00</changedAt><changedBy>me</changedBy>"
        "</SaveResult></SaveResponse>"
    )
    _original_schema("wsdl_schema_shapes").validate(etree.fromstring(answer)[0][0])
    wire = Wire((200, answer))
    args = _save_args(m) | {"shape": m.Shape(square=Decimal("3"))}
    result = pkg.Client(http=wire.http()).save(**args)
    assert (result.message, result.tree, result.changed_by, result.any) == ("m", pkg.NIL, "me", [])
    shape = wire.body().find(f"{{{SHAPES}}}shape")
    assert _shape(shape)[3] == [(f"{{{SHAPES}}}square", [], "3", [])]


def test_schema_shapes_model_places_imported_and_chameleon_types(tmp_path: Path) -> None:
    data = _model(tmp_path, "wsdl_schema_shapes")
    kinds = {(t["namespace"], t["name"]): t["kind"] for t in data["types"]}
    assert kinds[(A, "Node")] == "complex"
    assert kinds[(B, "Meta")] == "complex"
    assert kinds[(A, "Length")] == "complex"  # from the chameleon include: takes a's namespace
    assert kinds[(A, "Unit")] == "enum"
    assert not any(namespace == "" for namespace, _ in kinds)
    simple = {t["name"]: t for t in data["types"] if t["kind"] == "simple"}
    assert simple["Colors"]["list"] and simple["Colors"]["base"] == f"{{{SHAPES}}}Color"
    assert simple["Scores"]["list"] and simple["Scores"]["base"] == f"{{{XSD}}}int"
    assert simple["Percent"]["facets"] == [["maxInclusive", "100"], ["minInclusive", "0"]]
    assert data["warnings"] == []


def test_schema_shapes_sends_xsi_nil_for_a_required_nillable_element(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    wire = Wire((200, _envelope(SAVE_RESULT)))
    pkg.Client(http=wire.http()).save(**_save_args(pkg.models) | {"note": None})
    note = wire.body().find(f"{{{SHAPES}}}note")
    assert note is not None and note.get(XSI_NIL) == "true" and len(note) == 0
    _original_schema("wsdl_schema_shapes").validate(wire.body())


def test_schema_shapes_sends_xs_list_values_space_separated(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    m = pkg.models
    wire = Wire((200, _envelope(SAVE_RESULT)))
    args = _save_args(m) | {"colors": [m.Color.RED, m.Color.BLUE], "scores": [1, 2, 3]}
    pkg.Client(http=wire.http()).save(**args)
    request = wire.body()
    assert request.findtext(f"{{{SHAPES}}}colors") == "red blue"
    assert request.findtext(f"{{{SHAPES}}}scores") == "1 2 3"


def test_schema_shapes_parses_xs_list_values(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    m = pkg.models
    answer = SAVE_RESULT.replace(
        "<s:changedAt>2024-02-03T04:05:06Z</s:changedAt>",
        "<s:changedAt>2024-02-03T04:05:06Z</s:changedAt>"
        "<s:palette>green blue</s:palette><s:scores> 4  5 </s:scores>",
    )
    _original_schema("wsdl_schema_shapes").validate(etree.fromstring(_envelope(answer))[0][0])
    result = pkg.Client(http=Wire((200, _envelope(answer))).http()).save(**_save_args(m))
    assert result.palette == [m.Color.GREEN, m.Color.BLUE]
    assert result.scores == [4, 5]


def test_schema_shapes_emitted_wsdl_keeps_simple_types(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    simple = {s.get("name"): s for s in _emitted_schema_elements(pkg, "simpleType")}
    assert simple["Colors"][0].tag == f"{{{XSD}}}list"
    assert simple["Colors"][0].get("itemType") == "tns:Color"
    assert simple["Scores"][0].get("itemType") == "xs:int"
    percent = {f.tag.split("}")[1]: f.get("value") for f in simple["Percent"][0]}
    assert percent == {"minInclusive": "0", "maxInclusive": "100"}
    assert [e.get("value") for e in simple["Unit"][0]] == ["mm", "cm", "in"]


def test_schema_shapes_emitted_wsdl_keeps_the_xsd_pattern(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    patterns = [p.get("value") for p in _emitted_schema_elements(pkg, "pattern")]
    assert patterns == ["[A-Z]{3}"]


def test_schema_shapes_emitted_wsdl_keeps_the_wildcard_namespace(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    wildcards = _emitted_schema_elements(pkg, "any")
    assert [w.get("namespace") for w in wildcards] == ["##other"]


# -- wsdl_typed_header ------------------------------------------------------------------------

TYPED = "urn:example:typed-header"


def test_header_parts_declared_by_type_are_headers_as_zeep_sends_them(load: Load) -> None:
    zeep = pytest.importorskip("zeep")
    pkg = load("wsdl_typed_header")
    wire = Wire(
        (
            200,
            _envelope(
                f'<t:LookupResponse xmlns:t="{TYPED}"><t:name>n</t:name>' "</t:LookupResponse>"
            ),
        )
    )
    client = pkg.Client(http=wire.http())
    auth = pkg.models.AuthInfo(user="u", token="t")
    assert client.lookup(id=3, auth=auth, locale="de") == "n"
    envelope = wire.envelope()
    oracle = zeep.Client(str(GOLDEN / "wsdl_typed_header" / "spec" / "Svc.wsdl"))
    auth_type = oracle.get_type(f"{{{TYPED}}}AuthInfo")
    expected = oracle.create_message(
        oracle.service,
        "Lookup",
        id=3,
        _soapheaders={"auth": auth_type(user="u", token="t"), "locale": "de"},
    )
    for part in ("Header", "Body"):
        ours = envelope.find(f"{{{SOAP11_ENV}}}{part}")
        theirs = expected.find(f"{{{SOAP11_ENV}}}{part}")
        assert ours is not None and theirs is not None
        assert sorted(map(_shape, ours)) == sorted(map(_shape, theirs))
    # the header is read back on the server's side, and the body is the body
    got: dict[str, Any] = {}

    server = importlib.import_module("wsdl_typed_header.server")

    class Handler(server.Handler):  # type: ignore[misc, name-defined]
        def lookup(self, *, id: int, auth: Any = None, locale: str | None = None) -> str:
            got.update(id=id, auth=auth, locale=locale)
            return "served"

    transport = httpx.WSGITransport(app=server.make_wsgi_app(Handler()))
    served = pkg.Client(http=httpx.Client(transport=transport))
    assert served.lookup(id=5, auth=auth, locale="fr") == "served"
    assert got == {"id": 5, "auth": auth, "locale": "fr"}


def test_header_parts_declared_by_type_leave_no_warning(tmp_path: Path) -> None:
    data = _model(tmp_path, "wsdl_typed_header")
    (op,) = data["services"][0]["operations"]
    assert op["input"]["element"] == f"{{{TYPED}}}Lookup"
    assert [h["element"] for h in op["headers"]] == ["auth", "locale"]
    assert data["warnings"] == []
