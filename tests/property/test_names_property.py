"""Names and text from a WSDL cannot inject code (hypothesis).

Arbitrary XML names (any NCName: unicode, dashes, dots, case-only differences, Python keywords,
dunders, builtins, the generated code's own names, very long names) for the service, its
operations, elements, attributes, types and enumeration values, and arbitrary documentation text
(quotes, triple quotes, backslashes, newlines, Unicode line separators, template syntax, code),
go through the whole pipeline. The generated package compiles, imports without running anything
the text says (a documentation payload would create a file), passes mypy --strict, and every XML
name comes back exactly on the wire: the generated client's request and the generated server's
answer carry the very names, in order, and the enumeration's value as written.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree
from repo import imported
from served import Recording

from generator.config import ProjectSettings
from generator.errors import SoapsmithError
from generator.mock import handlers, wsgi_transport
from generator.pipeline import generate

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
XSD = "http://www.w3.org/2001/XMLSchema"
TNS = "urn:names:property"

HOSTILE_NAMES = [
    "class", "def", "None", "True", "self", "cls", "__init__", "__class__", "_soap", "etree",
    "list", "type", "str", "Client", "Handler", "MockHandler", "NSMAP", "field", "dataclass",
    "_", "__", "a-b", "a.b", "Имя", "名前", "x" * 300,
]  # fmt: skip
_START = st.characters(categories=("Lu", "Ll", "Lo", "Lt")) | st.just("_")
_REST = st.characters(categories=("Lu", "Ll", "Lo", "Nd", "Mn")) | st.sampled_from("-._")
NAMES = st.sampled_from(HOSTILE_NAMES) | st.builds(
    lambda first, rest: first + rest, _START, st.text(_REST, max_size=12)
)
DOC_PAYLOADS = [
    '"""', "'''", "\\", "\\x00", "\\N{BULLET}", "{{ x }}", "{% raw %}", "\u2028", "\u2029",
    "\n# comment\nimport os", "\"\"\"; __import__('os').system('false'); \"\"\"",
]  # fmt: skip
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t"), max_size=30
)
DOCS = st.lists(st.sampled_from(DOC_PAYLOADS) | TEXT, max_size=3).map("".join)


@dataclass
class Spec:
    service: str
    operation: str
    type_name: str
    enum_name: str
    fields: list[str]  # element names, in order
    attribute: str
    values: list[str]  # enumeration values
    doc: str


@st.composite
def specs(draw: Any) -> Spec:
    fields = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    names = draw(st.lists(NAMES, min_size=4, max_size=4, unique=True))
    values = draw(
        st.lists(TEXT.filter(lambda v: v.strip() == v), min_size=1, max_size=3, unique=True)
    )
    return Spec(
        service=names[0],
        operation=names[1],
        type_name=names[2],
        enum_name=names[3],
        fields=fields,
        attribute=draw(NAMES),
        values=values,
        doc=draw(DOCS),
    )


def _wsdl(spec: Spec, payload: str) -> bytes:
    """The WSDL, built with lxml so that every name and text is escaped as XML needs."""

    def el(parent: Any, tag: str, **attributes: str) -> Any:
        return etree.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attributes.items()})

    def documented(node: Any, text: str) -> None:
        el(el(node, f"{{{XSD}}}annotation"), f"{{{XSD}}}documentation").text = text

    nsmap = {"wsdl": WSDL, "soap": SOAP, "xs": XSD, "tns": TNS}
    root = etree.Element(f"{{{WSDL}}}definitions", nsmap=nsmap, targetNamespace=TNS)
    schema = el(el(root, f"{{{WSDL}}}types"), f"{{{XSD}}}schema")
    schema.set("targetNamespace", TNS)
    schema.set("elementFormDefault", "qualified")
    enum = el(schema, f"{{{XSD}}}simpleType", name=spec.enum_name)
    documented(enum, spec.doc + payload)
    restriction = el(enum, f"{{{XSD}}}restriction", base="xs:string")
    for value in spec.values:
        el(restriction, f"{{{XSD}}}enumeration", value=value)
    complex_type = el(schema, f"{{{XSD}}}complexType", name=spec.type_name)
    documented(complex_type, payload + spec.doc)
    sequence = el(complex_type, f"{{{XSD}}}sequence")
    for index, name in enumerate(spec.fields):
        kind = ("xs:string", "xs:int", f"tns:{spec.enum_name}")[index % 3]
        field = el(sequence, f"{{{XSD}}}element", name=name, type=kind)
        documented(field, spec.doc)
    el(complex_type, f"{{{XSD}}}attribute", name=spec.attribute, type="xs:string", use="required")
    answer = spec.operation + "Response"
    el(schema, f"{{{XSD}}}element", name=spec.operation, type=f"tns:{spec.type_name}")
    el(schema, f"{{{XSD}}}element", name=answer, type=f"tns:{spec.type_name}")
    for message, element in (("In", spec.operation), ("Out", answer)):
        node = el(root, f"{{{WSDL}}}message", name=message)
        el(node, f"{{{WSDL}}}part", name="parameters", element=f"tns:{element}")
    port_type = el(root, f"{{{WSDL}}}portType", name="Port")
    operation = el(port_type, f"{{{WSDL}}}operation", name=spec.operation)
    el(operation, f"{{{WSDL}}}documentation").text = payload + spec.doc
    el(operation, f"{{{WSDL}}}input", message="tns:In")
    el(operation, f"{{{WSDL}}}output", message="tns:Out")
    binding = el(root, f"{{{WSDL}}}binding", name="Binding", type="tns:Port")
    el(binding, f"{{{SOAP}}}binding", transport="http://schemas.xmlsoap.org/soap/http")
    bound = el(binding, f"{{{WSDL}}}operation", name=spec.operation)
    el(bound, f"{{{SOAP}}}operation", soapAction=spec.doc)
    for direction in ("input", "output"):
        el(el(bound, f"{{{WSDL}}}{direction}"), f"{{{SOAP}}}body", use="literal")
    service = el(root, f"{{{WSDL}}}service", name=spec.service)
    documented_port = el(service, f"{{{WSDL}}}port", name="P", binding="tns:Binding")
    el(documented_port, f"{{{SOAP}}}address", location="https://names.example.com/svc")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


GENERATED: list[Path] = []


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=specs())
def _round_trip(tmp_path: Path, spec: Spec) -> None:
    for name in [spec.service, spec.operation, spec.type_name, spec.attribute, *spec.fields]:
        try:
            etree.QName(TNS, name)
        except ValueError:
            assume(False)  # not an XML name: no WSDL can hold it
    name = f"svc{len(GENERATED)}"  # distinct, so that mypy can check them all at once
    case = tmp_path / name
    sentinel = case / "ran"
    payload = f"\n__import__('pathlib').Path({str(sentinel)!r}).touch()\n"
    wsdl = _wsdl(spec, payload)
    schema = etree.fromstring(wsdl).find(f".//{{{XSD}}}schema")
    assume(not _schema_errors(schema))  # names an XSD processor refuses are out of scope
    folder = case / "specs" / name
    folder.mkdir(parents=True)
    (folder / "svc.wsdl").write_bytes(wsdl)
    project = ProjectSettings(case, case / "specs", case / "generated")
    try:
        generate(None, project, project.output)
    except SoapsmithError:
        return  # refused with a clear error is allowed; a crash is not
    package = project.output / name
    GENERATED.append(package / name)
    with imported(package, name):
        server = importlib.import_module(f"{name}.server")
        assert not sentinel.exists(), "importing the package ran text from the spec"
        _check_wire(server, spec)
    assert not sentinel.exists()


def _schema_errors(schema: Any) -> list[Any]:
    import xmlschema

    bundle = xmlschema.XMLSchema10(etree.tostring(schema).decode(), validation="lax")
    return list(bundle.all_errors)


def _check_wire(server: Any, spec: Spec) -> None:
    [(_, client_cls, mock)] = handlers(server)
    [(method, arguments)] = mock.sample_requests().items()
    recording = Recording(wsgi_transport(server.make_wsgi_app(mock())))
    http = httpx.Client(transport=recording)
    with client_cls("https://names.example.com/svc", http=http) as client:
        getattr(client, method)(**arguments)
    request, response = recording.exchanged[-1]
    for data, element in ((request, spec.operation), (response, spec.operation + "Response")):
        body = etree.fromstring(data)[-1][0]
        assert body.tag == f"{{{TNS}}}{element}"
        assert [c.tag for c in body] == [f"{{{TNS}}}{name}" for name in spec.fields]
        assert list(body.attrib) == [spec.attribute]
        enums = [c.text or "" for i, c in enumerate(body) if i % 3 == 2]
        assert all(text == spec.values[0] for text in enums), (enums, spec.values)


def test_hostile_names_and_text_compile_import_pass_mypy_and_stay_exact_on_the_wire(
    tmp_path: Path,
) -> None:
    from mypy import api

    GENERATED.clear()
    _round_trip(tmp_path)
    assert len(GENERATED) >= 15, "too few examples made it to a package"
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--config-file", "", "--cache-dir", "/dev/null"]
        + [str(p) for p in GENERATED]
    )
    assert status == 0, stdout[-5000:] + stderr
