"""A WCF service (`Service.svc`): its `?singleWsdl` where it has one (WCF 4.5 and later: one
file, every schema inline), else its `?wsdl` with the `?wsdl=wsdl0` and `?xsd=xsd0` documents
it imports."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..errors import FetchError
from .content import described
from .limits import Fetcher, NotThere
from .names import Names
from .sources import Saved
from .wsdl_site import fetch_wsdl_site, is_description


def is_wcf(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.lower().endswith(".svc") and not parts.query


def fetch_wcf_site(fetcher: Fetcher, names: Names, url: str) -> list[Saved]:
    parts = urlsplit(url)
    service = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    try:
        single = fetcher.get(f"{service}?singleWsdl")
    except NotThere:
        single = None
    if single is not None and is_description(single):
        return fetch_wsdl_site(fetcher, names, single)
    wsdl = fetcher.get(f"{service}?wsdl")
    if not is_description(wsdl):
        raise FetchError(f"expected the service's WSDL, got {described(wsdl.data)}", file=wsdl.url)
    return fetch_wsdl_site(fetcher, names, wsdl)
