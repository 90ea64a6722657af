"""Every WSDL service of ../shared/corpus/wsdl up to a size bound: generate, type-check, load.

The largest services take tens of seconds each to generate; they are measured by the
benchmarks (issue 6), not here, to keep the suite within its time budget.  Skips cleanly when
../shared is absent.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from repo import SHARED

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
