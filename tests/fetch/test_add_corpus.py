"""`soapsmith add` of real WSDLs with their imports (../shared/corpus, skipped without it),
served as their publishers lay them out: the folder holds the same files, byte for byte, and
generates what the corpus folder does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import SHARED
from sites import Site
from test_add_sites import by_hand, files, generated

from generator.cli import main

CORPUS = SHARED / "corpus" / "wsdl"
# small services whose schemas sit beside the WSDL or in folders below it
CASES = [
    ("wcf-service1", "Service1.wsdl"),
    ("epcis-query-1_2", "EPCglobal-epcis-query-1_2.wsdl"),
    ("soapfish-relative-nested", "relative.wsdl"),
]


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.close()


@pytest.mark.parametrize(("folder", "main_wsdl"), CASES)
def test_a_corpus_wsdl_with_its_imports(
    project: Path, site: Site, folder: str, main_wsdl: str
) -> None:
    source = CORPUS / folder
    if not (source / main_wsdl).is_file():
        pytest.skip(f"{source} is not here")
    placed = files(source)
    for relative, data in placed.items():
        site.serve(f"/pub/{folder}/{relative}", data)
    result = CliRunner().invoke(main, ["add", "svc", f"{site.base}/pub/{folder}/{main_wsdl}"])
    assert result.exit_code == 0, result.output
    made = files(project / "specs" / "svc")
    del made["spec.toml"]
    assert made == placed
    assert generated(project, "svc") == by_hand(project, "svc", placed)
