"""The files of a spec folder as the readers take them: each one's path for messages, its bytes.

Kept apart from the readers (no schema library, no templates): a no-change run reads and hashes
the same files before deciding that nothing needs reading at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import SPEC_TOML, ProjectSettings
from ..errors import SpecError
from ..xmlsafe import printable


@dataclass(frozen=True)
class PageFile:
    path: str  # relative to the spec folder, used in every message
    data: bytes


def spec_files(folder: Path, project: ProjectSettings) -> list[PageFile]:
    """Every input file of the folder, sorted, read with a size limit; nothing outside it.

    A link that leads out of the folder is refused, file or folder.  File names are shown
    with what is not text escaped (`printable`); the folder's own name becomes a package
    folder and a name in generated code, so one that is not plain text is refused.
    """
    name = printable(folder.name)
    if name != folder.name:
        raise SpecError(
            "the spec folder's name is not UTF-8 text or holds a control character: rename it",
            file=name,
        )
    root = folder.resolve()
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        shown = f"{name}/{printable(path.relative_to(folder).as_posix())}"
        if path.is_symlink() and not _within(path.resolve(), root):
            raise SpecError("the file links outside its spec folder: refused", file=shown)
        if path.name == SPEC_TOML or path.name.startswith(".") or not path.is_file():
            continue
        resolved = path.resolve()
        if not _within(resolved, root):
            raise SpecError("the file links outside its spec folder: refused", file=shown)
        size = resolved.stat().st_size
        if size > project.max_input_bytes:
            raise SpecError(
                f"the file is {size} bytes, over the {project.max_input_bytes}-byte input limit",
                file=shown,
                hint="raise max-input-bytes in [tool.soapsmith] if the file is genuine",
            )
        if shown in files:  # two names that differ only in what printable() escapes
            raise SpecError("two files of the folder show as this name: rename one", file=shown)
        files[shown] = resolved.read_bytes()
    if not files:
        raise SpecError("the spec folder holds no input files", file=name)
    return [PageFile(path, data) for path, data in files.items()]


def _within(path: Path, root: Path) -> bool:
    return root in path.parents
