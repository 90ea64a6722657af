"""What in a WSDL's schemas resolves to nothing: references and elements outside XSD 1.0.

xmlschema is asked to build the schemas without checking the documents against the XSD
meta-schema: that check took 60-75% of reading the largest corpus WSDLs, and without it
xmlschema records no finding at all.  What changes what soapsmith reads is a reference to
a type, element, attribute or group that does not exist (xmlschema reads it as any
content) and an element it does not know (it is ignored); this finds both, with the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .wsdl_documents import XSD

# the XSD 1.0 vocabulary (XSD 1.1's additions are ignored by an XSD 1.0 processor)
VOCABULARY = frozenset(
    "all annotation any anyAttribute appinfo attribute attributeGroup choice complexContent "
    "complexType documentation element enumeration extension field fractionDigits group "
    "import include key keyref length list maxExclusive maxInclusive maxLength minExclusive "
    "minInclusive minLength notation pattern redefine restriction schema selector sequence "
    "simpleContent simpleType totalDigits union unique whiteSpace".split()
)
# (element, attribute) -> the global map its QName(s) must be found in
_REFERENCES = {
    ("element", "type"): "types",
    ("attribute", "type"): "types",
    ("restriction", "base"): "types",
    ("extension", "base"): "types",
    ("list", "itemType"): "types",
    ("union", "memberTypes"): "types",
    ("element", "ref"): "elements",
    ("element", "substitutionGroup"): "elements",
    ("attribute", "ref"): "attributes",
    ("group", "ref"): "groups",
    ("attributeGroup", "ref"): "attribute_groups",
}
_KIND = {
    "types": "type",
    "elements": "element",
    "attributes": "attribute",
    "groups": "group",
    "attribute_groups": "attribute group",
}
_XML = "http://www.w3.org/XML/1998/namespace"  # bound to `xml:` without a declaration
_FREE_CONTENT = (f"{{{XSD}}}appinfo", f"{{{XSD}}}documentation")


@dataclass(frozen=True)
class Unresolved:
    file: str
    line: int
    message: str
    namespace: str | None  # of the missing reference; None for an unknown element


def unresolved(schemas: Iterable[tuple[str, etree._Element]], bundle: Any) -> list[Unresolved]:
    """Every reference the built `bundle` cannot resolve, in document order."""
    maps = bundle.maps
    known = {name: getattr(maps, name) for name in _KIND}
    # a chameleon include takes its includer's namespace, so an unprefixed name with no
    # default namespace is taken as found when its local name exists in any namespace
    local_names = {name: {_local(k) for k in known[name]} for name in _KIND}
    found: list[Unresolved] = []
    for path, schema in schemas:
        for element in _schema_elements(schema):
            local = etree.QName(element).localname
            if local not in VOCABULARY:
                found.append(
                    Unresolved(
                        path,
                        element.sourceline or 0,
                        f"xs:{local} is not an XSD 1.0 element and is ignored",
                        None,
                    )
                )
                continue
            for attribute, value in element.attrib.items():
                collection = _REFERENCES.get((local, str(attribute)))
                if collection is None:
                    continue
                for text in value.split():
                    prefix, _, name = text.rpartition(":")
                    namespace = _XML if prefix == "xml" else element.nsmap.get(prefix or None)
                    if prefix and namespace is None:
                        message = f"the prefix of {text!r} is not declared"
                    elif f"{{{namespace or ''}}}{name}" in known[collection] or (
                        not prefix and namespace is None and name in local_names[collection]
                    ):
                        continue
                    else:
                        message = f"unknown {_KIND[collection]} {text!r}"
                    found.append(
                        Unresolved(path, element.sourceline or 0, message, namespace or "")
                    )
    return found


def _schema_elements(schema: etree._Element) -> Iterator[etree._Element]:
    stack = [schema]
    while stack:
        element = stack.pop()
        yield element
        if element.tag not in _FREE_CONTENT:
            stack.extend(
                reversed([c for c in element if isinstance(c.tag, str) and _in_xsd(c.tag)])
            )


def _in_xsd(tag: str) -> bool:
    return tag.startswith(f"{{{XSD}}}")


def _local(qualified: str) -> str:
    return qualified.rpartition("}")[2]
