"""Write rendered packages into the output folder, atomically, or compare them with it.

Every package is rendered in memory first; nothing on disk changes unless all of them
rendered, and nothing at all when nothing changed.  Otherwise the whole next output folder is
built beside it (`.generated.soapsmith-new` for `generated/`): every file that stays is
hard-linked from the current one (copied where the filesystem cannot link), the changed
packages are written anew, and so is the manifest.  One `renameat2(RENAME_EXCHANGE)` then swaps
the two folders, so a run killed at any moment leaves the output folder exactly as it was or
exactly as it should be; the sibling, then holding the old tree, is deleted.  Where the system
cannot exchange two folders, two renames do it instead: a run killed between them leaves no
output folder, and the next run puts the old one back before anything else (`recover`).

The manifest lists what soapsmith wrote: files of a removed spec or package are not carried
into the next tree, and every file it does not list (the user's own) is, and every folder kept
keeps its owner, group, mode and times.  A folder with files but no manifest was not written by
soapsmith and is never taken over; a manifest naming a path outside its folder is refused.
Runs on one output folder take turns (`lock.locked`): recovery and the rebuild happen only
under the lock, so no run ever removes or swaps in another live run's tree.
"""

from __future__ import annotations

import ctypes
import difflib
import errno
import functools
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError
from .lock import locked

MANIFEST = ".soapsmith-manifest.json"
NEW = ".soapsmith-new"  # suffix of the sibling folder the next tree is built in
OLD = ".soapsmith-old"  # suffix of the old tree's sibling while two renames swap them

AT_FDCWD = -100
RENAME_EXCHANGE = 2

Rendered = dict[str, dict[str, bytes]]  # package folder -> relative path -> content


@dataclass
class Drift:
    changed: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.changed


@dataclass
class _Plan:
    manifest: dict[str, list[str]]  # the next manifest
    fresh: Rendered = field(default_factory=dict)  # packages written anew
    dropped: dict[str, set[str]] = field(default_factory=dict)  # package -> files not carried
    changed: list[str] = field(default_factory=list)


def read_manifest(output: Path) -> dict[str, list[str]]:
    path = output / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        packages = data["packages"]
        manifest = {k: list(v) for k, v in packages.items()}
        if not all(isinstance(f, str) for v in manifest.values() for f in v):
            raise TypeError("a path that is not a string")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise OutputError(
            "the manifest is unreadable",
            file=str(path),
            hint="restore it from version control, or delete the folder and run soapsmith generate",
        ) from None
    for name, files in sorted(manifest.items()):
        for rel in [name, *(f"{name}/{f}" for f in files)]:
            if not _is_inside(rel):
                raise OutputError(
                    f"the manifest lists {rel!r}, which is not a path inside the output folder",
                    file=str(path),
                    hint="restore it from version control, or delete the folder and run "
                    "soapsmith generate",
                )
    return manifest


def _is_inside(rel: str) -> bool:
    """A relative POSIX path that stays inside its folder: no root, no `..`, no `.`, no
    empty part, nothing a file name cannot hold."""
    parts = rel.split("/")
    return all(p not in ("", ".", "..") and "\\" not in p and "\0" not in p for p in parts)


def _manifest_bytes(packages: dict[str, list[str]]) -> bytes:
    data = {
        "generator": "soapsmith",
        "packages": {k: sorted(v) for k, v in sorted(packages.items())},
    }
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def sibling(output: Path, suffix: str) -> Path:
    # beside the output folder, so on its filesystem, where a rename can move it
    return output.with_name(f".{output.name}{suffix}")


def recover(output: Path) -> None:
    """Undo what a killed run left: the old output folder back where two renames were cut
    between them, and the sibling folders deleted."""
    output = output.resolve()
    new, old = sibling(output, NEW), sibling(output, OLD)
    if old.is_dir() and not output.exists():
        os.rename(old, output)
    for folder in (new, old):
        if folder.is_dir():
            shutil.rmtree(folder)


def _current(output: Path, name: str, files: list[str]) -> dict[str, bytes]:
    """The files of a package as they are on disk; a path that reaches its file through a
    symbolic link (to anywhere, inside the folder or out) is not one soapsmith wrote."""
    found = {}
    real = output.resolve()
    for rel in files:
        path = output / name / rel
        if path.is_file() and path.resolve() == real / name / rel:
            found[rel] = path.read_bytes()
    return found


def write(
    output: Path,
    rendered: Rendered,
    *,
    prune: bool,
    waiting: Callable[[str], None] | None = None,
) -> list[str]:
    """Bring `output` in line with `rendered`; return the package folders that changed."""
    if output.exists() and not output.is_dir():  # an exchange would move the file away
        raise OutputError("the output folder is not a folder", file=str(output))
    with locked(output, waiting=waiting):
        return _write(output, rendered, prune)


def _write(output: Path, rendered: Rendered, prune: bool) -> list[str]:
    recover(output)
    refuse_foreign(output)
    manifest = read_manifest(output) if output.is_dir() else {}
    plan = _plan(output, rendered, manifest, prune)
    if output.is_dir() and not plan.changed and _manifest_is(output, plan.manifest):
        return []
    real = output.resolve()  # a symlinked output folder: swap the folder it points to
    try:
        _build(real, sibling(real, NEW), plan)
        _swap(sibling(real, NEW), real)
    except BaseException:
        recover(real)  # whatever failed: no sibling left, the output folder whole
        raise
    return plan.changed


def refuse_foreign(output: Path) -> None:
    """A folder that holds anything but no manifest was not written by soapsmith: taking it
    over would rebuild (and so re-create) every folder of someone else's tree."""
    if not output.is_dir() or (output / MANIFEST).is_file():
        return
    with os.scandir(output) as entries:
        empty = next(entries, None) is None
    if not empty:
        raise OutputError(
            f"the output folder is not empty and has no {MANIFEST}: soapsmith did not write it "
            "and will not take it over",
            file=str(output),
            hint="choose a new or empty output folder (-o, or `output` in [tool.soapsmith]); "
            "if soapsmith wrote this one, restore its manifest from version control",
        )


def _next_manifest(
    manifest: dict[str, list[str]], rendered: Rendered, prune: bool
) -> dict[str, list[str]]:
    """What the manifest lists once `rendered` is written: the rendered packages' files, and
    the other listed packages unless pruned."""
    kept = {n: f for n, f in manifest.items() if not prune and n not in rendered}
    return kept | {name: sorted(files) for name, files in rendered.items()}


def _plan(output: Path, rendered: Rendered, manifest: dict[str, list[str]], prune: bool) -> _Plan:
    plan = _Plan(manifest=_next_manifest(manifest, rendered, prune))
    for name, files in sorted(rendered.items()):
        listed = manifest.get(name, [])
        if _current(output, name, sorted(set(files) | set(listed))) == files:
            continue
        plan.fresh[name] = files
        # a file written into the new tree must not be a link: writing through it would change
        # the old tree's file too; so a user's file at a new file's path is not carried either
        plan.dropped[name] = set(listed) | set(files)
        plan.changed.append(name)
    if prune:
        for name in sorted(set(manifest) - set(rendered)):
            plan.dropped[name] = set(manifest[name])
            plan.changed.append(name)
    return plan


def _manifest_is(output: Path, packages: dict[str, list[str]]) -> bool:
    path = output / MANIFEST
    return path.is_file() and path.read_bytes() == _manifest_bytes(packages)


def _build(output: Path, new: Path, plan: _Plan) -> None:
    """The whole next output folder, in `new`."""
    new.parent.mkdir(parents=True, exist_ok=True)
    new.mkdir()
    if output.is_dir():
        _carry(output, new, plan.dropped)
    for name, files in sorted(plan.fresh.items()):
        for rel, content in sorted(files.items()):
            _write_new(new, f"{name}/{rel}", content, output)
    (new / MANIFEST).write_bytes(_manifest_bytes(plan.manifest))
    if output.is_dir():
        _keep_folders(output, new)


def _write_new(new: Path, rel: str, content: bytes, output: Path) -> None:
    """A file written anew, never through a link nor over anything carried from the old tree
    (a file of the user's where a folder of ours goes, or the reverse)."""
    folder = new
    for part in rel.split("/")[:-1]:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise _in_the_way(output / folder.relative_to(new), rel)
        folder.mkdir(exist_ok=True)
    try:
        handle = os.open(new / rel, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    except FileExistsError:
        raise _in_the_way(output / rel, rel) from None
    with open(handle, "wb") as file:
        file.write(content)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _in_the_way(path: Path, rel: str) -> OutputError:
    return OutputError(
        f"soapsmith writes {rel} here, and a file, folder or link it did not write is in the way",
        file=str(path),
        hint="move it elsewhere and run soapsmith generate again",
    )


def _keep_folders(output: Path, new: Path) -> None:
    """Every folder of the new tree that was in the old one gets its owner, group, mode and
    times back; the deepest first, since filling a folder changes its times."""
    for folder, _, _ in os.walk(new, topdown=False, onerror=_fail):
        rel = Path(folder).relative_to(new)
        old = output / rel
        if old.is_dir() and not old.is_symlink():
            _keep_metadata(old, Path(folder))


def _keep_metadata(old: Path, made: Path) -> None:
    status = os.stat(old, follow_symlinks=False)
    try:
        os.chown(made, status.st_uid, status.st_gid, follow_symlinks=False)
    except PermissionError:  # only root may give a folder away; it stays the runner's
        pass
    shutil.copystat(old, made, follow_symlinks=False)  # mode, times, flags, extended attributes


def _carry(output: Path, new: Path, dropped: dict[str, set[str]]) -> None:
    """Every file of `output` that stays, into `new`: all but the manifest and the files the
    manifest listed in a package that changes or goes."""
    for folder, dirs, files in os.walk(output, onerror=_fail):
        here = Path(folder)
        below = here.relative_to(output)
        rewritten = bool(below.parts) and below.parts[0] in dropped
        if below.parts and not rewritten:  # in a rewritten package only what holds a file
            (new / below).mkdir()
        links = [d for d in dirs if (here / d).is_symlink()]  # os.walk does not enter them
        for entry in sorted(files + links):
            rel = (below / entry).as_posix()
            name, _, inner = rel.partition("/")
            if rel == MANIFEST or inner in dropped.get(name, ()):
                continue
            (new / rel).parent.mkdir(parents=True, exist_ok=True)
            _link(here / entry, new / rel)


def _fail(error: OSError) -> None:
    raise error  # a folder os.walk cannot read would be silently left out of the new tree


def _link(source: Path, target: Path) -> None:
    # a hard link is the very same file, not rewritten; a symlink stays a symlink
    try:
        os.link(source, target, follow_symlinks=False)
    except (OSError, NotImplementedError):  # a filesystem or a file that cannot be linked
        shutil.copy2(source, target, follow_symlinks=False)


def _swap(new: Path, output: Path) -> None:
    """Put the tree built in `new` in the place of `output`, in one step where possible."""
    if not output.exists():
        os.rename(new, output)
    elif _exchange(new, output):
        shutil.rmtree(new)  # the old tree now
    else:
        old = sibling(output, OLD)
        os.rename(output, old)
        os.rename(new, output)  # killed just before: no output folder until recover()
        shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    paths = os.fsencode(first), os.fsencode(second)
    if renameat2(AT_FDCWD, paths[0], AT_FDCWD, paths[1], RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS):  # an old kernel, or a filesystem without it
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if sys.platform != "linux":
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no such C library function (glibc before 2.28)
        return None
    folder, path = ctypes.c_int, ctypes.c_char_p
    function.argtypes = [folder, path, folder, path, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def compare(output: Path, rendered: Rendered, *, prune: bool) -> Drift:
    with locked(output, shared=True):  # not halfway through another run's swap
        return _compare(output, rendered, prune)


def _compare(output: Path, rendered: Rendered, prune: bool) -> Drift:
    manifest = read_manifest(output) if output.is_dir() else {}
    drift = Drift()
    names = set(rendered) | (set(manifest) if prune else set())
    for name in sorted(names):
        files = rendered.get(name, {})
        listed = manifest.get(name, [])
        on_disk = _current(output, name, sorted(set(files) | set(listed)))
        for rel in sorted(set(files) | set(on_disk)):
            want, have = files.get(rel), on_disk.get(rel)
            if want != have:
                _drifted(drift, f"{output.name}/{name}/{rel}", have, want)
    path = output / MANIFEST
    have_manifest = path.read_bytes() if path.is_file() else None
    want_manifest = _manifest_bytes(_next_manifest(manifest, rendered, prune))
    if have_manifest != want_manifest:
        _drifted(drift, f"{output.name}/{MANIFEST}", have_manifest, want_manifest)
    return drift


def _drifted(drift: Drift, path: str, have: bytes | None, want: bytes | None) -> None:
    drift.changed.append(path)
    drift.diff.extend(_diff(path, have, want))


def _diff(path: str, have: bytes | None, want: bytes | None) -> list[str]:
    def lines(data: bytes | None) -> list[str]:
        if data is None:
            return []
        try:
            return data.decode("utf-8").splitlines(keepends=True)
        except UnicodeDecodeError:
            return ["<binary>\n"]

    old = f"a/{path}" if have is not None else "/dev/null"
    new = f"b/{path}" if want is not None else "/dev/null"
    found = list(difflib.unified_diff(lines(have), lines(want), fromfile=old, tofile=new))
    # an empty file missing or extra has no line to show: name it the way git does
    return found or [f"--- {old}\n", f"+++ {new}\n"]
