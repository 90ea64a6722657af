"""`soapsmith generate` killed with SIGKILL at any moment: generated/ is exactly OLD or NEW.

The scenario: a project of four seed specs is generated; the user adds files of their own to
generated/ (at the top, inside a package, inside an import package that will be renamed, inside
the package of a spec that will be deleted) and edits the specs: an operation renamed (every file
of `convio_sync` changes), an import package renamed (`worketc_veetro/worketc_veetro/` becomes
`worketc_veetro/veetro/`), a spec folder deleted (`sanspapier_synchronization`), one spec left
alone (`leadertask_sync`).  OLD is generated/ before the edit and NEW after one uninterrupted
run, each byte for byte with every file and every folder.

How a run writes (generator/write.py): it builds the whole of NEW in a hidden sibling folder,
`.generated.soapsmith-new` (hard links of the files that stay, the changed packages and the
manifest written anew), swaps the two folders with one `renameat2(RENAME_EXCHANGE)`, then
deletes the sibling, which holds OLD by then.

Proven:
- the manifest: the files of a deleted spec and of a renamed import package are deleted, the
  user's files never are, and an unchanged package is not rewritten: no file of it is opened
  for writing, and its files, like the user's, are afterwards the very same files (inodes),
  hard-linked into the new tree.  Where a filesystem cannot hard-link they would be copies with
  the same bytes; this test's temporary folder can;
- deterministic kills: the run is killed with a real SIGKILL right before each filesystem step
  it takes in the project folder (every create, write, link, chmod, rename and delete, in
  generated/ or beside it; one run per step, found by a Python audit hook the test installs in
  the killed process, no hook in the product).  The exchange, a C call that raises no audit
  event, is made a step by the test wrapping `generator.write._exchange`.  Killed before the
  exchange, generated/ is exactly OLD; after it, exactly NEW; never a file or a folder more or
  less.  The next run deletes what the killed one left beside generated/ and leaves exactly NEW;
- the fallback where two folders cannot be exchanged (not Linux, a kernel before 3.15, a
  filesystem without it), forced by the same wrapper: two renames, generated/ to
  `.generated.soapsmith-old` and the new tree to generated/.  A kill between them leaves no
  generated/ at all, OLD waiting whole beside it, and the next run puts it back before anything
  else; that is the fallback's only moment that is neither OLD nor NEW.  This runs the
  fallback's code on Linux; it cannot show how another system's renames behave;
- killing the recovery of that state, at each of its steps, is harmless too;
- time-based kills of the real `python -m generator generate` across its run leave OLD or NEW;
- after every kill the next run succeeds and leaves exactly NEW, nothing beside it.
"""

from __future__ import annotations

import json
import os
import pickle
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from repo import ROOT

from generator.config import project_settings
from generator.format import FormatCache, Formatter
from generator.pipeline import render_all
from generator.write import MANIFEST, NEW, OLD, write

SPECS = ["convio_sync", "leadertask_sync", "sanspapier_synchronization", "worketc_veetro"]
PRUNED = "sanspapier_synchronization"  # its spec folder is deleted
UNCHANGED = "leadertask_sync"  # its spec is not edited
BUILT, RETIRED = f".generated{NEW}", f".generated{OLD}"  # the write's folders beside generated/
PROJECT = ["generated", "pyproject.toml", "specs"]  # the project folder after every whole run
USER_FILES = {  # files soapsmith did not write; never deleted
    "NOTES.md": b"the user's notes, beside the packages\n",
    "convio_sync/LOCAL.md": b"inside a package that changes\n",
    "worketc_veetro/worketc_veetro/extra.py": b"# inside an import package that is renamed\n",
    f"{PRUNED}/keep.txt": b"inside the package of a spec that is deleted\n",
}
MODES = ["exchange", "fallback"]  # renameat2, or two renames where the system has no exchange
KILL_TIMEOUT = 60  # seconds any one command may take before the test gives up on it

Tree = dict[str, bytes]

# Run as `python -c KILLER PROJECT LOG MODE WHAT`: loads the command once, then for each number
# K read from stdin forks a child that runs it and SIGKILLs itself right before its K-th
# filesystem step under PROJECT (0: never), logging the steps it took to LOG; prints the
# child's exit status.  WHAT is `cli` for `soapsmith generate` in the working directory, or the
# path of pickled rendered packages for `generator.write.write` alone (what the command does
# after rendering).  Forking keeps a few hundred kills to seconds; each child is a real process
# killed by a real SIGKILL, and only children install the hook.  MODE `fallback` makes
# `_exchange` report that the system cannot exchange folders.
KILLER = r"""
import os, pickle, signal, sys, traceback
from pathlib import Path
import generator.write as product

project, log_path, mode, what = sys.argv[1:]
project = os.path.realpath(project)
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

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
    if event in ("os.rename", "renameat2"):  # os.rename and os.replace; the exchange below
        return [place(args[0], args[2] if len(args) > 2 else None),
                place(args[1], args[3] if len(args) > 3 else None)]
    if event == "os.link":
        return [place(args[1], args[3])]
    if event in ("os.remove", "os.rmdir"):  # os.remove and os.unlink; os.rmdir
        return [place(args[0], args[1])]
    if event == "os.chmod":
        return [place(args[0], args[2])]
    if event == "os.mkdir":
        path = place(args[0], args[2])
        return None if os.path.isdir(path) else [path]  # exist_ok on a folder that is there
    return None

exchange = product._exchange

def audited_exchange(first, second):
    if mode == "fallback":
        return False
    sys.audit("renameat2", os.fspath(first), os.fspath(second))  # ctypes calls raise none
    return exchange(first, second)

product._exchange = audited_exchange

def run(kill_at):
    steps = 0
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)  # opened before the hook

    def hook(event, args):
        nonlocal steps
        paths = changed(event, args)
        if not paths or not any(p.startswith(project + os.sep) for p in paths):
            return
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)  # steps 1 .. kill_at - 1 are done, this not
        line = event + " " + " ".join(os.path.relpath(p, project) for p in paths) + "\n"
        os.write(log, line.encode())

    sys.addaudithook(hook)
    if what == "cli":
        try:
            main(["generate"])
        except SystemExit as exit:
            return exit.code or 0
    else:
        product.write(Path(project, "generated"), rendered, prune=True)
    return 0

if what == "cli":
    from generator.cli import main
else:
    with open(what, "rb") as file:
        rendered = pickle.load(file)
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stdout is for the statuses
        try:
            code = run(int(line))
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
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


def top(files: Tree, name: str) -> Tree:
    """The files of one top-level entry of generated/ (a package folder, or a file)."""
    return {rel: data for rel, data in files.items() if rel.split("/")[0] == name}


def inodes(folder: Path) -> dict[str, int]:
    return {rel: (folder / rel).stat().st_ino for rel in tree(folder)}


# -- the scenario ------------------------------------------------------------------------------


@dataclass
class Scenario:
    scratch: Path
    project: Path
    old: Tree  # generated/ before the edit, the user's files included
    old_listing: set[str]
    new: Tree = field(default_factory=dict)  # generated/ after one run of the edited specs
    new_listing: set[str] = field(default_factory=set)
    kept: set[str] = field(default_factory=set)  # files that run left the very same files
    cli_steps: list[str] = field(default_factory=list)  # that run's steps, in order
    steps: dict[str, list[str]] = field(default_factory=dict)  # write's alone, by mode

    @property
    def output(self) -> Path:
        return self.project / "generated"

    @property
    def rendered(self) -> Path:
        """The edited specs' packages, rendered in process and pickled."""
        return self.scratch / "rendered.pickle"

    def next_run(self) -> None:
        write(self.output, pickle.loads(self.rendered.read_bytes()), prune=True)

    def reset(self) -> None:
        """generated/ back to OLD, as the killed run found it, and nothing beside it."""
        for name in ("generated", BUILT, RETIRED):
            if (self.project / name).exists():
                shutil.rmtree(self.project / name)
        shutil.copytree(self.scratch / "old", self.output)

    def state(self) -> str:
        """'old' or 'new' where generated/ is exactly that, every file and folder; 'none' where
        there is no generated/; else 'mixed'."""
        if not self.output.exists():
            return "none"
        found = tree(self.output), listing(self.output)
        if found == (self.old, self.old_listing):
            return "old"
        if found == (self.new, self.new_listing):
            return "new"
        return "mixed"

    def assert_new_and_clean(self) -> None:
        """What every run that is not killed must leave: NEW, exactly, and nothing else."""
        assert tree(self.output) == self.new
        assert listing(self.output) == self.new_listing, "stray files or folders"
        assert sorted(p.name for p in self.project.iterdir()) == PROJECT


class Killer:
    """KILLER, running: `kill(k)` runs its command once more, killed before its k-th step."""

    def __init__(self, s: Scenario, what: str, mode: str = "exchange") -> None:
        self.log, self.errors = s.scratch / "steps.log", s.scratch / "killer.err"
        with self.errors.open("wb") as errors:
            self.process = subprocess.Popen(
                command("-c", KILLER, str(s.project), str(self.log), mode, what),
                cwd=s.project, env=environment(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=errors, text=True,
            )  # fmt: skip

    def kill(self, kill_at: int) -> tuple[int, list[str]]:
        """The run's exit status (negative: the signal) and the steps it took."""
        self.log.unlink(missing_ok=True)
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{kill_at}\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], KILL_TIMEOUT)
        answer = self.process.stdout.readline() if ready else ""
        assert answer, f"no answer from the killer: {self.errors.read_text()}"
        status = int(answer)
        assert status in (0, -signal.SIGKILL), self.errors.read_text()
        steps = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        return status, steps

    def __enter__(self) -> Killer:
        return self

    def __exit__(self, *error: object) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        if self.process.stdout:
            self.process.stdout.close()
        self.process.wait(timeout=KILL_TIMEOUT)


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
    s = Scenario(scratch, project, tree(output), listing(output))
    shutil.copytree(output, scratch / "old")

    edit_specs(project / "specs")
    before = inodes(output)
    with Killer(s, "cli") as cli:  # the real command, watched but not killed
        status, s.cli_steps = cli.kill(0)
    assert status == 0
    s.new, s.new_listing = tree(output), listing(output)
    s.kept = {rel for rel, inode in inodes(output).items() if before.get(rel) == inode}

    settings = project_settings(project)
    rendered, _ = render_all(settings.spec_folders(), settings, Formatter(FormatCache.default()))
    s.rendered.write_bytes(pickle.dumps(rendered))
    for mode in MODES:
        s.reset()
        with Killer(s, str(s.rendered), mode) as alone:
            status, s.steps[mode] = alone.kill(0)
        assert status == 0
        s.assert_new_and_clean()
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
    # an unchanged spec: the same bytes, no file of it written, the very same files, like the
    # user's; a package that changed is written anew
    assert top(old, UNCHANGED) == top(new, UNCHANGED)
    writes = [step for step in scenario.cli_steps if step.startswith("open ")]
    assert writes and not [step for step in writes if f"/{UNCHANGED}/" in step]
    assert set(top(new, UNCHANGED)) | set(USER_FILES) <= scenario.kept
    assert "convio_sync/convio_sync/client.py" not in scenario.kept
    # the manifest lists exactly what soapsmith wrote, and none of the user's files
    listed = json.loads(new[MANIFEST])["packages"]
    written = {f"{name}/{rel}" for name, files in listed.items() for rel in files}
    assert written == set(new) - set(USER_FILES) - {MANIFEST}


# -- SIGKILL before every step ------------------------------------------------------------------


def swap(steps: list[str], mode: str) -> int:
    """The step (1-based) after which generated/ is NEW."""
    last = f"renameat2 {BUILT} generated" if mode == "exchange" else f"os.rename {BUILT} generated"
    return steps.index(last) + 1


def paths(step: str) -> list[str]:
    return step.split()[1:]


def under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(f"{folder}/")


def test_the_killed_steps_are_those_of_the_real_command(scenario: Scenario) -> None:
    """The harness below kills `write` alone; it takes exactly the command's steps, and they
    are what the test below reasons about."""
    steps = scenario.steps["exchange"]
    assert steps == scenario.cli_steps
    # Everything is built beside generated/: files are written only there, so a kill in the
    # middle of a write (which the step-wise kills do not reach) can only cut a file of the
    # tree being built.  One step changes generated/, the exchange; after it the old tree,
    # beside generated/ now, is deleted.
    exchange = swap(steps, "exchange")
    assert all(under(p, BUILT) for step in steps[: exchange - 1] for p in paths(step))
    assert all(under(p, BUILT) for step in steps[exchange:] for p in paths(step))
    assert all(step.split()[0] in ("os.remove", "os.rmdir") for step in steps[exchange:])
    # The fallback builds alike, then takes two renames and deletes the old tree.
    fallback = scenario.steps["fallback"]
    last = swap(fallback, "fallback")
    assert fallback[: last - 2] == steps[: exchange - 1]
    assert fallback[last - 2] == f"os.rename generated {RETIRED}"
    assert all(under(p, RETIRED) for step in fallback[last:] for p in paths(step))
    assert all(step.split()[0] in ("os.remove", "os.rmdir") for step in fallback[last:])


@pytest.mark.parametrize("mode", MODES)
def test_every_kill_leaves_old_or_new_and_the_next_run_finishes(
    scenario: Scenario, mode: str
) -> None:
    steps = scenario.steps[mode]
    last = swap(steps, mode)
    # the fallback's steps before its renames are the exchange's, each killed in that run
    first = 1 if mode == "exchange" else last - 1
    with Killer(scenario, str(scenario.rendered), mode) as killer:
        for kill_at in range(first, len(steps) + 1):
            scenario.reset()
            status, _ = killer.kill(kill_at)
            assert status == -signal.SIGKILL, f"step {kill_at} was never reached"
            state, where = scenario.state(), f"killed before {kill_at}: {steps[kill_at - 1]}"
            if mode == "fallback" and kill_at == last:  # between its two renames
                assert state == "none", where
                assert tree(scenario.project / RETIRED) == scenario.old, where
            else:
                assert state == ("old" if kill_at <= last else "new"), where
            # the next run (after rendering, which never looks at generated/) finishes it
            scenario.next_run()
            scenario.assert_new_and_clean()


def test_a_kill_of_the_recovery_is_harmless_too(scenario: Scenario) -> None:
    """Killed between the two renames of the fallback, a run leaves no generated/, OLD beside it
    and NEW built beside it; the next run first puts OLD back and deletes NEW's folder.  Kill
    that recovery at each of its steps (the deletion is all that recovers any other kill)."""
    rendered = str(scenario.rendered)
    scenario.reset()
    with Killer(scenario, rendered, "fallback") as killer:
        assert killer.kill(swap(scenario.steps["fallback"], "fallback"))[0] == -signal.SIGKILL
    assert scenario.state() == "none"
    broken = scenario.scratch / "broken"
    shutil.copytree(scenario.project, broken, ignore=shutil.ignore_patterns("specs"))
    with Killer(scenario, rendered) as killer:
        status, steps = killer.kill(0)
        assert status == 0
        # the recovery is what precedes the run's own build, which starts with its folder
        recovery = steps[: steps.index(f"os.mkdir {BUILT}")]
        assert recovery[0] == f"os.rename {RETIRED} generated", recovery
        assert f"os.rmdir {BUILT}" in recovery, recovery
        for kill_at in range(1, len(recovery) + 1):
            for name in (BUILT, RETIRED):  # the project as the killed run left it
                shutil.rmtree(scenario.project / name, ignore_errors=True)
                shutil.copytree(broken / name, scenario.project / name)
            shutil.rmtree(scenario.output, ignore_errors=True)
            assert killer.kill(kill_at)[0] == -signal.SIGKILL
            assert scenario.state() == ("none" if kill_at == 1 else "old"), recovery[kill_at - 1]
            scenario.next_run()
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
        state = scenario.state()
        assert state in ("old", "new"), (fraction, status, state)
        assert status == -signal.SIGKILL or (status == 0 and state == "new"), (fraction, status)
        outcomes.append((fraction, status, state))
        generate(scenario.project)
        scenario.assert_new_and_clean()
    assert any(status == -signal.SIGKILL for _, status, _ in outcomes), outcomes
