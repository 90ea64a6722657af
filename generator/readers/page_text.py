"""Pages as text: decode, undo HTML, and cut out the pieces a sample-based reader needs.

Everything here keeps line numbers of the original page: HTML tags are blanked rather than
removed across lines, so a line number computed on the cleaned text is a line of the file.
"""

from __future__ import annotations

import html
import ipaddress
import re
from dataclasses import dataclass, replace

import idna

from ..errors import SpecError

_HTML_HINT = re.compile(r"<(?:html|body|pre|div|span|font|table|br|p)\b", re.I)
_ESCAPED_XML = re.compile(r"&lt;\s*/?\s*[\w.-]+:?[\w.-]*", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)([^<>]*)>", re.S)
_HTML_TAGS = frozenset(
    "html head body title meta link style script pre div span font table tr td th thead tbody "
    "br p a b i u em strong code h1 h2 h3 h4 h5 h6 ul ol li hr img form input label small sup "
    "sub blockquote section article nav header footer main".split()
)
_LINE_BREAKING = frozenset("br p div pre tr li hr table h1 h2 h3 h4 h5 h6".split())
_XML_DECL = re.compile(r"<\?xml[^<>]*?\?(?:>|&gt;)", re.I)
_STYLE = re.compile(r"<(style|script)\b.*?</\1\s*>", re.S | re.I)

_ENVELOPE_START = re.compile(r"<(?:([\w.-]+):)?Envelope\b")
# Not anchored at line starts: crawlers collapse an HTTP block onto one line.  Mono's help pages
# print the request line without its version (`POST /Service.asmx`, then the headers): a path
# followed by a header line is a request line too.
_REQUEST_TARGET = r"(?=\S+\s+HTTP/\d\.\d|(?:/|https?://)\S*\s+[A-Za-z][\w-]*:\s)(\S+)"
_HTTP_REQUEST = re.compile(rf"\bPOST\s+{_REQUEST_TARGET}")
_HTTP_RESPONSE = re.compile(r"\bHTTP/\d\.\d\s+(\d{3})\b")
_HTTP_ANY_REQUEST = re.compile(rf"\b[A-Z]{{3,7}}\s+{_REQUEST_TARGET}")
_HOST = re.compile(r"\bHost:\s*((?:\[[\da-fA-F:.]+\]|[\w.-]+)(?::\d+)?)", re.I)
_SOAP_ACTION = re.compile(r"\bSOAPAction:\s*(\"[^\"\n]*\"|\S+)", re.I)
_CONTENT_TYPE_ACTION = re.compile(r"\bContent-Type:[^\n<]*?action=\"([^\"\n]*)\"", re.I)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode(data: bytes, *, file: str) -> str:
    if not data.strip():
        raise SpecError("the file is empty", file=file)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # a byte-order mark: Windows tools save pages so
    elif b"\x00" in data[:4096]:
        raise SpecError("the file is binary, not a page or XML document", file=file)
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpecError(
            f"the file is not {encoding.upper()[:6].rstrip('-')} "
            f"(byte {data[exc.start]:#04x} at offset {exc.start})",
            file=file,
            line=line,
            hint="convert the page to UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Characters XML cannot hold (crawlers leave escape codes and form feeds) become spaces.
    return _NOT_XML.sub(" ", text)


def _blank(match: re.Match[str]) -> str:
    """Replace a match by as many newlines as it spans, keeping later line numbers true."""
    return "\n" * match.group(0).count("\n")


def clean(text: str) -> str:
    """Undo HTML around samples: strip markup tags, unescape entities, drop XML declarations.

    A page whose XML is escaped (`&lt;soap:Envelope`) has its real HTML tags removed and
    its entities decoded; a page with raw XML keeps its XML and loses only HTML tags.
    """
    if _HTML_HINT.search(text) or _ESCAPED_XML.search(text):
        text = _STYLE.sub(_blank, text)

        def strip_html(match: re.Match[str]) -> str:
            tag = match.group(2).lower()
            if tag not in _HTML_TAGS:
                return match.group(0)
            # a tag that breaks the line (Mono's help pages print each sample on one source line,
            # its lines separated by <br>) leaves a space: the HTTP lines stay apart
            return _blank(match) + (" " if tag in _LINE_BREAKING else "")

        text = _TAG.sub(strip_html, text)
        if _ESCAPED_XML.search(text):
            # &nbsp; (Mono's help pages indent and separate attributes with it) is a space:
            # U+00A0 between an element's name and its attributes is not XML
            text = html.unescape(text).replace("\xa0", " ")
    return _XML_DECL.sub(_blank, text)


@dataclass(frozen=True)
class Segment:
    """One envelope's text as found on a page, with what the text just before it said."""

    xml: str
    line: int  # line of the page where the envelope starts
    complete: bool  # False when the page stops before the closing tag
    before: str  # the page's text between the previous envelope and this one
    after: str = ""  # the page's text from this envelope to the next one (or the page's end)


@dataclass(frozen=True)
class HttpBlock:
    """The HTTP lines printed above a sample (asmx, ServiceStack)."""

    is_request: bool | None  # None: no request or status line was printed
    path: str
    host: str
    soap_action: str | None


def segments(text: str) -> list[Segment]:
    found: list[Segment] = []
    pos = 0
    while True:
        start = _ENVELOPE_START.search(text, pos)
        if not start:
            break
        prefix = start.group(1)
        close = re.compile(rf"</\s*{re.escape(prefix) + ':' if prefix else ''}Envelope\s*>")
        following = _ENVELOPE_START.search(text, start.end())
        limit = following.start() if following else len(text)
        end = close.search(text, start.end(), limit)
        line = text.count("\n", 0, start.start()) + 1
        before = text[pos : start.start()]
        if end is None:  # cut off: the sample runs to the next sample or the page's end
            found.append(Segment(text[start.start() : limit], line, False, before))
            pos = limit
            continue
        found.append(Segment(text[start.start() : end.end()], line, True, before))
        pos = end.end()
    # what follows a sample is what precedes the next one, or the page's end
    afters = [s.before for s in found[1:]] + [text[pos:]] if found else []
    return [replace(s, after=after) for s, after in zip(found, afters, strict=True)]


def http_block(before: str) -> HttpBlock:
    """Read the last HTTP block in the text before a sample."""
    request = list(_HTTP_REQUEST.finditer(before))
    response = list(_HTTP_RESPONSE.finditer(before))
    last_req = request[-1].start() if request else -1
    last_resp = response[-1].start() if response else -1
    if last_req < 0 and last_resp < 0:
        return HttpBlock(None, "", "", _action(before))
    if last_resp > last_req:
        return HttpBlock(False, "", "", None)
    tail = before[last_req:]
    host = _HOST.search(tail)
    return HttpBlock(True, request[-1].group(1), host.group(1) if host else "", _action(tail))


def announced_answer(after: str) -> tuple[int, int] | None:
    """The status of an answer with content printed right after a request (`HTTP/1.1 200 OK`)
    and how many lines into `after` it is.  None where the next HTTP line is another request
    (a later section's), lies beyond a label's distance, or says there is no content (202
    Accepted, 204 No Content) or an error (a fault example)."""
    request = _HTTP_ANY_REQUEST.search(after)
    found = _HTTP_RESPONSE.search(after, 0, request.start() if request else len(after))
    if found is None or sum(1 for line in after[: found.start()].split("\n") if line.strip()) > 3:
        return None
    status = int(found.group(1))
    if not 200 <= status < 300 or status in (202, 204):
        return None
    return status, after.count("\n", 0, found.start())


# Mono's .asmx help pages print the type of every HTTP header's value (`Host: string`): no host,
# and nothing wrong with the page
PLACEHOLDER_HOST = "string"


def host_problem(host: str) -> str | None:
    """Why a Host line's value (a name or an IP address, and a port) is not a host; None where
    it is one.  Crawled pages run lines together (`10.1.2.3..Content-Length`)."""
    name, port = host, ""
    found = re.fullmatch(r"(.*?):(\d+)", host)
    if found:
        name, port = found.groups()
    if port and not 0 < int(port) < 65536:
        return f"port {port} is out of range"
    if name.startswith("[") and name.endswith("]"):
        try:
            ipaddress.IPv6Address(name[1:-1])
        except ValueError:
            return "not an IPv6 address"
        return None
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        return None
    if name.rstrip(".").rpartition(".")[2].isdigit():
        return "neither an IP address nor a name (a name does not end in a number)"
    try:
        idna.encode(name, uts46=True)
    except idna.IDNAError as exc:
        return f"not a host name: {exc}"
    return None


def scheme_for(text: str, host: str, path: str) -> str:
    """The scheme of the page's own links to the endpoint (`...asmx?WSDL`); https if none.

    Only links to the endpoint's path count: namespaces and SOAPActions often reuse the
    host with a scheme the endpoint does not speak.
    """
    where = re.escape(host) + re.escape(path)
    found = re.search(rf"\b(https?)://{where}(?![\w.-])", text, re.I)
    return found.group(1).lower() if found else "https"


_WSDL_LINK = re.compile(r"\b(https?://[\w.:-]+/[^\s\"'<>()?]*)\?wsdl\b", re.I)


# a link to an operation's help page: what a service's list of operations is made of
_OPERATION_LINK = re.compile(r"""\bhref\s*=\s*["']?[^"'>\s]*[?&]op=[^"'>\s&]""", re.I)


def is_operation_list(raw: str, text: str) -> bool:
    """An .asmx service's (or ServiceStack's) list of operations: it links `?op=NAME` pages
    and shows no envelope of its own."""
    return bool(_OPERATION_LINK.search(raw)) and not segments(text)


def wsdl_links(text: str) -> list[str]:
    """Endpoints the page links with `?wsdl` (`https://host/Service.asmx?WSDL`)."""
    return [m.group(1) for m in _WSDL_LINK.finditer(text)]


def _action(text: str) -> str | None:
    found = _SOAP_ACTION.search(text) or _CONTENT_TYPE_ACTION.search(text)
    if not found:
        return None
    return found.group(1).strip().strip('"')
