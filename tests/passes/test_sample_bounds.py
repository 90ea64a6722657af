"""Sample values stay bounded whatever the facets say, and types whose required elements lead
back to themselves still have samples: generation ends, the mock answers, warnings say where a
sample cannot honour the schema."""

from __future__ import annotations

import ast
import os
import re
import resource
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import xmlschema
from click.testing import CliRunner
from factories import SETTINGS, complex_type, field, model, simple_type
from lxml import etree
from repo import ROOT

from generator.cli import main
from generator.config import ProjectSettings
from generator.mock import generated_package
from generator.model import Source
from generator.passes.sample_bounds import sample_bounds
from generator.regex_sample import MAX_CHARS, regex_sample

MEMORY = 1 << 30  # a generation that tries to build a 200-million-character sample dies here
HUGE = "1" + "0" * 400


def wsdl(types: str, request: str, response: str) -> str:
    schema = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:b"
    targetNamespace="urn:b" elementFormDefault="qualified">{types}
  <xs:element name="Get"><xs:complexType><xs:sequence>{request}</xs:sequence></xs:complexType>
  </xs:element>
  <xs:element name="GetResponse"><xs:complexType><xs:sequence>{response}</xs:sequence>
  </xs:complexType></xs:element>
</xs:schema>"""
    return f"""<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:b"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="urn:b">
  <types>{schema}</types>
  <message name="In"><part name="p" element="tns:Get"/></message>
  <message name="Out"><part name="p" element="tns:GetResponse"/></message>
  <portType name="P"><operation name="Get"><input message="tns:In"/>
    <output message="tns:Out"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Get"><soap:operation soapAction="get"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation></binding>
  <service name="S"><port name="Q" binding="tns:B">
    <soap:address location="http://b.example/"/></port></service>
</definitions>"""


def restricted(facets: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """Named simple types (name -> (base, facets)) and a sequence with one element of each."""
    types = "".join(
        f'<xs:simpleType name="{name}"><xs:restriction base="{base}">{body}</xs:restriction>'
        "</xs:simpleType>"
        for name, (base, body) in facets.items()
    )
    elements = "".join(f'<xs:element name="e{name}" type="t:{name}"/>' for name in facets)
    return types, elements


def project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    folder = tmp_path / "specs" / "bounded"
    folder.mkdir(parents=True)
    (folder / "s.wsdl").write_text(text, encoding="utf-8")
    return tmp_path


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def soapsmith(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process held to MEMORY, so that an unbounded sample fails it
    instead of eating the machine; the timeout only guards against a hang."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit,
    )


def literals(source: str) -> list[object]:
    return [n.value for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant)]


# -- facets no bounded sample meets -------------------------------------------------------

UNBOUNDED = {
    "Exact": ("xs:string", '<xs:length value="200000000"/>'),
    "AtLeast": ("xs:string", '<xs:minLength value="1000000000"/>'),
    "Nested": ("xs:string", '<xs:pattern value="((a{1000}){1000}){1000}"/>'),
    "Counted": ("xs:string", '<xs:pattern value="[A-Z]{3}-\\d{4000000000}"/>'),
    "Octets": ("xs:hexBinary", '<xs:length value="200000000"/>'),
    "Big": ("xs:integer", f'<xs:minInclusive value="{HUGE}"/>'),
}


def test_unbounded_facets_generate_bounded_samples_with_a_warning(tmp_path: Path) -> None:
    types, elements = restricted(UNBOUNDED)
    root = project(tmp_path, wsdl(types, elements, elements))
    done = soapsmith(root, "generate", "-v")
    assert done.returncode == 0, done.stderr[-2000:]
    server = (root / "generated" / "bounded" / "bounded" / "server.py").read_text("utf-8")
    for value in literals(server):
        if isinstance(value, (str, bytes)):
            assert len(value) <= 4 * MAX_CHARS, value[:80]
        if isinstance(value, int):
            assert len(str(value)) <= MAX_CHARS
    for name, (_, body) in UNBOUNDED.items():
        facet = body.split(" value=")[0].removeprefix("<xs:")
        assert f"sample values of type {name} do not meet its facet(s) {facet}=" in done.stdout

    answered = soapsmith(root, "sample", "bounded", "--response")
    assert answered.returncode == 0, answered.stderr[-2000:]
    body = etree.fromstring(answered.stdout.encode())[-1][0]
    assert etree.QName(body).localname == "GetResponse"
    assert sum(len(c.text or "") for c in body) <= len(UNBOUNDED) * 2 * MAX_CHARS


def test_a_pattern_that_asks_for_more_than_the_bound_gives_no_sample() -> None:
    assert regex_sample(f"a{{{MAX_CHARS}}}") == "a" * MAX_CHARS
    assert regex_sample(f"a{{{MAX_CHARS + 1}}}") is None
    assert regex_sample("(ab){200}") is None
    assert regex_sample("x(ab){10}") == "x" + "ab" * 10


# -- facets a short sample meets --------------------------------------------------------------

MET = {
    "Decimal": ("xs:decimal", '<xs:minExclusive value="5"/><xs:fractionDigits value="0"/>'),
    "Double": ("xs:double", '<xs:minExclusive value="1E+300"/>'),
    "Large": ("xs:integer", f'<xs:maxInclusive value="{HUGE}"/><xs:minInclusive value="3"/>'),
    "Long": ("xs:string", '<xs:maxLength value="999999999999999999999999"/>'),
    "Digits": ("xs:decimal", '<xs:totalDigits value="200000000"/><xs:minInclusive value="1.5"/>'),
}


def _invoke(root: Path, *args: str) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


def test_met_facets_sample_is_valid_against_the_schema(tmp_path: Path) -> None:
    types, elements = restricted(MET)
    text = wsdl(types, elements, elements)
    root = project(tmp_path, text)
    code, output = _invoke(root, "generate", "-v")
    assert code == 0, output
    assert "sample values" not in output
    for args in (("sample", "bounded"), ("sample", "bounded", "--response")):
        code, output = _invoke(root, *args)
        assert code == 0, output
        body = etree.fromstring(output.encode())[-1][0]
        schema = etree.fromstring(text.encode()).find(".//{http://www.w3.org/2001/XMLSchema}schema")
        xmlschema.XMLSchema(etree.tostring(schema).decode()).validate(etree.tostring(body).decode())
    settings = ProjectSettings(root, root / "specs", root / "generated")
    with generated_package(str(settings.output / "bounded"), settings) as server:
        answer = server.MockHandler().get(**server.MockHandler.sample_requests()["get"])
    assert answer.e_double > 1e300 and answer.e_decimal == 6 and answer.e_large == 3
    assert answer.e_digits == Decimal("1.5")


# -- required elements that lead back to their own type -------------------------------------

RECURSIVE = """
  <xs:complexType name="Node"><xs:sequence>
    <xs:element name="value" type="xs:string"/>
    <xs:element name="next" type="t:Node"/></xs:sequence></xs:complexType>
  <xs:complexType name="A"><xs:sequence><xs:element name="b" type="t:B"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="B"><xs:sequence><xs:element name="a" type="t:A"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="Expr" abstract="true"><xs:sequence/></xs:complexType>
  <xs:complexType name="Add"><xs:complexContent><xs:extension base="t:Expr"><xs:sequence>
    <xs:element name="left" type="t:Expr"/><xs:element name="right" type="t:Expr"/>
  </xs:sequence></xs:extension></xs:complexContent></xs:complexType>
  <xs:complexType name="Lit"><xs:complexContent><xs:extension base="t:Expr"><xs:sequence>
    <xs:element name="v" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>"""
USES = (
    '<xs:element name="node" type="t:Node"/><xs:element name="a" type="t:A"/>'
    '<xs:element name="expr" type="t:Expr"/>'
)


def test_required_self_recursion_is_read_as_optional_with_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path, wsdl(RECURSIVE, USES, USES))
    code, output = _invoke(root, "generate", "-v")
    assert code == 0, output
    warnings = [line for line in output.splitlines() if "closes a cycle" in line]
    assert len(warnings) == 2, output  # Expr has a finite subtype: Lit
    assert all(re.search(r"warning: bounded/s\.wsdl(:\d+)?: ", w) for w in warnings), warnings
    assert "'a' of type B" in warnings[0]
    assert "(A.b -> B.a -> A)" in warnings[0]
    assert "'next' of type Node" in warnings[1] and "(Node.next -> Node)" in warnings[1]
    settings = ProjectSettings(root, root / "specs", root / "generated")
    with generated_package(str(settings.output / "bounded"), settings) as server:
        requests = server.MockHandler.sample_requests()["get"]
    assert requests["node"].next is None and requests["a"].b.a is None
    for args in (("sample", "bounded"), ("sample", "bounded", "--response")):
        code, output = _invoke(root, *args)
        assert code == 0, output
        body = etree.fromstring(output.encode())[-1][0]
        assert [etree.QName(c).localname for c in body] == ["node", "a", "expr"]


# -- the pass alone, on a model built in memory ----------------------------------------------


def test_the_pass_warns_once_per_type_no_bounded_sample_meets_and_where_it_was_read() -> None:
    wide = simple_type("Wide", facets=(("minLength", "200000000"),), source=Source("t/s.wsdl", 3))
    narrow = simple_type("Narrow", facets=(("maxLength", "5"),))
    holder = complex_type(
        "Op",
        field("code", fixed="x" * (MAX_CHARS + 1), source=Source("t/s.wsdl", 9)),
        field("ok", fixed="y"),
    )
    read = sample_bounds(model(types=(wide, narrow, holder)), SETTINGS)
    assert [w.source for w in read.warnings] == [Source("t/s.wsdl", 3), Source("t/s.wsdl", 9)]
    first, second = (w.message for w in read.warnings)
    assert "of type Wide" in first and "minLength=200000000" in first
    assert "Op.code" in second and f"longer than {MAX_CHARS} characters" in second
    met = model(types=(narrow, complex_type("Op", field("ok", fixed="y"))))
    assert sample_bounds(met, SETTINGS) is met
