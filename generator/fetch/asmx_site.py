"""An ASP.NET .asmx service: its operation list, every operation's help page, its ?WSDL.

`Service.asmx` answers the list of operations, each a link to `Service.asmx?op=Name`; the
service usually answers `Service.asmx?WSDL` too.  Both are kept where both exist: the help
pages carry the descriptions and sample envelopes a WSDL lacks (and the folder is read from
the WSDL, which says more about types).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import FetchError
from .content import HTML_KIND, described, looks_html
from .html_links import links, path_of, query_value
from .limits import Fetcher, NotThere, host_of
from .names import Names
from .sources import Saved
from .wsdl_site import fetch_wsdl_site, is_description


def is_asmx(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.lower().endswith(".asmx") and query_value(url, "op") is None


def service_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def fetch_asmx_site(fetcher: Fetcher, names: Names, url: str) -> list[Saved]:
    service = service_url(url)
    index = fetcher.get(service)
    if not looks_html(index.data):
        raise FetchError(
            f"expected the service's list of operations, got {described(index.data)}",
            file=service,
        )
    operations = operation_names(index.data, index.final_url)
    if not operations:
        raise FetchError(
            "the page lists no operations (no links to ?op=NAME): not an .asmx service page",
            file=service,
        )
    saved = [Saved(names.name(service, HTML_KIND), index.data, service, index.fetched)]
    for operation in operations:
        page_url = f"{service}?op={quote(operation, safe='')}"
        page = fetcher.get(page_url)
        if not looks_html(page.data) and b"Envelope" not in page.data:
            raise FetchError(
                f"expected the operation's help page, got {described(page.data)}", file=page_url
            )
        saved.append(Saved(names.name(page_url, HTML_KIND), page.data, page_url, page.fetched))
    wsdl_url = f"{service}?WSDL"
    try:
        wsdl = fetcher.get(wsdl_url)
    except NotThere:
        return saved  # the service publishes no WSDL: the pages are the description
    if is_description(wsdl):
        saved.extend(fetch_wsdl_site(fetcher, names, wsdl))
    return saved


def operation_names(data: bytes, base: str) -> list[str]:
    """The operations the list links to, in its order: links to this service's `?op=`."""
    found: list[str] = []
    for link in links(data, base):
        operation = query_value(link, "op")
        if not operation:
            continue
        if host_of(link) != host_of(base):
            raise FetchError(
                f"links operation {operation!r} on another host ({link}): refused", file=base
            )
        if path_of(link).lower() != path_of(base).lower():
            continue  # another service's operation
        if operation not in found:
            found.append(operation)
    return found
