"""Structurally damaged WSDLs never crash or hang a command (issue 14).

Seeds are the WSDLs of the golden specs and, when ../shared/corpus/wsdl is there, its small
services.  Each case mutates one seed's lxml tree one to three times (tests/wsdl_mutations.py:
move, duplicate, drop and retype elements, odd attribute values, required attributes removed,
references to names of another kind, XSD flags added), chosen by a fixed seed, and runs
`inspect --json`, `wsdl`, `generate` and, on every `SAMPLE_EVERY`th case, `sample` with and
without `--response` in process through click.

The contract: each command exits 0, or 2 with one `error:` line (and its hint); an exception that
escapes is a failure, and so is a command that runs longer than `CASE_SECONDS`.  The test id
names the seed, the case number and the mutations, so `pytest -k` reruns one case alone.

SOAPSMITH_FUZZ_CASES=5000 runs more cases (default `CASES`), SOAPSMITH_FUZZ_START=N starts the
case numbers at N, SOAPSMITH_FUZZ_MUTATIONS=6 mutates a case up to 6 times (default 3) and
SOAPSMITH_FUZZ_CORPUS_KB=200 takes corpus services up to 200 KB as seeds (default 24), to search
beyond the cases the suite runs.

Crashes the fuzzer found in the readers and passes are explicit regression cases at the end.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import os
import shutil
import signal
import sys
import textwrap
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from click.testing import CliRunner, Result
from repo import GOLDEN, ROOT, SHARED
from wsdl_mutations import mutate

from generator.cli import main

CASES = int(os.environ.get("SOAPSMITH_FUZZ_CASES", "360"))
START = int(os.environ.get("SOAPSMITH_FUZZ_START", "0"))
MUTATIONS = int(os.environ.get("SOAPSMITH_FUZZ_MUTATIONS", "3"))  # at most, a case
SAMPLE_EVERY = 4  # `sample` generates and imports a package: the slow command
CASE_SECONDS = 20.0  # one command on one small WSDL; longer is a hang
HANG_SECONDS = 300.0  # a hang in C code stops the run with every thread's traceback
CORPUS = SHARED / "corpus" / "wsdl"
# the corpus services small enough for the suite (all of their files, in KB)
CORPUS_KB = int(os.environ.get("SOAPSMITH_FUZZ_CORPUS_KB", "24"))
SPEC = "specs/fuzzed"


@dataclasses.dataclass(frozen=True)
class Seed:
    folder: Path
    wsdl: Path  # the file mutated, inside folder

    @property
    def name(self) -> str:
        return self.folder.parent.name if self.folder.name == "spec" else self.folder.name


def _wsdls(folder: Path) -> list[Seed]:
    return [Seed(folder, p) for p in sorted(folder.rglob("*.wsdl")) if p.is_file()]


def _size_kb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024


def _seeds() -> list[Seed]:
    golden = [s for f in sorted(GOLDEN.glob("*/spec")) for s in _wsdls(f)]
    specs = [s for f in sorted((ROOT / "specs").iterdir()) if f.is_dir() for s in _wsdls(f)]
    corpus = (
        [
            s
            for f in sorted(CORPUS.iterdir())
            if f.is_dir() and _size_kb(f) <= CORPUS_KB
            for s in _wsdls(f)
        ]
        if CORPUS.is_dir()
        else []
    )
    return golden + specs + corpus


@dataclasses.dataclass(frozen=True)
class Case:
    seed: Seed
    number: int
    data: bytes
    what: str

    @property
    def id(self) -> str:
        return f"{self.seed.name}/{self.seed.wsdl.name}#{self.number}:{self.what}"

    @property
    def sample(self) -> bool:
        return self.number % SAMPLE_EVERY == 0


def _cases() -> list[Case]:
    seeds = _seeds()
    cases = []
    for number in range(START, START + CASES):
        seed = seeds[number % len(seeds)]
        original = seed.wsdl.read_bytes()
        data, what = mutate(original, f"{seed.name}/{seed.wsdl.name}#{number}", MUTATIONS)
        cases.append(Case(seed, number, data, what))
    return cases


# ------------------------------------------------------------------------------------------
# running one case
# ------------------------------------------------------------------------------------------
class CaseTimeout(BaseException):
    """Raised by the timer; a BaseException so that CliRunner lets it through."""


def _on_timer(signum: int, frame: FrameType | None) -> None:
    raise CaseTimeout(f"a command ran longer than {CASE_SECONDS:g} s")


def _invoke(args: list[str]) -> Result:
    previous = signal.signal(signal.SIGALRM, _on_timer)
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    try:
        return CliRunner().invoke(main, args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _problem(args: list[str], result: Result) -> str | None:
    """What is wrong with how a command ended, or None."""
    command = " ".join(args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        frames = traceback.extract_tb(result.exc_info[2])
        ours = [
            f"{f.filename}:{f.lineno} in {f.name}" for f in frames if "/generator/" in f.filename
        ]
        trace = "".join(traceback.format_exception(*result.exc_info)[-10:])
        return f"`{command}` raised, through\n  " + "\n  ".join(ours[-6:]) + f"\n{trace}"
    if result.exit_code == 0:
        return None
    if result.exit_code == 2 and _one_error(result.stderr):
        return None
    return f"`{command}` exit {result.exit_code}: {result.stderr[-600:]!r}"


def _one_error(stderr: str) -> bool:
    """One `error: ` line naming the problem, then nothing but its hint."""
    first, *rest = stderr.splitlines() or [""]
    return (
        first.startswith("error: ")
        and bool(first[len("error: ") :].strip())
        and all(line.startswith("  hint: ") for line in rest)
    )


def commands(case_sample: bool, output: Path) -> Iterator[list[str]]:
    yield ["inspect", "--json", SPEC]
    yield ["wsdl", SPEC]
    yield ["generate", SPEC, "-o", str(output)]
    if case_sample:
        yield ["sample", SPEC]
        yield ["sample", SPEC, "--response"]


def run_case(case: Case, project: Path) -> list[str]:
    """Every command on the mutated spec under `project` (the working directory): problems."""
    # most cases skip remote imports, so that seeds which import a standard schema by URL
    # get past reading; a few refuse them, as a project does by default
    remote = "refuse" if case.number % 5 == 0 else "skip"
    (project / "pyproject.toml").write_text(
        f'[tool.soapsmith]\nremote-imports = "{remote}"\n', encoding="utf-8"
    )
    folder = project / SPEC
    shutil.copytree(case.seed.folder, folder)
    (folder / case.seed.wsdl.relative_to(case.seed.folder)).write_bytes(case.data)
    problems = []
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        for args in commands(case.sample, project / "out"):
            result = _invoke(args)
            problem = _problem(args, result)
            if problem is not None:
                problems.append(problem)
            if result.exit_code != 0 and args[0] == "inspect":
                break  # the others read the spec the same way and stop at the same place
    except CaseTimeout as exc:
        problems.append(f"`{' '.join(args)}`: {exc}")
    finally:
        faulthandler.cancel_dump_traceback_later()
    return problems


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    (tmp_path / "specs").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        yield tmp_path


ALL_CASES = _cases()


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_mutated_wsdl(case: Case, project: Path) -> None:
    problems = run_case(case, project)
    assert not problems, "\n".join(problems)


def test_seeds_include_golden_wsdls() -> None:
    names = {s.name for s in _seeds()}
    assert {"wsdl_doclit", "wsdl_rpc_encoded", "wsdl_ports"} <= names


def test_a_hang_fails_the_case(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.pipeline

    monkeypatch.setattr(generator.pipeline, "load_model", lambda *args: time.sleep(30))
    monkeypatch.setattr(sys.modules[__name__], "CASE_SECONDS", 0.2)
    seed = _seeds()[0]
    started = time.monotonic()
    problems = run_case(Case(seed, 1, seed.wsdl.read_bytes(), "none"), project)
    assert time.monotonic() - started < 5
    assert problems == ["`inspect --json specs/fuzzed`: a command ran longer than 0.2 s"]


def test_mutations_are_reproducible() -> None:
    seed = _seeds()[0]
    data = seed.wsdl.read_bytes()
    assert mutate(data, "x#1") == mutate(data, "x#1")
    assert {mutate(data, f"x#{n}")[1] for n in range(20)} != {"none"}


# ------------------------------------------------------------------------------------------
# regressions: crashes the fuzzer found, each a small handwritten WSDL
# ------------------------------------------------------------------------------------------
def _write(project: Path, wsdl: str) -> None:
    folder = project / SPEC
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "svc.wsdl").write_text(textwrap.dedent(wsdl).lstrip(), encoding="utf-8")


def _run(args: list[str]) -> Result:
    result = _invoke(args)
    assert _problem(args, result) is None, _problem(args, result)
    return result


def _service(messages: str, types: str = "", style: str = "document", use: str = "literal") -> str:
    """A one-operation SOAP 1.1 service `Get` whose messages are `GetIn` and `GetOut`."""
    return f"""
    <definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
        xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
      <types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">{types}
      </xs:schema></types>
      {messages}
      <portType name="P"><operation name="Get">
        <input message="tns:GetIn"/><output message="tns:GetOut"/>
      </operation></portType>
      <binding name="B" type="tns:P">
        <soap:binding style="{style}" transport="http://schemas.xmlsoap.org/soap/http"/>
        <operation name="Get"><soap:operation soapAction="urn:Get"/>
          <input><soap:body use="{use}" namespace="urn:t"/></input>
          <output><soap:body use="{use}" namespace="urn:t"/></output>
        </operation>
      </binding>
      <service name="S"><port name="SP" binding="tns:B">
        <soap:address location="http://example.com/s"/></port></service>
    </definitions>
    """


@pytest.mark.parametrize("style", ["document", "rpc"])
def test_part_without_element_or_type_is_a_spec_error(project: Path, style: str) -> None:
    _write(
        project,
        _service(
            """
      <message name="GetIn"><part name="id"/></message>
      <message name="GetOut"><part name="result" type="xs:string"/></message>
            """,
            style=style,
        ),
    )
    result = _run(["inspect", SPEC])
    assert result.exit_code == 2
    assert "svc.wsdl:7: message part 'id' has neither an element nor a type" in result.stderr


ONE_WAY = """
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
    <xs:element name="Notify"><xs:complexType><xs:sequence>
      <xs:element name="text" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>{types}
  </xs:schema></types>
  <message name="NotifyIn"><part name="body" element="tns:Notify"/></message>
  <portType name="P"><operation name="Notify"><input message="tns:NotifyIn"/></operation></portType>
  <binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Notify"><soap:operation soapAction="urn:Notify"/>
      <input><soap:body use="literal"/></input></operation>
  </binding>
  <service name="S"><port name="SP" binding="tns:B">
    <soap:address location="http://example.com/s"/></port></service>
</definitions>
"""


def test_sample_response_of_a_one_way_operation(project: Path) -> None:
    _write(project, ONE_WAY.format(types=""))
    result = _invoke(["sample", SPEC, "--response"])
    assert result.exit_code == 2 and "is one-way: it has no response" in result.stderr
    assert _problem(["sample", SPEC, "--response"], result) is None


@pytest.mark.parametrize(
    "types",
    [
        '<xs:simpleType name="T"><xs:restriction><xs:enumeration value="A"/></xs:restriction>'
        "</xs:simpleType>",
        '<xs:simpleType name="T"><xs:restriction/></xs:simpleType>',
        '<xs:complexType name="T"><xs:sequence><xs:group ref="tns:G"/></xs:sequence>'
        '</xs:complexType><xs:group name="G"/>',
    ],
    ids=["restriction-without-base-with-facet", "empty-restriction", "empty-group"],
)
def test_schema_that_xmlschema_cannot_build(project: Path, types: str) -> None:
    _write(project, ONE_WAY.format(types=types))
    result = _run(["inspect", SPEC])
    assert (
        result.exit_code == 2 and "the WSDL's schemas cannot be read" in result.stderr
    ), result.stderr


def test_chain_of_derived_types_deeper_than_xmlschema_recurses(project: Path) -> None:
    depth = 120
    chain = "".join(
        f'<xs:complexType name="T{i}"><xs:complexContent><xs:extension base="tns:T{i + 1}">'
        f'<xs:sequence><xs:element name="f{i}" type="xs:int"/></xs:sequence>'
        "</xs:extension></xs:complexContent></xs:complexType>"
        for i in range(depth)
    )
    last = f'<xs:complexType name="T{depth}"><xs:sequence/></xs:complexType>'
    _write(project, ONE_WAY.format(types=f'<xs:element name="Deep" type="tns:T0"/>{chain}{last}'))
    result = _run(["inspect", SPEC])
    # read where the interpreter's recursion limit allows it, else one clear line
    assert result.exit_code == 0 or "nest too deeply" in result.stderr, result.stderr


def test_schema_error_is_one_line(project: Path) -> None:
    cycle = (
        '<xs:element name="A" type="xs:string" substitutionGroup="tns:B"/>'
        '<xs:element name="B" type="xs:string" substitutionGroup="tns:A"/>'
    )
    _write(project, ONE_WAY.format(types=cycle))
    result = _run(["inspect", SPEC])
    assert (
        result.exit_code == 2 and "the WSDL's schemas cannot be read" in result.stderr
    ), result.stderr


def test_complex_content_restricting_a_simple_content_type(project: Path) -> None:
    """`complexContent/restriction base="soapenc:int"`: xmlschema gives the type simple content
    but no simple type; its text is read as the base's, with a warning."""
    types = """
        <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
        <xs:element name="Get" type="tns:Count"/>
        <xs:complexType name="Count"><xs:complexContent>
          <xs:restriction base="soapenc:int"><xs:attribute name="unit" type="xs:string"/>
          </xs:restriction>
        </xs:complexContent></xs:complexType>"""
    messages = """
      <message name="GetIn"><part name="body" element="tns:Get"/></message>
      <message name="GetOut"><part name="body" element="tns:Get"/></message>"""
    wsdl = _service(messages, types).replace(
        'xmlns:tns="urn:t"',
        'xmlns:tns="urn:t" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"',
    )
    _write(project, wsdl)
    result = _run(["inspect", "--json", SPEC])
    assert result.exit_code == 0, result.stderr
    assert "'Count' derives complex content from a type with simple content" in result.output
    assert "its text is read as int" in result.output
    assert _run(["sample", SPEC, "--response"]).exit_code == 0


def test_subtype_without_a_name_does_not_hang(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A type extending a mapped one, named only whitespace, was looked for as a subtype by its
    (empty) name for ever; now it is skipped with a warning."""
    monkeypatch.setattr(sys.modules[__name__], "CASE_SECONDS", 5.0)
    types = """
        <xs:element name="Get" type="tns:Base"/>
        <xs:complexType name="Base"><xs:sequence>
          <xs:element name="id" type="xs:string"/>
        </xs:sequence></xs:complexType>
        <xs:complexType name="   "><xs:complexContent><xs:extension base="tns:Base">
          <xs:sequence><xs:element name="more" type="xs:int"/></xs:sequence>
        </xs:extension></xs:complexContent></xs:complexType>"""
    messages = """
      <message name="GetIn"><part name="body" element="tns:Get"/></message>
      <message name="GetOut"><part name="body" element="tns:Get"/></message>"""
    _write(project, _service(messages, types))
    result = _run(["inspect", SPEC])
    assert result.exit_code == 0, result.stderr
    assert "a type extending 'Base' is named '   '" in result.output
    assert _run(["sample", SPEC, "--response"]).exit_code == 0
