"""The WSDL a package emits means on the wire what its spec means: read back, it compares equal
to the spec's model (`soapsmith diff` finds nothing), for every WSDL service and documentation
page of ../shared/corpus.  `generate` and `check` rely on it to say what a spec change does;
skips cleanly when ../shared is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from repo import SHARED

from generator.config import ProjectSettings
from generator.diff import compare
from generator.diff.report import as_text
from generator.errors import SoapsmithError
from generator.pipeline import load_model
from generator.render.wsdl import emit_wsdl

WSDLS = SHARED / "corpus" / "wsdl"
PAGES = SHARED / "corpus" / "docs"
SERVICES = sorted(p.name for p in WSDLS.iterdir() if p.is_dir()) if WSDLS.is_dir() else []
PAGE_FILES = (
    sorted(p.relative_to(PAGES).as_posix() for p in PAGES.glob("*/*") if p.is_file())
    if PAGES.is_dir()
    else []
)


def round_trip(spec: Path, scratch: Path) -> str:
    project = ProjectSettings(
        root=scratch, specs=spec.parent, output=scratch / "out", remote_imports="skip"
    )
    try:
        model, _ = load_model(spec, project)
    except SoapsmithError:
        return ""  # a spec soapsmith refuses emits nothing (its own tests cover the message)
    if not model.services:
        return ""  # types alone: nothing on the wire
    emitted = scratch / "emitted"
    emitted.mkdir()
    (emitted / "service.wsdl").write_bytes(emit_wsdl(model))
    again, _ = load_model(emitted, project)
    changes = compare(model, again)
    return as_text(changes) if changes else ""


@pytest.mark.skipif(not SERVICES, reason="../shared/corpus/wsdl is not present")
@pytest.mark.parametrize("name", SERVICES)
def test_a_services_emitted_wsdl_means_the_same(name: str, tmp_path: Path) -> None:
    assert round_trip(WSDLS / name, tmp_path) == ""


@pytest.mark.skipif(not PAGE_FILES, reason="../shared/corpus/docs is not present")
@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_pages_emitted_wsdl_means_the_same(page: str, tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "page"
    spec.mkdir(parents=True)
    shutil.copyfile(PAGES / page, spec / Path(page).name)
    assert round_trip(spec, tmp_path) == ""
