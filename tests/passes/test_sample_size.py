"""Required elements that form a deep tree (each type needing two of the next, forty levels
down) have a smallest valid value of 2**40 elements: generation stays quick and small, warns,
builds no such sample, and the mock answers such an operation with a SOAP Fault; a tree under
the budget, and an abstract type with a cheap subtype, still get full valid samples."""

from __future__ import annotations

import ast
import os
import re
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import xmlschema
from factories import REQUIRED, SETTINGS, complex_type, field, message, model, operation, service
from lxml import etree
from repo import ROOT

from generator.config import ProjectSettings
from generator.mock import SAMPLE_ADDRESS, generated_package, wsgi_transport
from generator.model import ComplexType
from generator.passes.sample_size import sample_size

MEMORY = 1 << 30  # a generation that tries to build a 2**40-element sample dies here
BUDGET = "2,000"  # elements a sample may have (generator.passes.sample_size)
TIMEOUT = 60  # seconds: a guard against a hang, far above what the commands need
LEVELS = 40
SMALL = 5  # levels of the tree under the budget: 2**5 leaves
MAX_SERVER = 200_000  # bytes of server.py
XS = "{http://www.w3.org/2001/XMLSchema}"


def tree(prefix: str, levels: int) -> str:
    """`{prefix}0` needs two `{prefix}1`, ..., `{prefix}{levels}` is a string."""
    leaf = f'<xs:simpleType name="{prefix}{levels}"><xs:restriction base="xs:string"/>'
    found = [leaf + "</xs:simpleType>"]
    for level in range(levels):
        below = f"t:{prefix}{level + 1}"
        found.append(
            f'<xs:complexType name="{prefix}{level}"><xs:sequence>'
            f'<xs:element name="left" type="{below}"/><xs:element name="right" type="{below}"/>'
            "</xs:sequence></xs:complexType>"
        )
    return "".join(found)


# An abstract type whose first subtype (by name) is the deep tree, and a cheap one
SHAPES = """
  <xs:complexType name="Shape" abstract="true"><xs:sequence/></xs:complexType>
  <xs:complexType name="Big"><xs:complexContent><xs:extension base="t:Shape"><xs:sequence>
    <xs:element name="tree" type="t:T0"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="Dot"><xs:complexContent><xs:extension base="t:Shape"><xs:sequence>
    <xs:element name="x" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>"""

# operation -> (request content, response content)
OPERATIONS = {
    "Plant": ('<xs:element name="tree" type="t:T0"/>', '<xs:element name="ok" type="xs:int"/>'),
    "Grow": ('<xs:element name="seed" type="xs:string"/>', '<xs:element name="tree" type="t:T0"/>'),
    "Ping": ('<xs:element name="text" type="xs:string"/>', '<xs:element name="n" type="xs:int"/>'),
    "Prune": ('<xs:element name="bush" type="t:S0"/>', '<xs:element name="bush" type="t:S0"/>'),
    "Draw": ('<xs:element name="shape" type="t:Shape"/>', '<xs:element name="ok" type="xs:int"/>'),
}


def wsdl() -> str:
    elements = "".join(
        f'<xs:element name="{name}"><xs:complexType><xs:sequence>{request}</xs:sequence>'
        f'</xs:complexType></xs:element><xs:element name="{name}Response"><xs:complexType>'
        f"<xs:sequence>{response}</xs:sequence></xs:complexType></xs:element>"
        for name, (request, response) in OPERATIONS.items()
    )
    schema = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:d" '
        'targetNamespace="urn:d" elementFormDefault="qualified">'
        f"{tree('T', LEVELS)}{tree('S', SMALL)}{SHAPES}{elements}</xs:schema>"
    )
    messages = "".join(
        f'<message name="{n}In"><part name="p" element="tns:{n}"/></message>'
        f'<message name="{n}Out"><part name="p" element="tns:{n}Response"/></message>'
        for n in OPERATIONS
    )
    port = "".join(
        f'<operation name="{n}"><input message="tns:{n}In"/><output message="tns:{n}Out"/>'
        "</operation>"
        for n in OPERATIONS
    )
    bound = "".join(
        f'<operation name="{n}"><soap:operation soapAction="{n}"/><input><soap:body '
        'use="literal"/></input><output><soap:body use="literal"/></output></operation>'
        for n in OPERATIONS
    )
    return f"""<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:d"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="urn:d">
  <types>{schema}</types>{messages}<portType name="P">{port}</portType>
  <binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    {bound}</binding>
  <service name="S"><port name="Q" binding="tns:B">
    <soap:address location="http://d.example/"/></port></service>
</definitions>"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def soapsmith(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, held to MEMORY so that an unbounded sample fails it instead of eating
    the machine, and to TIMEOUT seconds."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        return subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limit,
        )
    except subprocess.TimeoutExpired:  # a result, so that the module's fixture runs once
        return subprocess.CompletedProcess(args, -1, "", f"ran past {TIMEOUT} s")


class Generated:
    def __init__(self, root: Path, run: subprocess.CompletedProcess[str]) -> None:
        self.root = root
        self.run = run
        self.settings = ProjectSettings(root, root / "specs", root / "generated")
        self.server = root / "generated" / "deep" / "deep" / "server.py"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("deep")
    (root / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    folder = root / "specs" / "deep"
    folder.mkdir(parents=True)
    (folder / "s.wsdl").write_text(wsdl(), encoding="utf-8")
    return Generated(root, soapsmith(root, "generate", "-v"))


@pytest.fixture
def server(generated: Generated) -> Iterator[object]:
    assert generated.run.returncode == 0, generated.run.stderr[-2000:]
    with generated_package(str(generated.settings.output / "deep"), generated.settings) as module:
        yield module


def test_a_deep_tree_generates_quickly_with_a_bounded_server_and_one_warning(
    generated: Generated,
) -> None:
    assert generated.run.returncode == 0, generated.run.stderr[-2000:]
    assert generated.server.stat().st_size < MAX_SERVER
    ast.parse(generated.server.read_text("utf-8"))
    warnings = [line for line in generated.run.stdout.splitlines() if "elements" in line]
    # T30 is the first type down the tree over the budget: 2**11 - 2 elements inside it
    assert len(warnings) == 1, generated.run.stdout
    assert re.fullmatch(
        r"  warning: deep/s\.wsdl(:\d+)?: the smallest valid value of T30 has over "
        f"{BUDGET} elements "
        r"\(its required elements and each choice's first branch, recursively\): there is no "
        r"sample of the request of Plant, the response of Grow \(the mock answers such a "
        r"response with a fault\)",
        warnings[0],
    ), warnings[0]


def test_sample_of_an_operation_too_large_is_one_line_and_exit_2(generated: Generated) -> None:
    assert generated.run.returncode == 0, generated.run.stderr[-2000:]
    refused = soapsmith(generated.root, "sample", "deep", "Plant")
    assert refused.returncode == 2, refused.stderr[-2000:]
    assert refused.stdout == "" and len(refused.stderr.splitlines()) == 1, refused.stderr[-2000:]
    assert refused.stderr.startswith("error: no sample request of Plant: ")
    sent = soapsmith(generated.root, "sample", "deep", "Grow")  # its request is small
    assert sent.returncode == 0, sent.stderr[-2000:]
    assert etree.QName(etree.fromstring(sent.stdout.encode())[-1][0]).localname == "Grow"
    answered = soapsmith(generated.root, "sample", "deep", "Grow", "--response")
    assert answered.returncode == 0, answered.stderr[-2000:]
    assert f"has over {BUDGET} elements" in answered.stdout and "Fault" in answered.stdout


def test_an_operation_of_the_same_wsdl_under_the_budget_still_has_samples(
    generated: Generated,
) -> None:
    assert generated.run.returncode == 0, generated.run.stderr[-2000:]
    for args in (("Ping",), ("Ping", "--response")):
        done = soapsmith(generated.root, "sample", "deep", *args)
        assert done.returncode == 0, done.stderr[-2000:]
        assert etree.QName(etree.fromstring(done.stdout.encode())[-1][0]).localname.startswith(
            "Ping"
        )


def test_the_mock_answers_a_response_too_large_with_a_fault(server: object) -> None:
    mock = server.MockHandler  # type: ignore[attr-defined]
    assert "plant" not in mock.sample_requests() and "grow" in mock.sample_requests()
    why = mock.unsampled()
    assert set(why) == {"plant", "grow"}
    assert "no sample response: the smallest valid value of T30 has over" in why["grow"]
    package = sys.modules[server.__name__.rsplit(".", 1)[0]]  # type: ignore[attr-defined]
    app = server.make_wsgi_app(mock())  # type: ignore[attr-defined]
    client = package.Client(SAMPLE_ADDRESS, http=httpx.Client(transport=wsgi_transport(app)))
    with pytest.raises(package.SoapFault) as fault:
        client.grow(**mock.sample_requests()["grow"])
    assert "the mock has no sample response of Grow" in str(fault.value)
    assert client.ping(text="x") == 0


def _schema() -> xmlschema.XMLSchema:
    schema = etree.fromstring(wsdl().encode()).find(f".//{XS}schema")
    return xmlschema.XMLSchema(etree.tostring(schema).decode())


@pytest.mark.parametrize("operation", ["Prune", "Draw"])
def test_a_tree_under_the_budget_and_a_cheap_subtype_get_valid_samples(
    generated: Generated, operation: str
) -> None:
    assert generated.run.returncode == 0, generated.run.stderr[-2000:]
    schema = _schema()
    for args in ((operation,), (operation, "--response")):
        done = soapsmith(generated.root, "sample", "deep", *args)
        assert done.returncode == 0, done.stderr[-2000:]
        body = etree.fromstring(done.stdout.encode())[-1][0]
        schema.validate(etree.tostring(body).decode())
        if operation == "Prune":  # the whole tree: 2**SMALL leaves
            assert len(body.findall(".//{urn:d}left")) == 2**SMALL - 1


def test_operations_named_like_the_mocks_own_methods_keep_them(tmp_path: Path) -> None:
    """`MockHandler.sample_requests()` and friends are the mock's own: an operation of the same
    name gets another method name rather than shadowing them."""
    names = ["SampleRequests", "SampleFaults", "Unsampled"]
    elements = "".join(
        f'<xs:element name="{n}"><xs:complexType><xs:sequence><xs:element name="a" '
        f'type="xs:string"/></xs:sequence></xs:complexType></xs:element>'
        f'<xs:element name="{n}Response"><xs:complexType><xs:sequence/></xs:complexType>'
        "</xs:element>"
        for n in names
    )
    messages = "".join(
        f'<message name="{n}In"><part name="p" element="tns:{n}"/></message>'
        f'<message name="{n}Out"><part name="p" element="tns:{n}Response"/></message>'
        for n in names
    )
    port = "".join(
        f'<operation name="{n}"><input message="tns:{n}In"/><output message="tns:{n}Out"/>'
        "</operation>"
        for n in names
    )
    bound = "".join(
        f'<operation name="{n}"><soap:operation soapAction="{n}"/><input><soap:body '
        'use="literal"/></input><output><soap:body use="literal"/></output></operation>'
        for n in names
    )
    text = f"""<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:r"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="urn:r"
    xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <types><xs:schema targetNamespace="urn:r" elementFormDefault="qualified">{elements}</xs:schema>
  </types>{messages}<portType name="P">{port}</portType>
  <binding name="B" type="tns:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    {bound}</binding>
  <service name="S"><port name="Q" binding="tns:B">
    <soap:address location="http://r.example/"/></port></service>
</definitions>"""
    folder = tmp_path / "specs" / "clash"
    folder.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    (folder / "s.wsdl").write_text(text, encoding="utf-8")
    for name in names:
        done = soapsmith(tmp_path, "sample", "clash", name)
        assert done.returncode == 0, done.stderr[-2000:]
        body = etree.fromstring(done.stdout.encode())[-1][0]
        assert etree.QName(body).localname == name
        answered = soapsmith(tmp_path, "sample", "clash", name, "--response")
        assert answered.returncode == 0, answered.stderr[-2000:]
        body = etree.fromstring(answered.stdout.encode())[-1][0]
        assert etree.QName(body).localname == f"{name}Response", answered.stdout


# -- the pass alone, on a model built in memory ----------------------------------------------


def _doubling(levels: int) -> tuple[ComplexType, ...]:
    """T0 requires two T1, ..., each down to T<levels>, which requires one string: the
    smallest T0 has about 2**(levels + 1) elements."""
    types = [complex_type(f"T{levels}", field("leaf", optionality=REQUIRED))]
    for n in range(levels - 1, -1, -1):
        pair = (
            field("x", f"T{n + 1}", optionality=REQUIRED),
            field("y", f"T{n + 1}", optionality=REQUIRED),
        )
        types.append(complex_type(f"T{n}", *pair))
    return tuple(types)


def test_the_pass_warns_once_naming_what_has_no_sample_and_only_over_the_budget() -> None:
    over = _doubling(12)  # T0: 12,286 elements, T1: 6,142, T2: 3,070, T3: 1,534
    op = operation("Op", message("Get", "T0"), message("GetResponse", "T0"))
    read = sample_size(model(types=over, services=(service(op),)), SETTINGS)
    (warning,) = read.warnings
    # named after the deepest type too large by its own elements, not by one element's value
    assert f"the smallest valid value of T2 has over {BUDGET} elements" in warning.message
    assert "no sample of the request of Op, the response of Op" in warning.message
    under = model(types=_doubling(8), services=(service(op),))  # T0: 766 elements
    assert sample_size(under, SETTINGS) is under
