"""What in a WSDL's schemas resolves to nothing is a warning naming file and line; what does
resolve (builtins, xml:lang, other inline schemas, chameleon includes) is not."""

from __future__ import annotations

from pathlib import Path

from generator.config import ProjectSettings
from generator.model import ComplexType, Model, QName
from generator.pipeline import load_model

XS_ANY = QName("http://www.w3.org/2001/XMLSchema", "anyType")


def _wsdl(schema_body: str, extra_schema: str = "") -> str:
    return f"""<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:other" xmlns:tns="urn:svc"
    targetNamespace="urn:svc">
  <wsdl:types>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      <xs:import namespace="urn:other"/>
      <xs:include schemaLocation="shared.xsd"/>
{schema_body}
    </xs:schema>
    <xs:schema targetNamespace="urn:other" elementFormDefault="qualified">
      <xs:complexType name="Other"><xs:sequence>
        <xs:element name="n" type="xs:int"/>
      </xs:sequence></xs:complexType>
{extra_schema}
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PutIn"><wsdl:part name="p" element="tns:Put"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Put"><wsdl:input message="tns:PutIn"/>
  </wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Put"><soap:operation soapAction="put"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S"><wsdl:port name="Port" binding="tns:B">
    <soap:address location="https://svc.example.com/"/></wsdl:port></wsdl:service>
</wsdl:definitions>
"""


# a chameleon include: no targetNamespace, unprefixed references take the includer's
SHARED = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="Shared"><xs:sequence>
    <xs:element name="inner" type="Helper"/>
  </xs:sequence></xs:complexType>
  <xs:complexType name="Helper"><xs:sequence>
    <xs:element name="s" type="xs:string"/>
  </xs:sequence></xs:complexType>
</xs:schema>
"""

GOOD = """
      <xs:element name="Put">
        <xs:complexType><xs:sequence>
          <xs:element name="other" type="o:Other"/>
          <xs:element name="shared" type="tns:Shared"/>
          <xs:element name="list"><xs:simpleType><xs:list itemType="xs:int"/></xs:simpleType>
          </xs:element>
        </xs:sequence>
        <xs:attribute ref="xml:lang"/>
        </xs:complexType>
      </xs:element>
"""


def _model(tmp_path: Path, wsdl: str) -> Model:
    folder = tmp_path / "specs" / "svc"
    folder.mkdir(parents=True)
    (folder / "svc.wsdl").write_text(wsdl, encoding="utf-8")
    (folder / "shared.xsd").write_text(SHARED, encoding="utf-8")
    project = ProjectSettings(tmp_path, tmp_path / "specs", tmp_path / "generated")
    model, _ = load_model(folder, project)
    return model


def _line(wsdl: str, text: str) -> int:
    return next(n for n, line in enumerate(wsdl.splitlines(), 1) if text in line)


def test_what_resolves_gives_no_warning(tmp_path: Path) -> None:
    model = _model(tmp_path, _wsdl(GOOD))
    assert model.warnings == ()
    shared = model.type_map()[QName("urn:svc", "Shared")]
    assert isinstance(shared, ComplexType)
    assert shared.fields[0].type == QName("urn:svc", "Helper")


def test_a_misspelt_type_is_named_with_its_line_and_read_as_any(tmp_path: Path) -> None:
    body = GOOD.replace('type="o:Other"', 'type="o:Othre"')
    wsdl = _wsdl(body)
    model = _model(tmp_path, wsdl)
    [warning] = model.warnings
    assert str(warning.source) == f"svc/svc.wsdl:{_line(wsdl, 'o:Othre')}"
    assert warning.message == "unknown type 'o:Othre': read as any content"
    put = model.type_map()[QName("urn:svc", "Put")]
    assert isinstance(put, ComplexType) and put.fields[0].type == XS_ANY


def test_unknown_references_of_every_kind_are_named(tmp_path: Path) -> None:
    body = GOOD.replace(
        '<xs:element name="other" type="o:Other"/>',
        '<xs:element ref="tns:Nowhere"/><xs:group ref="tns:NoGroup"/>'
        '<xs:element name="e"><xs:complexType><xs:complexContent>'
        '<xs:extension base="o:NoBase"/></xs:complexContent></xs:complexType></xs:element>'
        '<xs:element name="u" type="undeclared:Thing"/>',
    ).replace('<xs:attribute ref="xml:lang"/>', '<xs:attributeGroup ref="tns:NoAttrs"/>')
    messages = [w.message for w in _model(tmp_path, _wsdl(body)).warnings]
    assert messages == [
        "unknown element 'tns:Nowhere': read as any content",
        "unknown group 'tns:NoGroup': read as any content",
        "unknown type 'o:NoBase': read as any content",
        "the prefix of 'undeclared:Thing' is not declared: read as any content",
        "unknown attribute group 'tns:NoAttrs': read as any content",
    ]


def test_an_element_outside_the_xsd_vocabulary_is_named(tmp_path: Path) -> None:
    body = GOOD.replace("<xs:sequence>", "<xs:sequnce>", 1).replace(
        "</xs:sequence>", "</xs:sequnce>", 1
    )
    wsdl = _wsdl(body)
    [warning] = _model(tmp_path, wsdl).warnings
    assert str(warning.source) == f"svc/svc.wsdl:{_line(wsdl, 'xs:sequnce')}"
    assert warning.message == "xs:sequnce is not an XSD 1.0 element and is ignored"


def test_documentation_content_is_not_checked(tmp_path: Path) -> None:
    extra = (
        "<xs:annotation><xs:appinfo><xs:element ref='o:Made-up'/><xs:whatever/>"
        "</xs:appinfo></xs:annotation>"
    )
    assert _model(tmp_path, _wsdl(GOOD, extra)).warnings == ()


def test_many_findings_are_summed_up(tmp_path: Path) -> None:
    body = GOOD + "".join(f'<xs:element name="E{i}" type="tns:Missing{i}"/>' for i in range(14))
    messages = [w.message for w in _model(tmp_path, _wsdl(body)).warnings]
    assert len(messages) == 11 and messages[-1] == "4 more such references"
