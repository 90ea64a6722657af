"""Remote schema imports: never fetched; refused with an error naming file, line and URL, unless
mapped to a local file by their URL or namespace in spec.toml's `[locations]`, or skipped by an
explicit `remote-imports = "skip"` (spec.toml or `[tool.soapsmith]`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import ProjectSettings
from generator.errors import ConfigError, SpecError
from generator.model import ComplexType, Model, QName
from generator.pipeline import load_model

URL = "https://schemas.example.com/remote/thing.xsd"
WSDL = f"""<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:r="urn:remote" xmlns:tns="urn:svc"
    targetNamespace="urn:svc">
  <wsdl:types>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      <xs:import namespace="urn:remote" schemaLocation="{URL}"/>
      <xs:element name="Put">
        <xs:complexType><xs:sequence>
          <xs:element name="thing" type="r:Thing"/>
          <xs:element ref="r:Extra" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
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
THING = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:remote"
    elementFormDefault="qualified">
  <xs:complexType name="Thing"><xs:sequence>
    <xs:element name="size" type="xs:int"/>
  </xs:sequence></xs:complexType>
</xs:schema>
"""


def _model(tmp_path: Path, spec_toml: str, project_choice: str = "refuse") -> Model:
    folder = tmp_path / "specs" / "svc"
    folder.mkdir(parents=True)
    (folder / "svc.wsdl").write_text(WSDL, encoding="utf-8")
    (folder / "thing.xsd").write_text(THING, encoding="utf-8")
    (folder / "spec.toml").write_text(spec_toml, encoding="utf-8")
    project = ProjectSettings(
        tmp_path, tmp_path / "specs", tmp_path / "generated", remote_imports=project_choice
    )
    model, _ = load_model(folder, project)
    return model


def test_an_unmapped_remote_import_is_refused_by_default(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        _model(tmp_path, "")
    error = caught.value
    assert (error.file, error.line) == ("svc/svc.wsdl", 8)
    assert URL in error.message and "never fetched" in error.message
    assert "[locations]" in error.hint and 'remote-imports = "skip"' in error.hint


def test_a_spec_can_refuse_what_its_project_skips(tmp_path: Path) -> None:
    with pytest.raises(SpecError):
        _model(tmp_path, 'remote-imports = "refuse"\n', project_choice="skip")


def test_an_unknown_remote_imports_choice_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="remote-imports"):
        _model(tmp_path, 'remote-imports = "fetch"\n')


@pytest.mark.parametrize(
    ("spec_toml", "project_choice"),
    [('remote-imports = "skip"\n', "refuse"), ("", "skip")],
    ids=["spec.toml", "project"],
)
def test_a_skipped_remote_import_is_named_and_read_as_any(
    tmp_path: Path, spec_toml: str, project_choice: str
) -> None:
    model = _model(tmp_path, spec_toml, project_choice)
    notes = [w for w in model.warnings if URL in w.message]
    assert len(notes) == 1
    assert str(notes[0].source) == "svc/svc.wsdl:8"
    assert "not fetched" in notes[0].message and "[locations]" in notes[0].message
    put = model.type_map()[QName("urn:svc", "Put")]
    assert put.fields[0].type == QName("http://www.w3.org/2001/XMLSchema", "anyType")
    # a reference into the schema that is not loaded keeps its namespace on the wire
    assert (put.fields[1].name, put.fields[1].namespace) == ("Extra", "urn:remote")


@pytest.mark.parametrize("key", [URL, "urn:remote"], ids=["by-url", "by-namespace"])
def test_a_mapped_remote_import_is_read_from_the_local_file(tmp_path: Path, key: str) -> None:
    model = _model(tmp_path, f'[locations]\n"{key}" = "thing.xsd"\n')
    assert not [w for w in model.warnings if URL in w.message]
    thing = model.type_map()[QName("urn:remote", "Thing")]
    assert isinstance(thing, ComplexType)
    assert [(f.name, f.type.name) for f in thing.fields] == [("size", "int")]
