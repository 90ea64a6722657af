"""Every WSDL service of ../shared/corpus/wsdl up to a size bound: generate, type-check, load.

The largest services take tens of seconds each to generate; they are measured by the
benchmarks (issue 6), not here, to keep the suite within its time budget.  Skips cleanly when
../shared is absent.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from repo import SHARED
from served import Served, operation_of

from generator.config import ProjectSettings
from generator.pipeline import generate

CORPUS = SHARED / "corpus" / "wsdl"
MAX_BYTES = 160_000  # total size of a service's files


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


SERVICES = (
    sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and _size(p) <= MAX_BYTES)
    if CORPUS.is_dir()
    else []
)
pytestmark = pytest.mark.skipif(not SERVICES, reason="../shared/corpus/wsdl is not present")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wsdl-corpus")
    specs = root / "specs"
    for name in SERVICES:
        shutil.copytree(CORPUS / name, specs / name.replace("-", "_"))
    project = ProjectSettings(root=root, specs=specs, output=root / "generated")
    generate(None, project, project.output)
    return project.output


def test_every_service_generates_and_passes_mypy_strict(generated: Path) -> None:
    from mypy import api

    packages = sorted(p for p in generated.iterdir() if p.is_dir())
    assert [p.name for p in packages] == sorted(n.replace("-", "_") for n in SERVICES)
    targets = [str(p / p.name) for p in packages]
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--config-file", "", "--cache-dir", "/dev/null", *targets]
    )
    assert status == 0, stdout[-5000:] + stderr


@pytest.mark.parametrize("name", SERVICES)
def test_emitted_wsdl_loads_in_zeep(generated: Path, name: str) -> None:
    import zeep

    package = name.replace("-", "_")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zeep.Client(str(generated / package / package / "service.wsdl"))


@pytest.mark.parametrize("name", SERVICES)
def test_package_imports_and_exposes_its_clients(generated: Path, name: str) -> None:
    import importlib
    import sys

    package = name.replace("-", "_")
    sys.path.insert(0, str(generated / package))
    try:
        module = importlib.import_module(package)
        clients = [n for n in module.__all__ if n.endswith("Client")]
        models = importlib.import_module(f"{package}.models")
        for cls in vars(models).values():
            if isinstance(cls, type) and cls.__module__ == models.__name__:
                assert cls.__name__.isidentifier()
        if clients:
            client = getattr(module, clients[0])
            assert any(not n.startswith("_") and callable(getattr(client, n)) for n in vars(client))
    finally:
        sys.path.remove(str(generated / package))
        for loaded in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[loaded]


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

MAX_OPERATIONS = 8  # per service, to keep the suite's time bounded


def _original(name: str) -> tuple[Any, Any]:
    """The original WSDL's schema bundle (xmlschema) and a zeep client of it (None where zeep
    cannot load it offline), no network."""
    import zeep

    from generator.config import spec_settings
    from generator.readers.spec_folder import _main_wsdl, effective_locations, spec_files
    from generator.readers.wsdl_documents import load_wsdl
    from generator.readers.wsdl_schema import build_schema

    folder = CORPUS / name
    project = ProjectSettings(root=CORPUS, specs=CORPUS, output=CORPUS / "unused")
    settings = spec_settings(folder)
    files = spec_files(folder, project)
    wsdls = [f for f in files if b"definitions" in f.data[:4000] or f.path.endswith(".wsdl")]
    main = _main_wsdl(wsdls, settings, folder)
    by_path = {f.path: f.data for f in files}
    locations = effective_locations(by_path, settings.locations)
    documents = load_wsdl(main.path, by_path, spec=folder.name, locations=locations)
    schema = build_schema(documents, folder, locations)
    transport = zeep.Transport()
    transport.load = _no_network(transport.load)  # type: ignore[method-assign]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client = zeep.Client(str(CORPUS / main.path), transport=transport)
    except Exception:  # noqa: BLE001 - zeep cannot load it offline: the schema check remains
        client = None
    return schema, client


def _no_network(load: Any) -> Any:
    def local_only(url: str) -> bytes:
        if "://" in url and not url.startswith("file://"):
            raise OSError(f"no network: {url}")
        return bytes(load(url))

    return local_only


@pytest.mark.parametrize("name", SERVICES)
def test_mock_samples_are_valid_and_zeep_reads_the_answers(generated: Path, name: str) -> None:
    import importlib
    import sys

    from generator.mock import handlers

    package = name.replace("-", "_")
    if not (generated / package / package / "server.py").is_file():
        pytest.skip("a types-only WSDL: no service")
    schema, zeep_client = _original(name)
    operations: dict[str, Any] = {}
    bindings = zeep_client.wsdl.bindings.values() if zeep_client is not None else []
    for binding in bindings:
        for op_name, operation in getattr(binding, "_operations", {}).items():
            operations.setdefault(op_name, operation)
    sys.path.insert(0, str(generated / package))
    checked = 0
    try:
        server = importlib.import_module(f"{package}.server")
        for _, client_cls, mock in handlers(server):
            served = Served(server.make_wsgi_app(mock()))
            recording = _Recording()
            client = client_cls(served.url, http=httpx.Client(transport=recording))
            faulting = Served(server.make_wsgi_app(_raising(mock)()))
            faulty = client_cls(faulting.url)
            try:
                for method, faults in list(mock.sample_faults().items())[:MAX_OPERATIONS]:
                    if faults:  # a declared fault raised by the handler, caught as its class
                        arguments = mock.sample_requests()[method]
                        with pytest.raises(type(faults[0])) as caught:
                            getattr(faulty, method)(**arguments)
                        assert _comparable(caught.value.value) == _comparable(faults[0].value)
            finally:
                faulty.close()
                faulting.close()
            try:
                for method in list(mock.sample_requests())[:MAX_OPERATIONS]:
                    arguments = mock.sample_requests()[method]
                    # the generated client against the generated server, over HTTP
                    got = getattr(client, method)(**arguments)
                    want = getattr(mock(), method)(**arguments)
                    assert _comparable(got) == _comparable(want), method
                    request, response = recording.exchanged[-1]
                    _check_sample(schema, request, response, operations, server, mock, method)
                    checked += 1
            finally:
                client.close()
                served.close()
    finally:
        sys.path.remove(str(generated / package))
        for loaded in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[loaded]
    assert checked


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


def _comparable(value: Any) -> Any:
    """A value with its XML elements as their content, canonical (elements compare by
    identity; an anyType value is an element's content, whatever the element's name)."""
    import dataclasses
    import enum

    from lxml import etree

    if isinstance(value, etree._Element):
        children = [etree.tostring(c, method="c14n", exclusive=True) for c in value]
        return (dict(value.attrib), (value.text or "").strip(), children)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _comparable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return (type(value).__name__, fields)
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.value)
    return value


def _check_sample(
    schema: Any,
    request: bytes,
    response: bytes,
    operations: dict[str, Any],
    server: Any,
    mock: Any,
    method: str,
) -> None:
    from lxml import etree

    for data in (request, response):
        if not data.strip():
            continue  # one-way
        envelope = etree.fromstring(data)
        body = envelope[-1]
        assert len(body), data
        element = body[0]
        assert etree.QName(element).localname != "Fault", data.decode()[:500]
        if schema is not None and str(element.tag) in schema.maps.elements:
            _validate(schema, element)
    op = operations.get(operation_of(server, method))
    body_known = op is not None and getattr(op.output, "body", None) is not None
    if body_known and response.strip():  # zeep reads no MIME-multipart bodies
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            op.output.deserialize(etree.fromstring(response))


class _Recording(httpx.BaseTransport):
    """Real HTTP, keeping each request and answer."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.exchanged: list[tuple[bytes, bytes]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        content = response.read()
        self.exchanged.append((request.read(), content))
        return response

    def close(self) -> None:
        self.inner.close()


def _validate(schema: Any, element: Any) -> None:
    """Valid against the original schema, but for what a strict wildcard demands: an element
    the schema declares, which a sample cannot guess (a .NET DataSet's diffgram, say)."""
    from lxml import etree

    for error in schema.iter_errors(etree.tostring(element).decode()):
        validator = type(getattr(error, "validator", None)).__name__
        reason = str(getattr(error, "reason", ""))
        wildcard = validator == "XsdAnyElement" or "namespace/s expected" in reason
        assert wildcard, str(error)[:2000]
