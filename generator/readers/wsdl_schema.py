"""The schemas of a WSDL as one xmlschema bundle.

xmlschema does the XSD work (imports, includes, groups, derivation, facets).  Inline schemas
are handed over with the namespace declarations they inherit from `wsdl:definitions`, each
with its own document's folder as base; imports between them resolve inside the bundle.
xmlschema opens files through an opener that serves the spec folder's files as they were
read (the bytes the spec hash covers) and the schemas xmlschema ships, and nothing else; a
remote import that spec.toml does not map is reported when something in it is needed.
"""

from __future__ import annotations

import copy
import io
import os
import posixpath
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import OpenerDirector, Request, url2pathname

import xmlschema
from lxml import etree

from ..errors import SpecError
from ..xmlsafe import parse_bytes, printable
from .standard_schemas import is_standard_file, standard_schema
from .wsdl_documents import SCHEMA_LOADS, XSD, Document, is_remote

_ENCODING = frozenset({"http://schemas.xmlsoap.org/soap/encoding/"})


def _standalone(schema: etree._Element) -> etree._Element:
    """The inline schema with every namespace it inherits declared on itself (its content
    copied with the lines it was read at)."""
    nsmap: dict[str | None, str] = {}
    for ancestor in reversed(list(schema.iterancestors())):
        nsmap.update(ancestor.nsmap)
    nsmap.update(schema.nsmap)
    element = etree.Element(schema.tag, nsmap=nsmap, attrib=dict(schema.attrib))
    imported = {i.get("namespace") for i in schema.iterfind(f"{{{XSD}}}import")}
    for namespace in sorted(_ENCODING & set(nsmap.values()) - imported):
        # rpc/encoded schemas use soapenc:Array without importing it; xmlschema knows it
        etree.SubElement(element, f"{{{XSD}}}import", namespace=namespace)
    for child in schema:
        element.append(copy.deepcopy(child))
    return element


_BUNDLED = Path(xmlschema.__file__).resolve().parent / "schemas"  # xmlschema's own XSDs


class _SpecOpener(OpenerDirector):
    """All that xmlschema opens: the spec folder's files as they were read, xmlschema's own
    schemas and soapsmith's standard ones.  A remote location, or a file of the folder that
    was not read, is missing (an import or include xmlschema reports and reads as any
    content); anything else stops the read, though the location checks before should have
    refused it already."""

    def __init__(
        self,
        root: Path,
        spec: str,
        files: Mapping[str, bytes] | None,
        main: str,
        checked: set[str],
    ) -> None:
        super().__init__()
        self.root = root
        self.spec = spec
        self.files = files
        self.main = main
        self.checked = checked  # the files read by parse_bytes already

    def open(
        self, fullurl: str | Request, data: object = None, timeout: float | None = None
    ) -> Any:
        url = fullurl if isinstance(fullurl, str) else fullurl.full_url
        if is_remote(url):
            raise URLError("remote schemas are never fetched")
        path = _local_path(url)
        if path is not None and (_within(path, _BUNDLED) or is_standard_file(path)):
            return io.BytesIO(path.read_bytes())
        if path is not None and _within(path, self.root):
            key = f"{self.spec}/{printable(path.relative_to(self.root).as_posix())}"
            found = self._read(key, path)
            if found is None:
                raise URLError(f"{key} is not an input file of the spec folder")
            if key not in self.checked:  # a DOCTYPE or an entity is refused, as in every input
                parse_bytes(found, file=key)
                self.checked.add(key)
            return io.BytesIO(found)
        raise SpecError(
            f"the WSDL's schemas load {printable(url)!r}, which is not a file of the spec "
            "folder: refused",
            file=self.main,
        )

    def _read(self, key: str, path: Path) -> bytes | None:
        if self.files is not None:
            return self.files.get(key)
        # without the files as read, the folder's own files, confined like spec_files does
        resolved = path.resolve()
        inside = self.root in resolved.parents and resolved.is_file()
        return resolved.read_bytes() if inside else None


def _local_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("", "file") or parts.netloc not in ("", "localhost"):
        return None
    return Path(os.path.normpath(url2pathname(parts.path)))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def build_schema(
    documents: list[Document],
    folder: Path,
    locations: dict[str, str],
    files: Mapping[str, bytes] | None = None,
    trees: Mapping[str, etree._Element] | None = None,
) -> xmlschema.XMLSchema10 | None:
    """The documents' schemas as one bundle; `files` (path under specs/ -> bytes) are what
    xmlschema may load, or, where not given, the folder's files as they are on disk.

    `bundle.soapsmith_lines` maps the elements of xmlschema's trees (a component's `elem`) to
    their file under specs/ and line: the inline schemas', and those of the schema files
    `trees` holds as lxml read them (path under specs/ -> root)."""
    root = folder.resolve()
    spec = documents[0].path.split("/", 1)[0] if documents else folder.name
    checked = {d.path for d in documents} | set(trees or ())
    opener = _SpecOpener(root, spec, files, documents[0].path if documents else spec, checked)
    mapped = {url: (root / local).as_uri() for url, local in locations.items()}

    def uri_mapper(url: str) -> str:
        if url in mapped:
            return mapped[url]
        standard = standard_schema(url)  # after [locations]: the user's mapping wins
        return standard.as_uri() if standard is not None else url

    # the opener is the one gate: "local" would make xmlschema raise on a remote include; and
    # what it hands over has no DTD (spec files read by parse_bytes, xmlschema's own schemas,
    # lxml's text of the inline ones), so xmlschema's own check, a second parse of every
    # file, is not made (a tenth of reading NetSuite's spec)
    settings: dict[str, Any] = {
        "allow": "all",
        "defuse": "never",
        "uri_mapper": uri_mapper,
        "opener": opener,
    }
    inline = [
        (document, schema, _standalone(schema))
        for document in documents
        for schema in document.root.iter(f"{{{XSD}}}schema")
    ]
    # As text, so that xmlschema sees the prefixes; it comes from a tree parsed with entities
    # and DTDs off, so it has no DOCTYPE to defuse.
    sources: list[Any] = [
        xmlschema.XMLResource(
            etree.tostring(standalone, encoding="unicode"),
            base_url=_base(root, document),
            **settings,
        )
        for document, _, standalone in inline
    ]
    if not sources:
        return None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # no meta-schema check: most of the time of reading a large WSDL, and what it
            # finds that matters is found by schema_references, with the line
            bundle = xmlschema.XMLSchema10(
                sources, base_url=sources[0].base_url, validation="skip", build=False, **settings
            )
            _skip_model_checks(bundle)
            bundle.build()
        except RecursionError:
            raise SpecError(
                "the WSDL's schemas nest too deeply to read (a chain of about a hundred types "
                "derived from one another, or groups within groups)",
                file=documents[0].path,
            ) from None
        except (
            xmlschema.XMLSchemaException,
            AssertionError,
            ValueError,
            KeyError,
            AttributeError,  # xmlschema's own slip on a component it half-built from bad input
            TypeError,
        ) as exc:
            first = (str(exc).strip().splitlines() or [""])[0]  # not its component dump
            raise SpecError(
                f"the WSDL's schemas cannot be read: {type(exc).__name__}: {first[:300]}",
                file=documents[0].path,
            ) from None
    bundle.soapsmith_warnings = [str(w.message) for w in caught]
    lines: dict[Any, tuple[str, int]] = {}
    for (document, schema, standalone), source in zip(inline, sources, strict=True):
        _pair_lines(standalone, source.root, document.path, lines)
        lines[source.root] = (document.path, schema.sourceline or 0)
    for loaded in bundle.maps.iter_schemas():
        path = _local_path(loaded.source.url or "")
        if trees is None or path is None or path == root or not _within(path, root):
            continue
        key = f"{spec}/{printable(path.relative_to(root).as_posix())}"
        if key in trees:
            _pair_lines(trees[key], loaded.source.root, key, lines)
    bundle.soapsmith_lines = lines
    return bundle


def _skip_model_checks(bundle: xmlschema.XMLSchema10) -> None:
    """Have `bundle` built without the checks xmlschema runs on the built components (content
    models deterministic, restrictions true to their base): under validation="skip" it drops
    what they find, and they were about a third of reading NetSuite's spec (1.1 of 3.1 s).
    libxml2 checks the same of every WSDL `generate` writes (render/wsdl_check)."""
    if type(bundle.maps) is xmlschema.XsdGlobals:
        # the same object but for that one method (XsdGlobals' own __setattr__ guards the
        # maps' contents, which this leaves as they are)
        object.__setattr__(bundle.maps, "__class__", _BuiltUnchecked)


class _BuiltUnchecked(xmlschema.XsdGlobals):
    __slots__ = ()

    def check(self, *args: Any, **kwargs: Any) -> None:  # xmlschema 3 passes the mode too
        """Nothing: see _skip_model_checks."""


def _pair_lines(
    ours: etree._Element, theirs: Any, path: str, lines: dict[Any, tuple[str, int]]
) -> None:
    """Record the file and line of each element of xmlschema's tree (ElementTree's, which has
    no lines) from the same document as lxml read it, element by element."""
    todo = [(ours, theirs)]
    while todo:
        mine, its = todo.pop()
        if mine.sourceline:
            lines[its] = (path, mine.sourceline)
        my_children = [c for c in mine if isinstance(c.tag, str)]
        its_children = [c for c in its if isinstance(c.tag, str)]
        if len(my_children) == len(its_children):  # else not the same tree: no lines below
            todo.extend(zip(my_children, its_children, strict=True))


def _base(root: Path, document: Document) -> str:
    """The URL relative locations in the document start from: its own folder."""
    relative = posixpath.dirname(document.path.split("/", 1)[1] if "/" in document.path else "")
    return (root / relative).as_uri().rstrip("/") + "/"


class RemoteImport(NamedTuple):
    """A remote schema that an import, include, redefine or override loads."""

    file: str
    line: int
    namespace: str  # an include's is its includer's
    location: str


def remote_imports(
    documents: list[Document], schema_roots: dict[str, etree._Element]
) -> list[RemoteImport]:
    """Every remote schema the documents and schemas load."""
    found = []
    trees = [(d.path, d.root) for d in documents] + list(schema_roots.items())
    for path, root in trees:
        for ref in root.iter(*SCHEMA_LOADS):
            location = ref.get("schemaLocation") or ""
            if is_remote(location):
                found.append(
                    RemoteImport(path, ref.sourceline or 0, _loaded_namespace(ref), location)
                )
    return found


def _loaded_namespace(ref: etree._Element) -> str:
    if ref.tag == f"{{{XSD}}}import":
        return ref.get("namespace") or ""
    parent = ref.getparent()
    return (parent.get("targetNamespace") if parent is not None else None) or ""
