"""The real pairs of published versions in ../shared/corpus/versions, diffed and held against
what was found and checked by hand (tests/diff/expected/<pair>.json; the Exchange pair, with
over a thousand changes, as counts by kind).  To accept new findings after a deliberate change:

    SOAPSMITH_UPDATE_GOLDEN=1 python -m pytest tests/diff/test_corpus_versions.py
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from repo import SHARED, TESTS

from generator.config import ProjectSettings
from generator.diff import compare
from generator.diff.report import as_json
from generator.pipeline import load_model

VERSIONS = SHARED / "corpus" / "versions"
EXPECTED = TESTS / "diff" / "expected"
PAIRS = sorted(p.name for p in VERSIONS.iterdir() if p.is_dir()) if VERSIONS.is_dir() else []
SUMMARISED = 200  # a pair with more changes is held as counts by kind


def _model(folder: Path, tmp_path: Path) -> Any:
    spec = tmp_path / "specs" / folder.name
    shutil.copytree(folder, spec)
    project = ProjectSettings(
        root=tmp_path, specs=tmp_path / "specs", output=tmp_path / "out", remote_imports="skip"
    )
    return load_model(spec, project)[0]


@pytest.mark.skipif(not PAIRS, reason="../shared/corpus/versions is not here")
@pytest.mark.parametrize("pair", PAIRS)
def test_a_real_pair_reports_what_changed(pair: str, tmp_path: Path) -> None:
    old = _model(VERSIONS / pair / "old", tmp_path / "old")
    new = _model(VERSIONS / pair / "new", tmp_path / "new")
    changes = json.loads(as_json(compare(old, new)))
    found: Any = changes
    if len(changes) > SUMMARISED:
        found = dict(sorted(Counter(c["kind"] for c in changes).items()))
    expected = EXPECTED / f"{pair}.json"
    if os.environ.get("SOAPSMITH_UPDATE_GOLDEN") == "1":
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert found == json.loads(expected.read_text(encoding="utf-8"))


@pytest.mark.skipif(not PAIRS, reason="../shared/corpus/versions is not here")
@pytest.mark.parametrize("pair", PAIRS[:3])
def test_a_version_against_itself_is_no_change(pair: str, tmp_path: Path) -> None:
    one = _model(VERSIONS / pair / "new", tmp_path / "a")
    other = _model(VERSIONS / pair / "new", tmp_path / "b")
    assert compare(one, other) == []
