"""Documentation pages to the intermediate model.

All pages of one spec folder are read together: their samples feed one `TypeBuilder`, so a
type shown on several pages (or in the SOAP 1.1 and 1.2 sections of one page) is one type.
Each request sample becomes an operation draft for its SOAP version; `passes.merge_operations`
later folds the drafts of one operation into one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from ..errors import SpecError
from ..model import Diagnostic, Fault, Message, Operation, QName, SoapVersion, Source
from ..xmlsafe import parse_bytes
from . import page_text
from .page_samples import Node, read_node
from .page_tables import read_tables
from .type_builder import Table, TypeBuilder

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


@dataclass(frozen=True)
class PageFile:
    path: str  # relative to the spec folder, used in every message
    data: bytes


@dataclass
class Sample:
    version: SoapVersion
    line: int
    body: Node
    headers: list[Node]
    http: page_text.HttpBlock
    is_fault: bool
    before: str  # the page's text just before the envelope


@dataclass
class Draft:
    """One operation as one page section shows it, before merging."""

    name: str
    version: SoapVersion
    action: str | None
    address: str
    request: Sample
    response: Sample | None = None
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


def read_pages(pages: Sequence[PageFile]) -> PagesResult:
    builder = TypeBuilder()
    warnings: list[Diagnostic] = []
    operations: list[Operation] = []
    versions: dict[str, set[SoapVersion]] = {}
    addresses: list[str] = []
    for page in pages:
        drafts = _read_page(page, warnings)
        tables = read_tables(page_text.clean(page_text.decode(page.data, file=page.path)))
        for draft in drafts:
            operations.append(_operation(draft, builder, tables.request, tables.response))
            versions.setdefault(draft.name, set()).add(draft.version)
            if draft.address:
                addresses.append(draft.address)
    return PagesResult(operations, versions, addresses, builder, warnings + builder.warnings)


def _read_page(page: PageFile, warnings: list[Diagnostic]) -> list[Draft]:
    text = page_text.clean(page_text.decode(page.data, file=page.path))
    samples: list[Sample] = []
    complete = 0
    found_segments = page_text.segments(text)
    for segment in found_segments:
        if not segment.complete:
            warnings.append(
                Diagnostic(
                    Source(page.path, segment.line),
                    "the page stops inside this envelope: the sample is ignored",
                )
            )
            continue
        complete += 1
        sample = _sample(segment, page.path)
        if sample is not None:
            samples.append(sample)
    drafts = _pair(samples, page.path)
    if not drafts:
        found = (
            f"{complete} complete envelope(s), none of them a request"
            if complete
            else ("no complete SOAP envelope")
        )
        raise SpecError(
            f"no operation can be read from this page: {found}",
            file=page.path,
            line=found_segments[0].line if found_segments else 0,
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
        if "SOAP" in stripped or "WSDL" in stripped:
            break
        found.append(stripped)
    return " ".join(found)[:1000]


def _outside_samples(text: str) -> str:
    return re.sub(r"<[^<>]*>", " ", text)


def _sample(segment: page_text.Segment, path: str) -> Sample | None:
    root = parse_bytes(segment.xml.encode("utf-8"), file=path, line_offset=segment.line - 1)
    qname = etree.QName(root)
    ns, local = qname.namespace or "", qname.localname
    version = ENVELOPE_NS.get(ns)
    line = segment.line
    if version is None or local != "Envelope":
        raise SpecError(
            f"the sample's root element is {qname.text!r}, not a SOAP 1.1 or 1.2 Envelope",
            file=path,
            line=line,
        )
    body = root.find(f"{{{ns}}}Body")
    if body is None:
        raise SpecError("the sample envelope has no Body", file=path, line=line)
    content = [c for c in body if isinstance(c.tag, str)]
    if not content:
        raise SpecError("the sample envelope's Body is empty", file=path, line=line)
    headers: list[etree._Element] = []
    for child in root:
        if not isinstance(child.tag, str) or child is body:
            continue
        if child.tag == f"{{{ns}}}Header":
            headers.extend(c for c in child if isinstance(c.tag, str))
        else:
            headers.append(child)  # some vendors print header entries directly under Envelope
    offset = segment.line - 1
    first = content[0]
    return Sample(
        version=version,
        line=(first.sourceline or 1) + offset,
        body=read_node(first, offset),
        headers=[read_node(h, offset) for h in headers],
        http=page_text.http_block(segment.before),
        is_fault=first.tag == f"{{{ns}}}Fault",
        before=segment.before,
    )


def _is_response(sample: Sample, pending: Draft | None) -> bool:
    if pending is not None and sample.body.name == pending.name + "Response":
        return True
    if sample.http.is_request is not None:
        return not sample.http.is_request
    lines = [line for line in sample.before.split("\n") if line.strip()]
    last_lines = "\n".join(lines[-3:])
    response = [m.end() for m in _RESPONSE_WORDS.finditer(last_lines)]
    request = [m.end() for m in _REQUEST_WORDS.finditer(last_lines)]
    if response or request:
        return max(response, default=-1) > max(request, default=-1)
    return pending is not None and pending.response is None


def _pair(samples: list[Sample], path: str) -> list[Draft]:
    drafts: list[Draft] = []
    pending: Draft | None = None
    for sample in samples:
        if sample.is_fault:
            continue
        if _is_response(sample, pending):
            if pending is not None and pending.response is None:
                pending.response = sample
            continue
        http = sample.http
        address = f"https://{http.host}{http.path}" if http.host else ""
        pending = Draft(
            name=sample.body.name,
            version=sample.version,
            action=http.soap_action,
            address=address,
            request=sample,
            file=path,
        )
        drafts.append(pending)
    return drafts


def _operation(draft: Draft, builder: TypeBuilder, request: Table, response: Table) -> Operation:
    file = draft.file
    body = draft.request.body
    input_message = Message(
        QName(body.namespace, body.name),
        builder.message(body, file, request),
        Source(file, body.line),
    )
    output_message = None
    output_headers: tuple[Message, ...] = ()
    if draft.response is not None:
        out = draft.response.body
        output_message = Message(
            QName(out.namespace, out.name),
            builder.message(out, file, response),
            Source(file, out.line),
        )
        output_headers = tuple(_header(h, builder, file) for h in draft.response.headers)
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
    )


def _header(node: Node, builder: TypeBuilder, file: str) -> Message:
    return Message(
        QName(node.namespace, node.name), builder.message(node, file, {}), Source(file, node.line)
    )
