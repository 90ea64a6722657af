"""`soapsmith refresh [SPEC...]`: fetch a spec's recorded sources again and say what changed.

The fresh copy is fetched into a scratch folder beside the spec and compared with it twice: file
by file (a unified diff) and on the wire (the semantic diff of `soapsmith diff`).  The spec is
replaced only when asked (`write`), by a rename, keeping the files the sources did not bring
(added by hand) and spec.toml's own settings.
"""

from __future__ import annotations

import difflib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import SPEC_TOML, ProjectSettings, spec_settings
from ..diff.changes import Change
from ..errors import ConfigError, SoapsmithError
from ..lock import locked
from ..write import _exchange as exchange
from .add import PREVIOUS, SCRATCH_PREFIX, readable, recover, write_files
from .limits import Limits
from .sites import fetch_sources
from .sources import source_table, with_source


@dataclass(frozen=True)
class Refreshed:
    folder: Path
    changed: list[str]  # files added, removed or changed, sorted
    file_diff: list[str] = field(default_factory=list)  # unified diff lines
    wire: list[Change] | None = None  # None where the current spec cannot be read
    wire_note: str = ""  # why there is no wire view
    written: bool = False


def has_sources(folder: Path) -> bool:
    return spec_settings(folder).source is not None


def refresh(
    folder: Path,
    project: ProjectSettings,
    limits: Limits,
    write: bool,
    waiting: Callable[[str], None] | None = None,
) -> Refreshed:
    settings = spec_settings(folder)
    table = settings.source
    if table is None or not table.given:
        raise ConfigError(
            "spec.toml has no [source] table: the folder was not made by `soapsmith add`",
            file=str(folder / SPEC_TOML),
        )
    limits = replace(limits, allowed_hosts=limits.allowed_hosts | set(table.allow_hosts))
    with locked(folder, waiting=waiting):
        recover(folder.parent)
        saved = fetch_sources(list(table.given), limits)
        with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=folder.parent) as scratch:
            fresh = Path(scratch) / folder.name
            write_files(fresh, saved)
            brought = {s.name for s in saved}
            for name, data in _files(folder).items():
                if name not in table.files and name not in brought:
                    _copy(fresh, name, data)  # added by hand: not the sources'
            spec_toml = folder / SPEC_TOML
            text = spec_toml.read_text(encoding="utf-8")
            new_table = source_table(list(table.given), saved, list(table.allow_hosts))
            (fresh / SPEC_TOML).write_text(with_source(text, new_table), encoding="utf-8")
            old, new = _files(folder), _files(fresh)
            changed = sorted(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
            if not changed:
                return Refreshed(folder, [])
            new_model = readable(fresh, project)
            wire, note = None, ""
            try:
                from ..diff import compare
                from ..pipeline import load_model

                wire = compare(load_model(folder, project)[0], new_model)
            except SoapsmithError as exc:
                note = f"the current spec cannot be read: {exc}"
            diff = _file_diff(old, new, changed)
            if write and not exchange(fresh, folder):  # one atomic swap where there is one
                previous = Path(scratch) / PREVIOUS
                previous.mkdir()
                folder.rename(previous / folder.name)
                fresh.rename(folder)  # killed just before: the next add or refresh recovers
            return Refreshed(folder, changed, diff, wire, note, write)


def _copy(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _files(folder: Path) -> dict[str, bytes]:
    """The folder's files but spec.toml (whose [source] times change at every fetch)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != SPEC_TOML
    }


def _file_diff(old: dict[str, bytes], new: dict[str, bytes], changed: list[str]) -> list[str]:
    lines: list[str] = []
    for name in changed:
        before = _lines(old.get(name))
        after = _lines(new.get(name))
        lines.extend(
            difflib.unified_diff(
                before,
                after,
                f"a/{name}" if name in old else "/dev/null",
                f"b/{name}" if name in new else "/dev/null",
            )
        )
    return [line if line.endswith("\n") else line + "\n" for line in lines]


def _lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    return data.decode("utf-8", "replace").splitlines(keepends=True)
