"""Reading a WSDL's schemas skips the checks xmlschema runs on built components.

Under validation="skip" xmlschema drops what its post-build checks find (content models that
are not deterministic, restrictions that do not restrict), yet they were a third of the time
of reading NetSuite's schemas.  What is read must not change by skipping them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema.validators.xsd_globals as xsd_globals
from repo import GOLDEN

from generator.config import ProjectSettings
from generator.errors import SpecError
from generator.model import ComplexType, Model
from generator.pipeline import load_model
from generator.readers import wsdl_schema
from generator.readers.wsdl_documents import load_wsdl
from generator.readers.wsdl_schema import build_schema

# `a` then optional `a`: which particle an `a` belongs to is not decidable (not UPA); and a
# restriction that adds a field its base lacks
WSDL = """<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:upa" targetNamespace="urn:upa">
  <types>
    <xs:schema targetNamespace="urn:upa" elementFormDefault="qualified">
      <xs:complexType name="Base">
        <xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence>
      </xs:complexType>
      <xs:complexType name="Narrowed">
        <xs:complexContent>
          <xs:restriction base="tns:Base">
            <xs:sequence>
              <xs:element name="id" type="xs:int"/>
              <xs:element name="extra" type="xs:string"/>
            </xs:sequence>
          </xs:restriction>
        </xs:complexContent>
      </xs:complexType>
      <xs:element name="Get">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="a" type="xs:string" minOccurs="0"/>
            <xs:element name="a" type="xs:int"/>
            <xs:element name="n" type="tns:Narrowed"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="GetResponse">
        <xs:complexType><xs:sequence>
          <xs:element name="b" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
          <xs:element name="b" type="xs:string"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
  </types>
  <message name="GetIn"><part name="parameters" element="tns:Get"/></message>
  <message name="GetOut"><part name="parameters" element="tns:GetResponse"/></message>
  <portType name="Port">
    <operation name="Get"><input message="tns:GetIn"/><output message="tns:GetOut"/></operation>
  </portType>
  <binding name="Binding" type="tns:Port">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Get">
      <soap:operation soapAction="urn:upa/Get"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="Upa">
    <port name="Port" binding="tns:Binding"><soap:address location="http://localhost/upa"/></port>
  </service>
</definitions>
"""


def _read(folder: Path, tmp_path: Path) -> Model:
    project = ProjectSettings(root=tmp_path, specs=folder.parent, output=tmp_path / "out")
    return load_model(folder, project)[0]


def _upa_spec(tmp_path: Path) -> Path:
    folder = tmp_path / "specs" / "upa"
    folder.mkdir(parents=True)
    (folder / "upa.wsdl").write_text(WSDL, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "folder",
    ["upa", *(GOLDEN / name / "spec" for name in ("wsdl_derived_types", "wsdl_substitution"))],
    ids=str,
)
def test_skipping_the_model_checks_reads_the_same_model(
    folder: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _upa_spec(tmp_path) if folder == "upa" else Path(folder)
    unchecked = _read(spec, tmp_path)
    monkeypatch.setattr(wsdl_schema, "_skip_model_checks", lambda bundle: None)
    assert _read(spec, tmp_path) == unchecked


def test_the_model_checks_are_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[object] = []
    monkeypatch.setattr(xsd_globals, "check_model", ran.append)
    model = _read(_upa_spec(tmp_path), tmp_path)
    assert ran == []
    get = next(t for t in model.types if t.name.name == "Get")
    assert isinstance(get, ComplexType) and [f.name for f in get.fields] == ["a", "n"]
    # and the same read with the checks on runs them (so the test above can fail)
    monkeypatch.setattr(wsdl_schema, "_skip_model_checks", lambda bundle: None)
    _read(_upa_spec(tmp_path / "again"), tmp_path)
    assert ran


# -- what xmlschema is handed has no DTD --------------------------------------------------------

INCLUDING = WSDL.replace(
    '<xs:schema targetNamespace="urn:upa" elementFormDefault="qualified">',
    '<xs:schema targetNamespace="urn:upa" elementFormDefault="qualified">'
    '<xs:include schemaLocation="common.xsd"/>',
)
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xs:schema [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:upa">
  <xs:simpleType name="Code"><xs:restriction base="xs:string">
    <xs:enumeration value="&b;"/>
  </xs:restriction></xs:simpleType>
</xs:schema>
"""


def test_a_schema_file_with_a_doctype_is_refused_before_xmlschema_reads_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "specs" / "upa"
    folder.mkdir(parents=True)
    (folder / "upa.wsdl").write_text(INCLUDING, encoding="utf-8")
    (folder / "common.xsd").write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(SpecError, match="DOCTYPE is refused") as caught:
        _read(folder, tmp_path)
    assert caught.value.file == "upa/common.xsd"


def test_the_opener_refuses_a_doctype_in_a_file_no_reader_checked(tmp_path: Path) -> None:
    """xmlschema does not defuse what it is handed: every file the opener serves is one
    parse_bytes read, here the opener's own check (no `trees` from schema_files)."""
    files = {"upa/upa.wsdl": INCLUDING.encode(), "upa/common.xsd": LAUGHS.encode()}
    documents = load_wsdl("upa/upa.wsdl", files, spec="upa", locations={})
    folder = tmp_path / "specs" / "upa"
    folder.mkdir(parents=True)
    with pytest.raises(SpecError, match="DOCTYPE is refused") as caught:
        build_schema(documents, folder, {}, files)
    assert caught.value.file == "upa/common.xsd"
    plain = LAUGHS.replace(LAUGHS.splitlines()[1] + "\n", "").replace("&b;", "b")
    files["upa/common.xsd"] = plain.encode()
    bundle = build_schema(documents, folder, {}, files)
    assert bundle is not None and "{urn:upa}Code" in bundle.maps.types
