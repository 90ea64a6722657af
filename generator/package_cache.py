"""Packages built for `sample` and `serve`, kept in the cache folder by the key of their inputs.

Both commands run a spec's generated code in process.  Building a large service takes seconds
and a first import compiles megabytes of Python, so a package is put once into
`packages/<key>/` of the cache (by the `generate` that wrote it, or built, or copied from an
output folder whose stamp shows it current), compiled to bytecode there, and imported from
there by every later command with the same inputs (stamps.key: the spec's files and settings,
soapsmith's code, the shaping libraries).  A package appears whole or not at all (written
beside, then renamed), so two commands at once each find it ready or make their own.  The
`KEPT` most recently used stay.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pickle
import py_compile
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from . import stamps
from .cache import Store
from .config import ProjectSettings, spec_settings
from .readers.files import spec_files

KEPT = 8  # packages kept; each of the largest services' is about 15 MB with its bytecode
READY = ".ready"  # holds the import package's name; written last
STALE_SECONDS = 3600.0  # a half-made package this old was left by a run that was stopped

Build = Callable[[str | None], tuple[dict[str, bytes], str]]  # operation -> (files, package)
Kept = tuple[str, Mapping[str, bytes], str]  # (stamps.key, files, import package)


def package_home(
    folder: Path,
    project: ProjectSettings,
    store: Store,
    build: Build,
    operation: str | None = None,
    answered: bool = True,
) -> tuple[Path, str]:
    """The folder holding the spec's package, and the package's name, made where needed.  With
    `operation`, a package of that operation alone will do where the whole one must be built;
    not `answered`, of its request alone (kept apart from the one that answers it)."""
    settings = spec_settings(folder)
    key = stamps.key(folder, project, settings, spec_files(folder, project))
    packages = store.folder / "packages"
    home = packages / key[:40]
    if not (home / READY).is_file():
        made = _from_output(folder, project, store)
        if made is None and operation is not None:
            asked = operation.encode("utf-8", "surrogateescape")  # as the command line gave it
            parts = (key.encode(), asked) if answered else (key.encode(), asked, b"request")
            home = packages / stamps.content_key(*parts)[:40]
        if not (home / READY).is_file():
            files, package = made or build(operation)
            _put(packages, home, files, package)
    ready = home / READY
    os.utime(ready)  # the most recently used are kept
    _prune(packages)
    return home, ready.read_text(encoding="utf-8")


def keep(store: Store, key: str, files: Mapping[str, bytes], package: str) -> None:
    """Put a package just generated where `sample` and `serve` will look for it.  The cache
    only saves time, so a cache that cannot be written costs nothing but that."""
    packages = store.folder / "packages"
    home = packages / key[:40]
    try:
        if not (home / READY).is_file():
            _put(packages, home, files, package)
        _prune(packages)
    except OSError:
        return


def keep_later(store: Store, kept: Sequence[Kept]) -> None:
    """`keep` each of `kept` in a process that outlives the command (where the system forks).

    Compiling a large service's models is most of a first `sample` after a change (about 2 s
    of NetSuite's 2.6 s).  `generate` hands its new packages to a child, which reads them, forks
    a grandchild to compile them into the cache and exits: the command waits only for the
    hand-over (a fraction of a second), not for the compiling.  A `sample` that comes before
    the grandchild is done makes the package itself, as it would without it.
    """
    if not kept or not hasattr(os, "fork"):
        return
    home = Path(__file__).resolve().parents[1]  # where this soapsmith is imported from
    try:
        store.folder.mkdir(parents=True, exist_ok=True)
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(store.folder), str(home)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # `-c` imports from the working folder first: the cache's, not a user's project
            # that may hold a `generator` package of its own
            cwd=store.folder,
            start_new_session=True,  # an interrupt of the command leaves the compiling alone
        )
    except OSError:
        return
    assert child.stdin is not None
    try:
        with contextlib.suppress(OSError), child.stdin:  # a child that failed closed its end
            pickle.dump(list(kept), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        child.wait(timeout=HAND_OVER_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


HAND_OVER_SECONDS = 30.0  # the child only reads its packages and forks
# Run as `keep_later`'s child: read the packages pickled on stdin, hand them to a grandchild.
_CHILD = """
import os, pickle, sys
kept = pickle.load(sys.stdin.buffer)
if os.fork():
    os._exit(0)
sys.path.append(sys.argv[2])  # found there when the command ran from a checkout
from pathlib import Path
from generator.cache import Store
from generator.package_cache import keep
for one in kept:
    keep(Store(Path(sys.argv[1])), *one)
"""


def _from_output(
    folder: Path, project: ProjectSettings, store: Store
) -> tuple[dict[str, bytes], str] | None:
    """The package as the project's output folder holds it, when that is what a build makes."""
    found = stamps.current([folder], project, project.output, store, everything=False)
    if not found:
        return None
    stamp = found[0]
    where = project.output / stamp.summary.name
    try:
        files = {path: (where / path).read_bytes() for path in stamp.hashes}
    except OSError:
        return None
    if stamps.Stamp.of(stamp.summary, stamp.package, files).hashes != stamp.hashes:
        return None  # changed since it was checked
    return files, stamp.package


def _put(packages: Path, home: Path, files: Mapping[str, bytes], package: str) -> None:
    packages.mkdir(parents=True, exist_ok=True)
    making = Path(tempfile.mkdtemp(prefix=".making-", dir=packages))
    try:
        for relative, data in files.items():
            path = making / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if path.suffix == ".py":  # also where PYTHONDONTWRITEBYTECODE is set
                py_compile.compile(
                    str(path), cfile=importlib.util.cache_from_source(str(path)), doraise=True
                )
        (making / READY).write_text(package, encoding="utf-8")
        try:
            making.rename(home)
        except OSError:
            if not (home / READY).is_file():
                raise  # not another command's package that got there first
    finally:
        shutil.rmtree(making, ignore_errors=True)


def _prune(packages: Path) -> None:
    now = time.time()
    kept: list[tuple[float, Path]] = []
    for entry in packages.iterdir():
        try:
            if entry.name.startswith(".making-"):
                if now - entry.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(entry, ignore_errors=True)
            else:
                kept.append(((entry / READY).stat().st_mtime, entry))
        except OSError:
            continue  # being made or removed by another command
    for _, entry in sorted(kept, reverse=True)[KEPT:]:
        shutil.rmtree(entry, ignore_errors=True)
