"""The links of an HTML page, read by lxml's HTML parser (never the network, never a DTD)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from lxml import etree


def links(data: bytes, base: str) -> list[str]:
    """Every `<a href>` of the page, absolute, without fragment, in page order, each once."""
    parser = etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    found: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:")):
            continue
        url, _ = urldefrag(urljoin(base, href))
        if url not in found:
            found.append(url)
    return found


def query_value(url: str, key: str) -> str | None:
    """The value of `key` in the URL's query, the key's case ignored (`?op=`, `?Op=`)."""
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if name.lower() == key:
            return value
    return None


def path_of(url: str) -> str:
    return urlsplit(url).path
