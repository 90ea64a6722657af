"""A ServiceStack service: its `/metadata` index, and every operation's SOAP 1.1 and 1.2 page.

The index links each operation's page per format (`json/metadata?op=Name`,
`soap11/metadata?op=Name`, `soap12/metadata?op=Name`); the SOAP ones are kept, as the service
links them (a service without SOAP 1.2 links none).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import FetchError
from .content import HTML_KIND, described, looks_html
from .html_links import links, path_of, query_value
from .limits import Fetcher
from .names import Names, safe_part
from .sources import Saved

_SOAP_PAGES = ("soap11", "soap12")


def is_servicestack(url: str) -> bool:
    return urlsplit(url).path.rstrip("/").lower().endswith("/metadata") and (
        query_value(url, "op") is None
    )


def fetch_servicestack_site(fetcher: Fetcher, names: Names, url: str) -> list[Saved]:
    index = fetcher.get(url)
    if not looks_html(index.data):
        raise FetchError(
            f"expected ServiceStack's metadata page, got {described(index.data)}", file=url
        )
    pages = soap_pages(index.data, index.final_url)
    if not pages:
        raise FetchError(
            "the page links no SOAP 1.1 or 1.2 operation pages (soap11/metadata?op=NAME): "
            "not a ServiceStack metadata page, or the service has SOAP turned off",
            file=url,
        )
    saved: list[Saved] = []
    for page_url, operation, version in pages:
        page = fetcher.get(page_url)
        if not looks_html(page.data) and b"Envelope" not in page.data:
            raise FetchError(
                f"expected the operation's SOAP page, got {described(page.data)}", file=page_url
            )
        stem = f"{safe_part(operation) or 'operation'}.{version}"
        saved.append(
            Saved(names.name(page_url, HTML_KIND, stem), page.data, page_url, page.fetched)
        )
    return saved


def soap_pages(data: bytes, base: str) -> list[tuple[str, str, str]]:
    """(URL, operation, soap11 or soap12) of each SOAP page the index links, in its order."""
    found: list[tuple[str, str, str]] = []
    for link in links(data, base):
        operation = query_value(link, "op")
        folders = path_of(link).rstrip("/").lower().split("/")
        if not operation or len(folders) < 2 or folders[-1] != "metadata":
            continue
        if folders[-2] in _SOAP_PAGES and all(link != f[0] for f in found):
            found.append((link, operation, folders[-2]))
    return found
