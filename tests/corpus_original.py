"""The ORIGINAL WSDL of a corpus service as an oracle: its schemas (xmlschema), its messages'
parts, and zeep loading it offline.  Samples are checked against this, never against the WSDL
soapsmith emits.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from generator.config import ProjectSettings, spec_settings
from generator.readers.files import spec_files
from generator.readers.spec_folder import _main_wsdl, effective_locations
from generator.readers.wsdl_documents import Document, load_wsdl
from generator.readers.wsdl_schema import build_schema

WSDL = "http://schemas.xmlsoap.org/wsdl/"
XSD = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

Part = tuple[str, str]  # ("element" | "type", qualified name)


@dataclass
class Original:
    folder: Path
    main: str
    documents: list[Document]
    locations: dict[str, str]
    messages: dict[str, dict[str, dict[str, Part]]] = field(default_factory=dict)
    zeep_failure: str = ""

    @staticmethod
    def load(folder: Path) -> Original:
        project = ProjectSettings(root=folder.parent, specs=folder.parent, output=folder / "unused")
        settings = spec_settings(folder)
        files = spec_files(folder, project)
        wsdls = [f for f in files if b"definitions" in f.data[:4000] or f.path.endswith(".wsdl")]
        main = _main_wsdl(wsdls, settings, folder)
        by_path = {f.path: f.data for f in files}
        locations = effective_locations(by_path, settings.locations)
        documents = load_wsdl(main.path, by_path, spec=folder.name, locations=locations)
        original = Original(folder, main.path, documents, locations)
        original.messages = _operation_parts(documents)
        return original

    @cached_property
    def schema(self) -> Any:
        return build_schema(self.documents, self.folder, self.locations)

    @cached_property
    def deterministic_schema(self) -> Any:
        """The schema without its optional wildcards: a smaller language than the original's.

        Where a type ends with an optional `xs:any ##any` and a derived type appends elements
        (eBay's AbstractRequestType), the original violates Unique Particle Attribution, and
        xmlschema's validator hands the appended elements to the wildcard.  A document valid
        against this stricter schema is in the original's language all the same.
        """
        documents = [
            Document(d.path, _without_optional_wildcards(copy.deepcopy(d.root)))
            for d in self.documents
        ]
        return build_schema(documents, self.folder, self.locations)

    @cached_property
    def zeep_operations(self) -> dict[str, list[Any]]:
        """zeep's operations of the original WSDL by name (several port types may share one),
        loaded offline ({} where it cannot: `zeep_failure` says why)."""
        try:
            return _zeep_operations(self.folder.parent / self.main)
        except FileNotFoundError:
            raise  # the oracle's own mistake, never the service's
        except Exception as exc:  # noqa: BLE001 - zeep cannot load it offline
            self.zeep_failure = f"{type(exc).__name__}: {exc}"
            return {}

    @cached_property
    def zeep_deterministic_operations(self) -> dict[str, list[Any]]:
        """zeep over a copy of the service without its optional wildcards.

        zeep's xs:any takes any element whatever its namespace constraint says (zeep's `Any`
        has no namespace), so where a type's `##local` or `##other` wildcard precedes its
        elements zeep misreads valid documents; without the optional wildcards it does not.
        """
        with tempfile.TemporaryDirectory() as scratch:
            copied = Path(scratch) / self.folder.name
            shutil.copytree(self.folder, copied)
            for path in copied.rglob("*"):
                if path.suffix.lower() in (".wsdl", ".xsd", ".xml"):
                    tree = etree.parse(str(path), _SAFE)
                    _without_optional_wildcards(tree.getroot())
                    tree.write(str(path))
            return _zeep_operations(Path(scratch) / self.main)

    def zeep_readers(self, operation: str, deterministic: bool = False) -> list[Any]:
        """zeep's operations of this name that read a body (zeep reads no MIME multipart, and
        no SOAP-encoded message whose parts it cannot type)."""
        operations = self.zeep_deterministic_operations if deterministic else self.zeep_operations
        return [
            candidate
            for candidate in operations.get(operation, [])
            if getattr(candidate.output, "body", None) is not None
        ]

    def zeep_reader(self, operation: str, answer: Any, deterministic: bool = False) -> Any:
        """zeep's operation that reads this body element: the only one of its name, or the one
        whose answer is this element (port types may share operation names)."""
        readers = self.zeep_readers(operation, deterministic)
        if len(readers) == 1:
            return readers[0]
        for reader in readers:
            if getattr(reader.output.body, "qname", None) == answer.tag:
                return reader
        return None

    def validate_body(self, operation: str, direction: str, element: Any) -> None:
        """The body's element valid against the original: a global element (document style)
        or each part of an rpc wrapper against the part's own declaration."""
        if self.schema is None:
            return
        if str(element.tag) in self.schema.maps.elements:
            self._validate(element)
            return
        parts = self.messages[operation][direction]
        for child in element:
            kind, name = parts[etree.QName(child).localname]
            if kind == "element":
                self._validate(child)
            else:
                self._validate_typed(child, name)

    def _validate(self, element: Any) -> None:
        errors = _real(self.schema.iter_errors(etree.tostring(element).decode()))
        if errors and self.deterministic_schema is not None:
            errors = _real(self.deterministic_schema.iter_errors(etree.tostring(element).decode()))
        assert not errors, str(errors[0])[:2000]

    def _validate_typed(self, element: Any, type_name: str) -> None:
        xsd_type = self.schema.maps.types[type_name]
        declared = element.get(f"{{{XSI}}}type")
        if declared:  # SOAP encoding names the value's type, which must derive from the part's
            actual = self.schema.maps.types[_resolve(element, declared)]
            assert actual is xsd_type or actual.is_derived(xsd_type), (declared, type_name)
            xsd_type = actual
        if xsd_type.is_simple():
            errors = list(xsd_type.iter_errors(element.text or ""))
        else:
            namespaces = {prefix or "": uri for prefix, uri in element.nsmap.items()}
            errors = list(xsd_type.iter_errors(element, namespaces=namespaces))
        assert not errors, str(errors[0])[:2000]


def _without_optional_wildcards(root: Any) -> Any:
    for wildcard in list(root.iter(f"{{{XSD}}}any")):
        if wildcard.get("minOccurs") == "0":
            wildcard.getparent().remove(wildcard)
    return root


def _zeep_operations(wsdl: Path) -> dict[str, list[Any]]:
    import zeep

    transport = zeep.Transport()
    transport.load = _no_network(transport.load)  # type: ignore[method-assign]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = zeep.Client(str(wsdl), transport=transport)
    operations: dict[str, list[Any]] = {}
    for binding in client.wsdl.bindings.values():
        for name, operation in getattr(binding, "_operations", {}).items():
            operations.setdefault(name, []).append(operation)
    return operations


_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _real(errors: Any) -> list[Any]:
    """Every error but what a strict wildcard demands: an element the schema declares, which a
    sample cannot guess (a .NET DataSet's diffgram, say)."""
    kept = []
    for error in errors:
        validator = type(getattr(error, "validator", None)).__name__
        reason = str(getattr(error, "reason", ""))
        if validator != "XsdAnyElement" and "namespace/s expected" not in reason:
            kept.append(error)
    return kept


def _resolve(node: Any, prefixed: str) -> str:
    prefix, _, local = prefixed.rpartition(":")
    return etree.QName(node.nsmap.get(prefix or None), local).text


def _operation_parts(documents: list[Document]) -> dict[str, dict[str, dict[str, Part]]]:
    """{operation: {"input" | "output": {part name: part}}}, from the portTypes and messages."""
    messages: dict[str, dict[str, Part]] = {}
    operations: dict[str, dict[str, str]] = {}
    for document in documents:
        namespace = document.root.get("targetNamespace")
        for message in document.root.iterfind(f"{{{WSDL}}}message"):
            parts: dict[str, Part] = {}
            for part in message.iterfind(f"{{{WSDL}}}part"):
                kind = "element" if part.get("element") else "type"
                parts[part.get("name", "")] = (kind, _resolve(part, part.get(kind, "")))
            messages[etree.QName(namespace, message.get("name", "")).text] = parts
        for port_type in document.root.iterfind(f"{{{WSDL}}}portType"):
            for operation in port_type.iterfind(f"{{{WSDL}}}operation"):
                directions = operations.setdefault(operation.get("name", ""), {})
                for direction in ("input", "output"):
                    node = operation.find(f"{{{WSDL}}}{direction}")
                    if node is not None:
                        directions[direction] = _resolve(node, node.get("message", ""))
    return {
        name: {direction: messages.get(message, {}) for direction, message in directions.items()}
        for name, directions in operations.items()
    }


def _no_network(load: Any) -> Any:
    def local_only(url: str) -> bytes:
        if "://" in url and not url.startswith("file://"):
            raise OSError(f"no network: {url}")
        return bytes(load(url))

    return local_only
