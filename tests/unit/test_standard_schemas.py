"""Standard schemas built in (issue 20 item 4): a WSDL importing xmlmime, XOP, the SOAP
envelopes, WS-Addressing, WS-Security or xml.xsd by URL is read without a network or a
`[locations]` entry; the user's mapping still wins; an unknown remote import is still refused."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from lxml import etree
from repo import GOLDEN
from wire import Load, loading

from generator.config import ProjectSettings
from generator.errors import SpecError
from generator.pipeline import load_model
from generator.readers.standard_schemas import STANDARD, standard_schema

CASE = GOLDEN / "wsdl_standard_imports" / "spec"
XMIME = "http://www.w3.org/2005/05/xmlmime"


@pytest.fixture
def load(tmp_path: Path) -> Iterator[Load]:
    yield from loading(tmp_path)


class _Catalog(etree.Resolver):
    """libxml2 reads the standard schemas' own imports from the copies, never the network."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        found = standard_schema(url or "")
        return self.resolve_filename(str(found), context) if found else None


@pytest.mark.parametrize("path", sorted(STANDARD.glob("*.xsd")), ids=lambda p: p.name)
def test_each_copy_is_a_schema_to_xmlschema_and_to_libxml2(path: Path) -> None:
    def mapped(url: str) -> str:
        found = standard_schema(url)
        return found.as_uri() if found else url

    xmlschema.XMLSchema10(str(path), uri_mapper=mapped, defuse="always", validation="strict")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Catalog())
    etree.XMLSchema(etree.parse(str(path), parser))


@pytest.mark.parametrize(
    "location",
    [
        "https://www.w3.org/2005/05/xmlmime",
        "http://www.w3.org/2005/05/xmlmime",
        "http://www.w3.org/2005/05/xmlmime/",
        "http://w3.org/2005/05/xmlmime",
        "HTTPS://www.w3.org/2005/05/xmlmime",
    ],
)
def test_a_standard_location_is_known_in_the_forms_wsdls_write_it(location: str) -> None:
    assert standard_schema(location) == STANDARD / "xmlmime.xsd"


@pytest.mark.parametrize(
    "location",
    ["https://example.com/2005/05/xmlmime", "file:///etc/xmlmime", "xmlmime.xsd", "ftp://w3.org/x"],
)
def test_other_locations_are_not_standard(location: str) -> None:
    assert standard_schema(location) is None


def project(
    tmp_path: Path, wsdl: str | None = None, toml: str = ""
) -> tuple[Path, ProjectSettings]:
    spec = tmp_path / "specs" / "files"
    shutil.copytree(CASE, spec)
    if wsdl is not None:
        (spec / "Files.wsdl").write_text(wsdl, encoding="utf-8")
    if toml:
        (spec / "spec.toml").write_text(toml, encoding="utf-8")
    settings = ProjectSettings(root=tmp_path, specs=tmp_path / "specs", output=tmp_path / "out")
    return spec, settings


def field_type(model: Any, type_name: str, field: str) -> str:
    (found,) = [t for t in model.types if t.name.name == type_name]
    (item,) = [f for f in found.fields if f.name == field]
    return str(item.type.name)


def test_the_standard_types_are_read_with_remote_imports_refused(tmp_path: Path) -> None:
    folder, settings = project(tmp_path)
    assert settings.remote_imports == "refuse"
    model, _ = load_model(folder, settings)
    assert field_type(model, "base64Binary", "contentType") == "contentType"
    assert field_type(model, "EndpointReferenceType", "Address") == "AttributedURIType"
    assert not [w for w in model.warnings if "remote" in w.message]


def test_the_users_mapping_wins(tmp_path: Path) -> None:
    folder, settings = project(
        tmp_path, toml='[locations]\n"https://www.w3.org/2005/05/xmlmime" = "mine.xsd"\n'
    )
    (folder / "mine.xsd").write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{XMIME}">'
        '<xs:complexType name="base64Binary"><xs:sequence>'
        '<xs:element name="mine" type="xs:string"/></xs:sequence></xs:complexType></xs:schema>',
        encoding="utf-8",
    )
    model, _ = load_model(folder, settings)
    assert field_type(model, "base64Binary", "mine") == "string"


def test_an_unknown_remote_import_is_still_refused(tmp_path: Path) -> None:
    wsdl = (CASE / "Files.wsdl").read_text(encoding="utf-8")
    changed = wsdl.replace(
        'schemaLocation="https://www.w3.org/2005/05/xmlmime"',
        'schemaLocation="https://schemas.example.com/xmlmime.xsd"',
    )
    folder, settings = project(tmp_path, changed)
    with pytest.raises(SpecError) as info:
        load_model(folder, settings)
    assert "https://schemas.example.com/xmlmime.xsd" in str(info.value)
    assert "never fetched" in str(info.value)


def test_what_the_package_writes_is_valid_against_the_standard_schemas(load: Load) -> None:
    pkg = load("wsdl_standard_imports")
    m = pkg.models
    store = m.Store(
        name="a.txt",
        data=m.Base64Binary(value=b"\x00hello", content_type="text/plain"),
        notify=m.EndpointReferenceType(address=m.AttributedURIType(value="http://reply.example/")),
    )
    prefix = next(p for p, ns in m.NSMAP.items() if ns == "urn:example:files")
    out: list[str] = []
    store._write(out, f"{prefix}:Store")
    declarations = "".join(f' xmlns:{p}="{ns}"' for p, ns in m.NSMAP.items())
    written = etree.fromstring(f"<w{declarations}>{''.join(out)}</w>")[0]
    wsdl = etree.parse(str(CASE / "Files.wsdl"))
    inline = wsdl.find(".//{http://www.w3.org/2001/XMLSchema}schema")
    assert inline is not None

    def mapped(url: str) -> str:
        found = standard_schema(url)
        return found.as_uri() if found else url

    schema = xmlschema.XMLSchema10(
        etree.tostring(inline, encoding="unicode"), uri_mapper=mapped, defuse="always"
    )
    schema.validate(written)
    content_type = written.find(".//{urn:example:files}data")
    assert content_type is not None and content_type.get(f"{{{XMIME}}}contentType") == "text/plain"
