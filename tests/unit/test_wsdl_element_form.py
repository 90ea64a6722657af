"""How the emitted WSDL says which local elements are qualified.

A schema whose local elements are all unqualified (rpc parts, Axis and many Java services) says
so once, with elementFormDefault="unqualified"; otherwise the default is qualified and each
unqualified element carries form="unqualified".  Both spell one meaning, but node-soap reads
the schema's default alone when it writes a wrapper's children: with the qualified default it
declared the wrapper's namespace as the default namespace and so sent every "unqualified" child
qualified, and a generated server refused them (found by tests/interop, issue 18).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from repo import GOLDEN

from generator.config import ProjectSettings
from generator.diff import compare
from generator.pipeline import load_model
from generator.render.wsdl import emit_wsdl

XSD = "http://www.w3.org/2001/XMLSchema"


def _schemas(name: str, tmp_path: Path) -> dict[str, etree._Element]:
    spec = GOLDEN / name / "spec"
    project = ProjectSettings(root=tmp_path, specs=spec.parent, output=tmp_path / "out")
    model, _ = load_model(spec, project)
    emitted = tmp_path / "emitted"
    emitted.mkdir()
    (emitted / "service.wsdl").write_bytes(emit_wsdl(model))
    # the same meaning, read back
    assert compare(model, load_model(emitted, project)[0]) == []
    root = etree.parse(str(emitted / "service.wsdl")).getroot()
    return {str(s.get("targetNamespace")): s for s in root.iter(f"{{{XSD}}}schema")}


def _forms(schema: etree._Element) -> list[str]:
    return [str(e.get("form")) for e in schema.iter(f"{{{XSD}}}element") if e.get("form")]


@pytest.mark.parametrize(
    ("name", "namespace"),
    [("wsdl_rpc_encoded", "urn:catalog"), ("wsdl_ports", "urn:example:billing:rpc")],
)
def test_a_schema_of_unqualified_locals_says_so_once(
    name: str, namespace: str, tmp_path: Path
) -> None:
    schema = _schemas(name, tmp_path)[namespace]
    assert schema.get("elementFormDefault") == "unqualified"
    assert _forms(schema) == []
    assert schema.find(f"{{{XSD}}}complexType/{{{XSD}}}sequence/{{{XSD}}}element") is not None


def test_a_schema_of_qualified_locals_keeps_the_qualified_default(tmp_path: Path) -> None:
    schemas = _schemas("wsdl_doclit", tmp_path)
    assert {s.get("elementFormDefault") for s in schemas.values()} == {"qualified"}
    assert all(_forms(s) == [] for s in schemas.values())


def test_a_mixed_schema_marks_its_unqualified_locals(tmp_path: Path) -> None:
    schema = _schemas("asmx_two_pages", tmp_path)["http://shop.example.com/"]
    assert schema.get("elementFormDefault") == "qualified"
    assert _forms(schema) == ["unqualified", "unqualified"]
