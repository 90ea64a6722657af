"""The two sides of `soapsmith diff`: a spec folder, a file, or a folder at a git revision.

`specs/orders@HEAD~1` is the folder `specs/orders` as revision `HEAD~1` holds it, read with
`git archive` into a temporary folder: nothing of the working tree is touched.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from ..errors import SpecError
from ..readers.spec_file import spec_folder_of_file

MAX_ARCHIVE = 256 * 1024 * 1024  # bytes of a revision's folder read from git
GIT_SECONDS = 60


def materialise(given: str, specs: Path, scratch: Path) -> Path:
    """A folder holding the side `given` names, made under `scratch` where it has to be."""
    path = Path(given)
    if path.is_dir():
        return path
    if (specs / given).is_dir():
        return specs / given
    if path.is_file():  # with the files it imports, as `generate FILE` reads it
        return spec_folder_of_file(path, scratch, MAX_ARCHIVE)
    where, at, revision = given.rpartition("@")
    if at and where and revision:
        return _at_revision(Path(where), revision, specs, scratch)
    raise SpecError(
        "not a spec folder, a file, or FOLDER@REVISION",
        file=given,
        hint="see `soapsmith diff --help`",
    )


def _at_revision(where: Path, revision: str, specs: Path, scratch: Path) -> Path:
    if not where.exists() and (specs / where).exists():
        where = specs / where
    anchor = where if where.is_dir() else where.parent
    if not anchor.is_dir():
        anchor = Path.cwd()
    root = Path(_git(anchor, "rev-parse", "--show-toplevel").decode().strip())
    relative = (where if where.is_absolute() else Path.cwd() / where).resolve().relative_to(root)
    if revision.startswith("-"):
        raise SpecError("a revision may not start with '-'", file=revision)
    data = _git(root, "archive", "--format=tar", revision, "--", relative.as_posix() or ".")
    target = scratch / f"{relative.name or 'spec'}@{_safe(revision)}"
    _extract(data, target)
    found = target / relative
    if not found.is_dir():
        raise SpecError(f"revision {revision!r} holds no folder {relative.as_posix()!r}")
    return found


def _git(where: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *args],
            capture_output=True,
            timeout=GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpecError(f"git could not run: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SpecError(f"git {args[0]}: {message[-1] if message else 'failed'}", file=str(where))
    if len(done.stdout) > MAX_ARCHIVE:
        raise SpecError(f"the revision's folder is over {MAX_ARCHIVE} bytes")
    return done.stdout


def _extract(data: bytes, target: Path) -> None:
    """Regular files and folders only, each inside `target`."""
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            name = Path(member.name)
            if name.is_absolute() or ".." in name.parts:
                raise SpecError(f"git archive gave an unsafe path: {member.name!r}")
            if member.isdir():
                (target / name).mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                source = archive.extractfile(member)
                if source is None:
                    continue
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                (target / name).write_bytes(source.read())


def _safe(revision: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in revision)[:40]
