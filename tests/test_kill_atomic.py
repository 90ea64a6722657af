"""`soapsmith generate` killed with SIGKILL at any moment: generated/ is never left damaged.

The scenario: a project of four seed specs is generated; the user adds files of their own to
generated/ (at the top, inside a package, inside an import package that will be renamed, inside
the package of a spec that will be deleted) and edits the specs: an operation renamed (every file
of `convio_sync` changes), an import package renamed (`worketc_veetro/worketc_veetro/` becomes
`worketc_veetro/veetro/`), a spec folder deleted (`sanspapier_synchronization`), one spec left
alone (`leadertask_sync`).  OLD is generated/ before the edit and NEW after one uninterrupted
run, each byte for byte with every file.

Proven:
- the manifest: the files of a deleted spec and of a renamed import package are deleted, the
  user's files never are, and an unchanged package is not even rewritten;
- deterministic kills: the run is killed with a real SIGKILL right before each filesystem step
  it takes under generated/ (every create, write, rename and delete; one run per step, found by
  a Python audit hook installed by the test in the killed interpreter, no hook in the product).
  Killed anywhere before its first package swap, generated/ is exactly OLD; anywhere after the
  manifest's replace, exactly NEW.  In between (the commit window) the only steps are renames of
  whole package folders, deletions of a deleted spec's files and the manifest's atomic replace,
  so each package is whole: its old version, its new one, or, between the two renames of its
  swap, its old version waiting whole in the staging folder.  Killing the recovery of that last
  state, at each of its steps, is harmless too;
- time-based kills of the real `python -m generator generate` across its run leave the same;
- after every kill the next run succeeds and leaves exactly NEW: no staging folder, no temporary
  manifest, no stray file or folder, every user file in place.

A kill may leave only the design's own temporary files in generated/ (`.soapsmith-staging/`,
`.soapsmith-manifest.json.tmp`); the next run removes them.

Not atomic, by design: generated/ as a whole changes by several renames, so a kill inside the
commit window (the run's last milliseconds) leaves whole packages of both runs side by side, and
the old manifest, until the next run; the deterministic test checks that this is all it leaves.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import project_settings
from generator.format import FormatCache, Formatter
from generator.pipeline import render_all, spec_folders
from generator.write import MANIFEST, STAGING, write

ROOT = Path(__file__).resolve().parent.parent
SPECS = ["convio_sync", "leadertask_sync", "sanspapier_synchronization", "worketc_veetro"]
PRUNED = "sanspapier_synchronization"  # its spec folder is deleted
UNCHANGED = "leadertask_sync"  # its spec is not edited
TEMPORARY = (STAGING, f"{MANIFEST}.tmp")  # what a killed run may leave in generated/
USER_FILES = {  # files soapsmith did not write; never deleted
    "NOTES.md": b"the user's notes, beside the packages\n",
    "convio_sync/LOCAL.md": b"inside a package that changes\n",
    "worketc_veetro/worketc_veetro/extra.py": b"# inside an import package that is renamed\n",
    f"{PRUNED}/keep.txt": b"inside the package of a spec that is deleted\n",
}
KILL_TIMEOUT = 60  # seconds any one command may take before the test gives up on it

Tree = dict[str, bytes]

# Runs the command in a fresh interpreter and SIGKILLs it right before its KILL_AT-th
# filesystem step under OUTPUT (0: never), logging the steps it took to LOG.  Run as
# `python -c KILLER OUTPUT KILL_AT LOG WHAT`; WHAT is `cli` for `soapsmith generate` in the
# working directory, or the path of pickled rendered packages for `generator.write.write`
# alone (what the command does after rendering, without half a second of imports).
KILLER = r"""
import os, pickle, signal, sys
from pathlib import Path

output, kill_at, log_path, what = sys.argv[1:]
output, kill_at = os.path.realpath(output), int(kill_at)
log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)  # opened before the hook
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
steps = 0

def place(path, dir_fd=None):
    path = os.fsdecode(path)
    if dir_fd is not None and dir_fd >= 0:  # shutil.rmtree: relative to an open folder
        path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    return os.path.realpath(path)

def changed(event, args):
    # the paths an audited call is about to change, or None when it changes nothing
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int):
            return None
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else flags & WRITING
        return [place(path)] if writes else None
    if event == "os.rename":  # os.rename and os.replace
        return [place(args[0], args[2]), place(args[1], args[3])]
    if event in ("os.remove", "os.rmdir"):  # os.remove and os.unlink; os.rmdir
        return [place(args[0], args[1])]
    if event == "os.mkdir":
        path = place(args[0], args[2])
        return None if os.path.isdir(path) else [path]  # exist_ok on a folder that is there
    return None

def hook(event, args):
    global steps
    paths = changed(event, args)
    if not paths or not any(p == output or p.startswith(output + os.sep) for p in paths):
        return
    steps += 1
    if steps == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)  # steps 1 .. kill_at - 1 are done, this one not
    line = event + " " + " ".join(os.path.relpath(p, output) for p in paths) + "\n"
    os.write(log, line.encode())

if what == "cli":
    from generator.cli import main
    sys.addaudithook(hook)
    main(["generate"])
else:
    from generator.write import write
    with open(what, "rb") as file:
        rendered = pickle.load(file)
    sys.addaudithook(hook)
    write(Path(output), rendered, prune=True)
"""


# -- trees -------------------------------------------------------------------------------------


def tree(folder: Path) -> Tree:
    """Every file under `folder`, hidden ones included, by POSIX relative path."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def listing(folder: Path) -> set[str]:
    """Every file and folder under `folder`: empty folders count too."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")}


def visible(output: Path) -> Tree:
    """generated/ as a reader sees it: the design's temporary files aside."""
    return {rel: data for rel, data in tree(output).items() if rel.split("/")[0] not in TEMPORARY}


def top(files: Tree, name: str) -> Tree:
    """The files of one top-level entry of generated/ (a package folder, or a file)."""
    return {rel: data for rel, data in files.items() if rel.split("/")[0] == name}


# -- the scenario ------------------------------------------------------------------------------


@dataclass
class Scenario:
    scratch: Path
    project: Path
    old: Tree  # generated/ before the edit, the user's files included
    new: Tree  # generated/ after one uninterrupted run of the edited specs
    new_listing: set[str]
    steps: list[str]  # that run's filesystem steps under generated/, in order
    rendered: Path  # the edited specs' packages, rendered in process and pickled

    @property
    def output(self) -> Path:
        return self.project / "generated"

    def reset(self) -> None:
        """generated/ back to OLD, as the killed run found it."""
        shutil.rmtree(self.output)
        shutil.copytree(self.scratch / "old", self.output)

    def judge(self) -> str:
        """'old' or 'new' where generated/ is exactly that; else checks what a kill in the
        commit window may leave, package by package, and says 'mixed'."""
        seen = visible(self.output)
        if seen == self.old:
            return "old"
        if seen == self.new:
            return "new"
        names = {rel.split("/")[0] for rel in (*seen, *self.old, *self.new)}
        for name in sorted(names):
            have, old, new = top(seen, name), top(self.old, name), top(self.new, name)
            if have in (old, new):
                continue
            if name == PRUNED:  # deleted file by file: each one whole or gone, the user's stay
                assert new.items() <= have.items() <= old.items(), f"{name}: damaged"
                continue
            # between the two renames of a swap: the old package waits whole in staging
            assert not have, f"{name}: a mix of old and new files {sorted(have)}"
            waiting = tree(self.output / STAGING / f"{name}.old")
            assert {f"{name}/{rel}": data for rel, data in waiting.items()} == old, name
        return "mixed"

    def assert_new_and_clean(self) -> None:
        """What every run that is not killed must leave: NEW, exactly, and nothing else."""
        assert tree(self.output) == self.new
        assert listing(self.output) == self.new_listing, "stray files or folders"


def command(*args: str) -> list[str]:
    return [sys.executable, *args]


def environment() -> dict[str, str]:
    # this checkout's generator; SOAPSMITH_CACHE_DIR (set by conftest) keeps black's cache
    # private and warm, so that a run takes about a second
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


def generate(project: Path) -> None:
    done = subprocess.run(
        command("-m", "generator", "generate"), cwd=project, env=environment(),
        capture_output=True, text=True, timeout=KILL_TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def killer(s: Scenario, kill_at: int, what: str) -> tuple[int, list[str]]:
    """Run KILLER; its exit status (negative: the signal) and the steps it took."""
    log = s.scratch / "steps.log"
    log.unlink(missing_ok=True)
    done = subprocess.run(
        command("-c", KILLER, str(s.output), str(kill_at), str(log), what),
        cwd=s.project, env=environment(), capture_output=True, text=True,
        timeout=KILL_TIMEOUT, check=False,
    )  # fmt: skip
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    steps = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done.returncode, steps


def edit_specs(specs: Path) -> None:
    page = specs / "convio_sync" / "EndSynchronization.txt"
    page.write_bytes(page.read_bytes().replace(b"EndSynchronization", b"CloseSynchronization"))
    with (specs / "worketc_veetro" / "spec.toml").open("a", encoding="utf-8") as toml:
        toml.write('package = "veetro"\n')
    shutil.rmtree(specs / PRUNED)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    scratch = tmp_path_factory.mktemp("kill")
    project = scratch / "project"
    (project / "specs").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    for name in SPECS:
        shutil.copytree(ROOT / "specs" / name, project / "specs" / name)
    generate(project)
    output = project / "generated"
    for rel, data in USER_FILES.items():
        (output / rel).write_bytes(data)
    old = tree(output)
    shutil.copytree(output, scratch / "old")

    edit_specs(project / "specs")
    s = Scenario(scratch, project, old, {}, set(), [], scratch / "rendered.pickle")
    status, s.steps = killer(s, 0, "cli")  # the real command, watched but not killed
    assert status == 0
    s.new, s.new_listing = tree(output), listing(output)

    settings = project_settings(project)
    rendered, _ = render_all(spec_folders(settings), settings, Formatter(FormatCache.default()))
    s.rendered.write_bytes(pickle.dumps(rendered))
    s.reset()
    return s


# -- an uninterrupted run: the manifest ---------------------------------------------------------


def test_the_manifest_deletes_stale_files_and_never_the_users(scenario: Scenario) -> None:
    old, new = scenario.old, scenario.new
    for rel, data in USER_FILES.items():
        assert old[rel] == data and new[rel] == data, rel
    # a deleted spec: its files are gone, the user's file in its folder is not
    assert set(top(old, PRUNED)) > {f"{PRUNED}/keep.txt"}
    assert set(top(new, PRUNED)) == {f"{PRUNED}/keep.txt"}
    # a renamed import package: the old one's files are gone, the user's file stays
    assert sorted(r for r in new if r.startswith("worketc_veetro/worketc_veetro/")) == [
        "worketc_veetro/worketc_veetro/extra.py"
    ]
    assert "worketc_veetro/veetro/client.py" in new
    # a renamed operation
    client = new["convio_sync/convio_sync/client.py"]
    assert b"def close_synchronization(" in client and b"end_synchronization" not in client
    # an unchanged spec: the same bytes, and not one step of the run touched its package
    assert top(old, UNCHANGED) == top(new, UNCHANGED)
    assert not [step for step in scenario.steps if UNCHANGED in step]
    # the manifest lists exactly what soapsmith wrote, and none of the user's files
    listed = json.loads(new[MANIFEST])["packages"]
    written = {f"{name}/{rel}" for name, files in listed.items() for rel in files}
    assert written == set(new) - set(USER_FILES) - {MANIFEST}


# -- SIGKILL before every step ------------------------------------------------------------------


def commit_window(steps: list[str]) -> tuple[int, int]:
    """The steps (1-based) of the first package swap and of the manifest's replace."""
    first_swap = next(i for i, step in enumerate(steps, 1) if step.startswith("os.rename "))
    manifest = f"os.rename {MANIFEST}.tmp {MANIFEST}"
    return first_swap, steps.index(manifest) + 1


def test_the_killed_steps_are_those_of_the_real_command(scenario: Scenario) -> None:
    """The harness below kills `write` alone; it takes exactly the command's steps."""
    scenario.reset()
    status, steps = killer(scenario, 0, str(scenario.rendered))
    assert status == 0
    assert steps == scenario.steps
    scenario.assert_new_and_clean()
    # and the steps are what the test below reasons about.  Files are written only into the
    # staging folder and the temporary manifest, so that a kill in the middle of a write (which
    # the step-wise kills do not reach) can only cut a temporary file.
    written = [step.split()[1] for step in steps if step.startswith("open ")]
    assert all(p.startswith(f"{STAGING}/") or p == f"{MANIFEST}.tmp" for p in written), written
    # Everything before the first swap happens in the staging folder; in the window, only whole
    # packages move, pruned files go and the manifest is replaced.
    first_swap, manifest = commit_window(steps)
    before = [step.split(" ", 1)[1] for step in steps[: first_swap - 1]]
    assert before and all(p.startswith(STAGING) for step in before for p in step.split()), before
    for step in steps[first_swap - 1 : manifest]:
        event, *paths = step.split()
        if event == "os.rename":
            assert all(p.count("/") <= 1 for p in paths), step  # a package folder or the manifest
        elif event in ("os.remove", "os.rmdir"):
            assert paths[0].startswith(f"{PRUNED}/"), step
        else:
            assert (event, paths) == ("open", [f"{MANIFEST}.tmp"]), step
    scenario.reset()


def test_every_kill_leaves_old_new_or_whole_packages_and_the_next_run_finishes(
    scenario: Scenario,
) -> None:
    first_swap, manifest = commit_window(scenario.steps)
    states = {}
    for kill_at in range(1, len(scenario.steps) + 1):
        scenario.reset()
        status, _ = killer(scenario, kill_at, str(scenario.rendered))
        assert status == -signal.SIGKILL, f"step {kill_at} was never reached"
        state = scenario.judge()
        states[kill_at] = state
        step = f"killed before step {kill_at}: {scenario.steps[kill_at - 1]}"
        if kill_at <= first_swap:
            assert state == "old", step
        elif kill_at > manifest:
            assert state == "new", step
        # the next run (after rendering, which never looks at generated/) repairs everything
        write(scenario.output, pickle.loads(scenario.rendered.read_bytes()), prune=True)
        scenario.assert_new_and_clean()
    # mixed states (whole packages of both runs side by side) only inside the commit window
    mixed = [k for k, state in states.items() if state == "mixed"]
    assert all(first_swap < k <= manifest for k in mixed), mixed


def test_a_kill_of_the_recovery_is_harmless_too(scenario: Scenario) -> None:
    """Killed between the two renames of its first swap, a run leaves a package only in the
    staging folder; the next run puts it back first.  Kill that recovery at each of its steps."""
    first_swap, _ = commit_window(scenario.steps)
    rendered = str(scenario.rendered)
    scenario.reset()
    assert killer(scenario, first_swap + 1, rendered)[0] == -signal.SIGKILL
    assert scenario.judge() == "mixed"  # convio_sync is missing; its old copy is in staging
    broken = scenario.scratch / "broken"
    shutil.copytree(scenario.output, broken)
    status, steps = killer(scenario, 0, rendered)
    assert status == 0
    # recovery: the old package renamed back, then the staging folder deleted; the run's own
    # staging starts with a fresh staging folder
    recovery = steps[: next(i for i, step in enumerate(steps) if step.startswith("os.mkdir"))]
    assert recovery[0] == f"os.rename {STAGING}/convio_sync.old convio_sync", recovery
    for kill_at in range(1, len(recovery) + 1):
        shutil.rmtree(scenario.output)
        shutil.copytree(broken, scenario.output)
        assert killer(scenario, kill_at, rendered)[0] == -signal.SIGKILL
        assert scenario.judge() in ("old", "mixed"), f"killed before {recovery[kill_at - 1]}"
        write(scenario.output, pickle.loads(scenario.rendered.read_bytes()), prune=True)
        scenario.assert_new_and_clean()
    shutil.rmtree(broken)


# -- SIGKILL of the real command at spread-out times -------------------------------------------


def test_sigkill_of_the_real_command_at_spread_out_times(scenario: Scenario) -> None:
    """Time-based kills of `python -m generator generate` across its whole run, each followed
    by a real next run.  Most land in imports and rendering, which write nothing, and the
    write phase is the run's last few milliseconds: the late kills, jittered by the system's
    timing, fall around it.  The deterministic test above covers it step by step."""
    scenario.reset()
    started = time.perf_counter()
    generate(scenario.project)  # the timing run: uninterrupted, black's cache as warm as below
    seconds = time.perf_counter() - started
    outcomes = []
    for fraction in (0.15, 0.35, 0.55, 0.75, 0.88, 0.94, 0.97, 0.99):
        scenario.reset()
        with subprocess.Popen(
            command("-m", "generator", "generate"), cwd=scenario.project, env=environment(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ) as process:  # fmt: skip
            time.sleep(fraction * seconds)
            process.kill()
            status = process.wait(timeout=KILL_TIMEOUT)
        state = scenario.judge()
        assert status == -signal.SIGKILL or (status == 0 and state == "new"), (fraction, status)
        outcomes.append((fraction, status, state))
        generate(scenario.project)
        scenario.assert_new_and_clean()
    assert any(status == -signal.SIGKILL for _, status, _ in outcomes), outcomes
