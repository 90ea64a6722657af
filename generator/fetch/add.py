"""`soapsmith add NAME SOURCE...`: a new spec folder from files and URLs, all or nothing.

Everything is fetched into a hidden scratch folder inside specs/ (same file system, and
ignored by `generate` while it is there), read as a spec to prove it is one, then renamed into
place under the lock of specs/.  A failure leaves specs/ as it was.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import SPEC_TOML, ProjectSettings
from ..errors import OutputError, SoapsmithError
from ..lock import locked
from ..model import Model
from .limits import Limits
from .sites import fetch_sources, given_form
from .sources import Saved, source_table, toml_text

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
SCRATCH_PREFIX = ".soapsmith-fetch-"
PREVIOUS = "previous"  # in a scratch folder: a spec folder being replaced, until it is


@dataclass(frozen=True)
class Added:
    folder: Path
    saved: list[Saved]
    model: Model


def add(
    name: str,
    given: list[str],
    project: ProjectSettings,
    limits: Limits,
    waiting: Callable[[str], None] | None = None,
) -> Added:
    if not _NAME.match(name):
        raise SoapsmithError(
            f"{name!r} is not a spec folder name: letters, digits, '_', '-' and '.', "
            "starting with a letter or digit"
        )
    target = project.specs / name
    with locked(target, waiting=waiting):
        recover(project.specs)
        if target.exists() or target.is_symlink():
            raise OutputError(
                "the spec folder exists already",
                file=str(target),
                hint=f"`soapsmith refresh {name}` fetches its sources again",
            )
        sources = [given_form(s) for s in given]
        saved = fetch_sources(sources, limits)
        with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=project.specs) as scratch:
            folder = Path(scratch) / name
            write_files(folder, saved)
            table = source_table(sources, saved, sorted(limits.allowed_hosts))
            (folder / SPEC_TOML).write_text(toml_text(table), encoding="utf-8")
            model = readable(folder, project)
            folder.rename(target)
    return Added(target, saved, model)


def recover(specs: Path) -> None:
    """Undo what a killed `add` or `refresh` left in specs/: the spec folder a refresh was
    putting back in place where it is missing, and the scratch folders.  Called under the lock
    of specs/, when no other run can be using them."""
    for scratch in sorted(specs.glob(f"{SCRATCH_PREFIX}*")):
        previous = scratch / PREVIOUS
        for kept in sorted(previous.iterdir()) if previous.is_dir() else []:
            if not (specs / kept.name).exists():
                kept.rename(specs / kept.name)
        shutil.rmtree(scratch, ignore_errors=True)


def write_files(folder: Path, saved: list[Saved]) -> None:
    folder.mkdir(parents=True)
    for item in saved:
        path = folder / item.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.data)


def readable(folder: Path, project: ProjectSettings) -> Model:
    """The model of the fetched folder: what was fetched is a spec soapsmith can read."""
    from ..pipeline import load_model

    try:
        return load_model(folder, project)[0]
    except SoapsmithError as exc:
        raise type(exc)(
            f"fetched, but not readable as a spec: {exc.message}",
            file=exc.file,
            line=exc.line,
            hint=exc.hint or "nothing was written to specs/",
        ) from None
