"""WSDL files to parsed documents: the main WSDL, what it imports, and the schemas they load.

Every location is resolved inside the spec folder.  A relative path that leaves the folder
is refused, and so is an absolute path or a `file:` URL wherever it points (where the folder
lies differs between checkouts, and the output must not); a remote location is refused unless
spec.toml maps it to a local file (`[locations]`).  Errors name the importing file and line and
the offending location.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from ..errors import SpecError
from ..xmlsafe import parse_bytes

WSDL = "http://schemas.xmlsoap.org/wsdl/"
XSD = "http://www.w3.org/2001/XMLSchema"
# the XSD statements that load a schema document from a location
SCHEMA_LOADS = tuple(f"{{{XSD}}}{name}" for name in ("import", "include", "redefine", "override"))
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\])", re.I)  # a scheme (or drive), or a root


@dataclass(frozen=True)
class Document:
    path: str  # relative to the specs folder: "<spec>/<file>"
    root: etree._Element


def is_remote(location: str) -> bool:
    return not _is_file_url(location) and ("://" in location or location.startswith("//"))


def _is_file_url(location: str) -> bool:
    return location[:5].lower() == "file:"


def resolve(base: str, location: str, *, spec: str, locations: dict[str, str], line: int) -> str:
    """The path (under specs/) a location in `base` points at, or a clear error."""
    mapped = locations.get(location)
    if mapped is not None:
        target = posixpath.normpath(posixpath.join(spec, mapped))
        if _ABSOLUTE.match(mapped) or not _inside(target, spec):
            raise SpecError(
                f"spec.toml maps {location!r} to {mapped!r}, which is outside the spec folder: "
                "refused",
                file=base,
                line=line,
            )
        return target
    if is_remote(location):
        raise SpecError(
            f"imports {location!r}, which is not a local file: nothing is fetched from the network",
            file=base,
            line=line,
            hint=f"save it in the spec folder and map it in spec.toml: [locations] {location!r} = "
            '"file.xsd"',
        )
    plain = location.strip()  # as xmlschema reads it (an anyURI's whitespace collapses)
    if _ABSOLUTE.match(plain):
        raise SpecError(
            f"imports {location!r}, an absolute location: refused (only paths relative to the "
            "importing file, inside the spec folder, are read)",
            file=base,
            line=line,
            hint=f"use a relative path, or map it in spec.toml: [locations] {location!r} = "
            '"file.xsd"',
        )
    relative = re.split(r"[?#]", plain, maxsplit=1)[0]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), relative))
    if not _inside(target, spec):
        raise SpecError(
            f"imports {location!r}, which is outside the spec folder: refused",
            file=base,
            line=line,
        )
    return target


def _inside(target: str, spec: str) -> bool:
    return (target + "/").startswith(spec.rstrip("/") + "/")


def load_wsdl(
    main: str, files: dict[str, bytes], *, spec: str, locations: dict[str, str]
) -> list[Document]:
    """The main WSDL and every WSDL it imports, transitively, each once, in import order."""
    documents: list[Document] = []
    seen: set[str] = set()
    todo = [(main, "", 0)]
    while todo:
        path, importer, line = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if path not in files:
            raise SpecError(f"imports {path!r}, which does not exist", file=importer, line=line)
        root = parse_bytes(files[path], file=path)
        documents.append(Document(path, root))
        for imp in root.iter(f"{{{WSDL}}}import"):
            location = imp.get("location")
            if location:
                at = imp.sourceline or 0
                todo.append(
                    (resolve(path, location, spec=spec, locations=locations, line=at), path, at)
                )
    return documents


def schema_files(
    documents: list[Document], files: dict[str, bytes], *, spec: str, locations: dict[str, str]
) -> dict[str, etree._Element]:
    """Every local XSD file the WSDLs' schemas import or include, transitively, checked."""
    found: dict[str, etree._Element] = {}
    todo: list[tuple[str, etree._Element]] = []
    for document in documents:
        for schema in document.root.iter(f"{{{XSD}}}schema"):
            todo.append((document.path, schema))
    while todo:
        path, schema = todo.pop(0)
        for ref in schema:
            if ref.tag not in SCHEMA_LOADS:
                continue
            location = ref.get("schemaLocation")
            if not location:
                continue
            if is_remote(location) and location not in locations:
                continue  # left to `check_remote_imports`: fatal only if something is used
            target = resolve(
                path, location, spec=spec, locations=locations, line=ref.sourceline or 0
            )
            if target in found:
                continue
            if target not in files:
                raise SpecError(
                    f"imports {location!r}, which does not exist",
                    file=path,
                    line=ref.sourceline or 0,
                )
            root = parse_bytes(files[target], file=target)
            found[target] = root
            todo.append((target, root))
    return found
