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
# Old drafts of XML Schema, still printed by SOAP::Lite / Apache SOAP samples.
XSI_ALIASES = (
    XSI,
    "http://www.w3.org/1999/XMLSchema-instance",
    "http://www.w3.org/2000/10/XMLSchema-instance",
)
XSD_ALIASES = (XSD, "http://www.w3.org/1999/XMLSchema", "http://www.w3.org/2000/10/XMLSchema")
MS_SERIALIZATION = "http://schemas.microsoft.com/2003/10/Serialization/"
MS_ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
SOAP_ENC = (
    "http://schemas.xmlsoap.org/soap/encoding/",
    "http://www.w3.org/2003/05/soap-encoding",
)
SOAP_ENV = ("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")
SOAP_RPC = "http://www.w3.org/2003/05/soap-rpc"
# Attributes that steer SOAP processing, never data (some pages print them unprefixed).
_PROCESSING_ATTRIBUTES = frozenset({"mustUnderstand", "actor", "role", "relay", "encodingStyle"})
CUT = "{urn:soapsmith}cut"  # set on elements the page stops inside
# Texts that stand for "a value goes here" without saying which kind (SoapUI, Bing docs).
# what Mono's .asmx help pages print for a type's xs:anyAttribute (every SoapHeader has one)
_ANY_ATTRIBUTE = ("custom-attribute", "value")
_GENERIC_PLACEHOLDERS = frozenset({"?", "ValueHere", "value", "...", "…", "xxx", "XXX"})

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
# XML names as a page writes them (Unicode letters, digits after the first, `_ . -`)
_NCNAME = re.compile(r"^[^\W\d][\w.-]*$")
_QNAME = re.compile(r"^(?:[^\W\d][\w.-]*:)?[^\W\d][\w.-]*$")
_PREFIXED = re.compile(r"(?<![\w.:-])([^\W\d][\w.-]*):[^\W\d][\w.-]*(?![\w:])")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|\||/|\bor\b|\band\b)\s*")
_DIGIT_CODE = re.compile(r"^[0-9]+$")

_INT = re.compile(r"^[+-]?(0|[1-9]\d*)$")  # a leading zero makes an identifier, not a number
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
    optional: bool = False  # a sample generator's comment says so (SoapUI `<!--Optional:-->`)
    cut: bool = False  # the page stops inside this element: more may follow
    xsi_type: QName | None = None  # the hint, kept to be written back on the wire
    # an xsi:type that is no type name (`-- the derived type goes here --`): a placeholder
    xsi_placeholder: str = ""
    derived: tuple[QName, ...] = ()  # the types its comments name for such a placeholder
    leaf: Leaf | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def is_complex(self) -> bool:
        """Children, or attributes: an element with attributes has a complex type."""
        return self.leaf is None or any(c.is_attribute for c in self.children)


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
        if len(value.lstrip("+-")) > 9:
            # card, invoice and barcode numbers: identifiers more often than quantities
            return Leaf(xs("string"), Evidence.VALUE, sample=value)
        return Leaf(xs("int"), Evidence.VALUE, sample=value)
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
    if stripped in _GENERIC_PLACEHOLDERS:
        return Leaf(xs("string"), Evidence.NONE, sample=stripped)
    found = placeholder_type(stripped)
    if found:
        return Leaf(found, Evidence.PLACEHOLDER)
    parts = [p.strip() for p in stripped.split(" or ")]
    # names (`OK or HashError`), or codes of digits alone (`01 or 02`: strings, zeros kept)
    if len(parts) > 1 and (
        all(_ENUM_TOKEN.match(p) for p in parts) or all(_DIGIT_CODE.match(p) for p in parts)
    ):
        return Leaf(xs("string"), Evidence.PLACEHOLDER, enum_values=tuple(parts))
    return value_type(stripped)


def resolve_qname(element: etree._Element, text: str) -> QName | None:
    prefix, _, local = text.strip().rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    if namespace is None:
        return None if prefix else QName("", local)
    return QName(namespace, local)


def _xsi(element: etree._Element, name: str) -> str | None:
    for namespace in XSI_ALIASES:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value
    return None


def _xsi_type(element: etree._Element) -> QName | None:
    hint = _xsi(element, "type")
    if hint is None or not _QNAME.match(hint.strip()):
        return None
    found = resolve_qname(element, hint)
    if found is not None and found.namespace in XSD_ALIASES:
        return xs(found.name)
    return found


def _named_types(element: etree._Element) -> tuple[QName, ...]:
    """The types the comments inside an element (or just before it) name, for an xsi:type the
    sample leaves as a placeholder: prefixed names whose prefix is declared
    (`<!-- tns:Book or tns:Disc -->`), or a list of names after a colon
    (`<!-- one of: Book, Disc -->`)."""
    comments = [c for c in element if isinstance(c, etree._Comment)]
    before = element.getprevious()
    while isinstance(before, etree._Comment):
        comments.append(before)
        before = before.getprevious()
    found: list[QName] = []
    for comment in comments:
        text = comment.text or ""
        names = [
            m.group(0) for m in _PREFIXED.finditer(text) if m.group(1) in element.nsmap
        ] or _listed(text)
        for name in names:
            qname = resolve_qname(element, name)
            if qname is not None and qname.namespace not in XSD_ALIASES and qname not in found:
                found.append(qname)
    return tuple(found)


def _listed(text: str) -> list[str]:
    """The names of a list after the last colon of a comment: all of them names, or none."""
    _, colon, listed = text.rpartition(":")
    items = [i.strip() for i in _LIST_SEPARATOR.split(listed) if i.strip()] if colon else []
    return items if items and all(_NCNAME.match(i) for i in items) else []


def split_tag(tag: object) -> tuple[str, str]:
    """(namespace, local name) of a Clark name; a recovered tree may hold `p:name` with an
    undeclared prefix, which keeps its local part."""
    text = str(tag)
    if text.startswith("{"):
        namespace, _, name = text[1:].partition("}")
        return namespace, name
    return "", text.rpartition(":")[2]


def _is_nil(element: etree._Element) -> bool:
    return (_xsi(element, "nil") or "").strip() in ("true", "1")


def _is_data_attribute(name: object) -> bool:
    namespace, local = split_tag(name)
    if namespace in (*XSI_ALIASES, *SOAP_ENC, *SOAP_ENV) or namespace == "urn:soapsmith":
        return False
    if local in ("href", "id") and not namespace:  # SOAP-encoding multi-references
        return False
    return not (local in _PROCESSING_ATTRIBUTES and not namespace)


def read_node(element: etree._Element, line_offset: int, *, placeholders: bool = False) -> Node:
    """Turn one sample element (and its subtree) into a Node.

    `placeholders` says the sample prints type names, not values (an .asmx or ServiceStack
    page): there an element that prints nothing hides content the page did not show.
    """
    namespace, name = split_tag(element.tag)
    node = Node(
        name=name,
        namespace=namespace,
        line=(element.sourceline or 1) + line_offset - 1,
        nil=_is_nil(element),
        cut=element.get(CUT) is not None,
        xsi_type=_xsi_type(element),
    )
    hint = _xsi(element, "type")
    if hint is not None and node.xsi_type is None and not _QNAME.match(hint.strip()):
        node.xsi_placeholder = hint.strip()
        node.derived = _named_types(element)
    for attr_name, value in sorted(element.attrib.items()):
        if not _is_data_attribute(attr_name):
            continue
        attr_ns, attr_local = split_tag(attr_name)
        if placeholders and (attr_ns, attr_local, value) == ("", *_ANY_ATTRIBUTE):
            continue  # Mono's help pages print xs:anyAttribute so: no attribute of its own
        node.children.append(
            Node(attr_local, attr_ns, node.line, is_attribute=True, leaf=text_type(str(value)))
        )
    children = [c for c in element if isinstance(c.tag, str) and split_tag(c.tag)[0] != SOAP_RPC]
    if not children:
        node.leaf = _leaf(element, node, placeholders)
        return node
    for child in children:
        child_node = read_node(child, line_offset, placeholders=placeholders)
        _read_cardinality(child, child_node)
        previous = node.children[-1] if node.children else None
        if (
            previous is not None
            and not previous.is_attribute
            and (previous.name, previous.namespace) == (child_node.name, child_node.namespace)
        ):
            previous.repeated = True
            previous.cut = previous.cut or child_node.cut
            continue
        node.children.append(child_node)
    _mark_collection_items(node)
    return node


_OPTIONAL = re.compile(r"^\s*optional\s*:?\s*$", re.I)
_REPEATS = re.compile(r"^\s*(zero|\d+)\s+(or more|to \d+)\s+repetitions?\s*:?\s*$", re.I)


def _read_cardinality(element: etree._Element, node: Node) -> None:
    """SoapUI prints `<!--Optional:-->` or `<!--Zero or more repetitions:-->` before an element."""
    comment = element.getprevious()
    while comment is not None and not isinstance(comment.tag, str):
        text = comment.text or ""
        if _OPTIONAL.match(text):
            node.optional = True
        found = _REPEATS.match(text)
        if found:
            node.repeated = True
            node.optional = node.optional or found.group(1).lower() in ("zero", "0")
        comment = comment.getprevious()


_COLLECTION_SUFFIXES = ("List", "Set", "Collection", "Array", "Items")


def _mark_collection_items(node: Node) -> None:
    """A wrapper holding one kind of item is a list even when a sample shows one item.

    Samples that print a list with one item say so by their families' conventions:
    `ArrayOfX` (ASP.NET, by name or xsi:type), items in the Microsoft Arrays namespace or
    named `KeyValue*` (WCF DataContract), a wrapper typed or named `*Dictionary`, and a
    wrapper whose name is the plural of its item's (`Folders/Folder`, `Errors/ResponseError`).
    """
    items = [c for c in node.children if not c.is_attribute]
    if len(items) != 1 or len(node.children) != 1 or items[0].repeated:
        return
    item = items[0]
    names = [node.name, node.xsi_type.name if node.xsi_type else ""]
    if (
        any(n.startswith("ArrayOf") or n.endswith("Dictionary") for n in names)
        or item.namespace == MS_ARRAYS
        or item.name.startswith(("KeyValueOf", "KeyValuePairOf"))
        or item.name.endswith("KeyValuePair")
        or (item.is_complex and _is_plural_of(node.name, item.name))
    ):
        item.repeated = True


def _is_plural_of(wrapper: str, item: str) -> bool:
    for suffix in ("ies", "es", "s", *_COLLECTION_SUFFIXES):
        if wrapper.endswith(suffix) and len(wrapper) > len(suffix) + 1:
            stem = wrapper[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if stem.lower() in item.lower():
                return True
    return False


def _leaf(element: etree._Element, node: Node, placeholders: bool) -> Leaf | None:
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
    if node.namespace == MS_ARRAYS and node.name in PLACEHOLDERS:
        # WCF arrays of primitives name each item after its type: <a:long>, <a:string>
        return Leaf(PLACEHOLDERS[node.name], Evidence.PLACEHOLDER, sample=text.strip())
    if not text.strip() and (node.nil or placeholders):
        # On a page that prints type names, printing nothing means "not shown" (ASP.NET
        # cuts nesting deeper than four levels with xsi:nil): any content, not a string.
        return Leaf(xs("anyType"), Evidence.NONE)
    return text_type(text)
