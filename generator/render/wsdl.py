"""The model as a WSDL 1.1 document with inline XSD: one schema per namespace.

Emitted for every spec, so that a service known only from documentation pages gets a
WSDL that other tools (zeep, SoapUI, xsdata) can load.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from ..model import (
    ANY_ELEMENT,
    XSD,
    Binding,
    ComplexType,
    EnumType,
    Field,
    Message,
    Model,
    Operation,
    Optionality,
    QName,
    Service,
    SimpleType,
    SoapVersion,
    TypeDef,
)
from ..naming import namespace_prefixes
from .wsdl_check import check_wsdl

if TYPE_CHECKING:  # the cache's type only: black is not imported to render
    from ..format import FormatCache

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"  # bound to `xml:`, never declared

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP11_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12_BINDING = "http://schemas.xmlsoap.org/wsdl/soap12/"
MIME_BINDING = "http://schemas.xmlsoap.org/wsdl/mime/"
HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http"
_NCNAME = re.compile(r"[^\w.-]", re.UNICODE)


def _ncname(text: str) -> str:
    name = _NCNAME.sub("_", text) or "Service"
    return name if not name[0].isdigit() and name[0] not in ".-" else "_" + name


class _Global(NamedTuple):
    """A global element declaration: its type, what a reference to it shows, and its place in
    a substitution group."""

    type: QName | None
    nillable: bool = False
    fixed: str = ""
    group: QName | None = None  # the head it may stand for
    abstract: bool = False  # a head that never appears itself


class _Emitter:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.types = model.type_map()
        first = model.services[0] if model.services else None
        self.tns = (first.namespace if first else "") or next(
            (t.name.namespace for t in model.types if t.name.namespace),
            f"urn:soapsmith:{model.name}",
        )
        self.title = first.name if first else model.name
        self.doc = first.doc if first else ""
        namespaces = self._namespaces()
        self.prefixes = namespace_prefixes(namespaces - {""})
        self.prefixes[self.tns] = "tns"
        versions = {v for service in model.services for v in service.soap_versions}
        # Declare only the binding namespaces in use: readers such as xmlschema treat a
        # declared SOAP 1.1 namespace as "every binding is SOAP 1.1".
        self.nsmap: dict[str | None, str] = {"wsdl": WSDL, "xs": XSD}
        if SoapVersion.SOAP11 in versions:
            self.nsmap["soap"] = SOAP11_BINDING
        if SoapVersion.SOAP12 in versions:
            self.nsmap["soap12"] = SOAP12_BINDING
        operations = [op for service in model.services for op in service.operations]
        if any(op.attachments or op.output_attachments for op in operations):
            self.nsmap["mime"] = MIME_BINDING
        self.names: set[str] = set()  # WSDL component names taken, one symbol space for all
        # global attributes, by namespace: those a type of another namespace refers to
        self.attributes: dict[str, dict[str, QName]] = {}
        # the reader's own types of bodies of several parts: each part is a message part of
        # its own, and no schema declares these
        self.bodies = {
            message.type for op in operations for message in op.messages if message.parts
        }
        self.nsmap.update({p: ns for ns, p in self.prefixes.items()})

    def _namespaces(self) -> set[str]:
        found = {s.namespace for s in self.model.services}
        for t in self.model.types:
            found.add(t.name.namespace)
            if isinstance(t, ComplexType):
                found.update(f.namespace for f in t.fields)
                found.update(m.element.namespace for f in t.fields for m in f.substitutes)
        for service in self.model.services:
            for op in service.operations:
                found.update(m.element.namespace for m in _messages(op, self.types))
                found.update(f.element.namespace for f in op.faults)
        return found - {XSD, XML_NAMESPACE}  # xs: is bound already, xml: always is

    def ref(self, name: QName) -> str:
        if name.namespace == XSD:
            return f"xs:{name.name}"
        if name.namespace == XML_NAMESPACE:
            return f"xml:{name.name}"
        prefix = self.prefixes.get(name.namespace)
        return f"{prefix}:{name.name}" if prefix else name.name

    # -- types --------------------------------------------------------------------------

    def schemas(self, types: etree._Element) -> None:
        globals_: dict[str, dict[str, _Global]] = {}

        def declare(
            element: QName, type_name: QName | None, reference: Field | None = None
        ) -> None:
            if element.namespace == XSD:
                return  # xs:schema (a .NET DataSet): XML Schema's own, declared there
            facts = _Global(type_name)
            if reference is not None:  # what a reference shows is its global element's
                facts = _Global(type_name, reference.nillable, reference.fixed)
            globals_.setdefault(element.namespace, {}).setdefault(element.name, facts)

        def in_group(item: Field) -> None:
            """The head and members of a substitution group, as the schema declared them."""
            head = QName(item.namespace, item.name)
            declare(head, item.type, item)
            heads = globals_[head.namespace]
            heads[head.name] = heads[head.name]._replace(
                abstract=all(m.element != head for m in item.substitutes)
            )
            for member in item.substitutes:
                if member.element == head:
                    continue
                declare(member.element, self._declared_type(member.type))
                members = globals_[member.element.namespace]
                members[member.element.name] = members[member.element.name]._replace(group=head)

        for service in self.model.services:
            for op in service.operations:
                for message in _messages(op, self.types):
                    declare(message.element, message.type)
                for fault in op.faults:
                    declare(fault.element, fault.type)
        by_ns: dict[str, list[TypeDef]] = {}
        for typedef in self.model.types:
            if typedef.name in self.bodies:
                continue
            by_ns.setdefault(typedef.name.namespace, []).append(typedef)
            if isinstance(typedef, ComplexType):
                for item in typedef.fields:
                    if item.namespace == XML_NAMESPACE and item.is_attribute:
                        pass  # xml:lang and kin: declared by the XML namespace's own schema
                    elif self._is_attribute_ref(typedef, item):
                        held = self.attributes.setdefault(item.namespace, {})
                        held.setdefault(item.name, item.type)
                    elif item.substitutes:
                        in_group(item)
                    elif self._is_ref(typedef, item):
                        declare(QName(item.namespace, item.name), item.type, item)
        imports = {
            ns: self._imports(ns, by_ns.get(ns, []), globals_)
            for ns in set(by_ns) | set(globals_) | set(self.attributes)
        }
        for namespace in _dependencies_first(imports):
            schema = etree.SubElement(types, f"{{{XSD}}}schema")
            if namespace:
                schema.set("targetNamespace", namespace)
            qualified = not _all_local_unqualified(by_ns.get(namespace, []))
            schema.set("elementFormDefault", "qualified" if qualified else "unqualified")
            for other in sorted(imports[namespace]):
                imp = etree.SubElement(schema, f"{{{XSD}}}import")
                if other:
                    imp.set("namespace", other)
            for name, facts in sorted(globals_.get(namespace, {}).items()):
                element = etree.SubElement(schema, f"{{{XSD}}}element", name=name)
                if facts.type is not None:
                    element.set("type", self.ref(facts.type))
                if facts.nillable:
                    element.set("nillable", "true")
                if facts.fixed:
                    element.set("fixed", facts.fixed)
                if facts.group is not None:
                    element.set("substitutionGroup", self.ref(facts.group))
                if facts.abstract:
                    element.set("abstract", "true")
            for name, type_name in sorted(self.attributes.get(namespace, {}).items()):
                etree.SubElement(schema, f"{{{XSD}}}attribute", name=name, type=self.ref(type_name))
            for typedef in by_ns.get(namespace, []):
                self._typedef(schema, typedef, qualified)

    def _imports(
        self, namespace: str, typedefs: list[TypeDef], globals_: dict[str, dict[str, _Global]]
    ) -> set[str]:
        refs: set[str] = set()
        refs.update(t.namespace for t in self.attributes.get(namespace, {}).values())
        for facts in globals_.get(namespace, {}).values():
            if facts.type is not None:
                refs.add(facts.type.namespace)
            if facts.group is not None:
                refs.add(facts.group.namespace)
        for typedef in typedefs:
            if isinstance(typedef, ComplexType):
                if typedef.base is not None:
                    refs.add(typedef.base.namespace)
                for item in typedef.fields:
                    refs.update(t.namespace for t in item.types)
                    refs.update(m.element.namespace for m in item.substitutes)
                    if self._is_ref(typedef, item) or self._is_attribute_ref(typedef, item):
                        refs.add(item.namespace)
            elif isinstance(typedef, SimpleType | EnumType):
                refs.add(typedef.base.namespace)
        return refs - {namespace, XSD}

    @staticmethod
    def _is_attribute_ref(owner: ComplexType, item: Field) -> bool:
        """An attribute of another namespace than its type's: a global one, referenced."""
        return item.is_attribute and bool(item.namespace) and item.namespace != owner.name.namespace

    @staticmethod
    def _is_ref(owner: ComplexType, item: Field) -> bool:
        return (
            not item.is_attribute
            and bool(item.namespace)
            and item.namespace != owner.name.namespace
        )

    def _typedef(self, schema: etree._Element, typedef: TypeDef, qualified: bool) -> None:
        if isinstance(typedef, ComplexType):
            self._complex(schema, typedef, qualified)
        elif isinstance(typedef, EnumType):
            simple = etree.SubElement(schema, f"{{{XSD}}}simpleType", name=typedef.name.name)
            if typedef.is_list:
                simple = etree.SubElement(
                    etree.SubElement(simple, f"{{{XSD}}}list"), f"{{{XSD}}}simpleType"
                )
            restriction = etree.SubElement(
                simple, f"{{{XSD}}}restriction", base=self.ref(typedef.base)
            )
            for value in typedef.values:
                etree.SubElement(restriction, f"{{{XSD}}}enumeration", value=value)
        elif isinstance(typedef, SimpleType):
            simple = etree.SubElement(schema, f"{{{XSD}}}simpleType", name=typedef.name.name)
            if typedef.is_list:
                etree.SubElement(simple, f"{{{XSD}}}list", itemType=self.ref(typedef.base))
                return
            restriction = etree.SubElement(
                simple, f"{{{XSD}}}restriction", base=self.ref(typedef.base)
            )
            for facet, value in typedef.facets:
                etree.SubElement(restriction, f"{{{XSD}}}{facet}", value=value)

    def _complex(self, schema: etree._Element, typedef: ComplexType, qualified: bool) -> None:
        """``qualified``: the schema's elementFormDefault; a local element of the other form
        says so with ``form``."""
        complex_type = etree.SubElement(schema, f"{{{XSD}}}complexType", name=typedef.name.name)
        holder = complex_type
        fields = typedef.fields
        text = next((f for f in fields if f.is_text), None)
        base = self.types.get(typedef.base) if typedef.base is not None else None
        if isinstance(base, ComplexType):
            # kept as an extension: a value of this type may stand where the base is declared
            simple = text is not None and any(f.is_text for f in base.fields)
            content = etree.SubElement(
                complex_type, f"{{{XSD}}}{'simpleContent' if simple else 'complexContent'}"
            )
            holder = etree.SubElement(content, f"{{{XSD}}}extension", base=self.ref(base.name))
            inherited = {f.key for f in base.fields}
            fields = tuple(f for f in fields if f.key not in inherited)
        elif text is not None:
            content = etree.SubElement(complex_type, f"{{{XSD}}}simpleContent")
            holder = etree.SubElement(content, f"{{{XSD}}}extension", base=self.ref(text.type))
        elements = [f for f in fields if not f.is_attribute and not f.is_text]
        if elements:
            sequence = etree.SubElement(holder, f"{{{XSD}}}sequence")
            for item in elements:
                if item.name == ANY_ELEMENT:
                    wildcard = etree.SubElement(sequence, f"{{{XSD}}}any", processContents="lax")
                    constraint = item.wildcard
                    if constraint in ("", "##any") and any(
                        f.namespace == typedef.name.namespace and not f.is_attribute
                        for f in typedef.fields
                        if f.name != ANY_ELEMENT
                    ):
                        # the schema's own elements beside "any element" break Unique
                        # Particle Attribution (eBay, ONVIF); the reader keeps what no field claims
                        constraint = "##other"
                    if constraint:
                        wildcard.set("namespace", constraint)
                    wildcard.set("minOccurs", "0")
                    wildcard.set("maxOccurs", "unbounded")
                    continue
                element = etree.SubElement(sequence, f"{{{XSD}}}element")
                if self._is_ref(typedef, item) or item.substitutes:
                    element.set("ref", self.ref(QName(item.namespace, item.name)))
                else:
                    element.set("name", item.name)
                    element.set("type", self.ref(item.type))
                    if qualified and not item.namespace and typedef.name.namespace:
                        element.set("form", "unqualified")
                required = item.optionality is Optionality.REQUIRED
                element.set("minOccurs", "1" if required else "0")
                element.set("maxOccurs", "unbounded" if item.is_list else "1")
                if element.get("ref") is None:  # a reference's are its global element's
                    if item.nillable:
                        element.set("nillable", "true")
                    if item.fixed:
                        element.set("fixed", item.fixed)
        for item in fields:
            if item.is_attribute and self._is_attribute_ref(typedef, item):
                attribute = etree.SubElement(holder, f"{{{XSD}}}attribute")
                attribute.set("ref", self.ref(QName(item.namespace, item.name)))
                if item.optionality is Optionality.REQUIRED:
                    attribute.set("use", "required")
                if item.fixed:
                    attribute.set("fixed", item.fixed)
            elif item.is_attribute:
                attribute = etree.SubElement(holder, f"{{{XSD}}}attribute", name=item.name)
                attribute.set("type", self.ref(item.type))
                if item.optionality is Optionality.REQUIRED:
                    attribute.set("use", "required")
                if item.namespace and item.namespace == typedef.name.namespace:
                    attribute.set("form", "qualified")
                if item.fixed:
                    attribute.set("fixed", item.fixed)

    def _declared_type(self, name: QName) -> QName:
        """The schema's type of an element class (a copy made so that each element of a
        substitution group has a class of its own): members must derive from the head's type."""
        typedef = self.types.get(name)
        if isinstance(typedef, ComplexType) and typedef.copy_of is not None:
            return typedef.copy_of
        return name

    # -- messages, port type, bindings, service -----------------------------------------

    def _name(self, wanted: str) -> str:
        name, counter = _ncname(wanted), 2
        while name in self.names:
            name = f"{_ncname(wanted)}{counter}"
            counter += 1
        self.names.add(name)
        return name

    def document(self) -> etree._Element:
        root = etree.Element(f"{{{WSDL}}}definitions", nsmap=self.nsmap)
        root.set("name", _ncname(self.title))
        root.set("targetNamespace", self.tns)
        if self.doc:
            etree.SubElement(root, f"{{{WSDL}}}documentation").text = self.doc
        self.schemas(etree.SubElement(root, f"{{{WSDL}}}types"))
        messages: dict[tuple[str, QName], str] = {}  # (role, element) -> message name

        def message(role: str, element: QName, part: str) -> str:
            key = (role, element)
            if key not in messages:
                messages[key] = self._name(f"{element.name}{role}")
                holder = etree.SubElement(root, f"{{{WSDL}}}message", name=messages[key])
                etree.SubElement(holder, f"{{{WSDL}}}part", name=part, element=self.ref(element))
            return messages[key]

        def with_parts(role: str, service: Service, op: Operation) -> str:
            """The message of a request or answer; one of its own where its body has several
            parts or it declares MIME parts (SwA): its body beside them, each MIME part
            base64Binary as WSDL 1.1 types it."""
            output = op.output
            body = op.input if role == "In" or output is None else output
            attached = op.attachments if role == "In" else op.output_attachments
            if not attached and not body.parts:
                return message(role, body.element, "parameters")
            key = (f"{role} {service.name} {op.name}", body.element)
            if key not in messages:
                messages[key] = self._name(f"{op.name}{role}")
                holder = etree.SubElement(root, f"{{{WSDL}}}message", name=messages[key])
                for name, element in _body_parts(body, self.types):
                    etree.SubElement(
                        holder, f"{{{WSDL}}}part", name=name, element=self.ref(element)
                    )
                for part in attached:
                    etree.SubElement(
                        holder, f"{{{WSDL}}}part", name=part.name, type="xs:base64Binary"
                    )
            return messages[key]

        own: dict[tuple[str, str, str], str] = {}  # (role, service, operation) -> message
        for service in self.model.services:
            for op in service.operations:
                own[("In", service.name, op.name)] = with_parts("In", service, op)
                if op.output is not None:
                    own[("Out", service.name, op.name)] = with_parts("Out", service, op)
                for header in (*op.headers, *op.output_headers):
                    message("Header", header.element, header.element.name)
                for fault in op.faults:
                    message("Fault", fault.element, "detail")
        for service in self.model.services:
            port_type_name = self._name(f"{service.name}PortType")
            port_type = etree.SubElement(root, f"{{{WSDL}}}portType", name=port_type_name)
            for op in service.operations:
                operation = etree.SubElement(port_type, f"{{{WSDL}}}operation", name=op.name)
                if op.doc:
                    etree.SubElement(operation, f"{{{WSDL}}}documentation").text = op.doc
                etree.SubElement(
                    operation,
                    f"{{{WSDL}}}input",
                    message=f"tns:{own[('In', service.name, op.name)]}",
                )
                if op.output is not None:
                    out = own[("Out", service.name, op.name)]
                    etree.SubElement(operation, f"{{{WSDL}}}output", message=f"tns:{out}")
                for fault in op.faults:
                    etree.SubElement(
                        operation,
                        f"{{{WSDL}}}fault",
                        name=fault.name,
                        message=f"tns:{messages[('Fault', fault.element)]}",
                    )
            # a binding that several ports name is emitted once, under its own name
            bound: dict[str, str] = {}
            for binding in service.bindings:
                wanted = binding.binding or binding.name
                if wanted not in bound:
                    bound[wanted] = self._binding(
                        root, service, binding, port_type_name, messages, wanted
                    )
            service_el = etree.SubElement(root, f"{{{WSDL}}}service", name=self._name(service.name))
            ports: set[str] = set()  # a service's port names: a symbol space of its own
            for binding in service.bindings:
                port_name, counter = _ncname(binding.name), 2
                while port_name in ports:
                    port_name, counter = f"{_ncname(binding.name)}{counter}", counter + 1
                ports.add(port_name)
                binding_name = bound[binding.binding or binding.name]
                port = etree.SubElement(
                    service_el,
                    f"{{{WSDL}}}port",
                    name=port_name,
                    binding=f"tns:{binding_name}",
                )
                address_ns = _binding_ns(binding.version)
                etree.SubElement(port, f"{{{address_ns}}}address", location=binding.address)
        return root

    def _binding(
        self,
        root: etree._Element,
        service: Service,
        port: Binding,
        port_type: str,
        messages: dict[tuple[str, QName], str],
        wanted: str,
    ) -> str:
        ns = _binding_ns(port.version)
        name = self._name(wanted)
        binding = etree.SubElement(root, f"{{{WSDL}}}binding", name=name, type=f"tns:{port_type}")
        etree.SubElement(binding, f"{{{ns}}}binding", transport=HTTP_TRANSPORT, style="document")
        for op in service.operations:
            operation = etree.SubElement(binding, f"{{{WSDL}}}operation", name=op.name)
            action = op.soap_action
            if port.version is SoapVersion.SOAP12 and op.soap12_action is not None:
                action = op.soap12_action
            etree.SubElement(operation, f"{{{ns}}}operation", soapAction=action, style="document")
            directions = [("input", op.input, op.headers, op.attachments)]
            if op.output is not None:
                directions.append(("output", op.output, op.output_headers, op.output_attachments))
            for direction, body, direction_headers, attached in directions:
                holder = etree.SubElement(operation, f"{{{WSDL}}}{direction}")
                related = None
                if attached:  # SwA: the body and headers in the first mime:part
                    related = etree.SubElement(holder, f"{{{MIME_BINDING}}}multipartRelated")
                    holder = etree.SubElement(related, f"{{{MIME_BINDING}}}part")
                    names = " ".join(name for name, _ in _body_parts(body, self.types))
                    etree.SubElement(holder, f"{{{ns}}}body", parts=names, use="literal")
                else:
                    etree.SubElement(holder, f"{{{ns}}}body", use="literal")
                for header in direction_headers:
                    etree.SubElement(
                        holder,
                        f"{{{ns}}}header",
                        message=f"tns:{messages[('Header', header.element)]}",
                        part=header.element.name,
                        use="literal",
                    )
                for part in attached:
                    assert related is not None
                    content = etree.SubElement(related, f"{{{MIME_BINDING}}}part")
                    etree.SubElement(
                        content,
                        f"{{{MIME_BINDING}}}content",
                        part=part.name,
                        type=part.content_type or "application/octet-stream",
                    )
            for fault in op.faults:
                holder = etree.SubElement(operation, f"{{{WSDL}}}fault", name=fault.name)
                etree.SubElement(holder, f"{{{ns}}}fault", name=fault.name, use="literal")
        return name


def _dependencies_first(imports: dict[str, set[str]]) -> list[str]:
    """Schemas ordered so that each comes after those it imports (some readers build them in
    document order); namespaces in an import cycle keep their sorted order."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(namespace: str) -> None:
        if namespace in done or namespace in visiting or namespace not in imports:
            return
        visiting.add(namespace)
        for other in sorted(imports[namespace]):
            visit(other)
        visiting.discard(namespace)
        done.append(namespace)

    for namespace in sorted(imports):
        visit(namespace)
    return done


def _binding_ns(version: SoapVersion) -> str:
    return SOAP12_BINDING if version is SoapVersion.SOAP12 else SOAP11_BINDING


def _all_local_unqualified(typedefs: list[TypeDef]) -> bool:
    """Whether every local element the schema's complex types declare is unqualified (and there
    is one): the schema then says so once with elementFormDefault="unqualified", as rpc-style
    and many Java services do.  The same meaning as a ``form`` on each element, but clients
    that read the schema's default alone (node-soap writes the children of a qualified wrapper
    in its default namespace) send the right elements only this way."""
    local = [
        item
        for typedef in typedefs
        if isinstance(typedef, ComplexType)
        for item in typedef.fields
        if not item.is_attribute
        and not item.is_text
        and item.name != ANY_ELEMENT
        and not item.substitutes
        and not _Emitter._is_ref(typedef, item)
    ]
    return bool(local) and all(not item.namespace for item in local)


def _messages(op: Operation, types: dict[QName, TypeDef]) -> list[Message]:
    """Each global element an operation's messages are, with its type: a body of several
    parts stands for its parts."""
    found = []
    output = () if op.output is None else (op.output,)
    for message in (op.input, *op.headers, *op.output_headers, *output):
        typedef = types.get(message.type)
        if message.parts and isinstance(typedef, ComplexType):
            found += [Message(QName(f.namespace, f.name), f.type, f.source) for f in typedef.fields]
        else:
            found.append(message)
    return found


def _body_parts(body: Message, types: dict[QName, TypeDef]) -> list[tuple[str, QName]]:
    """The parts of a body and their elements: "parameters", where it is one element."""
    typedef = types.get(body.type)
    if not body.parts or not isinstance(typedef, ComplexType):
        return [("parameters", body.element)]
    return [
        (name, QName(f.namespace, f.name))
        for name, f in zip(body.parts, typedef.fields, strict=True)
    ]


def emit_wsdl(model: Model, cache: FormatCache | None = None, checked: bool = True) -> bytes:
    """The model's WSDL, `checked` (`wsdl_check`; `cache` remembers the WSDLs that passed)."""
    root = _Emitter(model).document()
    data = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="utf-8")
    if checked:
        check_wsdl(data, model.name, cache)
    return data
