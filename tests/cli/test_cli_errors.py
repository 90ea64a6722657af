"""Bad input through the real `soapsmith` command: one message, exit code 2, nothing written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from repo import ROOT

from generator.cli import main

GOOD = "sanspapier_synchronization"
GOOD_SPEC = ROOT / "specs" / GOOD
CLIENT = Path("generated") / GOOD / GOOD / "client.py"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
ENVELOPE_OPEN = f'<soap:Envelope xmlns:soap="{S11}">'


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones included, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_user_error(result: Result) -> None:
    """Exit 2 with an `error:` message on stderr, and no escaped exception or traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.stderr.startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """generated/ of a project holding only the good spec, rendered once for the module."""
    root = tmp_path_factory.mktemp("good")
    (root / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    shutil.copytree(GOOD_SPEC, root / "specs" / GOOD)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        result = run("generate")
    assert result.exit_code == 0, result.output
    assert f"{GOOD}: updated" in result.stdout
    return root / "generated"


@pytest.fixture
def good_project(project: Path, generated_once: Path) -> Path:
    """The `project` fixture with the good spec and its freshly generated package."""
    shutil.copytree(GOOD_SPEC, project / "specs" / GOOD)
    shutil.copytree(generated_once, project / "generated")
    return project


def write_bad(project: Path, content: bytes, name: str = "page.txt") -> None:
    folder = project / "specs" / "bad"
    folder.mkdir()
    (folder / name).write_bytes(content)


def lines(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Bad:
    content: bytes
    says: str  # a piece of the message
    line: int | None  # the line of the page the message must name, if any


BAD_PAGES: dict[str, Bad] = {
    "empty": Bad(b"", "empty", None),
    "blank": Bad(b" \n\n\t\n", "empty", None),
    "binary": Bad(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary", None),
    "not_utf8": Bad(
        b"SOAP 1.1\nThe following is a sample caf\xe9 request.\n" + ENVELOPE_OPEN.encode(),
        "not UTF-8",
        2,
    ),
    "no_envelope": Bad(
        lines("SynchronizationAttachment", "Click here for a complete list of operations."),
        "no complete SOAP envelope",
        None,
    ),
    "cut_off": Bad(
        lines(
            "The following is a sample SOAP 1.1 request.",
            ENVELOPE_OPEN,
            "  <soap:Body>",
            '    <Op xmlns="urn:x">',
            "      <A>string</A>",
        ),
        "no complete SOAP envelope",
        2,  # where the cut envelope starts
    ),
    "malformed": Bad(
        lines(
            "The following is a sample SOAP 1.1 request.",
            "POST /Svc.asmx HTTP/1.1",
            "Host: example.test",
            ENVELOPE_OPEN,
            "  <soap:Body>",
            '    <Op xmlns="urn:x">',
            "      <A>string</B>",  # line 7
            "    </Op>",
            "  </soap:Body>",
            "</soap:Envelope>",
        ),
        "not well-formed XML",
        7,
    ),
    "malformed_attribute": Bad(
        lines(
            "Request:",
            '<?xml version="1.0" encoding="utf-8"?>',
            ENVELOPE_OPEN,
            "<soap:Body>",
            '<Op xmlns="urn:x">',
            "<A>string</A>",
            '<B x="1" x="2">int</B>',  # line 7
            "</Op>",
            "</soap:Body>",
            "</soap:Envelope>",
        ),
        "not well-formed XML",
        7,
    ),
    "malformed_in_html": Bad(
        lines(
            "<html><body>",
            "<h2>Op</h2>",
            "<p>The following is a sample",
            "SOAP 1.1 request.</p>",
            "<pre>&lt;soap:Envelope xmlns:soap=&quot;" + S11 + "&quot;&gt;",
            "  &lt;soap:Body&gt;",
            "    &lt;Op xmlns=&quot;urn:x&quot;&gt;",
            "      &lt;A&gt;string&lt;/B&gt;",  # line 8
            "    &lt;/Op&gt;",
            "  &lt;/soap:Body&gt;",
            "&lt;/soap:Envelope&gt;</pre>",
            "</body></html>",
        ),
        "not well-formed XML",
        8,
    ),
    "internal_entity": Bad(
        lines(
            "Request:",
            '<!DOCTYPE soap:Envelope [<!ENTITY x "boom">]>',
            ENVELOPE_OPEN,
            "<soap:Body>",
            '<Op xmlns="urn:x">',
            "<A>&x;</A>",  # line 6
            "</Op>",
            "</soap:Body>",
            "</soap:Envelope>",
        ),
        "entity",
        6,
    ),
    "external_entity": Bad(
        lines(
            "Request:",
            ENVELOPE_OPEN,
            '<!DOCTYPE foo [<!ENTITY x SYSTEM "file:///etc/passwd">]>',  # line 3
            "<soap:Body>",
            '<Op xmlns="urn:x">',
            "<A>&x;</A>",
            "</Op>",
            "</soap:Body>",
            "</soap:Envelope>",
        ),
        "not well-formed XML",
        3,
    ),
    "response_only": Bad(
        lines(
            "HTTP/1.1 200 OK",
            "Content-Type: text/xml; charset=utf-8",
            "",
            ENVELOPE_OPEN,
            "<soap:Body>",
            '<OpResponse xmlns="urn:x">',
            "<OpResult>string</OpResult>",
            "</OpResponse>",
            "</soap:Body>",
            "</soap:Envelope>",
        ),
        "none of them a request",
        4,  # where the response envelope starts
    ),
    "empty_soap_body": Bad(
        lines("Request:", "", ENVELOPE_OPEN, "<soap:Body>", "</soap:Body>", "</soap:Envelope>"),
        "Body is empty",
        3,
    ),
    "not_soap": Bad(
        lines(
            "Request:",
            '<Envelope xmlns="urn:not-soap"><Body><Op xmlns="urn:x"/></Body></Envelope>',
        ),
        "not a SOAP 1.1 or 1.2 Envelope",
        2,
    ),
    "wsdl": Bad(
        lines(
            '<?xml version="1.0"?>',
            f'<wsdl:definitions xmlns:wsdl="{WSDL_NS}" targetNamespace="urn:x"/>',
        ),
        "WSDL",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PAGES))
def test_bad_page_is_one_error_and_leaves_generated_alone(case: str, good_project: Path) -> None:
    bad = BAD_PAGES[case]
    before = snapshot(good_project / "generated")
    assert any(rel.endswith("client.py") for rel in before)
    write_bad(good_project, bad.content)

    result = run("generate")

    assert_user_error(result)
    assert result.stdout == ""  # the error goes to stderr, and no package is reported
    first = result.stderr.splitlines()[0]
    assert "bad/page.txt" in first
    assert bad.says.lower() in first.lower()
    if bad.line is not None:
        assert first.startswith(f"error: bad/page.txt:{bad.line}: "), first
    else:
        assert not re.match(r"error: bad/page\.txt:\d+:", first), first
    assert "root:" not in result.output  # /etc/passwd is never read into a message
    assert snapshot(good_project / "generated") == before
    assert sorted(p.name for p in good_project.iterdir() if "soapsmith" in p.name) == []


@pytest.mark.parametrize("case", ["binary", "malformed", "response_only"])
def test_bad_page_named_on_the_command_line(case: str, good_project: Path) -> None:
    before = snapshot(good_project / "generated")
    write_bad(good_project, BAD_PAGES[case].content)
    result = run("generate", "bad")
    assert_user_error(result)
    assert "bad/page.txt" in result.stderr
    assert snapshot(good_project / "generated") == before


def test_bad_page_in_a_subfolder_is_named_by_its_path(good_project: Path) -> None:
    folder = good_project / "specs" / "bad" / "pages"
    folder.mkdir(parents=True)
    (folder / "Op.htm").write_bytes(b"")
    result = run("generate")
    assert_user_error(result)
    assert "bad/pages/Op.htm" in result.stderr


def test_malformed_xml_message_names_only_page_lines(good_project: Path) -> None:
    write_bad(good_project, BAD_PAGES["malformed"].content)
    result = run("generate")
    assert_user_error(result)
    # "Opening and ending tag mismatch: A line 4 and B": <A> is on line 7 of the page.
    mentioned = [int(n) for n in re.findall(r"\bline (\d+)", result.stderr)]
    assert all(n == 7 for n in mentioned), result.stderr


def test_real_command_prints_no_traceback(good_project: Path) -> None:
    executable = shutil.which("soapsmith")
    if executable is None:
        pytest.skip("the soapsmith console script is not installed")
    write_bad(good_project, BAD_PAGES["binary"].content)
    before = snapshot(good_project / "generated")
    done = subprocess.run(
        [executable, "generate"], cwd=good_project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: bad/page.txt: ")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert snapshot(good_project / "generated") == before


# -- check --------------------------------------------------------------------------------------


def test_check_is_clean_after_generate(good_project: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.stdout


def test_check_reports_an_edited_file_without_touching_it(good_project: Path) -> None:
    client = good_project / CLIENT
    edited = client.read_bytes() + b"# a local edit\n"
    client.write_bytes(edited)

    result = run("check")

    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    path = CLIENT.as_posix()
    assert f"--- a/{path}" in result.stdout
    assert f"+++ b/{path}" in result.stdout
    assert "-# a local edit" in result.stdout
    assert "soapsmith generate" in result.stderr
    assert "1 file(s) out of date" in result.stderr
    assert client.read_bytes() == edited  # check never writes

    assert run("generate").exit_code == 0
    assert client.read_bytes() != edited
    assert run("check").exit_code == 0


def test_check_reports_a_deleted_file(good_project: Path) -> None:
    (good_project / CLIENT).unlink()
    result = run("check")
    assert result.exit_code == 1
    assert CLIENT.as_posix() in result.stdout
    assert "soapsmith generate" in result.stderr


def test_check_reports_a_missing_package(project: Path) -> None:
    shutil.copytree(GOOD_SPEC, project / "specs" / GOOD)
    result = run("check")
    assert result.exit_code == 1
    assert CLIENT.as_posix() in result.stdout


def test_check_on_a_bad_spec_is_an_error(good_project: Path) -> None:
    write_bad(good_project, BAD_PAGES["malformed"].content)
    before = snapshot(good_project / "generated")
    result = run("check")
    assert_user_error(result)
    assert "bad/page.txt:7:" in result.stderr
    assert snapshot(good_project / "generated") == before


# -- inspect and wsdl -----------------------------------------------------------------------------


def test_inspect_json(project: Path) -> None:
    shutil.copytree(GOOD_SPEC, project / "specs" / GOOD)
    result = run("inspect", GOOD, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"services", "types", "warnings"} <= set(data)
    assert isinstance(data["warnings"], list)
    (service,) = data["services"]
    assert [op["name"] for op in service["operations"]] == ["SynchronizationAttachment"]
    fields = [f for t in data["types"] if t["kind"] == "complex" for f in t["fields"]]
    assert fields
    for field in fields:
        assert field["optionality"] and isinstance(field["optionality"], str), field
        assert field["evidence"] and isinstance(field["evidence"], str), field
    names = {f["name"] for f in fields}
    assert {"token", "documentId", "allowChecksumUpdate"} <= names
    assert not (project / "generated").exists()  # inspect writes nothing


def test_inspect_text_and_path_argument(project: Path) -> None:
    shutil.copytree(GOOD_SPEC, project / "specs" / GOOD)
    result = run("inspect", f"specs/{GOOD}")
    assert result.exit_code == 0, result.output
    assert "operation SynchronizationAttachment" in result.stdout


@pytest.mark.parametrize("command", ["inspect", "wsdl"])
def test_inspect_and_wsdl_of_a_bad_spec(command: str, project: Path) -> None:
    write_bad(project, BAD_PAGES["malformed"].content)
    result = run(command, "bad")
    assert_user_error(result)
    assert "bad/page.txt:7:" in result.stderr


@pytest.mark.parametrize("command", ["inspect", "wsdl"])
def test_inspect_and_wsdl_of_a_missing_spec(command: str, project: Path) -> None:
    result = run(command, "nowhere")
    assert_user_error(result)
    assert "nowhere" in result.stderr


def test_wsdl_to_a_file(project: Path) -> None:
    shutil.copytree(GOOD_SPEC, project / "specs" / GOOD)
    target = project / "out" / "service.wsdl"
    target.parent.mkdir()
    result = run("wsdl", GOOD, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    data = target.read_bytes()
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == f"{{{WSDL_NS}}}definitions"
    operations = {op.get("name") for op in root.iter(f"{{{WSDL_NS}}}operation")}
    assert "SynchronizationAttachment" in operations

    printed = run("wsdl", GOOD)
    assert printed.exit_code == 0
    assert printed.stdout.encode("utf-8") == data


# -- progress -----------------------------------------------------------------------------------


def test_generate_reports_progress_on_stderr_when_asked(good_project: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--progress", GOOD])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{GOOD}: read 1 service(s), ")
    assert re.match(rf"{GOOD}: rendered \d+ files in \d", lines[-1]), lines[-1]
    assert result.stdout.startswith(f"{GOOD}: ")


def test_generate_is_quiet_on_stderr_by_default_when_not_a_terminal(good_project: Path) -> None:
    result = CliRunner().invoke(main, ["generate", GOOD])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


BAD_NAME_WSDL = b"""<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:bad" targetNamespace="urn:bad">
  <types>
    <xs:schema targetNamespace="urn:bad" elementFormDefault="qualified">
      <xs:element name="Op">
        <xs:complexType><xs:sequence>
          <xs:element name="first name" type="xs:string"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
  </types>
  <message name="In"><part name="p" element="tns:Op"/></message>
  <portType name="P"><operation name="Op"><input message="tns:In"/></operation></portType>
  <binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Op"><soap:operation soapAction="urn:bad/Op"/>
      <input><soap:body use="literal"/></input></operation>
  </binding>
  <service name="S"><port name="P" binding="tns:B"><soap:address location="http://x.invalid/"/></port></service>
</definitions>
"""


def test_a_name_xml_cannot_carry_is_an_error_naming_the_file(good_project: Path) -> None:
    before = snapshot(good_project / "generated")
    write_bad(good_project, BAD_NAME_WSDL, "service.wsdl")
    result = run("generate")
    assert_user_error(result)
    first = result.stderr.splitlines()[0]
    # the file, and the line where the reader knows it (xmlschema keeps no lines)
    assert re.match(r"error: bad/service\.wsdl(:8)?: 'first name' is not an XML name", first), first
    assert snapshot(good_project / "generated") == before
