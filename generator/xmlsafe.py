"""Hardened XML parsing for every input the generator reads, and text safe to show or write.

Entities are never expanded, DTDs never loaded, the network never touched, and line
numbers are kept so that every error and every model node can name its place.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from .errors import SpecError


def _parser(*, recover: bool = False, comments: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=not comments,
        remove_pis=True,
        recover=recover,
    )


def parse_bytes(
    data: bytes, *, file: str, line_offset: int = 0, comments: bool = False
) -> etree._Element:
    """Parse a complete document; `line_offset` shifts line numbers for a fragment of a page.

    `comments` keeps comments, which some sample generators (SoapUI) use for cardinality.
    """
    try:
        root = etree.fromstring(data, _parser(comments=comments))
    except etree.XMLSyntaxError as exc:
        line = (exc.lineno or 0) + line_offset if exc.lineno else line_offset
        message = re.sub(r", line \d+, column \d+$", "", exc.msg)
        # libxml2 counts lines from the fragment's start: name page lines instead.
        message = re.sub(
            r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + line_offset}", message
        )
        raise SpecError(f"not well-formed XML: {message}", file=file, line=line) from None
    if root.getroottree().docinfo.doctype:
        raise SpecError("XML with a DOCTYPE is refused (DTDs are never read)", file=file, line=1)
    for el in root.iter(etree.Entity):
        raise SpecError("XML entity references are refused", file=file, line=_line(el, line_offset))
    return root


def parse_recovering(data: bytes, *, file: str, line_offset: int = 0) -> etree._Element:
    """Parse a fragment cut off by the page: the parser closes what is left open."""
    try:
        root = etree.fromstring(data, _parser(recover=True, comments=True))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise SpecError("nothing of this sample can be read", file=file, line=line_offset + 1)
    for el in root.iter(etree.Entity):
        raise SpecError("XML entity references are refused", file=file, line=_line(el, line_offset))
    return root


def _line(el: etree._Element, offset: int) -> int:
    return (el.sourceline or 0) + offset


def printable(name: str) -> str:
    """A file name as messages and output show it: bytes that are not UTF-8 (held by Python as
    lone surrogates) and control characters escaped, so that it stays one line of valid text.

    Applying it twice changes nothing, so a shown name can stand for the file it names.
    """
    if name.isprintable():
        return name
    return "".join(_printable_char(c) for c in name)


def _printable_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if char == " " or unicodedata.category(char)[0] not in "CZ":
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def usable_namespace(namespace: str) -> bool:
    """Whether lxml can declare the namespace, and so read or write a message in it (it refuses
    what libxml2 does not parse as a URI: `urn:a b`, `urn:é`)."""
    try:
        etree.Element("probe", nsmap={"p": namespace})
    except ValueError:
        return False
    return True
