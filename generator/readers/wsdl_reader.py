"""WSDL 1.1 documents to the intermediate model.

Messages, port types, bindings and services are read from the documents (lxml); every
type comes from the schema bundle through `XsdMapper`.  Each wsdl:service port with a SOAP
1.1 or 1.2 binding becomes a binding of the model; ports of one port type in one service
share their operations.  HTTP GET/POST bindings are skipped with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from lxml import etree

from ..errors import SpecError
from ..model import (
    XSD,
    Binding,
    ComplexType,
    Diagnostic,
    Evidence,
    Fault,
    Field,
    Message,
    MimePart,
    Model,
    Operation,
    Optionality,
    Origin,
    QName,
    Requirement,
    Service,
    SoapVersion,
    Source,
    xs,
)
from ..xsdtypes import BUILTINS
from .wsdl_documents import WSDL, Document
from .wsdl_policy import Policies, addressing_action
from .xsd_mapper import SOAP_ENCODING, XsdMapper, split

SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
MIME = "http://schemas.xmlsoap.org/wsdl/mime/"
BINDING_VERSIONS = {SOAP11: SoapVersion.SOAP11, SOAP12: SoapVersion.SOAP12}


@dataclass
class Part:
    name: str
    element: QName | None
    type: QName | None
    line: int
    file: str = ""


@dataclass
class Definitions:
    messages: dict[QName, list[Part]] = field(default_factory=dict)
    port_types: dict[QName, etree._Element] = field(default_factory=dict)
    bindings: dict[QName, etree._Element] = field(default_factory=dict)
    services: list[tuple[etree._Element, str]] = field(default_factory=list)
    files: dict[int, str] = field(default_factory=dict)  # id(element) -> file


def _qname(element: etree._Element, value: str | None) -> QName:
    prefix, _, local = (value or "").strip().rpartition(":")
    return QName(element.nsmap.get(prefix or None, "") or "", local)


def collect(documents: list[Document]) -> Definitions:
    found = Definitions()
    for document in documents:
        root = document.root
        tns = root.get("targetNamespace", "")
        for message in root.iterfind(f"{{{WSDL}}}message"):
            parts = [
                Part(
                    p.get("name", ""),
                    _qname(p, p.get("element")) if p.get("element") else None,
                    _qname(p, p.get("type")) if p.get("type") else None,
                    p.sourceline or 0,
                    document.path,
                )
                for p in message.iterfind(f"{{{WSDL}}}part")
            ]
            found.messages[QName(tns, message.get("name", ""))] = parts
        for kind, target in (("portType", found.port_types), ("binding", found.bindings)):
            for element in root.iterfind(f"{{{WSDL}}}{kind}"):
                target[QName(tns, element.get("name", ""))] = element
                found.files[id(element)] = document.path
        for service in root.iterfind(f"{{{WSDL}}}service"):
            found.services.append((service, document.path))
    return found


class _Port(NamedTuple):
    binding: etree._Element
    name: QName
    address: str
    port: etree._Element | None  # None: a binding no service names
    file: str = ""  # the document of `port`


class WsdlReader:
    def __init__(self, documents: list[Document], schema: Any, spec: str) -> None:
        self.documents = documents
        self.schema = schema
        self.spec = spec
        self.main = documents[0].path
        self.defs = collect(documents)
        self.mapper = XsdMapper(self.main, getattr(schema, "soapsmith_lines", None))
        self.policies = Policies(documents)
        self.warnings: list[Diagnostic] = []
        self.wrappers: dict[QName, ComplexType] = {}

    # -- services -----------------------------------------------------------------------

    def read(self, name: str) -> Model:
        services = self._services()
        if not services and self.schema is not None and self._map_all_types():
            self.warnings.append(
                Diagnostic(
                    Source(self.main, 0),
                    "the WSDL has no SOAP binding: only its types are generated",
                )
            )
        elif not services:
            raise SpecError(
                "the WSDL has no SOAP 1.1 or 1.2 binding: there is nothing to call",
                file=self.main,
                hint="HTTP GET/POST bindings are not generated",
            )
        maps = self.schema.maps if self.schema is not None else None
        types = dict(self.mapper.finish(maps))
        types.update(self.wrappers)
        warnings = tuple(self.warnings + self.mapper.warnings)
        return Model(name, tuple(services), tuple(types.values()), warnings, origin=Origin.WSDL)

    def _services(self) -> list[Service]:
        groups: dict[tuple[str, QName], list[_Port]] = {}
        sources: dict[tuple[str, QName], Source] = {}
        for service, path in self.defs.services:
            for port in service.iterfind(f"{{{WSDL}}}port"):
                binding_name = _qname(port, port.get("binding"))
                binding = self.defs.bindings.get(binding_name)
                if binding is None:
                    raise SpecError(
                        f"port {port.get('name')!r} names binding {binding_name.name!r}, "
                        "which the WSDL "
                        "does not define",
                        file=path,
                        line=port.sourceline or 0,
                    )
                if self._version(binding) is None:
                    self._note(
                        path,
                        port,
                        f"port {port.get('name')!r} is not a SOAP binding "
                        "(HTTP GET/POST?): skipped",
                    )
                    continue
                key = (service.get("name", "Service"), _qname(binding, binding.get("type")))
                address = next(
                    (a.get("location", "") for a in port if etree.QName(a).localname == "address"),
                    "",
                )
                groups.setdefault(key, []).append(
                    _Port(binding, QName("", port.get("name", "")), address, port, path)
                )
                sources.setdefault(key, Source(path, service.sourceline or 0))
        if not groups:  # bindings without a service (ONVIF): no address known
            for binding_name, binding in self.defs.bindings.items():
                if self._version(binding) is not None:
                    key = (binding_name.name, _qname(binding, binding.get("type")))
                    groups.setdefault(key, []).append(_Port(binding, binding_name, "", None))
                    sources[key] = Source(
                        self.defs.files.get(id(binding), self.main), binding.sourceline or 0
                    )
        per_service: dict[str, int] = {}
        for service_name, _ in groups:
            per_service[service_name] = per_service.get(service_name, 0) + 1
        result = []
        for (service_name, port_type_name), ports in groups.items():
            port_type = self.defs.port_types.get(port_type_name)
            if port_type is None:
                first = ports[0].binding
                raise SpecError(
                    f"binding type {port_type_name.name!r} is not a port type of the WSDL",
                    file=self.defs.files.get(id(first), self.main),
                    line=first.sourceline or 0,
                )
            # SOAPAction from a SOAP 1.1 binding where there is one; a 1.2 binding's own
            # actions where they differ
            by_version = {self._version(p.binding): p.binding for p in reversed(ports)}
            binding = by_version.get(SoapVersion.SOAP11, ports[0].binding)
            name = (
                service_name
                if per_service[service_name] == 1
                else f"{service_name}{port_type_name.name}"
            )
            actions = _addressing_actions(port_type)
            bindings = tuple(
                Binding(
                    p.name.name,
                    self._version(p.binding) or SoapVersion.SOAP11,
                    p.address,
                    self.policies.requirements(p.binding, p.port, bool(actions)),
                    self.policies.addressing(p.binding),
                    p.binding.get("name", ""),
                )
                for p in ports
            )
            operations = tuple(self._operations(binding, port_type))
            if any(Requirement.ADDRESSING in b.requires for b in bindings):
                operations = _with_addressing_actions(operations, actions, port_type_name)
            soap12 = by_version.get(SoapVersion.SOAP12)
            if soap12 is not None and soap12 is not binding:
                operations = _with_soap12_actions(operations, soap12)
            self._note_differing_ports(ports, by_version)
            namespace = port_type_name.namespace
            result.append(
                Service(
                    name, namespace, bindings, operations, sources[(service_name, port_type_name)]
                )
            )
        return result

    def _note_differing_ports(
        self, ports: list[_Port], by_version: dict[SoapVersion | None, etree._Element]
    ) -> None:
        """A warning for each port whose binding binds other operations or actions than the
        first binding of its SOAP version, whose the client's methods are: one client class
        serves every port of a port type, so a port's own differences are not generated."""
        for port in ports:
            version = self._version(port.binding)
            first = by_version[version]
            if port.binding is first or port.port is None:
                continue
            ours, theirs = _bound_actions(first), _bound_actions(port.binding)
            differ = sorted(
                name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name)
            )
            if differ:
                self._note(
                    port.file,
                    port.port,
                    f"port {port.name.name!r} binds {', '.join(differ)} otherwise than binding "
                    f"{first.get('name', '')!r}: its client sends what that binding says "
                    f"(on every SOAP {version.value if version else '?'} port)",
                )

    def _map_all_types(self) -> bool:
        """A types-only WSDL: every global element and named type its schemas declare."""
        found = False
        for name, element in sorted(self.schema.maps.elements.items()):
            if split(name).namespace not in _STANDARD:
                self.mapper.element_type(element)
                found = True
        for name, xsd_type in sorted(self.schema.maps.types.items()):
            if split(name).namespace not in _STANDARD:
                self.mapper.type_ref(xsd_type, split(name).name)
                found = True
        return found

    def _note(self, file: str, element: etree._Element, message: str) -> None:
        self.warnings.append(Diagnostic(Source(file, element.sourceline or 0), message))

    @staticmethod
    def _version(binding: etree._Element) -> SoapVersion | None:
        for child in binding:
            if isinstance(child.tag, str) and etree.QName(child).localname == "binding":
                version = BINDING_VERSIONS.get(etree.QName(child).namespace or "")
                if version is not None:
                    return version
        return None

    # -- operations ---------------------------------------------------------------------

    def _operations(self, binding: etree._Element, port_type: etree._Element) -> list[Operation]:
        style = "document"
        for child in binding:
            if isinstance(child.tag, str) and etree.QName(child).localname == "binding":
                style = child.get("style", "document")
        abstract = {op.get("name"): op for op in port_type.iterfind(f"{{{WSDL}}}operation")}
        file = self.defs.files.get(id(binding), self.main)
        operations = []
        for bop in binding.iterfind(f"{{{WSDL}}}operation"):
            name = bop.get("name", "")
            pop = abstract.get(name)
            if pop is None:
                raise SpecError(
                    f"binding operation {name!r} is not in its port type",
                    file=file,
                    line=bop.sourceline or 0,
                )
            soap_op = _soap_child(bop, "operation")
            op_style = (soap_op.get("style") if soap_op is not None else None) or style
            action = (soap_op.get("soapAction") if soap_op is not None else "") or ""
            operations.append(self._operation(name, pop, bop, op_style, action, file))
        return operations

    def _operation(
        self,
        name: str,
        pop: etree._Element,
        bop: etree._Element,
        style: str,
        action: str,
        file: str,
    ) -> Operation:
        source = Source(file, pop.sourceline or 0)
        directions: dict[str, tuple[Message | None, tuple[Message, ...]]] = {}
        attached: dict[str, tuple[MimePart, ...]] = {"input": (), "output": ()}
        for direction in ("input", "output"):
            abstract = pop.find(f"{{{WSDL}}}{direction}")
            bound = bop.find(f"{{{WSDL}}}{direction}")
            if abstract is None:
                directions[direction] = (None, ())
                continue
            message_name = _qname(abstract, abstract.get("message"))
            soap_part, attachments = _mime_parts(bound)
            body = _soap_child(soap_part, "body")
            parts = self._parts(message_name, body, file, abstract.sourceline or 0)
            # a part a soap:header of this message binds travels in the header, not the body
            # (WSDL 1.1 section 3.7; zeep and .NET drop it from the body the same way)
            in_header = _header_parts(soap_part, message_name)
            parts = [p for p in parts if p.name not in in_header]
            if attachments:
                named = {a.name for a in attachments}
                parts = [p for p in parts if p.name not in named]
                attached[direction] = attachments
            encoded = body is not None and body.get("use") == "encoded"
            message: Message | None
            if style == "rpc":
                namespace = (
                    body.get("namespace") if body is not None else None
                ) or message_name.namespace
                wrapper = QName(namespace, name + ("Response" if direction == "output" else ""))
                message = self._rpc_message(wrapper, parts, encoded, source)
            else:
                message = self._document_message(parts, name, direction, file)
            headers = tuple(self._headers(soap_part, file)) if soap_part is not None else ()
            directions[direction] = (message, headers)
        input_message, input_headers = directions["input"]
        if input_message is None:
            raise SpecError(
                f"operation {name!r} has no input: notification operations are not supported",
                file=file,
                line=pop.sourceline or 0,
            )
        output_message, output_headers = directions["output"]
        return Operation(
            name=name,
            soap_action=action,
            input=input_message,
            output=output_message,
            source=source,
            headers=input_headers,
            output_headers=output_headers,
            faults=tuple(self._faults(pop, file)),
            doc=_documentation(pop),
            attachments=attached["input"],
            output_attachments=attached["output"] if output_message is not None else (),
        )

    def _parts(
        self, message_name: QName, body: etree._Element | None, file: str, line: int
    ) -> list[Part]:
        parts = self.defs.messages.get(message_name)
        if parts is None:
            raise SpecError(f"message {message_name.name!r} is not defined", file=file, line=line)
        wanted = (body.get("parts") or "").split() if body is not None else []
        return [p for p in parts if not wanted or p.name in wanted]

    def _element(self, name: QName, file: str, line: int) -> Any:
        element = self.schema.maps.elements.get(name.clark) if self.schema is not None else None
        if element is None:
            raise SpecError(
                f"element {name.clark!r} is not declared in the WSDL's schemas",
                file=file,
                line=line,
            )
        return element

    def _type(self, name: QName, file: str, line: int, context: str) -> QName:
        if name.namespace in (XSD, *SOAP_ENCODING) and name.name in BUILTINS:
            return xs(name.name)
        found = self.schema.maps.types.get(name.clark) if self.schema is not None else None
        if found is None:
            raise SpecError(
                f"type {name.clark!r} is not declared in the WSDL's schemas", file=file, line=line
            )
        return self.mapper.type_ref(found, context)

    def _document_message(
        self, parts: list[Part], name: str, direction: str, file: str
    ) -> Message | None:
        if not parts:
            return None if direction == "output" else self._empty_input(name, file)
        if len(parts) > 1:
            return self._parts_message(parts, name, direction, file)
        part = parts[0]
        if part.element is not None:
            element = self._element(part.element, file, part.line)
            return Message(part.element, self.mapper.element_type(element), Source(file, part.line))
        if part.type is None:
            raise _untyped(part, file)
        element_name = QName("", part.name)
        return Message(
            element_name, self._type(part.type, file, part.line, part.name), Source(file, part.line)
        )

    def _parts_message(self, parts: list[Part], name: str, direction: str, file: str) -> Message:
        """A body of several parts, siblings in soap:Body in the message's order: a type of
        the reader's own with a required field per part (a part declared by type is an
        unqualified element named after it, as zeep sends it)."""
        fields = []
        for part in parts:
            source = Source(file, part.line)
            if part.element is not None:
                element = self._element(part.element, file, part.line)
                element_name, type_name = part.element, self.mapper.element_type(element)
            elif part.type is not None:
                element_name = QName("", part.name)
                type_name = self._type(part.type, file, part.line, part.name)
            else:
                raise _untyped(part, file)
            fields.append(
                Field(
                    element_name.name,
                    element_name.namespace,
                    type_name,
                    source,
                    Optionality.REQUIRED,
                    evidence=Evidence.SCHEMA,
                )
            )
        seen: dict[tuple[str, str], str] = {}
        for part, item in zip(parts, fields, strict=True):
            other = seen.setdefault((item.namespace, item.name), part.name)
            if other != part.name:
                self.warnings.append(
                    Diagnostic(
                        Source(file, part.line),
                        f"{name}: parts {other!r} and {part.name!r} are both element "
                        f"{item.name!r}: both are sent, but a body is read by element: "
                        f"{other!r} takes the last of them and {part.name!r} is missing",
                    )
                )
        first = QName(fields[0].namespace, fields[0].name)
        wanted = QName(first.namespace, name + ("Output" if direction == "output" else "Input"))
        type_name, counter = wanted, 2
        while (
            type_name in self.mapper.types
            or type_name in self.wrappers
            or self._declared(type_name)
        ):
            type_name = QName(wanted.namespace, f"{wanted.name}{counter}")
            counter += 1
        source = Source(file, parts[0].line)
        what = "answer" if direction == "output" else "request"
        doc = f"The parts of the {name} {what}, each an element of the SOAP Body."
        self.wrappers[type_name] = ComplexType(type_name, tuple(fields), source, doc)
        return Message(first, type_name, source, tuple(p.name for p in parts))

    def _declared(self, name: QName) -> bool:
        """Whether the schemas declare a type or element (whose anonymous type takes its
        name) of this name, which the mapper may map yet."""
        maps = self.schema.maps if self.schema is not None else None
        return maps is not None and (name.clark in maps.types or name.clark in maps.elements)

    def _empty_input(self, name: str, file: str) -> Message:
        wrapper = QName("", name)
        self.wrappers.setdefault(wrapper, ComplexType(wrapper, (), Source(file, 0)))
        return Message(wrapper, wrapper, Source(file, 0))

    def _rpc_message(
        self, wrapper: QName, parts: list[Part], encoded: bool, source: Source
    ) -> Message:
        fields = []
        for part in parts:
            if part.element is not None:
                element = self._element(part.element, source.file, part.line)
                type_name = self.mapper.element_type(element)
                fields.append(
                    Field(
                        part.element.name,
                        part.element.namespace,
                        type_name,
                        Source(source.file, part.line),
                        Optionality.REQUIRED,
                        evidence=Evidence.SCHEMA,
                    )
                )
            elif part.type is not None:
                type_name = self._type(part.type, source.file, part.line, part.name)
                fields.append(
                    Field(
                        part.name,
                        "",
                        type_name,
                        Source(source.file, part.line),
                        Optionality.REQUIRED,
                        evidence=Evidence.SCHEMA,
                        xsi_type=type_name if encoded else None,
                    )
                )
            else:
                raise _untyped(part, source.file)
        type_name = wrapper
        counter = 2
        while type_name in self.mapper.types or (
            type_name in self.wrappers and self.wrappers[type_name].fields != tuple(fields)
        ):
            type_name = QName(wrapper.namespace, f"{wrapper.name}{counter}")
            counter += 1
        self.wrappers[type_name] = ComplexType(type_name, tuple(fields), source)
        return Message(wrapper, type_name, source)

    def _headers(self, bound: etree._Element, file: str) -> list[Message]:
        found = []
        for header in bound:
            if not isinstance(header.tag, str) or etree.QName(header).localname != "header":
                continue
            if etree.QName(header).namespace not in BINDING_VERSIONS:
                continue
            message_name = _qname(header, header.get("message"))
            line = header.sourceline or 0
            parts = [
                p for p in self.defs.messages.get(message_name, []) if p.name == header.get("part")
            ]
            if not parts:
                self._note(
                    file,
                    header,
                    f"header part {header.get('part')!r} of "
                    f"{message_name.name!r} not found: skipped",
                )
                continue
            part = parts[0]
            if part.element is not None:
                element = self._element(part.element, file, line)
                found.append(
                    Message(part.element, self.mapper.element_type(element), Source(file, line))
                )
            elif part.type is not None:
                # a part declared by type is sent as an unqualified element named after the
                # part, as for a document body part of a type (zeep does the same)
                found.append(
                    Message(
                        QName("", part.name),
                        self._type(part.type, file, part.line, part.name),
                        Source(file, line),
                    )
                )
            else:
                raise _untyped(part, file)
        return found

    def _faults(self, pop: etree._Element, file: str) -> list[Fault]:
        found = []
        for fault in pop.iterfind(f"{{{WSDL}}}fault"):
            message_name = _qname(fault, fault.get("message"))
            parts = self.defs.messages.get(message_name, [])
            if not parts or parts[0].element is None:
                continue
            element = self._element(parts[0].element, file, fault.sourceline or 0)
            found.append(
                Fault(
                    fault.get("name", message_name.name),
                    parts[0].element,
                    self.mapper.element_type(element),
                    Source(file, fault.sourceline or 0),
                )
            )
        return found


_STANDARD = frozenset(
    {
        XSD,
        WSDL,
        SOAP11,
        SOAP12,
        *SOAP_ENCODING,
        "http://www.w3.org/XML/1998/namespace",
        "http://www.w3.org/2001/XMLSchema-instance",
        "http://schemas.xmlsoap.org/soap/envelope/",
        "http://www.w3.org/2003/05/soap-envelope",
        "http://www.w3.org/1999/xlink",
    }
)


def _untyped(part: Part, file: str) -> SpecError:
    return SpecError(
        f"message part {part.name!r} has neither an element nor a type attribute",
        file=part.file or file,
        line=part.line,
    )


def _addressing_actions(port_type: etree._Element) -> dict[tuple[str, str], str]:
    """(operation, "input" or "output") -> the addressing Action it declares, where it does."""
    found = {}
    for op in port_type.iterfind(f"{{{WSDL}}}operation"):
        for direction in ("input", "output"):
            action = addressing_action(op.find(f"{{{WSDL}}}{direction}"))
            if action:
                found[(op.get("name", ""), direction)] = action
    return found


def _with_addressing_actions(
    operations: tuple[Operation, ...], actions: dict[tuple[str, str], str], port_type: QName
) -> tuple[Operation, ...]:
    """Each operation's wsa:Action both ways: the declared one, else (a request) its
    SOAPAction, else the default WS-Addressing Metadata gives (namespace / port type /
    message name, which is the operation's name with Request or Response where it has both)."""
    delimiter = ":" if port_type.namespace.startswith("urn:") else "/"

    def default(op: Operation, suffix: str) -> str:
        message = op.name + (suffix if op.output is not None else "")
        return delimiter.join((port_type.namespace.rstrip(delimiter), port_type.name, message))

    return tuple(
        replace(
            op,
            addressing_action=actions.get((op.name, "input"))
            or op.soap_action
            or default(op, "Request"),
            addressing_reply=(
                actions.get((op.name, "output")) or default(op, "Response")
                if op.output is not None
                else ""
            ),
        )
        for op in operations
    )


def _header_parts(bound: etree._Element | None, message: QName) -> set[str]:
    """The parts of `message` that the soap:header elements of `bound` put in the header."""
    if bound is None:
        return set()
    return {
        header.get("part", "")
        for header in bound
        if isinstance(header.tag, str)
        and etree.QName(header).localname == "header"
        and etree.QName(header).namespace in BINDING_VERSIONS
        and _qname(header, header.get("message")) == message
    }


def _soap_child(parent: etree._Element | None, local: str) -> etree._Element | None:
    if parent is None:
        return None
    for child in parent:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            if etree.QName(child).namespace in BINDING_VERSIONS:
                return child
    return None


def _bound_actions(binding: etree._Element) -> dict[str, str]:
    """Each operation a binding binds, with its SOAPAction."""
    found = {}
    for bop in binding.iterfind(f"{{{WSDL}}}operation"):
        soap_op = _soap_child(bop, "operation")
        found[bop.get("name", "")] = (
            soap_op.get("soapAction") if soap_op is not None else ""
        ) or ""
    return found


def _with_soap12_actions(
    operations: tuple[Operation, ...], binding: etree._Element
) -> tuple[Operation, ...]:
    actions = {}
    for bop in binding.iterfind(f"{{{WSDL}}}operation"):
        soap_op = _soap_child(bop, "operation")
        if soap_op is not None:
            actions[bop.get("name", "")] = soap_op.get("soapAction") or ""
    return tuple(
        (
            replace(op, soap12_action=actions[op.name])
            if actions.get(op.name, op.soap_action) != op.soap_action
            else op
        )
        for op in operations
    )


def _mime_parts(
    bound: etree._Element | None,
) -> tuple[etree._Element | None, tuple[MimePart, ...]]:
    """The element holding soap:body and soap:header, and the parts sent as MIME attachments.

    With SOAP with Attachments the body sits in one mime:part of a mime:multipartRelated and
    the other mime:parts carry message parts as attachments; a mime:part's several
    mime:content elements are alternative types of one part (the first named is sent).
    """
    if bound is None or _soap_child(bound, "body") is not None:
        return bound, ()
    related = bound.find(f"{{{MIME}}}multipartRelated")
    if related is None:
        return bound, ()
    holder: etree._Element | None = None
    attachments: dict[str, str] = {}
    for mime_part in related.iterfind(f"{{{MIME}}}part"):
        if _soap_child(mime_part, "body") is not None and holder is None:
            holder = mime_part
        for content in mime_part.iterfind(f"{{{MIME}}}content"):
            part, kind = content.get("part", ""), (content.get("type") or "").strip()
            if "*" in kind:  # a wildcard (`*/*`, `image/*`) names nothing to send under
                kind = ""
            if part:
                attachments[part] = attachments.get(part) or kind
    found = tuple(MimePart(name, kind) for name, kind in attachments.items())
    return (holder if holder is not None else bound), found


def _documentation(element: etree._Element) -> str:
    doc = element.find(f"{{{WSDL}}}documentation")
    return " ".join("".join(doc.itertext()).split())[:1000] if doc is not None else ""
