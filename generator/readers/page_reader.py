"""Documentation pages to the intermediate model.

All pages of one spec folder are read together: their samples feed one `TypeBuilder`, which
records every shape in the order it meets them; `passes.unite_shapes` then makes a type shown
on several pages (or in the SOAP 1.1 and 1.2 sections of one page) one type.
Each request sample becomes an operation draft for its SOAP version; `passes.merge_operations`
later folds the drafts of one operation into one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from lxml import etree

from ..errors import SpecError
from ..model import (
    Diagnostic,
    Evidence,
    Fault,
    Message,
    Operation,
    QName,
    Requirement,
    SoapVersion,
    Source,
)
from ..xmlsafe import parse_bytes, parse_recovering
from . import page_text
from .files import PageFile
from .page_samples import CUT, Node, read_node, split_tag, text_type
from .tables import REQUEST, RESPONSE, read_tables
from .type_builder import Table, TableEntry, TypeBuilder

ENVELOPE_NS = {
    "http://schemas.xmlsoap.org/soap/envelope/": SoapVersion.SOAP11,
    "http://www.w3.org/2003/05/soap-envelope": SoapVersion.SOAP12,
}
_FAULT_NAME = re.compile(r"\b([A-Z][A-Za-z0-9_]*Fault)\b")
_RESPONSE_WORDS = re.compile(
    r"(response|antwort|réponse|respuesta|resposta|risposta|ответ|yanıt|応答|响应|回應)", re.I
)
_REQUEST_WORDS = re.compile(
    r"(request|anforderung|demande|solicitud|requisição|richiesta|запрос|istek|要求|请求|請求)",
    re.I,
)


@dataclass
class Sample:
    version: SoapVersion
    line: int
    body: Node
    headers: list[Node]
    http: page_text.HttpBlock
    is_fault: bool
    before: str  # the page's text just before the envelope
    complete: bool  # False: the page stops inside this envelope
    action_header: str | None  # a WS-Addressing / WCF Action header's text
    # an answer with content announced after it (`HTTP/1.1 200 OK`) and its line, if any
    announced: tuple[int, int] | None = None
    # what its headers show a client must send: WS-Addressing, a UsernameToken, a Timestamp
    requires: frozenset[Requirement] = frozenset()
    addressing: str = ""  # the namespace of its WS-Addressing headers, where not 1.0's


@dataclass
class Draft:
    """One operation as one page section shows it, before merging."""

    name: str
    version: SoapVersion
    action: str | None
    address: str
    request: Sample
    responses: list[Sample] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    file: str = ""
    doc: str = ""


@dataclass
class PagesResult:
    operations: list[Operation]
    versions: dict[str, set[SoapVersion]]
    addresses: list[str]
    builder: TypeBuilder
    warnings: list[Diagnostic]
    requires: dict[SoapVersion, set[Requirement]] = field(default_factory=dict)
    addressing: dict[SoapVersion, str] = field(default_factory=dict)


def read_pages(pages: Sequence[PageFile]) -> PagesResult:
    builder = TypeBuilder()
    warnings: list[Diagnostic] = []
    operations: list[Operation] = []
    versions: dict[str, set[SoapVersion]] = {}
    addresses: list[str] = []
    linked: list[str] = []
    requires: dict[SoapVersion, set[Requirement]] = {}
    addressing: dict[SoapVersion, str] = {}
    read: list[tuple[Draft, Table, Table]] = []
    lists: list[str] = []
    for page in pages:
        raw = page_text.decode(page.data, file=page.path)  # once per page: every step reads it
        text = page_text.clean(raw)
        if page_text.is_operation_list(raw, text):
            lists.append(page.path)  # what it says, the operations' own pages say in full
            continue
        drafts = _read_page(page.path, raw, text, warnings)
        linked.extend(page_text.wsdl_links(raw))
        tables = read_tables(text)
        request = _with_lists(tables.request, tables.lists(REQUEST))
        response = _with_lists(tables.response, tables.lists(RESPONSE))
        read.extend((draft, request, response) for draft in drafts)
    if not read and lists:
        raise SpecError(
            "a list of operations: it links each operation's page (?op=NAME) but shows no "
            "sample envelope itself",
            file=lists[0],
            hint="save the operations' pages beside it, or fetch them all with "
            "`soapsmith add NAME URL`",
        )
    # an answer one section shows is the answer of the sections that only announce one
    answered = {draft.name for draft, _, _ in read if draft.responses}
    unknown: set[str] = set()
    for draft, request, response in read:
        if draft.name in answered:
            draft.request.announced = None
        operations.append(_operation(draft, builder, request, response, unknown))
        versions.setdefault(draft.name, set()).add(draft.version)
        requires.setdefault(draft.version, set()).update(draft.request.requires)
        if draft.request.addressing:
            addressing.setdefault(draft.version, draft.request.addressing)
        if draft.address:
            addresses.append(draft.address)
    # Pages without an HTTP block often link the service's WSDL: the endpoint, less `?wsdl`.
    return PagesResult(
        operations,
        versions,
        addresses or linked,
        builder,
        warnings + builder.warnings,
        requires,
        addressing,
    )


def _with_lists(table: Table, lists: set[str]) -> Table:
    merged = {name: replace(entry, is_list=name in lists) for name, entry in table.items()}
    for name in sorted(lists - set(table)):
        merged[name] = TableEntry(None, None, "", 0, is_list=True)
    return merged


def _read_page(path: str, raw: str, text: str, warnings: list[Diagnostic]) -> list[Draft]:
    samples: list[Sample] = []
    rejected: list[SpecError] = []
    found_segments = page_text.segments(text)
    for segment in found_segments:
        try:
            sample = _sample(segment, path)
        except SpecError as exc:  # one bad sample does not spoil the page's good ones
            rejected.append(exc)
            warnings.append(Diagnostic(Source(path, exc.line), f"sample ignored: {exc.message}"))
            continue
        if not sample.complete:
            warnings.append(
                Diagnostic(
                    Source(path, segment.line),
                    "the page stops inside this envelope: what it shows is kept, the rest is "
                    "unknown",
                )
            )
        samples.append(sample)
    drafts = _pair(samples, raw, path, warnings)
    if not drafts:
        why = _why_none(found_segments, samples, rejected)
        raise SpecError(
            f"no operation can be read from this page: {why}",
            file=path,
            line=rejected[0].line if rejected and not samples else _first_line(found_segments),
            hint="a page needs at least one complete sample request envelope "
            "(<soap:Envelope> ... </soap:Envelope>)",
        )
    prose = _FAULT_NAME.findall(_outside_samples(text))
    faults = sorted({name for name in prose if name not in ("SoapFault", "SOAPFault")})
    for draft in drafts:
        draft.faults = faults
        draft.doc = _operation_doc(text, draft.name)
    return drafts


_HEADING_WORDS = re.compile(r"^\W*\w+\W*$")
# Mono's .asmx help pages open with a menu listing every operation, then again under each other
# binding ("Methods for binding ServiceSoap12"): the operation's name there heads no description
_MONO_MENU = re.compile(r"^Methods for binding\b")


def _operation_doc(text: str, name: str) -> str:
    """The description printed under the operation's name (asmx, vendor reference pages).

    The lines after the first line that is just the name, up to a blank line, a one-word
    heading (`Test`, `Usage`, `Тест`), the name again, or a line about SOAP or the WSDL.
    """
    lines = text.split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().strip("#").strip() == name)
    except StopIteration:
        return ""
    found: list[str] = []
    for line in lines[start + 1 : start + 12]:
        stripped = line.strip()
        if not stripped:
            if found:
                break
            continue
        if _HEADING_WORDS.match(stripped) or stripped.startswith("<") or name in stripped:
            break
        if _MONO_MENU.match(stripped):
            break
        if "SOAP" in stripped or "WSDL" in stripped:
            break
        found.append(stripped)
    return " ".join(found)[:1000]


def _why_none(
    segments: list[page_text.Segment], samples: list[Sample], rejected: list[SpecError]
) -> str:
    complete = [s for s in samples if s.complete]
    if complete:
        reason = f"{len(complete)} complete envelope(s), none of them a request"
    else:
        reason = "no complete SOAP envelope" if segments or not rejected else "no SOAP envelope"
    details = []
    cut = [s for s in samples if not s.complete and not _is_response_name(s)]
    if cut:
        details.append(f"{len(cut)} request(s) cut off by the page")
    details.extend(f"line {exc.line}: {exc.message}" for exc in rejected[:3])
    return reason + (f" ({'; '.join(details)})" if details else "")


def _first_line(segments: list[page_text.Segment]) -> int:
    return segments[0].line if segments else 0


def _is_response_name(sample: Sample) -> bool:
    return sample.body.name.endswith(("Response", "Result"))


def _outside_samples(text: str) -> str:
    return re.sub(r"<[^<>]*>", " ", text)


_WS_ADDRESSING = (
    "http://www.w3.org/2005/08/addressing",
    "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "http://schemas.xmlsoap.org/ws/2004/03/addressing",
)


def _sample(segment: page_text.Segment, path: str) -> Sample:
    offset = segment.line - 1
    if segment.complete:
        root = parse_bytes(
            segment.xml.encode("utf-8"), file=path, line_offset=offset, comments=True
        )
    else:
        root = _recover(segment.xml, path, offset)
    for element in root.iter():
        namespace = split_tag(element.tag)[0] if isinstance(element.tag, str) else ""
        if namespace and not _usable_namespace(namespace):
            raise SpecError(
                f"the sample uses namespace {namespace!r}, which is not a valid URI",
                file=path,
                line=(element.sourceline or 1) + offset,
            )
    tag = str(root.tag)
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    version = ENVELOPE_NS.get(ns)
    line = segment.line
    if version is None or local != "Envelope":
        raise SpecError(
            f"the sample's root element is {tag!r}, not a SOAP 1.1 or 1.2 Envelope",
            file=path,
            line=line,
        )
    body = root.find(f"{{{ns}}}Body")
    if body is None:
        cut = "" if segment.complete else " (the page stops before it)"
        raise SpecError(f"the sample envelope has no Body{cut}", file=path, line=line)
    content = [c for c in body if isinstance(c.tag, str)]
    if not content:
        raise SpecError("the sample envelope's Body is empty", file=path, line=line)
    headers: list[etree._Element] = []
    action: str | None = None
    requires: set[Requirement] = set()
    addressing = ""
    for child in root:
        if not isinstance(child.tag, str) or child is body:
            continue
        entries = list(child) if child.tag == f"{{{ns}}}Header" else [child]
        for entry in entries:  # some vendors print header entries directly under Envelope
            if not isinstance(entry.tag, str):
                continue
            entry_ns, entry_local = split_tag(entry.tag)
            shown = _security_requirements(entry)
            if entry_ns in _WS_ADDRESSING:
                requires.add(Requirement.ADDRESSING)
                addressing = entry_ns
            if entry_local == "Action" and (entry.text or "").strip():
                action = (entry.text or "").strip()  # names the operation; not a parameter
            elif shown:  # a token the client's hooks write, not a parameter
                requires |= shown
            elif entry_ns not in _WS_ADDRESSING:
                headers.append(entry)
    first = content[0]
    mode = _prints_placeholders(first)
    announced = page_text.announced_answer(segment.after)
    if announced is not None:
        status, lines = announced
        announced = (status, segment.line + segment.xml.count("\n") + lines)
    return Sample(
        version=version,
        line=(first.sourceline or 1) + offset,
        body=read_node(first, offset, placeholders=mode),
        headers=[read_node(h, offset, placeholders=mode) for h in headers],
        http=page_text.http_block(segment.before),
        is_fault=first.tag == f"{{{ns}}}Fault",
        before=segment.before,
        complete=segment.complete,
        announced=announced,
        action_header=action,
        requires=frozenset(requires),
        addressing="" if addressing == _WS_ADDRESSING[0] else addressing,
    )


def _security_requirements(entry: etree._Element) -> set[Requirement]:
    """What a wsse:Security header holding a UsernameToken asks for; nothing for any other
    entry (a Security header carrying a vendor's session token stays a typed header)."""
    if split_tag(entry.tag)[1] != "Security":
        return set()
    inside = {split_tag(e.tag)[1] for e in entry.iter() if isinstance(e.tag, str)}
    if "UsernameToken" not in inside:
        return set()
    found = {Requirement.USERNAME_TOKEN}
    return found | ({Requirement.TIMESTAMP} if "Timestamp" in inside else set())


_TAG_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(/?)([\w.:-]+)[^<>]*?(/?)>", re.S
)


@functools.lru_cache(maxsize=1024)
def _usable_namespace(namespace: str) -> bool:
    """Recovered fragments can keep namespaces lxml refuses to write back."""
    try:
        etree.Element("probe", nsmap={"p": namespace})
    except ValueError:
        return False
    return True


def _recover(xml: str, path: str, offset: int) -> etree._Element:
    """Parse an envelope the page cuts off: keep every element it closes, mark the open ones.

    The text is cut after its last complete tag; the elements still open there are closed by
    a recovering parser and marked as cut, so their types are known to be incomplete.  An
    open element with no child shown is dropped: nothing is known of its content.
    """
    last = xml.rfind(">")
    text = xml[: last + 1] if last >= 0 else ""
    stack: list[str] = []
    for token in _TAG_TOKEN.finditer(text):
        closing, name, empty = token.group(1), token.group(2), token.group(3)
        if name is None or empty:
            continue
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        else:
            stack.append(name)
    root = parse_recovering(text.encode("utf-8"), file=path, line_offset=offset)
    element: etree._Element | None = root
    for _ in stack:
        if element is None:
            break
        element.set(CUT, "1")
        children = [c for c in element if isinstance(c.tag, str)]
        element = children[-1] if children else None
    for cut in list(root.iter()):
        if cut.get(CUT) is not None and cut is not root and not len(cut):
            parent = cut.getparent()
            if parent is not None:
                parent.remove(cut)
    return root


def _prints_placeholders(body: etree._Element) -> bool:
    """Does this sample print type names (asmx, ServiceStack) rather than real values?"""
    leaves = [
        e for e in body.iter() if isinstance(e.tag, str) and not len(e) and (e.text or "").strip()
    ]
    typed = [e for e in leaves if text_type(e.text or "").evidence is Evidence.PLACEHOLDER]
    return bool(leaves) and len(typed) * 2 >= len(leaves)


def _is_response(sample: Sample, pending: Draft | None) -> bool:
    """Positive evidence only: without it a sample is another request."""
    if pending is not None and sample.body.name in (
        pending.request.body.name + "Response",
        _stem(pending.request.body.name) + "Response",
    ):
        return True
    if sample.http.is_request is not None:
        return not sample.http.is_request
    lines = [line for line in sample.before.split("\n") if line.strip()]
    last_lines = "\n".join(lines[-3:])
    response = [m.end() for m in _RESPONSE_WORDS.finditer(last_lines)]
    request = [m.end() for m in _REQUEST_WORDS.finditer(last_lines)]
    if response or request:
        return max(response, default=-1) > max(request, default=-1)
    return pending is not None and _is_response_name(sample)


def _stem(name: str) -> str:
    return name[: -len("Request")] if name.endswith("Request") and len(name) > 7 else name


def _pair(samples: list[Sample], text: str, path: str, warnings: list[Diagnostic]) -> list[Draft]:
    drafts: list[Draft] = []
    pending: Draft | None = None
    for sample in samples:
        if sample.is_fault:
            continue
        if _is_response(sample, pending):
            if pending is not None:
                pending.responses.append(sample)
            continue
        if not sample.complete:
            warnings.append(
                Diagnostic(Source(path, sample.line), "a request cut off by the page is ignored")
            )
            pending = None
            continue
        http = sample.http
        address = ""
        host = "" if http.host == page_text.PLACEHOLDER_HOST else http.host
        problem = page_text.host_problem(host) if host else None
        if problem is not None:
            warnings.append(
                Diagnostic(
                    Source(path, sample.line),
                    f"the Host line above this request, {http.host!r}, is {problem}; no address "
                    "is taken from it (set `address` in spec.toml)",
                )
            )
        elif host:
            scheme = page_text.scheme_for(text, host, http.path)
            address = f"{scheme}://{host}{http.path}"
        pending = Draft(
            name=sample.body.name,
            version=sample.version,
            action=http.soap_action or sample.action_header,
            address=address,
            request=sample,
            file=path,
        )
        drafts.append(pending)
    for draft in drafts:
        # WCF message contracts: GetUserRequest / GetUserResponse is the operation GetUser.
        stem = _stem(draft.name)
        if stem != draft.name and any(r.body.name == stem + "Response" for r in draft.responses):
            draft.name = stem
    return drafts


def _operation(
    draft: Draft, builder: TypeBuilder, request: Table, response: Table, unknown: set[str]
) -> Operation:
    """An operation from a draft; `unknown` holds the operations whose unknown answer has
    been warned about."""
    file = draft.file
    body = draft.request.body
    input_message = Message(
        QName(body.namespace, body.name),
        builder.message(body, file, request),
        Source(file, body.line),
    )
    output_message = None
    output_headers: tuple[Message, ...] = ()
    main = next((r for r in draft.responses if r.complete), None) or (
        draft.responses[0] if draft.responses else None
    )
    if main is not None:
        out = main.body
        element = QName(out.namespace, out.name)
        output_type = builder.message(out, file, response)
        for other in draft.responses:  # every sample of the same response widens its type
            if other is not main and QName(other.body.namespace, other.body.name) == element:
                builder.message(other.body, file, response)
        output_message = Message(element, output_type, Source(file, out.line))
        output_headers = tuple(_header(h, builder, file) for h in main.headers)
    elif draft.request.announced is not None:
        # the page prints the answer's status line but not its envelope (a page cut off, a
        # sample left out): not one-way, but an answer of unknown content, kept as XML
        status, line = draft.request.announced
        element = QName(body.namespace, draft.name + "Response")  # as ASP.NET names it
        output_message = Message(element, builder.unknown(element, file, line), Source(file, line))
        if draft.name not in unknown:
            unknown.add(draft.name)
            builder.warn(
                Diagnostic(
                    Source(file, line),
                    f"{draft.name}: the page shows an HTTP {status} answer but not its envelope: "
                    f"the answer is unknown, and the client returns what {element.name!r} "
                    "holds as XML elements (add the response sample to the page to type it)",
                )
            )
    faults = tuple(
        Fault(name, QName(body.namespace, name), None, Source(file, 0)) for name in draft.faults
    )
    return Operation(
        name=draft.name,
        soap_action=draft.action or "",
        input=input_message,
        output=output_message,
        source=Source(file, draft.request.line),
        headers=tuple(_header(h, builder, file) for h in draft.request.headers),
        output_headers=output_headers,
        faults=faults,
        doc=draft.doc,
        addressing_action=(
            (draft.action or "") if Requirement.ADDRESSING in draft.request.requires else ""
        ),
    )


def _header(node: Node, builder: TypeBuilder, file: str) -> Message:
    return Message(
        QName(node.namespace, node.name), builder.message(node, file, {}), Source(file, node.line)
    )
