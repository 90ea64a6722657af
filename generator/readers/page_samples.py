"""Sample XML as evidence: what one element of a sample envelope says about its type.

A sample element becomes a `Node`: its wire name, whether it repeats, and either a `Leaf`
(typed by xsi:type, a placeholder, an `A or B` enumeration or a real value, in that order
of trust) or a list of child nodes.  Nothing here names types; `type_builder` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..model import MS_TYPES, XSD, Evidence, QName, xs
from ..xsdtypes import BUILTINS

XSI = "http://www.w3.org/2001/XMLSchema-instance"
MS_SERIALIZATION = "http://schemas.microsoft.com/2003/10/Serialization/"
SOAP_ENC = (
    "http://schemas.xmlsoap.org/soap/encoding/",
    "http://www.w3.org/2003/05/soap-encoding",
)

# Placeholders printed by help pages.  ServiceStack prints default values and `String`.
PLACEHOLDERS: dict[str, QName] = {name: xs(name) for name in BUILTINS if name != "anyType"}
PLACEHOLDERS.update(
    {
        "guid": QName(MS_TYPES, "guid"),
        "char": QName(MS_TYPES, "char"),
        "String": xs("string"),
        "xml": xs("anyType"),
        "dataset": xs("anyType"),
    }
)
# MS serialization namespace builtins that appear in xsi:type hints.
_MS_SERIALIZATION_TYPES: dict[str, QName] = {
    "guid": QName(MS_TYPES, "guid"),
    "char": QName(MS_TYPES, "char"),
    "duration": xs("duration"),
}
_QNAME_PLACEHOLDER = re.compile(r"^[A-Za-z_][\w.-]*:QName$")
_ENUM_TOKEN = re.compile(r"^[A-Za-z_][\w.-]*$")

_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d*\.\d+$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
_GUID = re.compile(r"^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$")


@dataclass(frozen=True)
class Leaf:
    type: QName
    evidence: Evidence
    enum_values: tuple[str, ...] = ()  # `A or B or C`
    sample: str = ""


@dataclass
class Node:
    name: str
    namespace: str
    line: int
    is_attribute: bool = False
    repeated: bool = False
    nil: bool = False  # xsi:nil="true" was printed
    xsi_type: QName | None = None  # the hint, kept to be written back on the wire
    leaf: Leaf | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def is_complex(self) -> bool:
        return self.leaf is None


def placeholder_type(text: str) -> QName | None:
    """The builtin a placeholder or table type name stands for, if it is one."""
    text = text.strip()
    if text in PLACEHOLDERS:
        return PLACEHOLDERS[text]
    if _QNAME_PLACEHOLDER.match(text):
        return xs("QName")
    return None


def value_type(text: str) -> Leaf:
    """Type a real sample value; the weakest evidence a page gives."""
    value = text.strip()
    if not value:
        return Leaf(xs("string"), Evidence.NONE)
    if value in ("true", "false"):
        return Leaf(xs("boolean"), Evidence.VALUE, sample=value)
    if _INT.match(value):
        number = int(value)
        name = "int" if -(2**31) <= number < 2**31 else "long"
        return Leaf(xs(name), Evidence.VALUE, sample=value)
    if _DECIMAL.match(value):
        return Leaf(xs("decimal"), Evidence.VALUE, sample=value)
    if _DATETIME.match(value):
        return Leaf(xs("dateTime"), Evidence.VALUE, sample=value)
    if _DATE.match(value):
        return Leaf(xs("date"), Evidence.VALUE, sample=value)
    if _GUID.match(value):
        return Leaf(QName(MS_TYPES, "guid"), Evidence.VALUE, sample=value)
    return Leaf(xs("string"), Evidence.VALUE, sample=value)


def text_type(text: str) -> Leaf:
    """Type the text of a leaf: placeholder, then `A or B` enumeration, then value."""
    stripped = text.strip()
    found = placeholder_type(stripped)
    if found:
        return Leaf(found, Evidence.PLACEHOLDER)
    parts = [p.strip() for p in stripped.split(" or ")]
    if len(parts) > 1 and all(_ENUM_TOKEN.match(p) for p in parts):
        return Leaf(xs("string"), Evidence.PLACEHOLDER, enum_values=tuple(parts))
    return value_type(stripped)


def resolve_qname(element: etree._Element, text: str) -> QName | None:
    prefix, _, local = text.strip().rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    if namespace is None:
        return None if prefix else QName("", local)
    return QName(namespace, local)


def _xsi_type(element: etree._Element) -> QName | None:
    hint = element.get(f"{{{XSI}}}type")
    return resolve_qname(element, hint) if hint else None


def _split(tag: object) -> tuple[str, str]:
    name = etree.QName(str(tag))
    return name.namespace or "", name.localname


def _is_nil(element: etree._Element) -> bool:
    return (element.get(f"{{{XSI}}}nil") or "").strip() == "true"


def read_node(element: etree._Element, line_offset: int) -> Node:
    """Turn one sample element (and its subtree) into a Node."""
    namespace, name = _split(element.tag)
    node = Node(
        name=name,
        namespace=namespace,
        line=(element.sourceline or 1) + line_offset - 1,
        nil=_is_nil(element),
        xsi_type=_xsi_type(element),
    )
    for attr_name, value in sorted(element.attrib.items()):
        attr_ns, attr_local = _split(attr_name)
        if attr_ns in (XSI, *SOAP_ENC) or attr_local == "href" or attr_local == "id":
            continue
        node.children.append(
            Node(attr_local, attr_ns, node.line, is_attribute=True, leaf=text_type(str(value)))
        )
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        node.leaf = _leaf(element, node)
        return node
    for child in children:
        child_node = read_node(child, line_offset)
        previous = node.children[-1] if node.children else None
        if (
            previous is not None
            and not previous.is_attribute
            and (previous.name, previous.namespace) == (child_node.name, child_node.namespace)
        ):
            previous.repeated = True
            continue
        node.children.append(child_node)
    _mark_array_items(node)
    return node


def _mark_array_items(node: Node) -> None:
    """`ArrayOfX` (by xsi:type or element name) holds a list even when a sample shows one item."""
    names = {node.xsi_type.name if node.xsi_type else "", node.name}
    if not any(n.startswith("ArrayOf") for n in names):
        return
    items = [c for c in node.children if not c.is_attribute]
    if len(items) == 1:
        items[0].repeated = True


def _leaf(element: etree._Element, node: Node) -> Leaf | None:
    """A childless element is a leaf, unless its xsi:type says it is an (empty) array or object."""
    hint = node.xsi_type
    text = element.text or ""
    if hint is not None:
        if hint.namespace == XSD and hint.name in BUILTINS:
            return Leaf(hint, Evidence.XSI_TYPE, sample=text.strip())
        if hint.namespace == MS_SERIALIZATION and hint.name in _MS_SERIALIZATION_TYPES:
            return Leaf(_MS_SERIALIZATION_TYPES[hint.name], Evidence.XSI_TYPE)
        if hint.name.startswith("ArrayOf"):
            return None  # an empty array of a named type: a complex type with no known item
        base = text_type(text)
        return Leaf(hint, Evidence.XSI_TYPE, sample=base.sample or text.strip())
    if node.nil and not text.strip():
        return Leaf(xs("string"), Evidence.NONE)
    return text_type(text)
