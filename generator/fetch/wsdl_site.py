"""A WSDL (or schema) and everything it imports or includes, made a folder that reads offline.

Each document is parsed (hardened), its `wsdl:import location` and `xs:import`, `include`,
`redefine` and `override` `schemaLocation`s are resolved against the URL it was fetched from,
fetched in turn (breadth first, each once) and rewritten to the local name given to it.  A file
whose locations all stay as they were keeps its bytes exactly; one with a location rewritten
is serialised again by lxml.  A standard schema (xml.xsd, the SOAP envelope...) is left as it
is: the reader has its own copy.
"""

from __future__ import annotations

import posixpath
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree

from ..errors import FetchError
from ..readers.standard_schemas import standard_schema
from ..readers.wsdl_documents import SCHEMA_LOADS, WSDL, XSD
from .content import WSDL_KIND, XSD_KIND, described, kind_of, parsed
from .limits import SCHEMES, Fetched, Fetcher
from .names import Names
from .sources import Saved


def is_description(fetched: Fetched) -> bool:
    return kind_of(fetched.data, parsed(fetched.data, fetched.url)) in (WSDL_KIND, XSD_KIND)


def fetch_wsdl_site(fetcher: Fetcher, names: Names, first: Fetched) -> list[Saved]:
    """`first` (a fetched WSDL or schema) and what it loads, transitively, each renamed."""
    root_kind = kind_of(first.data, parsed(first.data, first.url))
    under = urljoin(first.url, ".")
    names.name(
        first.url, root_kind if root_kind in (WSDL_KIND, XSD_KIND) else WSDL_KIND, None, under
    )
    todo: deque[str] = deque([first.url])
    saved: list[Saved] = []
    while todo:
        url = todo.popleft()
        got = first if url == first.url else fetcher.get(url)
        root = parsed(got.data, url)
        if kind_of(got.data, root) not in (WSDL_KIND, XSD_KIND) or root is None:
            raise FetchError(
                f"expected a WSDL or an XML schema, got {described(got.data)}", file=url
            )
        changed = False
        for element, attribute in _loads(root):
            location = (element.get(attribute) or "").strip()
            if not location or standard_schema(location) is not None:
                continue
            target = _target(got, location, element, fetcher)
            extension = WSDL_KIND if element.tag == f"{{{WSDL}}}import" else XSD_KIND
            fresh = target not in names.by_url
            local = names.name(target, extension, None, under)
            if fresh:
                todo.append(target)
            here = posixpath.dirname(names.by_url[url])
            relative = posixpath.relpath(local, here or ".")
            if not _same_place(location, relative):
                element.set(attribute, relative)
                changed = True
        data = _serialised(root) if changed else got.data
        saved.append(Saved(names.by_url[url], data, url, got.fetched))
    return saved


def _same_place(location: str, relative: str) -> bool:
    """Whether `location` already says `relative` (then the file keeps its bytes)."""
    if urlsplit(location).scheme or "?" in location or "#" in location:
        return False
    return posixpath.normpath(location) == relative


def _loads(root: etree._Element) -> list[tuple[etree._Element, str]]:
    found: list[tuple[etree._Element, str]] = [
        (el, "location") for el in root.iter(f"{{{WSDL}}}import")
    ]
    for schema in root.iter(f"{{{XSD}}}schema"):
        found.extend((el, "schemaLocation") for el in schema if el.tag in SCHEMA_LOADS)
    return found


def _target(got: Fetched, location: str, element: etree._Element, fetcher: Fetcher) -> str:
    target, _ = urldefrag(urljoin(got.final_url, location))
    parts = urlsplit(target)
    line = element.sourceline or 0
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(
            f"imports {location!r}, which is not an http(s) location", file=got.url, line=line
        )
    if not fetcher.allowed(target):
        raise FetchError(
            f"imports {location!r}, on host {parts.hostname}, not one of the sources' hosts",
            file=got.url,
            line=line,
            hint=f"allow it with --allow-host {parts.hostname}",
        )
    return target


def _serialised(root: etree._Element) -> bytes:
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"
