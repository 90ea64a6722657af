"""The plan of client.py: a client class per service, a method per operation, and each
operation's fault map; a method's plan also holds the server's side of the operation."""

from __future__ import annotations

import textwrap

from ..model import ComplexType, Field, Message, MimePart, Operation, QName, Requirement, Service
from ..naming import Scope, snake
from ..python_imports import import_sections
from ..python_text import literal
from .context import Planner
from .expressions import Codec, Kind, docstring, int_guard, maybe, put
from .nodes import (
    SOAP_HEADERS,
    Answer,
    AnswerPlan,
    ClientPlan,
    Emit,
    Header,
    MethodPlan,
    MimeArgument,
    ModulePlan,
    Param,
    Reply,
    ReplyHeader,
    StreamPlan,
)


def client_plan(p: Planner) -> ModulePlan:
    clients = []
    fault_maps = []
    fault_names: set[str] = set()
    for service in p.model.services:
        clients.append(
            ClientPlan(
                name=p.names.clients[service.name],
                async_name="Async" + p.names.clients[service.name],
                doc=docstring(_client_doc(service), "    "),
                addresses=tuple(
                    (literal(v.value), literal(a)) for v, a in service.addresses().items()
                ),
                ports=tuple(
                    (
                        literal(b.name),
                        literal(b.binding),
                        literal(b.version.value),
                        literal(b.address),
                    )
                    for b in service.bindings
                ),
                versions=literal(tuple(v.value for v in service.soap_versions)),
                methods=tuple(_method(p, service, op) for op in service.operations),
                header_tags=_header_tags(p, service),
                requires=_requires(service),
                addressing=literal(_addressing_versions(service)),
                addressing_namespace=next(
                    (literal(b.addressing) for b in service.bindings if b.addressing), ""
                ),
            )
        )
        for op in service.operations:
            entries = [(literal(f.element.clark), p.names.faults[f.element]) for f in op.faults]
            fault_names.update(cls for _, cls in entries)
            fault_maps.append((fault_map(p, service, op), tuple(sorted(entries))))
    uses = frozenset().union(*(m.uses | m.reads | m.streams for c in clients for m in c.methods))
    imports = {"annotations"}
    if clients:
        imports |= {"TracebackType", "ClassVar", "Sequence", "httpx", "_soap", *uses}
    return ModulePlan(
        imports=import_sections(imports),
        fault_maps=tuple(fault_maps),
        clients=tuple(clients),
        model_names=tuple(sorted((uses & p.model_classes) | fault_names)),
    )


def fault_map(p: Planner, service: Service, op: Operation) -> str:
    method = p.names.methods[(service.name, op.name)].upper()
    if len(p.model.services) == 1:
        return f"_FAULTS_{method}"
    return f"_FAULTS_{p.names.clients[service.name].upper()}_{method}"


DOC_WIDTH = 88  # of a client's docstring's added paragraphs, indent aside


def _requires(service: Service) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What the service's policies ask of a client, by SOAP version."""
    found = ((v.value, tuple(r.value for r in service.requires(v))) for v in service.soap_versions)
    return tuple((version, texts) for version, texts in found if texts)


def _addressing_versions(service: Service) -> tuple[str, ...]:
    return tuple(
        v.value for v in service.soap_versions if Requirement.ADDRESSING in service.requires(v)
    )


def _client_doc(service: Service) -> str:
    doc = service.doc or f"A client of the {service.name} service."
    for version, texts in _requires(service):
        asked = f"The service asks for (SOAP {version}): {'; '.join(texts)}."
        doc += "\n\n" + textwrap.fill(asked, width=DOC_WIDTH, break_on_hyphens=False)
    return doc


def _header_tags(p: Planner, service: Service) -> tuple[tuple[str, str], ...]:
    """Each class of a declared header with the element it is written as, where that is one
    element: a client's default headers and a call's extra ones are found by class."""
    tags: dict[str, set[str]] = {}
    for op in service.operations:
        for header in op.headers:
            if isinstance(p.types.get(header.type), ComplexType):
                cls = p.names.types[header.type]
                tags.setdefault(cls, set()).add(literal(p.tag_text(header.element)))
    return tuple(sorted((cls, found.pop()) for cls, found in tags.items() if len(found) == 1))


class _Signature:
    """A method's parameters as they are found, the names they use, and the arguments the
    server passes its handler for them."""

    def __init__(self, p: Planner) -> None:
        self.scope = Scope(frozenset({"self", SOAP_HEADERS, *p.names.types.values()}))
        self.params: list[Param] = []
        self.uses: set[str] = set()
        self.arguments: list[str] = []


def _method(p: Planner, service: Service, op: Operation) -> MethodPlan:
    sig = _Signature(p)
    request_class, request_arguments, read_request, request = _request(p, op, sig)
    headers = tuple(_header(p, header, sig) for header in op.headers)
    parts = tuple(_part(part, index, sig) for index, part in enumerate(op.attachments))
    params, uses, arguments = sig.params, sig.uses, sig.arguments
    annotated: set[str] = set()  # names the result's annotation uses
    read: set[str] = set()  # names the expression reading the result uses
    returns, result = _result(p, op.output, annotated, read)
    method = p.names.methods[(service.name, op.name)]
    reply = _reply(p, service, op, returns, annotated)
    reads: frozenset[str] = frozenset()
    if reply is None:
        uses |= annotated | read
    else:  # the annotations are the answer class's; only the client reads the answer
        returns = reply.name
        uses.add(reply.name)
        reads = frozenset(read | {h.cls for h in reply.headers if h.cls})
    answer, serves = _answer(p, op.output, f"handler.{method}")
    if op.input.parts:  # the server reads the request's parts as one class
        serves |= {p.names.types[op.input.type]}
    params.sort(key=lambda param: param.default != "")
    taken = {p.names.methods[(service.name, o.name)] for o in service.operations}
    stream = _stream(p, op, method, taken) if reply is None else None
    return MethodPlan(
        name=method,
        doc=docstring(op.doc or f"Call {op.name}.", "        "),
        params=tuple(params),
        returns=returns,
        request_class=request_class,
        request_arguments=tuple(request_arguments),
        request_tag=literal(p.tag_text(op.input.element)),
        request=request,
        headers=headers,
        action=(
            literal(op.soap_action)
            if op.soap12_action is None
            else f"({literal(op.soap_action)} if self.soap_version == _soap.SOAP11 "
            f"else {literal(op.soap12_action)})"
        ),
        soap_action=op.soap_action,
        addressing_action=(
            literal(op.addressing_action)
            if op.addressing_action and op.addressing_action != op.soap_action
            else ""
        ),
        reply_action=literal(op.addressing_reply) if op.addressing_reply else "",
        expected="None" if op.output is None else literal(op.output.element.clark),
        result=result,
        faults=fault_map(p, service, op),
        read_request=read_request,
        arguments=tuple(arguments),
        answer=answer,
        expected_request=literal(op.input.element.clark),
        operation=literal(op.name),
        actions=literal(tuple(dict.fromkeys(a for a in (op.soap_action, op.soap12_action) if a))),
        uses=frozenset(uses),
        serves=serves,
        reply=reply,
        reads=reads,
        parts=parts,
        stream=stream,
    )


MAX_STREAM_PATH = 3  # wrappers an answer's list may lie in (.NET: Response/Result/Item)


def _stream(p: Planner, op: Operation, method: str, taken: set[str]) -> StreamPlan | None:
    """`iter_<method>`, where the answer is a list of elements of one complex type, alone in
    its element or in elements that hold nothing else, and the name is free."""
    if op.output is None or op.output.parts or f"iter_{method}" in taken:
        return None
    found = p.types.get(op.output.type)
    path: list[str] = []
    for _ in range(MAX_STREAM_PATH):
        if not isinstance(found, ComplexType) or found.array_of is not None:
            return None
        if len(found.fields) != 1:
            return None
        only = found.fields[0]
        if only.is_attribute or only.is_text or only.wildcard or only.substitutes or only.choice:
            return None
        path.append(QName(only.namespace, only.name).clark)
        found = p.types.get(only.type)
        if only.is_list:
            if not isinstance(found, ComplexType) or found.array_of is not None:
                return None
            codec = p.codec(only.type)
            doc = "\n\n".join(
                textwrap.fill(paragraph, width=DOC_WIDTH, break_on_hyphens=False)
                for paragraph in (
                    f"Call {op.name} and yield its answer's {codec.cls} items one by one, as "
                    "they arrive.",
                    "The request is sent when the iteration starts; memory holds one item at a "
                    "time (Limits.max_bytes bounds each item, the deadline the whole answer).",
                )
            )
            return StreamPlan(
                f"iter_{method}",
                docstring(doc, "        "),
                codec.cls,
                literal(tuple(path)),
                codec.reader_ref(),
            )
    return None


def _reply(
    p: Planner, service: Service, op: Operation, returns: str, annotated: set[str]
) -> AnswerPlan | None:
    """The answer class of an operation whose response has declared headers; `returns` and
    `annotated`: the result's annotation and the names it uses."""
    name = p.names.answers.get((service.name, op.name))
    if name is None or not op.answers_more:
        return None  # named from the whole model, this part of it may keep no answer
    scope = Scope(frozenset({"result", *p.names.types.values()}))
    headers = []
    uses: set[str] = set(annotated)
    for header in op.output_headers:
        attribute = scope.take(snake(header.element.name))
        codec = p.codec(header.type)
        uses |= codec.uses
        value = f"_answer.{attribute}"
        if codec.kind is Kind.COMPLEX:
            emit = Emit(f"{value}._write(_reply_header, {literal(p.tag_text(header.element))})")
        else:
            emit = _put_message(p, codec, "_reply_header", header, value, attribute)
        headers.append(
            ReplyHeader(
                attribute,
                f"{codec.annotation} | None",
                literal(header.element.clark),
                codec.reader_ref(),
                emit,
                codec.cls if codec.kind in (Kind.COMPLEX, Kind.ENUM) else "",
            )
        )
    parts = []
    for index, part in enumerate(op.output_attachments):
        attribute = scope.take(snake(part.name))
        send, receive = _part_codec(part, index, f"_answer.{attribute}")
        parts.append(MimeArgument(attribute, send, receive))
    came = {
        (True, False): "the headers",
        (False, True): "the MIME parts",
        (True, True): "the headers and MIME parts",
    }[(bool(headers), bool(parts))]
    doc = f"What {op.name} answers: its result, and {came} that came with it."
    return AnswerPlan(
        name,
        docstring(doc, "    "),
        "" if returns == "None" else returns,
        tuple(headers),
        frozenset(uses),
        tuple(parts),
    )


def _part(part: MimePart, index: int, sig: _Signature) -> MimeArgument:
    """A MIME part of the request: a required parameter, an `_soap.Attachment`; the server
    refuses a request without it."""
    param = sig.scope.take(snake(part.name))
    sig.params.append(Param(param, "_soap.Attachment", ""))
    receive = f"_server.part(_parts, {literal(part.name)}, {index})"
    sig.arguments.append(f"{param}={receive}")
    return MimeArgument(param, _part_codec(part, index, param)[0], receive)


def _part_codec(part: MimePart, index: int, value: str) -> tuple[str, str]:
    """How `value` is sent as the message part (its declared type and WS-I Content-ID filled
    in), and how the client finds the part among those the answer came with, `_parts`: the
    `index`-th the binding declares."""
    name = literal(part.name)
    send = f"_soap.declared({value}, {name}, {literal(part.content_type)})"
    return send, f"_soap.part(_parts, {name}, {index})"


def _request(
    p: Planner, op: Operation, sig: _Signature
) -> tuple[str, list[str], str, tuple[Emit, ...]]:
    """The request's wrapper class, its constructor's arguments and how the server reads
    it; or, where the body is one value or several parts, how each is written."""
    wrapper = p.types.get(op.input.type)
    if not isinstance(wrapper, ComplexType):
        param = sig.scope.take(snake(op.input.element.name))
        codec = p.codec(op.input.type)
        sig.uses |= codec.uses
        sig.params.append(Param(param, codec.annotation, ""))
        sig.arguments.append(f"{param}={codec.reader('_request')}")
        return "", [], "", (_put_message(p, codec, "_body", op.input, param, param),)
    cls = p.names.types[op.input.type]
    arguments = []
    params = []
    for index, item in enumerate(wrapper.fields):
        field_name = p.names.fields[(wrapper.name, index)]
        param = sig.scope.take(field_name)
        params.append(param)
        sig.params.append(_param(p, item, param, sig.uses))
        value = f"{param} if {param} is not None else []" if item.is_list else param
        arguments.append(f"{field_name}={value}")
        sig.arguments.append(f"{param}=_input.{field_name}")
    if op.input.parts:  # each part written in turn; the server reads the Body as the class
        emits = tuple(
            _part_emit(p, item, "_body", value, value)
            for item, value in zip(wrapper.fields, params, strict=True)
        )
        return "", [], f"{cls}._read(_soap.body_of(_request))", emits
    sig.uses.add(cls)
    return cls, arguments, f"{cls}._read(_request)", ()


def _part_emit(p: Planner, item: Field, out: str, value: str, name: str) -> Emit:
    """How a part of a body of several parts, `value`, is written into `out` (`name` says
    which, for errors)."""
    codec = p.codec(item.type)
    element = QName(item.namespace, item.name)
    if codec.kind is Kind.COMPLEX:
        return Emit(f"{value}._write({out}, {literal(p.tag_text(element))})")
    return Emit(
        put(codec, out, element.clark, p.tag_text(element), value), int_guard(codec, value, name)
    )


def _header(p: Planner, header: Message, sig: _Signature) -> Header:
    """A request header: an optional parameter, written when given."""
    param = sig.scope.take(snake(header.element.name))
    codec = p.codec(header.type)
    sig.uses |= codec.uses
    sig.params.append(Param(param, f"{codec.annotation} | None", " = None"))
    tag = literal(header.element.clark)
    sig.arguments.append(f"{param}=_server.header(_header, {tag}, {codec.reader_ref()})")
    if codec.kind is Kind.COMPLEX:
        return Header(
            param, Emit(f"{param}._write(_header, {literal(p.tag_text(header.element))})")
        )
    return Header(param, _put_message(p, codec, "_header", header, param, param))


def _put_message(
    p: Planner, codec: Codec, out: str, message: Message, value: str, name: str
) -> Emit:
    """How a message's non-complex value is written (`name` says which, for errors)."""
    element = message.element
    return Emit(
        put(codec, out, element.clark, p.tag_text(element), value), int_guard(codec, value, name)
    )


def _param(p: Planner, item: Field, name: str, uses: set[str]) -> Param:
    codec = p.annotation(item)
    uses |= codec.uses
    if item.is_list:
        return Param(name, f"list[{codec.annotation}] | None", " = None")
    if item.never_none:
        return Param(name, codec.annotation, "")
    return Param(name, maybe(codec.annotation, item), " = None")


def _answer(p: Planner, output: Message | None, handler: str) -> tuple[Answer, frozenset[str]]:
    """How the server writes what the handler returns, and the classes only that names."""
    if output is None:
        return Answer(Reply.NONE), frozenset()
    tag = literal(p.tag_text(output.element))
    wrapper = p.types.get(output.type)
    if not isinstance(wrapper, ComplexType):
        codec = p.codec(output.type)
        if codec.kind is Kind.COMPLEX:
            return Answer(Reply.WRITE, tag), frozenset()
        # the value first: an f-string's braces cannot hold the arguments' quotes
        emit = _put_message(p, codec, "_xml", output, "_value", f"{handler} returned")
        return Answer(Reply.VALUE, tag, emit=emit), frozenset()
    cls = p.names.types[output.type]
    if output.parts:
        emits = tuple(
            _part_emit(p, item, "_xml", f"_value.{name}", f"{handler} returned {name}")
            for index, item in enumerate(wrapper.fields)
            for name in (p.names.fields[(wrapper.name, index)],)
        )
        return Answer(Reply.PARTS, tag, cls, parts=emits), frozenset()
    elements = [f for f in wrapper.fields if not f.is_attribute]
    if len(wrapper.fields) == 1 and len(elements) == 1:
        return Answer(Reply.WRAP, tag, cls, p.names.fields[(wrapper.name, 0)]), frozenset({cls})
    if not wrapper.fields:
        return Answer(Reply.EMPTY, tag, cls), frozenset({cls})
    return Answer(Reply.WRITE, tag), frozenset()


def _result(
    p: Planner, output: Message | None, annotated: set[str], read: set[str]
) -> tuple[str, str]:
    """The method's return annotation, and the expression it returns; the names each uses
    are added to `annotated` and `read`."""
    if output is None:
        return "None", "None"
    wrapper = p.types.get(output.type)
    if not isinstance(wrapper, ComplexType):
        codec = p.codec(output.type)
        annotated |= codec.uses
        if codec.cls:
            read.add(codec.cls)
        return codec.annotation, codec.reader("_soap.result(_response)")
    cls = p.names.types[output.type]
    elements = [f for f in wrapper.fields if not f.is_attribute]
    if not wrapper.fields:
        return "None", "None"
    read.add(cls)
    annotated.add(cls)
    if output.parts:  # the class reads the Body: each of its fields is a part
        return cls, f"{cls}._read(_soap.body_of(_soap.result(_response)))"
    if len(wrapper.fields) == 1 and len(elements) == 1:
        only = elements[0]
        name = p.names.fields[(wrapper.name, 0)]
        annotated.discard(cls)
        annotation = _param(p, only, name, annotated).annotation
        if only.is_list:
            annotation = annotation.removesuffix(" | None")
        return annotation, f"{cls}._read(_soap.result(_response)).{name}"
    return cls, f"{cls}._read(_soap.result(_response))"
