"""What a fetched answer is, by its content: a WSDL, a schema, other XML, an HTML page, text.

The content decides, not the URL nor the Content-Type a server sends (.asmx services answer
`?WSDL` as text/xml, some as text/html; an error page often comes with status 200).
"""

from __future__ import annotations

from lxml import etree

from ..errors import SpecError
from ..readers.wsdl_documents import WSDL, XSD
from ..xmlsafe import parse_bytes

WSDL_KIND = "wsdl"
XSD_KIND = "xsd"
XML_KIND = "xml"
HTML_KIND = "html"
TEXT_KIND = "txt"

_BOM = b"\xef\xbb\xbf"


def parsed(data: bytes, url: str) -> etree._Element | None:
    """The XML document, or None where the answer is not XML (hardened: no DTD, no entities,
    comments kept so that a rewritten file keeps them)."""
    head = data.lstrip(_BOM + b" \t\r\n")
    if not head.startswith(b"<") or looks_html(data):
        return None
    try:
        return parse_bytes(data, file=url, comments=True)
    except SpecError:
        return None


def kind_of(data: bytes, root: etree._Element | None) -> str:
    if root is not None:
        if root.tag == f"{{{WSDL}}}definitions":
            return WSDL_KIND
        if root.tag == f"{{{XSD}}}schema":
            return XSD_KIND
        return XML_KIND
    return HTML_KIND if looks_html(data) else TEXT_KIND


def looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip(_BOM + b" \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def described(data: bytes) -> str:
    """What an answer that is not the document wanted looks like, for an error message."""
    if looks_html(data):
        return "an HTML page (an error or login page?)"
    if not data.strip():
        return "an empty answer"
    head = data.lstrip(_BOM + b" \t\r\n")[:40].decode("utf-8", "replace").split("\n")[0]
    return f"something else (it starts {head!r})"
