"""Each source given to `add` to the files it brings: a URL by the layout of its site, a local
file with the local files it imports."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from ..errors import FetchError
from ..readers.spec_file import spec_folder_of_file
from .asmx_site import fetch_asmx_site, is_asmx
from .content import described, kind_of, parsed
from .limits import Fetcher, Limits, host_of
from .names import Names
from .servicestack_site import fetch_servicestack_site, is_servicestack
from .sources import Saved
from .wcf_site import fetch_wcf_site, is_wcf
from .wsdl_site import fetch_wsdl_site, is_description


def is_url(source: str) -> bool:
    return "://" in source


def given_form(source: str) -> str:
    """How `[source] given` records a source: a URL as it is, a file by its absolute path (so
    that `refresh` finds it from anywhere)."""
    return source if is_url(source) else str(Path(source).resolve())


def fetch_sources(given: list[str], limits: Limits) -> list[Saved]:
    """The files of every source, named without clashes, or a FetchError naming the first
    that failed."""
    hosts = {host_of(s) for s in given if is_url(s)}
    names = Names()
    saved: list[Saved] = []
    with Fetcher(limits, hosts) as fetcher:
        for source in given:
            if is_url(source):
                saved.extend(fetch_url(fetcher, names, source))
            else:
                saved.extend(_local(source, names, limits.max_file_bytes))
    return saved


def fetch_url(fetcher: Fetcher, names: Names, url: str) -> list[Saved]:
    if is_wcf(url):
        return fetch_wcf_site(fetcher, names, url)
    if is_asmx(url):
        return fetch_asmx_site(fetcher, names, url)
    if is_servicestack(url):
        return fetch_servicestack_site(fetcher, names, url)
    got = fetcher.get(url)
    if is_description(got):
        return fetch_wsdl_site(fetcher, names, got)
    if _asks_description(url):
        raise FetchError(f"expected a WSDL or an XML schema, got {described(got.data)}", file=url)
    kind = kind_of(got.data, parsed(got.data, url))  # a single page: whatever it is, kept
    return [Saved(names.name(url, kind), got.data, url, got.fetched)]


def _asks_description(url: str) -> bool:
    """A URL that names a WSDL or schema (`.wsdl`, `?wsdl`, `?singleWsdl`, `?xsd=`): whatever
    else answers there (an error page with status 200) is not the document."""
    parts = urlsplit(url)
    keys = {key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return parts.path.lower().endswith((".wsdl", ".xsd")) or bool(
        keys & {"wsdl", "singlewsdl", "xsd"}
    )


def _local(source: str, names: Names, max_bytes: int) -> list[Saved]:
    """A local file and the local files it imports, where they lie relative to it."""
    path = Path(source)
    if not path.is_file():
        raise FetchError("no such file (and not an http:// or https:// URL)", file=source)
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    saved: list[Saved] = []
    with tempfile.TemporaryDirectory(prefix="soapsmith-add-") as scratch:
        folder = spec_folder_of_file(path, Path(scratch), max_bytes)
        base = path.resolve().parent
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = file.relative_to(folder).as_posix()
            if name.lower() in names.taken:
                raise FetchError(
                    f"another source brings a file named {name!r} too: add them to different "
                    "specs, or rename one",
                    file=source,
                )
            names.reserve(name)
            saved.append(Saved(name, file.read_bytes(), (base / name).as_uri(), when))
    return saved
