"""The model as a WSDL 1.1 document with inline XSD: one schema per namespace.

Emitted for every spec, so that a service known only from documentation pages gets a
WSDL that other tools (zeep, SoapUI, xsdata) can load.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import (
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

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP11_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12_BINDING = "http://schemas.xmlsoap.org/wsdl/soap12/"
HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http"
_NCNAME = re.compile(r"[^\w.-]", re.UNICODE)


def _ncname(text: str) -> str:
    name = _NCNAME.sub("_", text) or "Service"
    return name if not name[0].isdigit() and name[0] not in ".-" else "_" + name


class _Emitter:
    def __init__(self, model: Model) -> None:
        self.model = model
        self.types = model.type_map()
        self.service = model.services[0]
        namespaces = self._namespaces()
        self.prefixes = {ns: f"ns{i}" for i, ns in enumerate(sorted(namespaces - {""}))}
        self.prefixes[self.service.namespace] = "tns"
        # Declare only the binding namespaces in use: readers such as xmlschema treat a
        # declared SOAP 1.1 namespace as "every binding is SOAP 1.1".
        self.nsmap: dict[str | None, str] = {"wsdl": WSDL, "xs": XSD}
        if SoapVersion.SOAP11 in self.service.soap_versions:
            self.nsmap["soap"] = SOAP11_BINDING
        if SoapVersion.SOAP12 in self.service.soap_versions:
            self.nsmap["soap12"] = SOAP12_BINDING
        self.nsmap.update({p: ns for ns, p in self.prefixes.items()})

    def _namespaces(self) -> set[str]:
        found = {self.service.namespace}
        for t in self.model.types:
            found.add(t.name.namespace)
            if isinstance(t, ComplexType):
                found.update(f.namespace for f in t.fields if not f.is_attribute)
        for service in self.model.services:
            for op in service.operations:
                found.update(m.element.namespace for m in _messages(op))
                found.update(f.element.namespace for f in op.faults)
        return found

    def ref(self, name: QName) -> str:
        if name.namespace == XSD:
            return f"xs:{name.name}"
        prefix = self.prefixes.get(name.namespace)
        return f"{prefix}:{name.name}" if prefix else name.name

    # -- types --------------------------------------------------------------------------

    def schemas(self, types: etree._Element) -> None:
        globals_: dict[str, dict[str, QName | None]] = {}

        def declare(element: QName, type_name: QName | None) -> None:
            globals_.setdefault(element.namespace, {}).setdefault(element.name, type_name)

        for service in self.model.services:
            for op in service.operations:
                for message in _messages(op):
                    declare(message.element, message.type)
                for fault in op.faults:
                    declare(fault.element, fault.type)
        by_ns: dict[str, list[TypeDef]] = {}
        for typedef in self.model.types:
            by_ns.setdefault(typedef.name.namespace, []).append(typedef)
            if isinstance(typedef, ComplexType):
                for item in typedef.fields:
                    if self._is_ref(typedef, item):
                        declare(QName(item.namespace, item.name), item.type)
        imports = {
            ns: self._imports(ns, by_ns.get(ns, []), globals_) for ns in set(by_ns) | set(globals_)
        }
        for namespace in _dependencies_first(imports):
            schema = etree.SubElement(types, f"{{{XSD}}}schema")
            if namespace:
                schema.set("targetNamespace", namespace)
            schema.set("elementFormDefault", "qualified")
            for other in sorted(imports[namespace]):
                imp = etree.SubElement(schema, f"{{{XSD}}}import")
                if other:
                    imp.set("namespace", other)
            for name, type_name in sorted(globals_.get(namespace, {}).items()):
                element = etree.SubElement(schema, f"{{{XSD}}}element", name=name)
                if type_name is not None:
                    element.set("type", self.ref(type_name))
            for typedef in by_ns.get(namespace, []):
                self._typedef(schema, typedef)

    def _imports(
        self, namespace: str, typedefs: list[TypeDef], globals_: dict[str, dict[str, QName | None]]
    ) -> set[str]:
        refs: set[str] = set()
        for type_name in globals_.get(namespace, {}).values():
            if type_name is not None:
                refs.add(type_name.namespace)
        for typedef in typedefs:
            if isinstance(typedef, ComplexType):
                for item in typedef.fields:
                    refs.add(item.type.namespace)
                    if self._is_ref(typedef, item):
                        refs.add(item.namespace)
            elif isinstance(typedef, SimpleType | EnumType):
                refs.add(typedef.base.namespace)
        return refs - {namespace, XSD}

    @staticmethod
    def _is_ref(owner: ComplexType, item: Field) -> bool:
        return (
            not item.is_attribute
            and bool(item.namespace)
            and item.namespace != owner.name.namespace
        )

    def _typedef(self, schema: etree._Element, typedef: TypeDef) -> None:
        if isinstance(typedef, ComplexType):
            self._complex(schema, typedef)
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

    def _complex(self, schema: etree._Element, typedef: ComplexType) -> None:
        complex_type = etree.SubElement(schema, f"{{{XSD}}}complexType", name=typedef.name.name)
        holder = complex_type
        text = next((f for f in typedef.fields if f.is_text), None)
        if text is not None:
            content = etree.SubElement(complex_type, f"{{{XSD}}}simpleContent")
            holder = etree.SubElement(content, f"{{{XSD}}}extension", base=self.ref(text.type))
        elements = [f for f in typedef.fields if not f.is_attribute and not f.is_text]
        if elements:
            sequence = etree.SubElement(complex_type, f"{{{XSD}}}sequence")
            for item in elements:
                element = etree.SubElement(sequence, f"{{{XSD}}}element")
                if self._is_ref(typedef, item):
                    element.set("ref", self.ref(QName(item.namespace, item.name)))
                else:
                    element.set("name", item.name)
                    element.set("type", self.ref(item.type))
                    if not item.namespace and typedef.name.namespace:
                        element.set("form", "unqualified")
                required = item.optionality is Optionality.REQUIRED
                element.set("minOccurs", "1" if required else "0")
                element.set("maxOccurs", "unbounded" if item.is_list else "1")
                if item.nillable:
                    element.set("nillable", "true")
        for item in typedef.fields:
            if item.is_attribute:
                attribute = etree.SubElement(holder, f"{{{XSD}}}attribute", name=item.name)
                attribute.set("type", self.ref(item.type))
                if item.optionality is Optionality.REQUIRED:
                    attribute.set("use", "required")

    # -- messages, port type, bindings, service -----------------------------------------

    def document(self) -> etree._Element:
        service = self.service
        root = etree.Element(f"{{{WSDL}}}definitions", nsmap=self.nsmap)
        root.set("name", _ncname(service.name))
        root.set("targetNamespace", service.namespace)
        if service.doc:
            etree.SubElement(root, f"{{{WSDL}}}documentation").text = service.doc
        self.schemas(etree.SubElement(root, f"{{{WSDL}}}types"))
        header_messages: dict[QName, str] = {}
        fault_messages: dict[QName, str] = {}
        for op in service.operations:
            self._message(root, f"{op.name}In", op.input)
            if op.output is not None:
                self._message(root, f"{op.name}Out", op.output)
            for header in (*op.headers, *op.output_headers):
                if header.element not in header_messages:
                    name = f"{header.element.name}Header"
                    header_messages[header.element] = name
                    self._message(root, name, header, part=header.element.name)
            for fault in op.faults:
                if fault.element not in fault_messages:
                    fault_messages[fault.element] = f"{fault.name}Message"
                    message = etree.SubElement(
                        root, f"{{{WSDL}}}message", name=f"{fault.name}Message"
                    )
                    etree.SubElement(
                        message, f"{{{WSDL}}}part", name="detail", element=self.ref(fault.element)
                    )
        port_type = etree.SubElement(
            root, f"{{{WSDL}}}portType", name=f"{_ncname(service.name)}PortType"
        )
        for op in service.operations:
            operation = etree.SubElement(port_type, f"{{{WSDL}}}operation", name=op.name)
            if op.doc:
                etree.SubElement(operation, f"{{{WSDL}}}documentation").text = op.doc
            etree.SubElement(operation, f"{{{WSDL}}}input", message=f"tns:{op.name}In")
            if op.output is not None:
                etree.SubElement(operation, f"{{{WSDL}}}output", message=f"tns:{op.name}Out")
            for fault in op.faults:
                etree.SubElement(
                    operation,
                    f"{{{WSDL}}}fault",
                    name=fault.name,
                    message=f"tns:{fault_messages[fault.element]}",
                )
        for binding in service.bindings:
            self._binding(root, service, binding, header_messages)
        service_el = etree.SubElement(root, f"{{{WSDL}}}service", name=_ncname(service.name))
        for binding in service.bindings:
            port = etree.SubElement(
                service_el,
                f"{{{WSDL}}}port",
                name=_ncname(binding.name),
                binding=f"tns:{_ncname(binding.name)}",
            )
            address_ns = _binding_ns(binding.version)
            etree.SubElement(port, f"{{{address_ns}}}address", location=binding.address)
        return root

    def _message(
        self, root: etree._Element, name: str, message: Message, part: str = "parameters"
    ) -> None:
        element = etree.SubElement(root, f"{{{WSDL}}}message", name=name)
        etree.SubElement(element, f"{{{WSDL}}}part", name=part, element=self.ref(message.element))

    def _binding(
        self,
        root: etree._Element,
        service: Service,
        port: Binding,
        headers: dict[QName, str],
    ) -> None:
        ns = _binding_ns(port.version)
        binding = etree.SubElement(
            root,
            f"{{{WSDL}}}binding",
            name=_ncname(port.name),
            type=f"tns:{_ncname(service.name)}PortType",
        )
        etree.SubElement(binding, f"{{{ns}}}binding", transport=HTTP_TRANSPORT, style="document")
        for op in service.operations:
            operation = etree.SubElement(binding, f"{{{WSDL}}}operation", name=op.name)
            etree.SubElement(
                operation, f"{{{ns}}}operation", soapAction=op.soap_action, style="document"
            )
            directions = [("input", op.headers)]
            if op.output is not None:
                directions.append(("output", op.output_headers))
            for direction, direction_headers in directions:
                holder = etree.SubElement(operation, f"{{{WSDL}}}{direction}")
                etree.SubElement(holder, f"{{{ns}}}body", use="literal")
                for header in direction_headers:
                    etree.SubElement(
                        holder,
                        f"{{{ns}}}header",
                        message=f"tns:{headers[header.element]}",
                        part=header.element.name,
                        use="literal",
                    )
            for fault in op.faults:
                holder = etree.SubElement(operation, f"{{{WSDL}}}fault", name=fault.name)
                etree.SubElement(holder, f"{{{ns}}}fault", name=fault.name, use="literal")


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


def _messages(op: Operation) -> list[Message]:
    found = [op.input, *op.headers, *op.output_headers]
    if op.output is not None:
        found.append(op.output)
    return found


def emit_wsdl(model: Model) -> bytes:
    root = _Emitter(model).document()
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="utf-8")
