"""Generation is a pure function of specs/: same bytes every run, every hash seed, every folder.

Nothing here writes into the repository: every run renders into a temporary folder, and the
committed generated/ is only read (by `check`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from repo import ROOT

from generator.config import project_settings
from generator.pipeline import check, generate
from generator.write import MANIFEST, read_manifest

SEEDS = sorted(p.name for p in (ROOT / "specs").iterdir() if p.is_dir())

Tree = dict[str, bytes]


def tree(folder: Path) -> Tree:
    """Every file under `folder`, by POSIX relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def committed_tree() -> Tree:
    """The files soapsmith wrote into the committed generated/ (caches and the like left out)."""
    output = ROOT / "generated"
    files = {MANIFEST: (output / MANIFEST).read_bytes()}
    for name, listed in read_manifest(output).items():
        for rel in listed:
            files[f"{name}/{rel}"] = (output / name / rel).read_bytes()
    return files


def assert_same_tree(left: Tree, right: Tree, what: str) -> None:
    assert sorted(left) == sorted(right), f"{what}: different file lists"
    differing = [rel for rel in sorted(left) if left[rel] != right[rel]]
    assert not differing, f"{what}: files differ byte for byte: {differing}"


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tree, Tree]:
    """Every spec generated twice in this process, into two fresh folders."""
    project = project_settings(ROOT)
    trees = []
    for run in ("first", "second"):
        output = tmp_path_factory.mktemp(f"in-process-{run}") / "generated"
        changed, built = generate(None, project, output)
        assert sorted(changed) == SEEDS, "a fresh output folder must get every package"
        assert sorted(b.model.name for b in built) == SEEDS
        trees.append(tree(output))
    return trees[0], trees[1]


def test_two_runs_in_one_process_are_identical(in_process: tuple[Tree, Tree]) -> None:
    first, second = in_process
    assert MANIFEST in first
    for seed in SEEDS:  # every package is really there, not just a manifest
        assert any(rel.startswith(f"{seed}/") and rel.endswith("/client.py") for rel in first)
    assert_same_tree(first, second, "two in-process runs")


def test_one_spec_alone_renders_as_in_the_full_run(
    in_process: tuple[Tree, Tree], tmp_path: Path
) -> None:
    """No state leaks from one spec into the next: generating the last spec alone is the same."""
    seed = SEEDS[-1]
    output = tmp_path / "generated"
    generate([ROOT / "specs" / seed], project_settings(ROOT), output)
    alone = {rel: data for rel, data in tree(output).items() if rel != MANIFEST}
    full = {rel: data for rel, data in in_process[0].items() if rel.startswith(f"{seed}/")}
    assert alone, "nothing was generated"
    assert_same_tree(alone, full, f"{seed} alone vs in the full run")


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folder`, itself included, by inode and modification time."""
    found = {}
    for parent, dirs, files in os.walk(folder):
        for name in [".", *dirs, *files]:
            path = Path(parent, name)
            stat = path.lstat()
            found[path.relative_to(folder).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def test_one_spec_keeps_the_others_and_an_unchanged_run_touches_nothing(tmp_path: Path) -> None:
    """Generating one spec leaves the other packages alone; a symlinked output folder stays a
    symlink to a folder that keeps its mode; a run that changes nothing writes nothing at all."""
    project = project_settings(ROOT)
    target, output = tmp_path / "elsewhere", tmp_path / "generated"
    target.mkdir()
    target.chmod(0o750)
    output.symlink_to(target, target_is_directory=True)
    first, second = (ROOT / "specs" / seed for seed in SEEDS[:2])
    assert generate([first], project, output)[0] == [first.name]
    (output / "NOTES.md").write_bytes(b"the user's\n")
    kept = tree(target / first.name)
    assert generate([second], project, output)[0] == [second.name]
    assert tree(target / first.name) == kept
    assert output.is_symlink() and target.stat().st_mode & 0o777 == 0o750
    assert sorted(read_manifest(output)) == [first.name, second.name]
    assert (target / "NOTES.md").read_bytes() == b"the user's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "generated"]
    before = _stamps(tmp_path)
    assert generate([first], project, output)[0] == []
    assert _stamps(tmp_path) == before


def _project_copy(where: Path) -> Path:
    where.mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", where / "pyproject.toml")
    shutil.copytree(ROOT / "specs", where / "specs")
    return where


def test_hash_seed_and_location_do_not_change_the_output(
    tmp_path: Path, in_process: tuple[Tree, Tree]
) -> None:
    """Two CLI runs, with different PYTHONHASHSEED, in two copies at different absolute paths."""
    runs = {
        "0": _project_copy(tmp_path / "a"),
        "12345": _project_copy(tmp_path / "elsewhere" / "b"),
    }
    processes = {}
    for hash_seed, copy in runs.items():
        env = dict(os.environ)
        env.update(
            PYTHONHASHSEED=hash_seed,
            PYTHONPATH=str(ROOT),  # this checkout's generator, whatever else is installed
            PYTHONDONTWRITEBYTECODE="1",
        )
        processes[hash_seed] = subprocess.Popen(
            [sys.executable, "-c", "from generator.cli import main; main()", "generate"],
            cwd=copy,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    trees = {}
    for hash_seed, process in processes.items():
        out, err = process.communicate(timeout=300)
        assert (
            process.returncode == 0
        ), f"PYTHONHASHSEED={hash_seed}: exit {process.returncode}\n{out}\n{err}"
        for seed in SEEDS:
            assert f"{seed}: updated" in out, out
        trees[hash_seed] = tree(runs[hash_seed] / "generated")
    assert_same_tree(trees["0"], trees["12345"], "PYTHONHASHSEED=0 vs 12345")
    assert_same_tree(trees["0"], in_process[0], "CLI subprocess vs in-process generation")


def test_committed_generated_is_up_to_date() -> None:
    """`soapsmith check`: the committed generated/ is exactly what the specs render to now."""
    drift, _built = check(project_settings(ROOT))
    diff = "".join(drift.diff)
    assert drift.clean, f"{len(drift.changed)} file(s) out of date: {drift.changed}\n{diff}"


def _forbidden_strings(tmp_path: Path) -> list[str]:
    paths = {
        str(tmp_path),
        str(tmp_path.resolve()),
        str(ROOT),
        str(ROOT.parent) + "/",
        str(Path.home()) + "/",
        str(Path(sys.prefix)),
    }
    days = {date.today(), datetime.now(timezone.utc).date()}
    formats = ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y",
               "%d %b %Y", "%b %d, %Y", "%d %B %Y", "%B %d, %Y")  # fmt: skip
    stamps = {day.strftime(f) for day in days for f in formats}
    return sorted(paths | stamps)


_DATETIME = re.compile(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")


def _leaks(files: Tree, forbidden: list[str]) -> list[str]:
    # a Unix time within a day of now: the first five of its ten digits match
    now = int(time.time())
    epoch = re.compile(
        rb"(?<!\d)("
        + b"|".join(str(t)[:5].encode() for t in {now - 86400, now, now + 86400})
        + rb")\d{5}(?!\d)"
    )
    found = []
    for rel, data in sorted(files.items()):
        for text in forbidden:
            if text.encode("utf-8") in data:
                found.append(f"{rel}: {text!r}")
        for pattern in (_DATETIME, epoch):
            match = pattern.search(data)
            if match:
                found.append(f"{rel}: {match.group().decode()!r}")
    return found


def test_no_machine_paths_or_timestamps_in_output(
    tmp_path: Path, in_process: tuple[Tree, Tree]
) -> None:
    forbidden = _forbidden_strings(tmp_path)
    output = tmp_path / "deep" / "output folder" / "generated"
    generate(None, project_settings(ROOT), output)
    fresh = tree(output)
    assert fresh == in_process[0], "the output folder's location changed the output"
    assert not _leaks(fresh, forbidden + [str(output), str(output.parent)])
    assert not _leaks(committed_tree(), forbidden)


def test_leak_check_can_fail() -> None:
    """The check above is not vacuous: it does catch a path and today's date."""
    forbidden = _forbidden_strings(Path("/nonexistent"))
    today = date.today()
    yesterday = datetime.now() - timedelta(days=1)
    assert _leaks({"a": str(ROOT / "specs").encode()}, forbidden)
    assert _leaks({"a": today.isoformat().encode()}, forbidden)
    assert _leaks({"a": f"# built {yesterday:%Y-%m-%d %H:%M}".encode()}, forbidden)
    assert _leaks({"a": f"stamp = {int(time.time())}".encode()}, forbidden)
    harmless = b"sha256:732ef7abf7b4cc8d 2024.2 0.1.0 specs/worketc_veetro"
    assert not _leaks({"a": harmless}, forbidden)
