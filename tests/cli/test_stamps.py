"""A run whose inputs did not change is decided from hashes (issue 21 item 1): `generate` and
`check` then build nothing, say what a full run says, and fall back to building whenever the
inputs, the output folder or the cache disagree with the stamp."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from repo import SPECS

from generator import pipeline, stamps
from generator.cli import main
from generator.config import project_settings
from generator.readers.files import spec_files


@pytest.fixture
def seeded(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of two seed specs, generated once, with a cache of its own."""
    monkeypatch.setenv("SOAPSMITH_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("convio_sync", "superoffice_erpsync"):
        shutil.copytree(SPECS / name, project / "specs" / name)
    first = run("generate")
    assert first.exit_code == 0, first.output
    assert first.stdout.count(": updated") == 2
    return project


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    real = pipeline.build

    def counted(folder: Path, *args: object, **kwargs: object) -> pipeline.Built:
        built.append(folder.name)
        return real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", counted)
    return built


def test_an_unchanged_project_builds_nothing_and_says_what_a_full_run_says(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    again = run("generate", "-v")
    assert again.exit_code == 0, again.output
    assert built == []
    assert again.stdout.count(": unchanged") == 2
    # the same report as a run that builds (no cache: no stamps)
    monkeypatch.setenv("SOAPSMITH_NO_CACHE", "1")
    full = run("generate", "-v")
    assert built == ["convio_sync", "superoffice_erpsync"]
    assert full.stdout == again.stdout
    assert "warning: superoffice_erpsync/" in full.stdout


def test_check_of_an_unchanged_project_builds_nothing(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    result = run("check")
    assert (result.exit_code, result.stdout) == (0, "generated/ is up to date\n")
    assert built == []


@pytest.mark.parametrize("how", ["edited", "removed", "manifest"])
def test_an_output_folder_changed_by_hand_is_built_and_put_right(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    models = seeded / "generated" / "convio_sync" / "convio_sync" / "models.py"
    before = models.read_bytes()
    if how == "edited":
        models.write_bytes(before.replace(b"class ", b"class X", 1))
    elif how == "removed":
        models.unlink()
    else:  # a package the manifest no longer lists: the output is not what the stamp holds
        manifest = seeded / "generated" / ".soapsmith-manifest.json"
        manifest.write_text(manifest.read_text().replace('"convio_sync": [', '"other": ['))
        shutil.copytree(seeded / "generated" / "convio_sync", seeded / "generated" / "other")
    built = count_builds(monkeypatch)
    assert run("check").exit_code == 1
    assert built == ["convio_sync", "superoffice_erpsync"]
    result = run("generate")
    assert result.exit_code == 0, result.output
    assert models.read_bytes() == before
    if how == "manifest":
        assert not (seeded / "generated" / "other").exists()  # pruned: soapsmith wrote it
    else:
        assert "convio_sync: updated" in result.stdout


@pytest.mark.parametrize("suffix", [".soapsmith-new", ".soapsmith-old"])
def test_what_a_killed_run_left_beside_the_output_is_cleared_by_the_next(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    # a run killed while it deleted the old tree after the swap: the output is whole and
    # current, and its stamps match, but a half-deleted sibling folder is left
    left = seeded / f".generated{suffix}"
    shutil.copytree(seeded / "generated", left)
    built = count_builds(monkeypatch)
    result = run("generate")
    assert result.exit_code == 0, result.output
    assert not left.exists()
    assert built == ["convio_sync", "superoffice_erpsync"]  # the full run sees to it
    assert result.stdout.count(": unchanged") == 2


def test_a_changed_spec_is_built_and_its_neighbour_is_not_stamped_stale(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = seeded / "specs" / "convio_sync" / "spec.toml"
    toml.write_text(toml.read_text() + 'version = "2.0.0"\n')
    built = count_builds(monkeypatch)
    result = run("generate")
    assert "convio_sync: updated" in result.stdout
    assert "superoffice_erpsync: unchanged" in result.stdout
    assert built == ["convio_sync", "superoffice_erpsync"]  # one stale stamp: build all asked
    built.clear()
    assert run("generate").exit_code == 0
    assert built == []  # and the run that built them stamped the new inputs


def test_a_spec_asked_for_by_name_is_decided_alone(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (seeded / "specs" / "superoffice_erpsync" / "ForceResyncExternal.txt").write_text("changed")
    built = count_builds(monkeypatch)
    result = run("generate", "convio_sync")
    assert (result.exit_code, built) == (0, [])
    assert result.stdout.startswith("convio_sync: unchanged, 14 files, 2 warning(s)")


def test_a_new_spec_folder_or_a_removed_one_is_built(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(seeded / "specs" / "superoffice_erpsync")
    built = count_builds(monkeypatch)
    result = run("generate")
    assert built == ["convio_sync"]
    assert not (seeded / "generated" / "superoffice_erpsync").exists(), result.output


def test_a_damaged_cache_costs_a_build_never_a_wrong_answer(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite3.connect(tmp_path / "cache" / "cache.sqlite3") as db:
        db.execute("UPDATE stamps SET value = '{\"summary\": 1}'")
    built = count_builds(monkeypatch)
    assert run("generate").exit_code == 0
    assert len(built) == 2
    (tmp_path / "cache" / "cache.sqlite3").write_bytes(b"not a database")
    built.clear()
    assert run("generate").exit_code == 0
    assert len(built) == 2


def test_the_key_follows_every_input(project: Path) -> None:
    spec = project / "specs" / "convio_sync"
    shutil.copytree(SPECS / "convio_sync", spec)
    settings = project_settings(project)

    def key() -> str:
        return stamps.key(spec, settings, stamps.spec_settings(spec), spec_files(spec, settings))

    first = key()
    assert key() == first
    page = spec / "EndSynchronization.txt"
    page.write_bytes(page.read_bytes() + b" ")
    second = key()
    assert second != first
    (spec / "spec.toml").write_text('service = "Other"\n')
    third = key()
    assert third != second
    moved = project / "specs" / "renamed"
    spec.rename(moved)
    assert (
        stamps.key(moved, settings, stamps.spec_settings(moved), spec_files(moved, settings))
        != third
    )
