"""A single file given where a spec folder is expected: `soapsmith generate Service.wsdl`.

The file becomes a spec folder of its own, made in a scratch folder and named after the file,
holding the file and the local files it imports (WSDL imports, XSD imports and includes), each
where it lies relative to the file.  Nothing else of the file's folder is read, so a WSDL saved
in a downloads folder brings only what it needs; an import that leaves the file's folder, is
absolute or remote is not copied, and reading the spec then fails with the usual error.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ..errors import SpecError
from ..xmlsafe import parse_bytes, printable
from .wsdl_documents import SCHEMA_LOADS, WSDL, is_remote

_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\])", re.I)
MAX_FILES = 1000  # files one spec file may bring with its imports


def spec_folder_of_file(path: Path, scratch: Path, max_bytes: int) -> Path:
    """A spec folder under `scratch` holding `path` and what it imports locally."""
    base = path.resolve().parent
    name = _folder_name(path)
    folder = scratch / name
    todo, seen = [path.name], set()
    while todo:
        relative = todo.pop(0)
        if relative in seen:
            continue
        seen.add(relative)
        if len(seen) > MAX_FILES:
            raise SpecError(f"the file imports over {MAX_FILES} files", file=str(path))
        source = base / relative
        if not source.is_file() or base not in source.resolve().parents:
            continue  # the reader names the import that is missing or outside
        data = _read(source, max_bytes)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        todo.extend(_local_imports(relative, data))
    return folder


def _folder_name(path: Path) -> str:
    name = printable(path.stem)
    if not name or name != path.stem or name.startswith("."):
        raise SpecError(
            "the file's name is not plain UTF-8 text: rename it, or place it in a spec folder",
            file=printable(str(path)),
        )
    return name


def _read(source: Path, max_bytes: int) -> bytes:
    size = source.stat().st_size
    if size > max_bytes:
        raise SpecError(
            f"the file is {size} bytes, over the {max_bytes}-byte input limit",
            file=printable(str(source)),
            hint="raise max-input-bytes in [tool.soapsmith] if the file is genuine",
        )
    return source.read_bytes()


def _local_imports(relative: str, data: bytes) -> list[str]:
    """The relative locations an XML file imports, as paths from the spec file's folder."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return []  # a page: it imports nothing
    try:
        root = parse_bytes(data, file=relative)
    except SpecError:
        return []  # an HTML page, or a broken file: the reader says what is wrong with it
    found = []
    for element in root.iter(f"{{{WSDL}}}import", *SCHEMA_LOADS):
        location = (element.get("location") or element.get("schemaLocation") or "").strip()
        if not location or is_remote(location) or _ABSOLUTE.match(location):
            continue
        location = re.split(r"[?#]", location, maxsplit=1)[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(relative), location))
        if not target.startswith("../") and target != "..":
            found.append(target)
    return found
