"""What every part of the plan consults: the model's types, their Python names, the
namespace prefixes, and the codec of each XML type."""

from __future__ import annotations

from functools import cached_property

from ..model import XSD, ComplexType, EnumType, Field, Model, QName, SimpleType, TypeDef
from ..naming import Names, namespace_prefixes
from ..xsdtypes import BUILTINS, KNOWN_SIMPLE
from .expressions import Codec, Kind, needs_escaping

XML_NS = "http://www.w3.org/XML/1998/namespace"  # bound to `xml:` without a declaration


class Planner:
    def __init__(self, model: Model, names: Names, whole: Model | None = None) -> None:
        self.model = model
        self.whole = whole or model  # what the namespace prefixes are made for
        self.names = names
        self.types: dict[QName, TypeDef] = model.type_map()
        self.extended = {
            t.base for t in model.types if isinstance(t, ComplexType) and t.base is not None
        }
        self._codecs: dict[QName, Codec] = {}
        # the classes models.py defines (faults aside): what other modules import from it
        self.model_classes = frozenset(names.types.values()) | frozenset(names.answers.values())

    @cached_property
    def prefixes(self) -> dict[str, str]:
        namespaces: set[str] = set()
        for t in self.whole.types:
            namespaces.add(t.name.namespace)
            if isinstance(t, ComplexType):
                namespaces.update(f.namespace for f in t.fields)
                namespaces.update(f.xsi_type.namespace for f in t.fields if f.xsi_type)
                namespaces.update(m.element.namespace for f in t.fields for m in f.substitutes)
        for service in self.whole.services:
            for op in service.operations:
                for message in op.messages:
                    namespaces.add(message.element.namespace)
        namespaces.difference_update(("", XSD, XML_NS))
        return namespace_prefixes(namespaces)

    def codec(self, name: QName) -> Codec:
        found = self._codecs.get(name)
        if found is None:
            found = self._codecs[name] = self._codec(name)
        return found

    def _codec(self, name: QName) -> Codec:
        if name.namespace == XSD and name.name in BUILTINS:
            annotation, family = BUILTINS[name.name]
            integer = name.name if family == "int" else ""
            kind = Kind.ANY if family == "any" else Kind.LEAF
            return Codec(annotation, kind, family, integer=integer, uses=_names(annotation))
        if name in KNOWN_SIMPLE:
            base, annotation, family, _ = KNOWN_SIMPLE[name]
            integer = base.name if family == "int" else ""
            return Codec(annotation, Kind.LEAF, family, integer=integer, uses=_names(annotation))
        found = self.types[name]
        if isinstance(found, SimpleType):
            item = self.codec(found.base)
            if found.is_list and item.kind in (Kind.LEAF, Kind.ENUM):
                return Codec(f"list[{item.annotation}]", Kind.LIST, item=item, uses=item.uses)
            return item
        cls = self.names.types[name]
        uses = frozenset({cls})
        if isinstance(found, EnumType):
            plain = not any(needs_escaping(value) for value in found.values)
            enum = Codec(cls, Kind.ENUM, cls=cls, plain=plain, uses=uses)
            if found.is_list:
                return Codec(f"list[{cls}]", Kind.LIST, item=enum, uses=uses)
            return enum
        return Codec(cls, Kind.COMPLEX, cls=cls, polymorphic=name in self.extended, uses=uses)

    def annotation(self, item: Field) -> Codec:
        """The type of one value of a field: its codec's, or the union of its substitutes'."""
        if not item.substitutes:
            return self.codec(item.type)
        codecs = [self.codec(s.type) for s in item.substitutes]
        return Codec(
            " | ".join(c.annotation for c in codecs),
            Kind.UNION,
            uses=frozenset().union(*(c.uses for c in codecs)),
        )

    def tag_text(self, name: QName) -> str:
        """An element's name as written under the Envelope, which declares every prefix
        (passes.check_names has made sure it is an XML name)."""
        if not name.namespace:
            return name.name
        if name.namespace in (XML_NS, XSD):
            return f"{'xml' if name.namespace == XML_NS else 'xsd'}:{name.name}"
        return f"{self.prefixes[name.namespace]}:{name.name}"

    def qname_text(self, name: QName) -> str:
        if name.namespace == XSD:
            return f"xsd:{name.name}"
        prefix = self.prefixes.get(name.namespace)
        return f"{prefix}:{name.name}" if prefix else name.name


def _names(annotation: str) -> frozenset[str]:
    """The name an annotation of a builtin type needs bound: `etree` for `etree._Element`."""
    return frozenset({annotation.partition(".")[0]})
