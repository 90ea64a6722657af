"""Sample values: the shortest string an XSD pattern accepts, and samples of facet-restricted
types valid against the schema that declared them."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from generator.config import ProjectSettings
from generator.pipeline import generate
from generator.regex_sample import regex_sample


@pytest.mark.parametrize(
    "pattern",
    [
        "[A-Z]{3}",
        r"\d{4}-\d{2}-\d{2}",
        "(abc|de)+x?",
        "[^a-z]{2}",
        r"[\da-fA-F]{8}-[\da-fA-F]{4}",
        r"[0-9]{1,3}(\.[0-9]{1,3}){3}",
        r"\p{Lu}{2}[a-z]*",
        r"\i\c*",
        "[A-Z,0-9]{32}",
    ],
)
def test_regex_sample_matches_its_pattern(pattern: str) -> None:
    sample = regex_sample(pattern)
    assert sample is not None
    schema = xmlschema.XMLSchema(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="v">'
        '<xs:simpleType><xs:restriction base="xs:string">'
        f'<xs:pattern value="{pattern}"/></xs:restriction></xs:simpleType></xs:element>'
        "</xs:schema>"
    )
    assert schema.is_valid(f"<v>{sample}</v>"), sample


def test_an_unreadable_pattern_gives_no_sample() -> None:
    assert regex_sample("[") is None
    assert regex_sample("a{2,1}") is None  # an impossible repetition: no string matches


SCHEMA = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:s"
    targetNamespace="urn:s" elementFormDefault="qualified">
  <xs:simpleType name="Code"><xs:restriction base="xs:string">
    <xs:pattern value="[A-Z]{2}-\\d{3}"/></xs:restriction></xs:simpleType>
  <xs:element name="Put">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="code" type="t:Code"/>
        <xs:element name="mac"><xs:simpleType><xs:restriction base="xs:hexBinary">
          <xs:length value="6"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="small"><xs:simpleType><xs:restriction base="xs:int">
          <xs:minInclusive value="5"/><xs:maxExclusive value="9"/></xs:restriction>
        </xs:simpleType></xs:element>
        <xs:element name="digits"><xs:simpleType><xs:restriction base="xs:integer">
          <xs:pattern value="[1-9][0-9]{2}"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="name"><xs:simpleType><xs:restriction base="xs:string">
          <xs:minLength value="8"/><xs:maxLength value="9"/></xs:restriction>
        </xs:simpleType></xs:element>
        <xs:element name="tags" type="xs:string" maxOccurs="unbounded"/>
        <xs:choice>
          <xs:element name="byId" type="xs:long"/>
          <xs:sequence><xs:element name="first" type="xs:string"/>
            <xs:element name="last" type="xs:string"/></xs:sequence>
        </xs:choice>
        <xs:element name="note" type="xs:string" minOccurs="0"/>
      </xs:sequence>
      <xs:attribute name="version" type="xs:decimal" fixed="2.5" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>"""
WSDL = f"""<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:s"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="urn:s">
  <types>{SCHEMA}</types>
  <message name="In"><part name="p" element="tns:Put"/></message>
  <portType name="P"><operation name="Put"><input message="tns:In"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Put"><soap:operation soapAction="put"/>
      <input><soap:body use="literal"/></input></operation></binding>
  <service name="S"><port name="Q" binding="tns:B">
    <soap:address location="http://s.example/"/></port></service>
</definitions>"""


def test_sample_request_is_valid_against_its_schema(tmp_path: Path) -> None:
    from generator.mock import generated_package, sample_envelopes

    folder = tmp_path / "specs" / "facets"
    folder.mkdir(parents=True)
    (folder / "s.wsdl").write_text(WSDL, encoding="utf-8")
    project = ProjectSettings(tmp_path, tmp_path / "specs", tmp_path / "generated")
    generate(None, project, project.output)
    with generated_package(str(project.output / "facets"), project) as server:
        request, response = sample_envelopes(server, "put", None)
    assert response == b""  # one-way
    body = etree.fromstring(request)[-1][0]
    xmlschema.XMLSchema(SCHEMA).validate(etree.tostring(body).decode())
    values = {etree.QName(c).localname: c.text for c in body}
    assert values["mac"] == "000000000000" and values["small"] == "5"
    assert "byId" in values and "first" not in values and "note" not in values
    assert body.get("version") == "2.5"
    assert "facets" not in sys.modules and importlib.util.find_spec("facets") is None
