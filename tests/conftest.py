"""Shared fixtures: the repository, its seed specs, and their generated packages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from repo import GENERATED, ROOT, SEEDS, SHARED, SPECS, load_package

__all__ = ["GENERATED", "ROOT", "SEEDS", "SHARED", "SPECS", "load_package"]


@pytest.fixture(scope="session", autouse=True)
def private_format_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands run by tests cache black results in a temporary folder, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOAPSMITH_CACHE_DIR", str(tmp_path_factory.mktemp("format-cache")))
        yield


@pytest.fixture(params=SEEDS)
def seed(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty soapsmith project in a temporary folder, as the working directory."""
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    (tmp_path / "specs").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        yield tmp_path


# ---------------------------------------------------------------------------------------------
# Corpus report (tests/corpus/test_corpus_pages.py): the per-family table after the run,
# printed only when the corpus tests ran and filled the collector in tests/corpus_oracle.py.
# Under pytest-xdist the worker that ran them hands the lines to the controller, which prints.
# ---------------------------------------------------------------------------------------------
CORPUS_LINES: list[str] = []


def _corpus_lines() -> list[str]:
    import sys

    corpus = sys.modules.get("corpus_oracle")
    return corpus.summary_lines() if corpus is not None else []


def pytest_sessionfinish(session: pytest.Session) -> None:
    handed = getattr(session.config, "workeroutput", None)  # set on an xdist worker only
    if handed is not None:
        handed["corpus_lines"] = _corpus_lines()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    CORPUS_LINES.extend(getattr(node, "workeroutput", {}).get("corpus_lines", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = CORPUS_LINES or _corpus_lines()
    if lines:
        terminalreporter.section("documentation corpus (issue 3)")
        for line in lines:
            terminalreporter.write_line(line)
