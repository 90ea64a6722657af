"""Local file names for fetched URLs: deterministic, flat, safe, unique.

A name is made of the URL's last path segment and its query values, never of its folders, so
no URL can place a file outside the spec folder: `Service.svc?wsdl=wsdl0` -> `Service.wsdl0.wsdl`,
`Service.svc?xsd=xsd0` -> `Service.xsd0.xsd`, `Service.asmx?op=GetOrder` ->
`Service.GetOrder.html`.  Names are handed out in the order URLs are met, which is the order of
the documents, so the same site gives the same names every time.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from ..config import SPEC_TOML

# extensions a service's address carries that say nothing of the document at it
_ADDRESS_EXTENSIONS = (".svc", ".asmx", ".wsdl", ".xsd", ".xml", ".aspx", ".php", ".jsp", ".html")
# query keys that only ask for the document kind (`?wsdl`, `?singleWsdl`, `?WSDL`)
_KIND_KEYS = ("wsdl", "singlewsdl", "xsd", "op")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
MAX_PART = 60


def safe_part(text: str) -> str:
    """`text` as a piece of a file name: letters, digits, `_` and `-` only."""
    return _UNSAFE.sub("_", text).strip("_")[:MAX_PART]


def stem_of(url: str) -> str:
    """`http://h/a/Service.svc?wsdl=wsdl0` -> `Service.wsdl0`."""
    parts = urlsplit(url)
    last = posixpath.basename(unquote(parts.path).rstrip("/"))
    lowered = last.lower()
    for extension in _ADDRESS_EXTENSIONS:
        if lowered.endswith(extension) and len(last) > len(extension):
            last = last[: -len(extension)]
            break
    pieces = [safe_part(last) or safe_part(parts.hostname or "") or "index"]
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if value:
            pieces.append(safe_part(value))
        elif key.lower() not in _KIND_KEYS:
            pieces.append(safe_part(key))
    return ".".join(p for p in pieces if p)


class Names:
    """The local name of each URL, one each, none taken twice."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.by_url: dict[str, str] = {}
        self.taken: set[str] = {SPEC_TOML.lower()} | {t.lower() for t in taken or set()}

    def name(
        self, url: str, extension: str, stem: str | None = None, under: str | None = None
    ) -> str:
        """The name of `url` (the one it got before, if it got one).

        With `under` (the folder URL of a site's first document), a plain URL below it keeps
        its relative path (`schemas/common.xsd`), so that relative locations between such files
        stay as they are and so do the files' bytes.
        """
        found = self.by_url.get(url)
        if found is not None:
            return found
        mirrored = _below(url, under) if under else None
        if mirrored is not None and mirrored.lower() not in self.taken:
            self.taken.add(mirrored.lower())
            self.by_url[url] = mirrored
            return mirrored
        base = stem or stem_of(url)
        name = f"{base}.{extension}"
        number = 2
        # file systems that ignore case would merge two names that differ only in case
        while name.lower() in self.taken:
            name = f"{base}-{number}.{extension}"
            number += 1
        self.taken.add(name.lower())
        self.by_url[url] = name
        return name

    def reserve(self, name: str) -> None:
        self.taken.add(name.lower())


_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
MAX_DEPTH = 5


def _below(url: str, folder: str) -> str | None:
    """`url`'s path relative to `folder`, where that is a plain, safe relative path."""
    parts = urlsplit(url)
    if parts.query or parts.fragment or not url.startswith(folder):
        return None
    segments = url[len(folder) :].split("/")
    if len(segments) > MAX_DEPTH or not all(_SEGMENT.match(s) for s in segments):
        return None
    return "/".join(segments)
