"""Wire behaviour of the WSDL constructs where one declaration stands for several shapes:
SOAP-encoded arrays with multi-references (tests/golden/wsdl_rpc_encoded), substitution groups
(tests/golden/wsdl_substitution) and xsi:type polymorphism (tests/golden/wsdl_derived_types).

Each case is generated from its golden spec, called through an httpx.MockTransport, and
what went on the wire is checked against the ORIGINAL WSDL's schema with xmlschema.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import xmlschema
from lxml import etree
from repo import GOLDEN
from values import written

from generator.config import ProjectSettings
from generator.pipeline import generate

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("constructs")
    names = ["wsdl_rpc_encoded", "wsdl_substitution", "wsdl_derived_types"]
    for name in names:
        shutil.copytree(GOLDEN / name / "spec", root / "specs" / name)
    project = ProjectSettings(root=root, specs=root / "specs", output=root / "generated")
    generate(None, project, project.output)
    for name in names:
        sys.path.insert(0, str(project.output / name))
    try:
        yield {name: importlib.import_module(name) for name in names}
    finally:
        for name in names:
            sys.path.remove(str(project.output / name))
        for module in [m for m in sys.modules if m.split(".")[0] in names]:
            del sys.modules[module]


def _client(package: Any, answer: bytes, sent: list[httpx.Request]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=answer)

    return package.Client(http=httpx.Client(transport=httpx.MockTransport(handler)))


def _envelope(body: str, extra_ns: str = "") -> bytes:
    return (
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:soapenc="{SOAP_ENC}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xmlns:xsd="http://www.w3.org/2001/XMLSchema" {extra_ns}>'
        f"<soap:Body>{body}</soap:Body></soap:Envelope>"
    ).encode()


# -- SOAP-encoded arrays ----------------------------------------------------------------------

MULTIREF_ANSWER = _envelope(
    '<ns1:findProductsResponse xmlns:ns1="urn:catalog">'
    '<return xsi:type="soapenc:Array" soapenc:arrayType="ns1:Product[2]">'
    '<item href="#id0"/><item href="#id1"/></return>'
    "</ns1:findProductsResponse>"
    '<multiRef id="id0" xsi:type="ns2:Product" xmlns:ns2="urn:catalog">'
    '<sku xsi:type="xsd:string">A-1</sku><price>9.50</price><tags href="#id2"/></multiRef>'
    '<multiRef id="id1" xsi:type="ns3:Product" xmlns:ns3="urn:catalog">'
    '<sku>B-2</sku><price>3</price><tags href="#id2"/></multiRef>'
    '<multiRef id="id2" soapenc:arrayType="xsd:string[2]">'
    "<item>new</item><item>sale</item></multiRef>"
)


def test_encoded_array_request_states_array_type_and_item_types(packages: dict[str, Any]) -> None:
    package = packages["wsdl_rpc_encoded"]
    sent: list[httpx.Request] = []
    client = _client(package, MULTIREF_ANSWER, sent)
    client.find_products(query="lamp", ids=package.models.IntArray(item=[3, 5, 8]))
    assert sent[0].headers["SOAPAction"] == '"urn:catalog#findProducts"'
    call = etree.fromstring(sent[0].content).find(f"{{{SOAP_ENV}}}Body")[0]
    assert call.tag == "{urn:catalog}findProducts"
    ids = call.find("ids")
    assert ids.get(f"{{{SOAP_ENC}}}arrayType") == "xsd:int[3]"
    prefix = ids.get(XSI_TYPE).split(":")[0]
    assert ids.nsmap[prefix] == "urn:catalog"
    assert [(i.tag, i.text, i.get(XSI_TYPE)) for i in ids] == [
        ("item", "3", "xsd:int"),
        ("item", "5", "xsd:int"),
        ("item", "8", "xsd:int"),
    ]


def test_encoded_array_items_written_with_their_declared_element(
    packages: dict[str, Any],
) -> None:
    models = packages["wsdl_rpc_encoded"].models
    product = models.Product(sku="A", price=Decimal("1"), tags=models.StringArray(tag=["x"]))
    holder = written(product, "p", models)
    tags = holder.find("tags")
    assert tags.get(f"{{{SOAP_ENC}}}arrayType") == "xsd:string[1]"
    assert [(t.tag, t.text) for t in tags] == [("tag", "x")]


def test_multi_references_are_resolved_in_the_response(packages: dict[str, Any]) -> None:
    package = packages["wsdl_rpc_encoded"]
    result = _client(package, MULTIREF_ANSWER, []).find_products(
        query="", ids=package.models.IntArray()
    )
    assert [(p.sku, p.price, p.tags.tag) for p in result.item] == [
        ("A-1", Decimal("9.50"), ["new", "sale"]),
        ("B-2", Decimal("3"), ["new", "sale"]),
    ]


def test_encoded_array_items_of_any_name_are_read(packages: dict[str, Any]) -> None:
    package = packages["wsdl_rpc_encoded"]
    answer = _envelope(
        '<c:findProductsResponse xmlns:c="urn:catalog"><return>'
        "<Product><sku>S</sku><price>1</price><tags><string>t</string></tags></Product>"
        "</return></c:findProductsResponse>"
    )
    result = _client(package, answer, []).find_products(query="", ids=package.models.IntArray())
    assert [(p.sku, p.tags.tag) for p in result.item] == [("S", ["t"])]


@pytest.mark.parametrize(
    "body, message",
    [
        (
            '<item href="#a"/></return></c:findProductsResponse><m id="a"><x href="#a"/></m>',
            "cycle",
        ),
        (
            '<item href="#a"/></return></c:findProductsResponse>'
            + '<m id="a">'
            + '<x href="#b"/>' * 400
            + '</m><m id="b">'
            + "<y/>" * 400
            + "</m>",
            "too many",
        ),
    ],
)
def test_reference_cycles_and_bombs_are_refused(
    packages: dict[str, Any], body: str, message: str
) -> None:
    package = packages["wsdl_rpc_encoded"]
    answer = _envelope('<c:findProductsResponse xmlns:c="urn:catalog"><return>' + body)
    with pytest.raises(package.ParseError, match=message):
        _client(package, answer, []).find_products(query="", ids=package.models.IntArray())


# -- substitution groups ----------------------------------------------------------------------


def test_substitution_group_members_go_on_the_wire_by_class(packages: dict[str, Any]) -> None:
    package = packages["wsdl_substitution"]
    m = package.models
    answer = _envelope('<FindResponse xmlns="urn:search"/>')
    sent: list[httpx.Request] = []
    restriction = m.RestrictionType(
        expression=m.And_(
            expression=[
                m.IsEqualTo(path=m.FieldPathType(field_uri="item:Subject"), constant="hi"),
                m.IsGreaterThan(path=m.IndexedPathType(field_uri="x", index=2), constant="3"),
                m.Or_(expression=[m.ExpressionType()]),
            ]
        ),
        path=[m.TagPathType(tag="t"), m.FieldPathType(field_uri="f")],
    )
    assert _client(package, answer, sent).find(restriction=restriction) is None
    body = etree.fromstring(sent[0].content).find(f"{{{SOAP_ENV}}}Body")[0]
    names = [etree.QName(e).localname for e in body.iter()]
    assert names == [
        "Find", "Restriction", "And", "IsEqualTo", "FieldURI", "Constant", "IsGreaterThan",
        "IndexedFieldURI", "Constant", "Or", "Expression", "TagURI", "FieldURI",
    ]  # fmt: skip
    assert body.find(".//{urn:search:extra}TagURI").get("Tag") == "t"
    schema = _original_schema(GOLDEN / "wsdl_substitution" / "spec" / "Search.wsdl")
    schema.validate(etree.tostring(body))


def test_substitution_group_members_are_read_back_as_their_classes(
    packages: dict[str, Any],
) -> None:
    package = packages["wsdl_substitution"]
    m = package.models
    answer = _envelope(
        '<FindResponse xmlns="urn:search" xmlns:t="urn:search:types" xmlns:x="urn:search:extra">'
        '<Matched><t:Or><t:IsEqualTo><x:TagURI Tag="a"/><t:Constant>1</t:Constant></t:IsEqualTo>'
        '<t:And/></t:Or><t:IndexedFieldURI FieldURI="u" Index="4"/></Matched></FindResponse>'
    )
    result = _client(package, answer, []).find(
        restriction=m.RestrictionType(expression=m.ExpressionType())
    )
    assert result == m.RestrictionType(
        expression=m.Or_(
            expression=[
                m.IsEqualTo(path=m.TagPathType(tag="a"), constant="1"),
                m.And_(expression=[]),
            ]
        ),
        path=[m.IndexedPathType(field_uri="u", index=4)],
    )


# -- xsi:type polymorphism --------------------------------------------------------------------

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def test_a_subclass_value_is_sent_with_its_xsi_type(packages: dict[str, Any]) -> None:
    package = packages["wsdl_derived_types"]
    m = package.models
    assert issubclass(m.Partner, m.Customer) and issubclass(m.Customer, m.Record)
    answer = _envelope(
        '<addResponse xmlns="urn:records" xmlns:c="urn:records:core">'
        '<baseRef internalId="42" type="partner"/></addResponse>'
    )
    sent: list[httpx.Request] = []
    partner = m.Partner(
        internal_id="7", company_name="ACME", credit_limit=Decimal("10.5"), commission=3, tier="g"
    )
    ref = _client(package, answer, sent).add(record=partner)
    assert (ref.internal_id, ref.type) == ("42", "partner")
    body = etree.fromstring(sent[0].content).find(f"{{{SOAP_ENV}}}Body")[0]
    record = body[0]
    prefix, _, local = record.get(XSI_TYPE).partition(":")
    assert (record.nsmap[prefix], local) == ("urn:records:relationships", "Partner")
    assert record.attrib == {XSI_TYPE: record.get(XSI_TYPE), "internalId": "7", "tier": "g"}
    assert [etree.QName(c).localname for c in record] == [
        "companyName",
        "creditLimit",
        "commission",
    ]
    schema = _original_schema(GOLDEN / "wsdl_derived_types" / "spec" / "Records.wsdl")
    schema.validate(etree.tostring(body))
    emitted = Path(package.__file__).parent / "service.wsdl"
    _original_schema(emitted).validate(etree.tostring(body))


def test_a_response_value_is_read_as_the_class_its_xsi_type_names(
    packages: dict[str, Any],
) -> None:
    package = packages["wsdl_derived_types"]
    m = package.models
    answer = _envelope(
        '<getResponse xmlns="urn:records" xmlns:r="urn:records:relationships">'
        '<record xsi:type="r:Contact" internalId="1"><r:email>a@b.c</r:email>'
        '<r:company internalId="9"/></record>'
        '<record xmlns:p="urn:records:relationships" xsi:type="p:Partner" tier="s">'
        "<p:companyName>X</p:companyName><p:commission>2</p:commission></record>"
        '<record xsi:type="r:Unknown" internalId="5"/>'
        "</getResponse>"
    )
    records = _client(package, answer, []).get(base_ref=m.RecordRef(internal_id="1"))
    assert records == [
        m.Contact(internal_id="1", email="a@b.c", company=m.RecordRef(internal_id="9")),
        m.Partner(company_name="X", commission=2, tier="s"),
        m.Record(internal_id="5"),
    ]
    assert [type(r) for r in records] == [m.Contact, m.Partner, m.Record]


def test_emitted_wsdls_load_in_zeep(packages: dict[str, Any]) -> None:
    import zeep

    for package in packages.values():
        wsdl = Path(package.__file__).parent / "service.wsdl"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zeep.Client(str(wsdl))


def _original_schema(wsdl: Path) -> xmlschema.XMLSchema:
    """The WSDL's inline schemas as one xmlschema bundle (no network)."""
    root = etree.parse(str(wsdl)).getroot()
    sources = [
        etree.tostring(schema).decode()
        for schema in root.iterfind(".//{http://www.w3.org/2001/XMLSchema}schema")
    ]
    return xmlschema.XMLSchema(sources, allow="none", defuse="always")
