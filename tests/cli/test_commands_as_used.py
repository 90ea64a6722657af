"""The commands as a new user tries them (issue 17): `sample` and `serve` name operations and
services as the description does, `inspect` gives lines, `generate` shows its warnings."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from lxml import etree
from served import Served

from generator.cli import main
from generator.config import project_settings
from generator.mock import ServedService, choose_service, generated_package, services

# Two services, the first in the description named so that it is not an identifier and sorts
# after the second; an operation whose name is not an identifier, and a one-way one.
WSDL = """<?xml version="1.0" encoding="utf-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:two" targetNamespace="urn:two">
  <types>
    <xs:schema targetNamespace="urn:two" elementFormDefault="qualified">
      <xs:element name="Charge">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="amount" type="xs:int"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="ChargeResponse" type="tns:Receipt"/>
      <xs:complexType name="Receipt">
        <xs:sequence>
          <xs:element name="number" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="Notice" type="xs:string"/>
      <xs:element name="Ping" type="xs:string"/>
      <xs:element name="PingResponse" type="xs:string"/>
    </xs:schema>
  </types>
  <message name="ChargeIn"><part name="body" element="tns:Charge"/></message>
  <message name="ChargeOut"><part name="body" element="tns:ChargeResponse"/></message>
  <message name="NoticeIn"><part name="body" element="tns:Notice"/></message>
  <message name="PingIn"><part name="body" element="tns:Ping"/></message>
  <message name="PingOut"><part name="body" element="tns:PingResponse"/></message>
  <portType name="BillingPort">
    <operation name="Charge"><input message="tns:ChargeIn"/><output message="tns:ChargeOut"/>
    </operation>
    <operation name="send-notice"><input message="tns:NoticeIn"/></operation>
  </portType>
  <portType name="AdminPort">
    <operation name="Ping"><input message="tns:PingIn"/><output message="tns:PingOut"/>
    </operation>
  </portType>
  <binding name="BillingBinding" type="tns:BillingPort">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Charge"><soap:operation soapAction="urn:two/Charge"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation>
    <operation name="send-notice"><soap:operation soapAction="urn:two/send-notice"/>
      <input><soap:body use="literal"/></input>
    </operation>
  </binding>
  <binding name="AdminBinding" type="tns:AdminPort">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Ping"><soap:operation soapAction="urn:two/Ping"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="Zeta-Billing">
    <port name="BillingSoap" binding="tns:BillingBinding">
      <soap:address location="https://billing.example.com/soap"/>
    </port>
  </service>
  <service name="Admin">
    <port name="AdminSoap" binding="tns:AdminBinding">
      <soap:address location="https://admin.example.com/soap"/>
    </port>
  </service>
</definitions>
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project holding the two-service spec as specs/two, the current directory."""
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    spec = tmp_path / "specs" / "two"
    spec.mkdir(parents=True)
    (spec / "two.wsdl").write_text(WSDL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_refused(result: Result, message: str) -> None:
    """Exit 2 with one `error:` line, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.stderr.startswith("error: "), result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output


# -- sample --------------------------------------------------------------------------------


def test_sample_response_of_a_one_way_operation_says_so_and_exits_2(project: Path) -> None:
    result = run("sample", "two", "send_notice", "--response")
    assert_refused(result, "send-notice is one-way: it has no response")
    request = run("sample", "two", "send_notice")  # the request itself is there
    assert request.exit_code == 0, request.output
    assert "<ns" in request.stdout and "Notice" in request.stdout


@pytest.mark.parametrize("name", ["send-notice", "send_notice", "Send-Notice", "sendnotice"])
def test_sample_takes_the_operation_as_inspect_names_it(project: Path, name: str) -> None:
    assert "operation send-notice: Notice -> -" in run("inspect", "two").stdout
    result = run("sample", "two", name)
    assert result.exit_code == 0, result.output
    assert ":Notice" in result.stdout


def test_sample_of_an_unknown_operation_lists_them_as_inspect_does(project: Path) -> None:
    result = run("sample", "two", "refund")
    assert_refused(result, "no operation 'refund'; the operations are: ")
    assert "the operations are: Charge, send-notice (send_notice), Ping\n" in result.stderr


def test_sample_without_operation_takes_the_description_s_first(project: Path) -> None:
    result = run("sample", "two")
    assert result.exit_code == 0, result.output
    assert ":Charge" in result.stdout


# -- serve ---------------------------------------------------------------------------------


@pytest.fixture
def two(project: Path) -> Iterator[list[ServedService]]:
    with generated_package("two", project_settings(project)) as server:
        yield services(server)


def test_services_are_in_the_description_s_order_with_their_own_names(
    two: list[ServedService],
) -> None:
    assert [(s.name, s.client_name) for s in two] == [
        ("Zeta-Billing", "ZetaBillingClient"),
        ("Admin", "AdminClient"),
    ]
    assert choose_service(two, None).name == "Zeta-Billing"


@pytest.mark.parametrize(
    "wanted, chosen",
    [
        ("Zeta-Billing", "Zeta-Billing"),  # the description's name, not an identifier
        ("ZetaBillingClient", "Zeta-Billing"),  # the generated class
        ("zeta-billing", "Zeta-Billing"),  # one only, case aside
        ("Admin", "Admin"),
        ("adminclient", "Admin"),
    ],
)
def test_serve_service_takes_the_service_s_name_or_its_client_class(
    two: list[ServedService], wanted: str, chosen: str
) -> None:
    assert choose_service(two, wanted).name == chosen


@pytest.mark.parametrize("wanted", ["Z", "Zeta", "ZetaBilling", "Admin-", "Client"])
def test_serve_service_refuses_a_prefix_and_lists_the_choices(project: Path, wanted: str) -> None:
    result = run("serve", "two", "--service", wanted, "--port", "0")
    assert_refused(result, f"no service {wanted!r}; the services are: ")
    assert "Zeta-Billing (ZetaBillingClient), Admin (AdminClient)" in result.stderr


def test_serve_without_service_serves_the_description_s_first(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "two", "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=project,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("serving Zeta-Billing (mock) on http://127.0.0.1:"), line
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"


def _addresses(wsdl: bytes) -> dict[str, list[str]]:
    root = etree.fromstring(wsdl)
    return {
        str(service.get("name")): [a.get("location", "") for a in service.iter("{*}address")]
        for service in root.iter(f"{{{WSDL_NS}}}service")
    }


def test_served_wsdl_states_the_address_the_mock_is_reached_at(project: Path) -> None:
    with generated_package("two", project_settings(project)) as server:
        [billing, _] = services(server)
        served = Served(server.make_wsgi_app(billing.mock()))
        try:
            answer = httpx.get(served.url + "?wsdl", timeout=10)
            addresses = _addresses(answer.content)
            assert addresses == {
                "Zeta-Billing": [served.url],  # the mock's own, not billing.example.com
                "Admin": ["https://admin.example.com/soap"],  # served elsewhere
            }
            with billing.client(addresses["Zeta-Billing"][0]) as client:
                assert isinstance(client.charge(amount=3), str)  # the stated address answers
        finally:
            served.close()


@pytest.mark.parametrize(
    "environ, address",
    [
        ({"HTTP_HOST": "mock.test:8080", "SCRIPT_NAME": "/soap", "PATH_INFO": "/billing"},
         "http://mock.test:8080/soap/billing"),
        ({"SERVER_NAME": "10.0.0.7", "SERVER_PORT": "443", "wsgi.url_scheme": "https"},
         "https://10.0.0.7/"),
        ({"HTTP_HOST": "[::1]:8000", "PATH_INFO": "/a b"}, "http://[::1]:8000/a%20b"),
        ({"HTTP_HOST": 'evil"><x y="'}, "https://billing.example.com/soap"),  # not a host
    ],
    ids=["host-and-script-name", "server-name", "ipv6", "bad-host"],
)  # fmt: skip
def test_served_wsdl_address_comes_from_the_request(
    project: Path, environ: dict[str, str], address: str
) -> None:
    with generated_package("two", project_settings(project)) as server:
        app = server.make_wsgi_app(services(server)[0].mock())
        statuses: list[str] = []
        body = b"".join(
            app(
                {
                    "REQUEST_METHOD": "GET",
                    "QUERY_STRING": "wsdl",
                    "SERVER_PORT": "80",
                    "wsgi.url_scheme": "http",
                    **environ,
                },
                lambda status, headers: statuses.append(status),
            )
        )
    assert statuses == ["200 OK"]
    assert _addresses(body)["Zeta-Billing"] == [address]
    assert body.endswith(b"</wsdl:definitions>\n")  # as the file ends


# -- inspect -------------------------------------------------------------------------------


def _line_of(text: str, needle: str) -> int:
    [line] = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return line


def _sources(spec: str) -> dict[str, tuple[str, int]]:
    """Every type's and field's source by name (`Type` and `Type.field`), from inspect --json."""
    result = run("inspect", spec, "--json")
    assert result.exit_code == 0, result.output
    found = {}
    for typedef in json.loads(result.stdout)["types"]:
        source = typedef["source"]
        found[typedef["name"]] = (source["file"], source["line"])
        for field in typedef.get("fields", []):
            found[f"{typedef['name']}.{field['name']}"] = (
                field["source"]["file"],
                field["source"]["line"],
            )
    return found


def test_inspect_gives_the_line_of_every_wsdl_type_and_field(project: Path) -> None:
    sources = _sources("two")
    assert all(line > 0 for _, line in sources.values()), sources
    assert sources["Receipt"] == ("two/two.wsdl", _line_of(WSDL, 'complexType name="Receipt"'))
    assert sources["Receipt.number"] == ("two/two.wsdl", _line_of(WSDL, 'name="number"'))
    assert sources["Charge.amount"] == ("two/two.wsdl", _line_of(WSDL, 'name="amount"'))


def test_inspect_gives_the_file_and_line_of_types_in_an_imported_schema(project: Path) -> None:
    schema = WSDL.split("<types>")[1].split("</types>")[0].strip() + "\n"
    xsd = '<?xml version="1.0"?>\n' + schema.replace(
        "<xs:schema ",
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:two" ',
        1,
    )
    importing = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
        '      <xs:import namespace="urn:two" schemaLocation="types/two.xsd"/>\n'
        "    </xs:schema>"
    )
    folder = project / "specs" / "two"
    (folder / "types").mkdir()
    (folder / "types" / "two.xsd").write_text(xsd, encoding="utf-8")
    (folder / "two.wsdl").write_text(WSDL.replace(schema.strip(), importing), encoding="utf-8")
    sources = _sources("two")
    assert sources["Receipt"] == ("two/types/two.xsd", _line_of(xsd, 'name="Receipt"'))
    assert sources["Receipt.number"] == ("two/types/two.xsd", _line_of(xsd, 'name="number"'))


def test_a_binding_of_an_unknown_port_type_is_reported_at_its_line(project: Path) -> None:
    broken = WSDL.replace('type="tns:AdminPort"', 'type="tns:NoSuchPort"')
    (project / "specs" / "two" / "two.wsdl").write_text(broken, encoding="utf-8")
    line = _line_of(broken, 'binding name="AdminBinding"')
    assert_refused(run("inspect", "two"), f"two/two.wsdl:{line}: binding type 'NoSuchPort'")


# -- generate ------------------------------------------------------------------------------

HTTP_PORTS = 7
HTTP_BINDING = """
  <binding name="AdminHttp" type="tns:AdminPort">
    <http:binding xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" verb="GET"/>
  </binding>
  <service name="Admin">"""
HTTP_PORT = """
    <port name="AdminHttp{n}" binding="tns:AdminHttp">
      <http:address xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" location="http://a/{n}"/>
    </port>"""


def test_generate_prints_the_first_warnings_and_how_many_more(project: Path) -> None:
    ports = "".join(HTTP_PORT.format(n=n) for n in range(1, HTTP_PORTS + 1))
    noisy = WSDL.replace('\n  <service name="Admin">', HTTP_BINDING + ports)
    (project / "specs" / "two" / "two.wsdl").write_text(noisy, encoding="utf-8")
    result = run("generate")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("two: updated, ") and lines[0].endswith(f" {HTTP_PORTS} warning(s)")
    shown = [line for line in lines if line.startswith("  warning: ")]
    assert [line.split("'")[1] for line in shown] == [f"AdminHttp{n}" for n in range(1, 6)]
    assert shown[0].startswith("  warning: two/two.wsdl:")  # file and line
    assert f"  and {HTTP_PORTS - 5} more; -v shows all" in lines
    verbose = run("generate", "-v")
    assert verbose.stdout.count("  warning: ") == HTTP_PORTS
    assert "more; -v shows all" not in verbose.stdout


# -- generated file headers ----------------------------------------------------------------


def _header(package: Path) -> str:
    return (package / "two" / "client.py").read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize(
    "where, typed, named",
    [
        ("specs/two", "two", "specs/two"),  # the project's own specs, as ever
        ("specs/two", "specs/two", "specs/two"),
        ("vendor/api/two", "vendor/api/two", "vendor/api/two"),  # in the project, elsewhere
        ("vendor/api/two", "{root}/vendor/api/two", "vendor/api/two"),
        ("{out}/two", "{out}/two", "{out}/two"),  # as typed, relative
        ("{out}/two", "{root}/{out}/two", "two"),  # never an absolute path
    ],
)
def test_generated_headers_name_the_spec_as_given(
    project: Path, where: str, typed: str, named: str
) -> None:
    out = f"../{project.name}-outside"  # beside the project, its own
    where, typed, named = (text.format(root=project, out=out) for text in (where, typed, named))
    spec = project / where
    if where != "specs/two":
        spec.parent.mkdir(parents=True)
        (project / "specs" / "two").rename(spec)
    result = run("generate", typed, "-o", str(project / "out"))
    assert result.exit_code == 0, result.output
    header = _header(project / "out" / "two")
    assert header.startswith("# Code generated by soapsmith ") and f" from {named} (" in header
    readme = (project / "out" / "two" / "README.md").read_text(encoding="utf-8")
    assert f"from `{named}`" in readme
