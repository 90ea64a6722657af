"""Structural mutations of WSDL documents on their lxml tree, seeded so that a case reproduces.

A mutation moves, duplicates, drops or retypes an element, gives an attribute an odd value,
removes an attribute a reader needs, points a reference at a name of another kind or adds an
XSD flag (nillable, abstract, a substitution group, a SOAP-encoded array type...).
`mutate(data, seed)` applies one to three of them and says which, in a short text that goes
into the test id.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"

# the same parser settings as generator/xmlsafe.py: no entities, DTDs or network
PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_pis=True,
)

# tag -> tags it is retyped to (in one namespace)
RETYPES: dict[str, dict[str, tuple[str, ...]]] = {
    XS: {
        "sequence": ("choice", "all"),
        "choice": ("sequence", "all"),
        "all": ("sequence", "choice"),
        "element": ("attribute", "any", "group"),
        "attribute": ("element", "attributeGroup"),
        "complexType": ("simpleType",),
        "simpleType": ("complexType",),
        "extension": ("restriction",),
        "restriction": ("extension", "list", "union"),
        "complexContent": ("simpleContent",),
        "simpleContent": ("complexContent",),
        "import": ("include",),
        "include": ("import",),
    },
    WSDL: {
        "input": ("output", "fault"),
        "output": ("input", "fault"),
        "fault": ("input", "output"),
        "message": ("portType",),
        "part": ("message",),
        "portType": ("binding",),
        "binding": ("portType",),
        "port": ("service",),
    },
}
SWAPPED_NAMESPACE = {SOAP11: SOAP12, SOAP12: SOAP11}
SWAPPED_VALUE = {
    "rpc": "document",
    "document": "rpc",
    "literal": "encoded",
    "encoded": "literal",
    "true": "false",
    "false": "true",
}
NAMED = ("name", "type", "element", "message", "binding", "base", "ref", "itemType")
REQUIRED = ("name", "type", "element", "message", "binding", "base", "ref", "location")
ODD_VALUES = (
    "",
    "   ",
    "\t\n",
    "zz:Unknown",
    "nowhere:",
    ":",
    "a b",
    "not a uri",
    "99999999999999999999",
    "4294967296",
    "-1",
    "-0",
    "1.5",
    "unbounded",
    "0",
    "Ünïcødé名前",
    "class",
    "None",
    "def",
    "__init__",
    "x" * 300,
    "1abc",
    "tns:",
)
NUMERIC_ATTRIBUTES = (
    "minOccurs",
    "maxOccurs",
    "length",
    "minLength",
    "maxLength",
    "totalDigits",
    "fractionDigits",
)
NUMERIC_VALUES = (
    "99999999999999999999",
    "2147483648",
    "-1",
    "-99999",
    "unbounded",
    "",
    "1e3",
    " 2 ",
    "0",
)


def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


def _qname(el: etree._Element) -> tuple[str, str]:
    q = etree.QName(el)
    return q.namespace or "", q.localname


def _names(root: etree._Element) -> list[str]:
    return sorted({v for el in _elements(root) for k, v in el.attrib.items() if k == "name"})


def move(rng: random.Random, root: etree._Element) -> str | None:
    candidates = _elements(root)[1:]
    if not candidates:
        return None
    el = rng.choice(candidates)
    inside = set(el.iter())
    targets = [t for t in _elements(root) if t not in inside and t is not el.getparent()]
    if not targets:
        return None
    target = rng.choice(targets)
    target.insert(rng.randint(0, len(target)), el)
    return f"move({_qname(el)[1]}>{_qname(target)[1]})"


def duplicate(rng: random.Random, root: etree._Element) -> str | None:
    candidates = _elements(root)[1:]
    if not candidates:
        return None
    el = rng.choice(candidates)
    parent = el.getparent()
    assert parent is not None
    parent.insert(parent.index(el) + 1, copy.deepcopy(el))
    return f"dup({_qname(el)[1]})"


def drop(rng: random.Random, root: etree._Element) -> str | None:
    candidates = _elements(root)[1:]
    if not candidates:
        return None
    el = rng.choice(candidates)
    parent = el.getparent()
    assert parent is not None
    parent.remove(el)
    return f"drop({_qname(el)[1]})"


def retype(rng: random.Random, root: etree._Element) -> str | None:
    candidates = [
        el
        for el in _elements(root)
        if _qname(el)[1] in RETYPES.get(_qname(el)[0], {}) or _qname(el)[0] in SWAPPED_NAMESPACE
    ]
    if not candidates:
        return None
    el = rng.choice(candidates)
    namespace, local = _qname(el)
    if namespace in SWAPPED_NAMESPACE:
        el.tag = etree.QName(SWAPPED_NAMESPACE[namespace], local).text
        return f"retype({local}:soap-version)"
    new = rng.choice(RETYPES[namespace][local])
    el.tag = etree.QName(namespace, new).text
    return f"retype({local}>{new})"


def swap_value(rng: random.Random, root: etree._Element) -> str | None:
    """rpc<->document, literal<->encoded, true<->false."""
    candidates = [
        (el, key)
        for el in _elements(root)
        for key, value in el.attrib.items()
        if value in SWAPPED_VALUE
    ]
    if not candidates:
        return None
    el, key = rng.choice(candidates)
    old = el.get(key, "")
    el.set(key, SWAPPED_VALUE[old])
    return f"swap({etree.QName(key).localname}={SWAPPED_VALUE[old]})"


def odd_attribute(rng: random.Random, root: etree._Element) -> str | None:
    candidates = [(el, key) for el in _elements(root) for key in el.attrib]
    if not candidates:
        return None
    el, key = rng.choice(candidates)
    local = etree.QName(key).localname
    if local in NUMERIC_ATTRIBUTES or local == "value" and rng.random() < 0.5:
        value = rng.choice(NUMERIC_VALUES)
    elif local in NAMED and rng.random() < 0.3:
        value = rng.choice(_names(root) or ["x"])  # a duplicate of another name
    else:
        value = rng.choice(ODD_VALUES)
    el.set(key, value)
    return f"odd({_qname(el)[1]}@{local}={value[:12]!r})"


def numeric_attribute(rng: random.Random, root: etree._Element) -> str | None:
    """A facet or occurrence bound with an odd number, added where the element has none."""
    candidates = [el for el in _elements(root) if _qname(el) in {(XS, "element"), (XS, "sequence")}]
    facets = [
        el for el in _elements(root) if _qname(el)[0] == XS and _qname(el)[1] in NUMERIC_ATTRIBUTES
    ]
    if not candidates and not facets:
        return None
    if facets and rng.random() < 0.5:
        el = rng.choice(facets)
        value = rng.choice(NUMERIC_VALUES)
        el.set("value", value)
        return f"facet({_qname(el)[1]}={value!r})"
    el = rng.choice(candidates)
    key = rng.choice(("minOccurs", "maxOccurs"))
    value = rng.choice(NUMERIC_VALUES)
    el.set(key, value)
    return f"occurs({key}={value!r})"


def remove_required(rng: random.Random, root: etree._Element) -> str | None:
    candidates = [(el, key) for el in _elements(root) for key in el.attrib if key in REQUIRED]
    if not candidates:
        return None
    el, key = rng.choice(candidates)
    del el.attrib[key]
    return f"unset({_qname(el)[1]}@{key})"


def cross_reference(rng: random.Random, root: etree._Element) -> str | None:
    """A reference to another name of the document, of whatever kind (a type where an element
    belongs, a message where a binding belongs), or to a builtin under the wrong prefix."""
    refs = ("type", "element", "ref", "base", "message", "binding", "itemType")
    candidates = [(el, key) for el in _elements(root) for key in el.attrib if key in refs]
    names = _names(root)
    if not candidates or not names:
        return None
    el, key = rng.choice(candidates)
    prefix = el.get(key, "").rpartition(":")[0]
    prefixes = [p for p in el.nsmap if p] or [""]
    if rng.random() < 0.3:
        prefix = rng.choice(prefixes)
    name = rng.choice(names + ["string", "anyType", "Array", "int"])
    el.set(key, f"{prefix}:{name}" if prefix else name)
    return f"xref({_qname(el)[1]}@{key}={el.get(key, '')[:20]!r})"


EXTRA_ATTRIBUTES = (
    ("nillable", ("true", "false", "1", "yes")),
    ("abstract", ("true", "1")),
    ("mixed", ("true", "1")),
    ("default", ("", "x", "0", "-1", "true")),
    ("fixed", ("", "x", "0", "1.5")),
    ("form", ("qualified", "unqualified", "odd")),
    ("elementFormDefault", ("qualified", "unqualified")),
    ("attributeFormDefault", ("qualified", "unqualified")),
    ("use", ("required", "optional", "prohibited")),
    ("processContents", ("lax", "skip", "strict")),
    ("namespace", ("##any", "##other", "##local", "##targetNamespace", "urn:x")),
)


def add_attribute(rng: random.Random, root: etree._Element) -> str | None:
    """An XSD flag or value where the schema had none: nillable, abstract, mixed, default,
    fixed, form, a substitution group, a SOAP-encoded array type."""
    candidates = [el for el in _elements(root) if _qname(el)[0] == XS]
    if not candidates:
        return None
    el = rng.choice(candidates)
    roll = rng.random()
    names = _names(root) or ["x"]
    prefix = next((p for p, ns in el.nsmap.items() if p and ns == root.get("targetNamespace")), "")
    ref = f"{prefix}:{rng.choice(names)}" if prefix else rng.choice(names)
    if roll < 0.15:
        el.set("substitutionGroup", ref)
        return f"add({_qname(el)[1]}@substitutionGroup)"
    if roll < 0.25:
        el.set(etree.QName(WSDL, "arrayType").text, f"{ref}[{rng.choice(('', '2', ',', '0'))}]")
        return f"add({_qname(el)[1]}@arrayType)"
    key, values = rng.choice(EXTRA_ATTRIBUTES)
    el.set(key, rng.choice(values))
    return f"add({_qname(el)[1]}@{key}={el.get(key)!r})"


Mutation = Callable[[random.Random, etree._Element], "str | None"]
MUTATIONS: tuple[Mutation, ...] = (
    move,
    duplicate,
    drop,
    retype,
    retype,
    swap_value,
    odd_attribute,
    odd_attribute,
    numeric_attribute,
    remove_required,
    remove_required,
    cross_reference,
    cross_reference,
    add_attribute,
    add_attribute,
)
MAX_MUTATIONS = 3


def mutate(data: bytes, seed: str, most: int = MAX_MUTATIONS) -> tuple[bytes, str]:
    """`data` mutated one to `most` times, chosen by `seed`, and what was done."""
    rng = random.Random(seed)
    root = etree.fromstring(data, PARSER)
    done: list[str] = []
    for _ in range(rng.choice((1, 1, *range(1, most + 1)))):
        for _attempt in range(5):
            what = rng.choice(MUTATIONS)(rng, root)
            if what is not None:
                done.append(what)
                break
    body = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return body, "+".join(done) or "none"
