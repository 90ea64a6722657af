"""MIME packages around SOAP envelopes: MTOM/XOP and SOAP with Attachments (SwA).

This file is copied verbatim into every generated package.  A `multipart/related` message
is read with the standard library's email parser: its root part (the one `start` names, else
the first) is the envelope, every `xop:Include` in it (W3C XOP 1.0, as MTOM uses it) is
replaced by the base64 text of the part it points at, and the parts after the root are
`Attachment`s.  Written: `package` frames an envelope and its attachments, and the `Mtom` hook
moves a request's large base64 values into parts:

    client = Client(hooks=[Mtom()])                  # values over 1024 bytes go as parts

What cannot be read raises `MimeError`, a `ParseError`: a message the Content-Type calls
multipart but is not, one cut short before its closing boundary, a `start` or `cid:` naming
no part, more parts than the limit, nested multiparts.
"""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import re
import uuid
from collections.abc import Callable, Sequence
from email.message import Message
from email.utils import collapse_rfc2231_value
from urllib.parse import quote, unquote

from lxml import etree

from ._hooks import Attachment, Hook, Outgoing
from ._soap import SOAP12, ParseError, WriteError, http_headers

XOP = "http://www.w3.org/2004/08/xop/include"
XOP_INCLUDE = f"{{{XOP}}}Include"
XOP_TYPE = "application/xop+xml"
XMIME = "http://www.w3.org/2005/05/xmlmime"  # xmime:contentType names a value's media type
MAX_PARTS = 100  # parts of one message, the root included
MTOM_THRESHOLD = 1024  # bytes: smaller values stay inline, where they cost less than a part

Parse = Callable[[bytes], etree._Element]


class MimeError(ParseError):
    """A multipart/related message that cannot be read as a SOAP message package."""


def is_multipart(content_type: str) -> bool:
    return content_type.lstrip()[:10].lower() == "multipart/"


def _header(content_type: str) -> Message:
    if any(c in content_type for c in "\r\n\0"):
        raise MimeError("the Content-Type holds a line break")
    head = Message()
    head["Content-Type"] = content_type
    return head


def param(content_type: str, name: str) -> str | None:
    """A parameter of a media type, its quoting undone (None: absent)."""
    value = _header(content_type).get_param(name)
    if value is None or isinstance(value, str):
        return value
    return collapse_rfc2231_value(value)


def action_of(content_type: str) -> str | None:
    """The SOAP 1.2 action of a message's Content-Type: its own `action` parameter, else that
    of the SOAP media type an XOP package names in `start-info`."""
    found = param(content_type, "action")
    if found is None and is_multipart(content_type):
        inner = param(content_type, "start-info")
        found = param(inner, "action") if inner else None
    return found


def _content_id(value: str) -> str:
    return value.strip().removeprefix("<").removesuffix(">").strip()


def unpack(
    content_type: str, body: bytes, *, max_parts: int = MAX_PARTS
) -> tuple[Attachment, list[Attachment]]:
    """The root part and the other parts of a multipart/related message."""
    head = _header(content_type)
    if head.get_content_type() != "multipart/related":
        raise MimeError(f"a {head.get_content_type()} message is not a SOAP message package")
    boundary = head.get_boundary()
    if not boundary:
        raise MimeError("the multipart/related Content-Type names no boundary")
    # counted before parsing, which builds an object per part
    if body.count(b"--" + boundary.encode("utf-8", "surrogateescape")) > max_parts + 1:
        raise MimeError(f"the message has more than {max_parts} MIME parts")
    framed = b"Content-Type: " + content_type.encode("utf-8", "surrogateescape") + b"\r\n\r\n"
    try:
        message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(framed + body)
    except RecursionError:
        raise MimeError("the message's multiparts are nested too deep") from None
    _no_defects(message, "the message")
    parts = message.get_payload()
    if not isinstance(parts, list) or not parts:
        raise MimeError(f"no MIME part starts with the boundary {boundary!r}")
    if len(parts) > max_parts:
        raise MimeError(f"the message has more than {max_parts} MIME parts")
    read = [_attachment(part, index) for index, part in enumerate(parts)]
    start = param(content_type, "start")
    if start is None:
        return read[0], read[1:]
    wanted = _content_id(start)
    for index, part in enumerate(read):
        if part.content_id == wanted:
            return part, read[:index] + read[index + 1 :]
    raise MimeError(f"the root part {start!r} that `start` names is not in the message")


def _attachment(part: Message, index: int) -> Attachment:
    if part.is_multipart():
        raise MimeError(f"MIME part {index + 1} is itself a multipart")
    content = part.get_payload(decode=True)
    _no_defects(part, f"MIME part {index + 1}")
    if not isinstance(content, bytes):
        raise MimeError(f"MIME part {index + 1} has no content")
    return Attachment(
        content=content,
        content_type=str(part.get("Content-Type", "application/octet-stream")).strip(),
        content_id=_content_id(str(part.get("Content-ID", ""))),
        headers=tuple((str(k), str(v)) for k, v in part.items()),
    )


_DEFECTS = {
    "StartBoundaryNotFoundDefect": "no MIME part starts with the declared boundary",
    "CloseBoundaryNotFoundDefect": "it ends before its closing boundary (cut short?)",
    "MultipartInvariantViolationDefect": "it is not a multipart",
    "MissingHeaderBodySeparatorDefect": "a part's headers do not end in a blank line",
}


def _no_defects(message: Message, what: str) -> None:
    for defect in message.defects:
        name = type(defect).__name__
        raise MimeError(f"{what} cannot be read: {_DEFECTS.get(name, name)}")


def reader(parse: Parse, parts: Sequence[Attachment], max_bytes: int) -> Parse:
    """`parse`, followed by `resolve` against `parts`."""

    def read(data: bytes) -> etree._Element:
        root = parse(data)
        resolve(root, parts, max_bytes)
        return root

    return read


def resolve(root: etree._Element, parts: Sequence[Attachment], max_bytes: int) -> None:
    """Replace each xop:Include under `root` by the base64 text of the part it names, in
    place.  What is inlined is bounded by `max_bytes` (decoded): a part may be named many
    times."""
    includes = list(root.iter(XOP_INCLUDE))
    if not includes:
        return
    by_id: dict[str, Attachment] = {}
    for part in parts:
        by_id.setdefault(part.content_id, part)
    budget = max_bytes
    for include in includes:
        href = (include.get("href") or "").strip()
        if href[:4].lower() != "cid:":
            raise MimeError(f"an xop:Include points at {href[:80]!r}, not at a cid: part")
        # RFC 2392: a cid URL is the Content-ID percent-encoded (WCF encodes, CXF need not)
        found = by_id.get(unquote(href[4:])) or by_id.get(href[4:])
        if found is None:
            raise MimeError(f"the xop:Include {href[:80]!r} names no part of the message")
        parent = include.getparent()
        if (
            parent is None
            or len(parent) != 1
            or (parent.text or "").strip()
            or (include.tail or "").strip()
        ):
            raise MimeError(f"the xop:Include {href[:80]!r} is not all its element holds")
        budget -= len(found.content)
        if budget < 0:
            raise MimeError(f"the xop:Include elements inline more than {max_bytes} bytes")
        parent.remove(include)
        parent.text = base64.b64encode(found.content).decode("ascii")


def root_type(content_type: str) -> str:
    """The media type of a root part, without parameters."""
    return content_type.split(";", 1)[0].strip().lower()


# -- writing -------------------------------------------------------------------------------


def _safe(value: str, what: str) -> str:
    if not value.isascii() or any(c in value for c in "\r\n\0"):
        raise WriteError(f"{what} {value[:80]!r} cannot be sent in a MIME header")
    return value


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def package(
    envelope: bytes,
    attachments: Sequence[Attachment],
    *,
    version: str,
    action: str = "",
    xop: bool = False,
) -> tuple[bytes, str]:
    """A multipart/related message holding `envelope` (of SOAP `version`) as its root and then
    `attachments`, and its Content-Type.  `xop`: the root is an XOP package's
    (`application/xop+xml`, MTOM), else the envelope's own media type (SwA).  Parts are sent
    `binary`, as CXF and WCF send them; a part without a Content-ID gets one."""
    soap = http_headers(version, action)["Content-Type"]  # with its charset and 1.2 action
    soap_media = root_type(soap)
    inner = soap_media
    if version == SOAP12 and action:
        inner += f"; action={_quoted(_safe(action, 'the action'))}"
    root_id = f"root.{uuid.uuid4()}@soapsmith"
    if xop:
        root_ct = f"{XOP_TYPE}; charset=UTF-8; type={_quoted(inner)}"
    else:
        root_ct = soap
    parts: list[tuple[str, str, tuple[tuple[str, str], ...], bytes]] = [
        (root_ct, root_id, (), envelope)
    ]
    for number, attachment in enumerate(attachments, 1):
        content_id = attachment.content_id or f"part{number}.{uuid.uuid4()}@soapsmith"
        parts.append(
            (
                _safe(attachment.content_type or "application/octet-stream", "the Content-Type"),
                _safe(content_id, "the Content-ID"),
                attachment.headers,
                attachment.content,
            )
        )
    boundary = f"uuid:{uuid.uuid4()}"
    while any(boundary.encode("ascii") in content for *_, content in parts):
        boundary = f"uuid:{uuid.uuid4()}"  # never seen; but a part must not hold it
    out: list[bytes] = []
    for content_type, content_id, headers, content in parts:
        lines = [
            f"--{boundary}",
            f"Content-Type: {content_type}",
            "Content-Transfer-Encoding: binary",
            f"Content-ID: <{content_id}>",
        ]
        for name, value in headers:
            if name.lower() not in ("content-type", "content-id", "content-transfer-encoding"):
                lines.append(f"{_safe(name, 'the header')}: {_safe(value, 'the header')}")
        out += ["\r\n".join(lines).encode("ascii"), b"\r\n\r\n", content, b"\r\n"]
    out.append(f"--{boundary}--\r\n".encode("ascii"))
    top = [
        "multipart/related",
        f"type={_quoted(XOP_TYPE if xop else soap_media)}",
        f"boundary={_quoted(boundary)}",
        f"start={_quoted(f'<{root_id}>')}",
    ]
    if xop:
        top.append(f"start-info={_quoted(inner)}")
    if version == SOAP12 and action:  # where servers that read no start-info look for it
        top.append(f"action={_quoted(_safe(action, 'the action'))}")
    return b"".join(out), "; ".join(top)


def frame(message: Outgoing) -> tuple[bytes, dict[str, str]]:
    """What a request goes on the wire as: the envelope alone, or, where it has attachments or
    is MTOM, a multipart/related package of it; and its HTTP headers."""
    if not message.attachments and not message.mtom:
        return message.content, message.http_headers
    body, content_type = package(
        message.content,
        message.attachments,
        version=message.soap_version,
        action=message.action,
        xop=message.mtom,
    )
    headers = {k: v for k, v in message.http_headers.items() if k.lower() != "content-type"}
    headers["Content-Type"] = content_type
    return body, headers


_BASE64_CHARS = re.compile(r"[A-Za-z0-9+/]*={0,2}")


def _canonical_base64(text: str) -> bytes | None:
    """The bytes of `text` where it is base64Binary in its canonical form (no whitespace,
    padding as encoding makes it), the only form XOP optimises; else None."""
    if len(text) % 4 or not _BASE64_CHARS.fullmatch(text):
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if base64.b64encode(data) == text.encode("ascii") else None


def optimize(envelope: etree._Element, threshold: int = MTOM_THRESHOLD) -> list[Attachment]:
    """Move every base64 value of the envelope's Body longer than `threshold` bytes into a
    part, leaving an xop:Include in its place; the parts made.

    XOP works on the infoset, not the schema: any element whose whole content is canonical
    base64 may be optimised, and a reader puts the same characters back.  So no type
    information is needed, and an element typed otherwise that happens to hold such text
    still reads the same (in practice that is base64 data under another name).
    """
    body = next((c for c in envelope if etree.QName(c).localname == "Body"), None)
    if body is None:
        return []
    shortest = 4 * ((threshold + 3) // 3)  # base64 characters of threshold + 1 bytes
    moved: list[Attachment] = []
    for element in body.iter():
        text = element.text
        if not isinstance(element.tag, str) or len(element) or not text or len(text) < shortest:
            continue
        data = _canonical_base64(text)
        if data is None or len(data) <= threshold:
            continue
        content_id = f"{len(moved) + 1}.{uuid.uuid4()}@soapsmith"
        content_type = element.get(f"{{{XMIME}}}contentType") or "application/octet-stream"
        moved.append(Attachment(data, content_type.strip(), content_id))
        element.text = None
        include = etree.SubElement(element, XOP_INCLUDE, nsmap={"xop": XOP})
        include.set("href", f"cid:{quote(content_id, safe='@.-')}")
    return moved


class Mtom(Hook):
    """Send requests as MTOM: each base64 value longer than `threshold` bytes travels as a
    binary MIME part of its own instead of as base64 text (a third smaller on the wire, and
    never held as text by the server).  A request with no such value is sent as it is."""

    def __init__(self, threshold: int = MTOM_THRESHOLD) -> None:
        self.threshold = threshold
        self._candidate = re.compile(rb"[A-Za-z0-9+/]{%d}" % (4 * (threshold // 3))).search

    def outgoing(self, message: Outgoing) -> None:
        if message.parsed is None and self._candidate(message.content) is None:
            return  # no run of base64 long enough: the envelope is not parsed for nothing
        moved = optimize(message.envelope, self.threshold)
        if moved:
            message.attachments.extend(moved)
            message.mtom = True
