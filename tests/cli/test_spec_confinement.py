"""A spec folder is read from itself alone, and what it is named cannot crash a command (issue 14).

Item 8: no XSD statement (import, include, redefine, override) and no WSDL import reads a file
outside the spec folder, whatever the location's form: a `file:` URL (absolute or relative), an
absolute path, a path that climbs out with `../`, a link inside the folder that leads out.  Each is
an error naming the importing file and line (the link: the link), and nothing of the file shows.
An absolute location is refused even when it points inside the folder (where the folder lies
differs between checkouts); `[locations]` in spec.toml maps it to a file of the folder.  xmlschema
opens only the files the folder was read as (the bytes the spec hash covers).

Items 10 and 12: a spec folder named with a newline or with bytes that are not UTF-8 is one error;
a file named in Latin-1 works, shown escaped, and `inspect --json` stays valid UTF-8 JSON; an rpc
namespace that is not a URI is one error naming the WSDL line.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from repo import GOLDEN, ROOT

from generator.cli import main
from generator.errors import SpecError
from generator.readers.wsdl_documents import load_wsdl
from generator.readers.wsdl_schema import build_schema

SECRET_TYPE = "SecretThing"
SECRET_FIELD = "hunter2"
SECRET = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{{namespace}}"
    elementFormDefault="qualified">
  <xs:complexType name="{SECRET_TYPE}"><xs:sequence>
    <xs:element name="{SECRET_FIELD}" type="xs:int"/>
  </xs:sequence></xs:complexType>
</xs:schema>
"""
WSDL = """<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:s="urn:secret" xmlns:tns="urn:svc"
    targetNamespace="urn:svc">
  <wsdl:types>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      {statement}
      <xs:element name="Put">
        <xs:complexType><xs:sequence>
          <xs:element name="thing" type="{type}"/>
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
STATEMENT_LINE = 8  # of WSDL
KINDS = ["import", "include", "redefine", "override"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_one_line_error(result: Result, starts: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {starts}"), first
    return first


def statement(kind: str, location: str) -> str:
    if kind == "import":
        return f'<xs:import namespace="urn:secret" schemaLocation="{location}"/>'
    return f'<xs:{kind} schemaLocation="{location}"/>'


def spec(project: Path, kind: str, location: str, spec_toml: str = "") -> Path:
    """specs/svc whose WSDL loads `location` by `kind`; the secret XSD lies beside specs/."""
    folder = project / "specs" / "svc"
    folder.mkdir(parents=True, exist_ok=True)
    # an import reads another namespace; include, redefine, override read the includer's
    namespace, ref = ("urn:secret", "s") if kind == "import" else ("urn:svc", "tns")
    (project / "outside").mkdir(exist_ok=True)
    (project / "outside" / "secret.xsd").write_text(SECRET.format(namespace=namespace))
    wsdl = WSDL.format(statement=statement(kind, location), type=f"{ref}:{SECRET_TYPE}")
    (folder / "svc.wsdl").write_text(wsdl, encoding="utf-8")
    (folder / "spec.toml").write_text(spec_toml, encoding="utf-8")
    return folder


def outside_locations(project: Path) -> dict[str, str]:
    secret = (project / "outside" / "secret.xsd").resolve()
    return {
        "file-url": secret.as_uri(),
        "file-url-localhost": "file://localhost" + secret.as_posix(),
        "file-url-relative": "file:../../outside/secret.xsd",
        "absolute-path": secret.as_posix(),
        "climbing-path": "../../outside/secret.xsd",
        "climbing-path-backslash": "..\\..\\outside\\secret.xsd",
        "climbing-through-a-subfolder": "sub/../../../outside/secret.xsd",
    }


@pytest.mark.parametrize("kind", KINDS)
def test_no_xsd_statement_reads_a_file_outside_the_spec_folder(project: Path, kind: str) -> None:
    # "skip" is the most lenient choice about remote schemas: it must not open local files
    for form, location in outside_locations(project).items():
        spec(project, kind, location, 'remote-imports = "skip"\n')
        for command in ("inspect", "generate"):
            result = run(command, "svc")
            first = assert_one_line_error(result, f"svc/svc.wsdl:{STATEMENT_LINE}: ")
            assert "refused" in first or "does not exist" in first, (form, first)
            assert SECRET_TYPE not in result.output and SECRET_FIELD not in result.output, form
        assert not (project / "generated").exists(), form


@pytest.mark.parametrize("kind", KINDS)
def test_a_link_inside_the_folder_that_leads_out_is_refused(project: Path, kind: str) -> None:
    folder = spec(project, kind, "linked/secret.xsd", 'remote-imports = "skip"\n')
    (folder / "linked").symlink_to(project / "outside", target_is_directory=True)
    result = run("inspect", "svc")
    first = assert_one_line_error(result, "svc/linked: ")
    assert "links outside its spec folder" in first
    assert SECRET_TYPE not in result.output
    (folder / "linked").unlink()
    (folder / "linked.xsd").symlink_to(project / "outside" / "secret.xsd")
    spec(project, kind, "linked.xsd", 'remote-imports = "skip"\n')
    first = assert_one_line_error(run("inspect", "svc"), "svc/linked.xsd: ")
    assert "links outside its spec folder" in first


def test_a_wsdl_import_reads_no_file_outside_the_spec_folder(project: Path) -> None:
    folder = spec(project, "include", "inside.xsd")
    for form, location in outside_locations(project).items():
        wsdl = (
            '<?xml version="1.0"?>\n'
            '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" '
            'targetNamespace="urn:main">\n'
            f'  <wsdl:import namespace="urn:svc" location="{location}"/>\n'
            "</wsdl:definitions>\n"
        )
        (folder / "main.wsdl").write_text(wsdl, encoding="utf-8")
        (folder / "spec.toml").write_text('wsdl = "main.wsdl"\n', encoding="utf-8")
        result = run("inspect", "svc")
        first = assert_one_line_error(result, "svc/main.wsdl:3: ")
        assert "refused" in first or "does not exist" in first, (form, first)


@pytest.mark.parametrize("kind", KINDS[1:])
def test_an_absolute_location_inside_the_folder_is_refused_unless_mapped(
    project: Path, kind: str
) -> None:
    folder = spec(project, kind, "")
    (folder / "inside.xsd").write_text(SECRET.format(namespace="urn:svc"), encoding="utf-8")
    inside = (folder / "inside.xsd").resolve()
    for location in (inside.as_uri(), inside.as_posix()):
        spec(project, kind, location)
        first = assert_one_line_error(run("inspect", "svc"), f"svc/svc.wsdl:{STATEMENT_LINE}: ")
        assert "absolute location" in first and "refused" in first, first
        # the documented way out: map the location to the file of the folder
        spec(project, kind, location, f'[locations]\n"{location}" = "inside.xsd"\n')
        result = run("inspect", "svc", "--json")
        assert result.exit_code == 0, result.output
        types = {t["name"]: t for t in json.loads(result.stdout)["types"]}
        assert [f["name"] for f in types[SECRET_TYPE]["fields"]] == [SECRET_FIELD]


def test_a_location_mapped_outside_the_folder_is_refused(project: Path) -> None:
    location = "https://schemas.example.com/secret.xsd"
    spec(project, "import", location, f'[locations]\n"{location}" = "../../outside/secret.xsd"\n')
    result = run("inspect", "svc")
    first = assert_one_line_error(result, f"svc/svc.wsdl:{STATEMENT_LINE}: ")
    assert "outside the spec folder" in first
    assert SECRET_TYPE not in result.output


@pytest.mark.parametrize("kind", KINDS[1:])
def test_a_remote_include_is_refused_like_a_remote_import(project: Path, kind: str) -> None:
    location = "https://schemas.example.com/common.xsd"
    spec(project, kind, location)
    first = assert_one_line_error(run("inspect", "svc"), f"svc/svc.wsdl:{STATEMENT_LINE}: ")
    assert location in first and "never fetched" in first
    spec(project, kind, location, 'remote-imports = "skip"\n')
    result = run("inspect", "svc", "--json")
    assert result.exit_code == 0, result.output
    notes = [w for w in json.loads(result.stdout)["warnings"] if location in w["message"]]
    assert [(w["source"], w["line"]) for w in notes] == [("svc/svc.wsdl", STATEMENT_LINE)]


def test_xmlschema_opens_only_the_files_it_is_handed(project: Path) -> None:
    """The opener behind the location checks: the bytes read, and nothing else."""
    folder = spec(project, "include", "common.xsd")
    (folder / "common.xsd").write_text(SECRET.format(namespace="urn:svc"), encoding="utf-8")
    wsdl = (folder / "svc.wsdl").read_bytes()
    handed = SECRET.format(namespace="urn:svc").replace(SECRET_FIELD, "handed").encode()
    files = {"svc/svc.wsdl": wsdl, "svc/common.xsd": handed}
    documents = load_wsdl("svc/svc.wsdl", files, spec="svc", locations={})
    bundle = build_schema(documents, folder, {}, files)
    assert bundle is not None
    thing = bundle.maps.types[f"{{urn:svc}}{SECRET_TYPE}"]
    assert [e.local_name for e in thing.content.iter_elements()] == ["handed"]
    # a location no check refused before (the walk is bypassed here) still opens nothing
    secret = (project / "outside" / "secret.xsd").resolve().as_uri()
    escaping = wsdl.replace(b'schemaLocation="common.xsd"', f'schemaLocation="{secret}"'.encode())
    files = {"svc/svc.wsdl": escaping}
    documents = load_wsdl("svc/svc.wsdl", files, spec="svc", locations={})
    with pytest.raises(SpecError, match="not a file of the spec folder: refused") as caught:
        build_schema(documents, folder, {}, files)
    assert caught.value.file == "svc/svc.wsdl"


# -- names of spec folders and files, rpc namespaces (items 10, 12) -----------------------------

PAGE_SPEC = ROOT / "specs" / "sanspapier_synchronization"
RPC_SPEC = GOLDEN / "wsdl_rpc_encoded" / "spec"
COMMANDS = [("inspect",), ("inspect", "--json"), ("wsdl",), ("generate",), ("sample",)]


def named(project: Path, name: bytes) -> Path:
    """A copy of the page spec in a folder of that name, where the file system allows it."""
    folder = project / "specs" / os.fsdecode(name)
    try:
        shutil.copytree(PAGE_SPEC, folder)
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses the name")
    return folder


@pytest.mark.parametrize(
    ("name", "shown"), [(b"sp\nx", "sp\\x0ax"), (b"sp\xe9c", "sp\\xe9c")], ids=["newline", "latin1"]
)
def test_a_spec_folder_name_that_is_not_text_is_one_error(
    project: Path, name: bytes, shown: str
) -> None:
    folder = named(project, name)
    for command in COMMANDS:
        result = run(*command, f"specs/{folder.name}")
        first = assert_one_line_error(result, f"{shown}: ")
        assert "rename it" in first, command
        assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not (project / "generated").exists()


def test_a_file_named_in_latin1_works_and_is_shown_escaped(project: Path) -> None:
    folder = named(project, b"pages")
    (page,) = folder.glob("*.txt")
    try:
        page.rename(folder / os.fsdecode(b"Synchronisation\xe9.txt"))
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses the name")
    shown = "pages/Synchronisation\\xe9.txt"
    for command in COMMANDS:
        result = run(*command, "pages")
        assert result.exit_code == 0, (command, result.output)
        text = result.stdout_bytes.decode("utf-8")  # valid UTF-8 whatever the name
        if command == ("inspect", "--json"):
            data = json.loads(text)
            assert data["services"][0]["operations"][0]["source"]["file"] == shown
        elif command == ("inspect",):
            assert f"[{shown}:" in text
    header = (project / "generated" / "pages" / "pages" / "client.py").read_text(encoding="utf-8")
    assert "DO NOT EDIT" in header


def test_an_rpc_namespace_that_is_not_a_uri_is_one_error(project: Path) -> None:
    folder = project / "specs" / "rpc"
    shutil.copytree(RPC_SPEC, folder)
    (wsdl,) = folder.glob("*.wsdl")
    text = wsdl.read_text(encoding="utf-8").replace(
        'namespace="urn:catalog"', 'namespace="urn:cat alog"'
    )
    wsdl.write_text(text, encoding="utf-8")
    # the line lxml gives the first soap:body (a tag over two lines: where it ends)
    bodies = etree.fromstring(text.encode()).iter("{http://schemas.xmlsoap.org/wsdl/soap/}body")
    line = next(bodies).sourceline
    for command in COMMANDS:
        result = run(*command, "rpc")
        first = assert_one_line_error(result, f"rpc/{wsdl.name}:{line}: ")
        assert "'urn:cat alog' is not a valid URI" in first, command
    assert not (project / "generated").exists()
