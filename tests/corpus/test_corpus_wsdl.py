"""Every WSDL service of ../shared/corpus/wsdl: generate, import, sample, serve, and check
that the code is what black writes; up to a size bound also type-check and load the emitted
WSDL.  Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import black
import httpx
import pytest
from corpus_original import Original
from repo import SHARED, imported
from served import Recording, Served, operation_of
from values import comparable

from generator.config import ProjectSettings
from generator.format import MODE, Formatter, split_top_level
from generator.pipeline import generate

CORPUS = SHARED / "corpus" / "wsdl"
MAX_BYTES = 160_000  # total size of a service's files


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


EVERY = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
SERVICES = [name for name in EVERY if _size(CORPUS / name) <= MAX_BYTES]
pytestmark = pytest.mark.skipif(not EVERY, reason="../shared/corpus/wsdl is not present")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wsdl-corpus")
    specs = root / "specs"
    for name in EVERY:
        shutil.copytree(CORPUS / name, specs / name.replace("-", "_"))
    # the corpus is read as by a user who opted in to leaving remote schemas unread
    project = ProjectSettings(
        root=root, specs=specs, output=root / "generated", remote_imports="skip"
    )
    generate(None, project, project.output, Formatter(cache=None))
    return project.output


PIECES_CHECKED = 15  # top-level definitions per module held against black (all, up to this)


@pytest.mark.parametrize("name", EVERY)
def test_generated_code_is_what_black_writes(generated: Path, name: str) -> None:
    """Black run on the generated code changes nothing (each top-level definition alone is
    the whole module, see tests/unit/test_format.py); the largest modules by a regular sample."""
    modules = sorted((generated / name.replace("-", "_")).rglob("*.py"))
    assert modules
    for module in modules:
        if module.name in ("_soap.py", "_server.py"):
            continue  # the runtime, copied as it is
        pieces = split_top_level(module.read_text(encoding="utf-8"))
        # two blank lines between top-level definitions, one line break at the end
        assert all(p.endswith("\n\n\n") and not p.endswith("\n" * 4) for p in pieces[:-1])
        assert pieces[-1].endswith("\n") and not pieces[-1].endswith("\n\n")
        for piece in pieces[:: max(1, len(pieces) // PIECES_CHECKED)]:
            piece = piece.rstrip("\n") + "\n"
            assert black.format_str(piece, mode=MODE) == piece, f"{module}:\n{piece[:2000]}"


def test_generated_code_is_lint_clean(generated: Path) -> None:
    """Pyflakes' checks (unused and undefined names, shadowed imports) and syntax errors:
    nothing on any module of any service, the runtime included."""
    found = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F,E9",
         "--output-format", "concise", str(generated)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert found.returncode == 0, found.stdout[-4000:]


def test_every_service_generates_and_passes_mypy_strict(generated: Path) -> None:
    from mypy import api

    packages = sorted(p.name for p in generated.iterdir() if p.is_dir())
    assert packages == sorted(n.replace("-", "_") for n in EVERY)
    targets = [str(generated / p / p) for p in sorted(n.replace("-", "_") for n in SERVICES)]
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--config-file", "", "--cache-dir", "/dev/null", *targets]
    )
    assert status == 0, stdout[-5000:] + stderr


def _offline_zeep_transport() -> Any:
    """zeep fetches the XML namespace's schema (xml:lang) from w3.org whatever the WSDL says;
    offline, it gets the W3C's copy xmlschema ships, as it would online.  Nothing else."""
    import xmlschema
    import zeep

    xml_xsd = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"

    class Offline(zeep.Transport):  # type: ignore[misc]
        def load(self, url: str) -> bytes:
            if url.rstrip("/").endswith("www.w3.org/2001/xml.xsd"):
                return xml_xsd.read_bytes()
            return super().load(url)  # type: ignore[no-any-return]

    return Offline()


@pytest.mark.parametrize("name", SERVICES)
def test_emitted_wsdl_loads_in_zeep(generated: Path, name: str) -> None:
    import zeep

    package = name.replace("-", "_")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zeep.Client(
            str(generated / package / package / "service.wsdl"), transport=_offline_zeep_transport()
        )


@pytest.mark.parametrize("name", EVERY)
def test_package_imports_and_exposes_its_clients(generated: Path, name: str) -> None:
    package = name.replace("-", "_")
    with imported(generated / package, package) as module:
        clients = [n for n in module.__all__ if n.endswith("Client")]
        models = importlib.import_module(f"{package}.models")
        for cls in vars(models).values():
            if isinstance(cls, type) and cls.__module__ == models.__name__:
                assert cls.__name__.isidentifier()
        if clients:
            client = getattr(module, clients[0])
            assert any(not n.startswith("_") and callable(getattr(client, n)) for n in vars(client))


@pytest.mark.parametrize("name", SERVICES)
def test_emitted_wsdl_schemas_are_valid_xsd(generated: Path, name: str) -> None:
    import xmlschema
    from lxml import etree

    package = name.replace("-", "_")
    root = etree.parse(str(generated / package / package / "service.wsdl")).getroot()
    sources = [
        etree.tostring(s).decode()
        for s in root.iterfind(".//{http://www.w3.org/2001/XMLSchema}schema")
    ]
    if sources:
        xmlschema.XMLSchema(sources, allow="none", defuse="always")


# -- the mock server (issue 5): samples valid against the ORIGINAL WSDL, read by zeep --------------

MAX_OPERATIONS = 8  # per service over HTTP, to keep the suite's time bounded


@pytest.fixture(scope="module", params=EVERY)
def original(request: pytest.FixtureRequest) -> Original:
    """Module-scoped and parametrized, so that pytest runs a service's tests together and
    holds one original schema at a time (the largest take hundreds of megabytes)."""
    return Original.load(CORPUS / request.param)


@contextmanager
def _server(generated: Path, original: Original) -> Iterator[ModuleType]:
    """The server module of the service's generated package, imported."""
    package = original.folder.name.replace("-", "_")
    if not (generated / package / package / "server.py").is_file():
        pytest.skip("a types-only WSDL: no service")
    with imported(generated / package, package):
        yield importlib.import_module(f"{package}.server")


def test_every_sample_request_and_response_is_valid_against_the_original(
    generated: Path, original: Original
) -> None:
    """Every operation: the generated client's sample request and the mock's answer to it
    (in process), each body valid against the original WSDL's schema, the answer read by zeep
    from the original WSDL."""
    from generator.mock import handlers, sample_envelopes

    checked = 0
    with _server(generated, original) as server:
        for _, _, mock in handlers(server):
            for method in mock.sample_requests():
                request, response = sample_envelopes(server, method, None)
                _check_exchange(original, operation_of(server, method), request, response)
                checked += 1
    assert checked


def test_client_and_mock_round_trip_over_http_and_zeep_reads_the_answers(
    generated: Path, original: Original
) -> None:
    """A bounded number of operations per service: the generated client against the generated
    mock over real HTTP, the answer valid and read by zeep from the original WSDL; a declared
    fault raised by the handler is caught by the client as its class."""
    from generator.mock import handlers

    checked = 0
    with _server(generated, original) as server:
        for _, client_cls, mock in handlers(server):
            _check_faults(server, client_cls, mock)
            served = Served(server.make_wsgi_app(mock()))
            recording = Recording()
            client = client_cls(served.url, http=httpx.Client(transport=recording))
            try:
                for method in list(mock.sample_requests())[:MAX_OPERATIONS]:
                    arguments = mock.sample_requests()[method]
                    got = getattr(client, method)(**arguments)
                    want = getattr(mock(), method)(**arguments)
                    assert comparable(got) == comparable(want), method
                    request, response = recording.exchanged[-1]
                    _check_exchange(original, operation_of(server, method), request, response)
                    checked += 1
            finally:
                client.close()
                served.close()
    assert checked


def _check_faults(server: Any, client_cls: Any, mock: Any) -> None:
    faulting = Served(server.make_wsgi_app(_raising(mock)()))
    faulty = client_cls(faulting.url)
    try:
        for method, faults in list(mock.sample_faults().items())[:MAX_OPERATIONS]:
            if faults:
                arguments = mock.sample_requests()[method]
                with pytest.raises(type(faults[0])) as caught:
                    getattr(faulty, method)(**arguments)
                assert comparable(caught.value.value) == comparable(faults[0].value)
    finally:
        faulty.close()
        faulting.close()


def _check_exchange(original: Original, operation: str, request: bytes, response: bytes) -> None:
    from lxml import etree

    for direction, data in (("input", request), ("output", response)):
        if data.strip():  # else one-way
            body = etree.fromstring(data)[-1]
            assert len(body), data
            assert etree.QName(body[0]).localname != "Fault", data.decode()[:500]
            original.validate_body(operation, direction, body[0])
    if not response.strip():
        return
    answer = etree.fromstring(response)
    reader = original.zeep_reader(operation, answer[-1][0])
    if original.zeep_readers(operation):
        assert reader is not None, f"zeep expects another answer to {operation}"
    if reader is not None:
        import zeep

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader.output.deserialize(answer)
            except zeep.exceptions.XMLParseError:
                # zeep's wildcards ignore their namespace constraint: read it as zeep would
                # read the same service without its optional wildcards (see Original)
                reader = original.zeep_reader(operation, answer[-1][0], deterministic=True)
                reader.output.deserialize(answer)


def _raising(mock: Any) -> Any:
    """A mock whose every operation raises its first declared fault."""

    def method(name: str) -> Any:
        def raise_fault(self: Any, **_: Any) -> Any:
            faults = mock.sample_faults()[name]
            if faults:
                raise faults[0]
            return getattr(mock, name)(self, **_)

        return raise_fault

    return type("Raising", (mock,), {name: method(name) for name in mock.sample_faults()})
