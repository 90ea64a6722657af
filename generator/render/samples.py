"""Sample values as Python expressions: what the mock server answers and `soapsmith sample` sends.

A sample fills required fields and, for pages, every documented one (a schema's choice
branches and optional parts stay out, so the result is valid against the schema), picks the
first enumeration value, honours numeric bounds, lengths and patterns, and stops recursion at
a fixed depth.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from ..model import XSD, ComplexType, EnumType, Field, Optionality, QName, SimpleType
from ..xsdtypes import BUILTINS
from .regex_sample import regex_sample
from .views import Views, literal

MAX_DEPTH = 6

# builtin local name -> a valid sample of its lexical space, as a Python expression
_BUILTIN: dict[str, str] = {
    "boolean": "False",
    "int": "0",
    "integer": "0",
    "long": "0",
    "short": "0",
    "byte": "0",
    "nonNegativeInteger": "0",
    "nonPositiveInteger": "0",
    "positiveInteger": "1",
    "negativeInteger": "-1",
    "unsignedLong": "0",
    "unsignedInt": "0",
    "unsignedShort": "0",
    "unsignedByte": "0",
    "decimal": 'Decimal("0")',
    "float": "0.0",
    "double": "0.0",
    "dateTime": "datetime(2001, 1, 1, 0, 0)",
    "date": "date(2001, 1, 1)",
    "time": "time(0, 0)",
    "base64Binary": 'b"sample"',
    "hexBinary": 'b"\\x00"',
    "anyURI": '"http://example.com/"',
    "QName": '"sample"',
    "duration": '"P1D"',
    "gYear": '"2001"',
    "gYearMonth": '"2001-01"',
    "gMonth": '"--01"',
    "gMonthDay": '"--01-01"',
    "gDay": '"---01"',
    "language": '"en"',
    "anyType": 'etree.Element("sample")',
}


class Samples:
    def __init__(self, views: Views) -> None:
        self.views = views
        self.types = views.types
        self.names = views.names

    def value(self, name: QName, depth: int = 0) -> str:
        """A Python expression building a valid value of the type `name`."""
        codec = self.views.codec(name)  # the annotations it brings are the imports it needs
        if name.namespace == XSD and name.name in BUILTINS:
            return self._builtin(name.name, ())
        if codec.family == "uuid":
            return 'UUID("00000000-0000-0000-0000-000000000000")'
        found = self.types.get(name)
        if isinstance(found, EnumType):
            member = self.names.members[(found.name, 0)] if found.values else ""
            item = f"{codec.item.cls if codec.item else codec.cls}.{member}"
            return f"[{item}]" if codec.item is not None else item
        if isinstance(found, SimpleType):
            if codec.item is not None:
                return f"[{self.value(found.base, depth)}]"
            if codec.kind == "enum":
                return self.value(found.base, depth)
            return self._builtin(self._base_builtin(found), found.facets)
        if isinstance(found, ComplexType):
            if found.abstract:
                concrete = self._concrete(found)
                if concrete is not None:  # an abstract type has only its subtypes' values
                    found = concrete
                    codec = self.views.codec(found.name)
            return f"{codec.cls}({self.arguments(found, depth + 1)})"
        return literal("sample")

    def _concrete(self, typedef: ComplexType) -> ComplexType | None:
        """The first type (by name) that extends `typedef`, directly or not, and is concrete."""
        candidates = sorted(
            (t for t in self.types.values() if isinstance(t, ComplexType) and not t.abstract),
            key=lambda t: t.name,
        )
        for candidate in candidates:
            base, seen = candidate.base, 0
            while base is not None and seen < 64:
                if base == typedef.name:
                    return candidate
                parent = self.types.get(base)
                base = parent.base if isinstance(parent, ComplexType) else None
                seen += 1
        return None

    def arguments(self, typedef: ComplexType, depth: int) -> str:
        """Keyword arguments for the required fields of a complex type."""
        parts = []
        for index, item in enumerate(typedef.fields):
            if not self.required(item) or depth > MAX_DEPTH:
                continue
            name = self.names.fields[(typedef.name, index)]
            parts.append(f"{name}={self.field_value(item, depth)}")
        return ", ".join(parts)

    @staticmethod
    def required(item: Field) -> bool:
        """Whether a sample carries the field: required, documented, or in a choice's first
        branch; a schema's other optional parts stay out, since some exclude others."""
        if item.is_text:
            return True  # simple content: the value itself
        if item.nillable:
            return False
        if item.name == "##any":  # a wildcard the schema requires gets one element
            return item.optionality is Optionality.REQUIRED
        if item.choice is not None:
            return item.choice.branch == 0 and item.choice.required
        return item.optionality in (Optionality.REQUIRED, Optionality.UNKNOWN)

    def field_value(self, item: Field, depth: int) -> str:
        if item.name == "##any":
            return f"[etree.Element({literal(_wildcard_tag(item.wildcard))})]"
        if item.example and not item.is_list:
            shown = self._literal_value(item, item.example)
            if shown is not None:  # a page's own example, where it reads as the field's type
                return shown
        if item.fixed:
            fixed = self._fixed(item)
            if fixed is not None:
                return f"[{fixed}]" if item.is_list else fixed
        if item.substitutes:
            value = self.value(item.substitutes[0].type, depth)
        else:
            value = self.value(item.type, depth)
        return f"[{value}]" if item.is_list else value

    def _fixed(self, item: Field) -> str | None:
        """The one value an XSD `fixed` constraint allows, as an expression of the field's type."""
        return self._literal_value(item, item.fixed)

    def _literal_value(self, item: Field, written: str) -> str | None:
        """`written` as an expression of the field's type; None where it does not read as one."""
        codec = self.views.codec(item.type)
        text = written.strip()
        if codec.kind == "enum" and codec.item is None:
            found = self.types.get(item.type)
            if isinstance(found, EnumType) and text in found.values:
                member = self.names.members[(found.name, found.values.index(text))]
                return f"{codec.cls}.{member}"
            return None
        family = codec.family
        try:
            if family == "str":
                return literal(written)
            if family == "int":
                return str(int(text))
            if family == "decimal" and Decimal(text).is_finite():
                return f"Decimal({literal(str(Decimal(text)))})"
            if family == "float" and math.isfinite(float(text)):
                return literal(float(text))
            if family == "bool" and text in ("true", "1", "false", "0"):
                return "True" if text in ("true", "1") else "False"
        except (ValueError, InvalidOperation):
            return None
        return None

    def _base_builtin(self, typedef: SimpleType) -> str:
        base = typedef.base
        for _ in range(16):
            if base.namespace == XSD and base.name in BUILTINS:
                return base.name
            found = self.types.get(base)
            if not isinstance(found, SimpleType):
                break
            base = found.base
        return "string"

    def _builtin(self, name: str, facets: tuple[tuple[str, str], ...]) -> str:
        facet = dict(facets)
        family = BUILTINS.get(name, ("str", "str"))[1]
        patterns = [v for k, v in facets if k == "pattern"]
        if family in ("int", "decimal", "float"):
            number = _number(name, facet)
            if number is not None:
                return number
            for pattern in patterns:
                found = regex_sample(pattern)
                if found is not None and _is_number(found, family):
                    return f"Decimal({literal(found)})" if family == "decimal" else found
            return _BUILTIN.get(name, "0")
        if family in ("base64", "hex"):
            size = _size(facet)
            return literal(bytes(size)) if size is not None else _BUILTIN[name]
        if family != "str":
            return _BUILTIN.get(name, literal("sample"))
        for pattern in patterns:
            found = regex_sample(pattern)
            if found is not None and _fits(found, facet):
                return literal(found)
        if any(k in facet for k in ("length", "minLength", "maxLength")):
            return literal(_sized("sample", facet))
        return _BUILTIN.get(name, literal("sample"))


def _is_number(text: str, family: str) -> bool:
    try:
        (int if family == "int" else float)(text)
    except ValueError:
        return False
    return True


def _size(facet: dict[str, str]) -> int | None:
    try:
        if "length" in facet:
            return int(facet["length"])
        if "minLength" in facet:
            return max(1, int(facet["minLength"]))
    except ValueError:
        return None
    return None


def _wildcard_tag(constraint: str) -> str:
    """A tag an xs:any with this namespace constraint accepts."""
    tokens = constraint.split()
    if "##local" in tokens:
        return "sample"
    uris = [t for t in tokens if not t.startswith("##")]
    return f"{{{uris[0]}}}sample" if uris else "{urn:soapsmith:sample}sample"


def _number(name: str, facet: dict[str, str]) -> str | None:
    integer = BUILTINS[name][1] == "int"
    try:
        low = Decimal(facet["minInclusive"]) if "minInclusive" in facet else None
        if "minExclusive" in facet:
            low = Decimal(facet["minExclusive"]) + (1 if integer else Decimal("0.5"))
        high = Decimal(facet["maxInclusive"]) if "maxInclusive" in facet else None
        if "maxExclusive" in facet:
            high = Decimal(facet["maxExclusive"]) - (1 if integer else Decimal("0.5"))
    except InvalidOperation:
        return None
    if low is None and high is None:
        return None
    default = Decimal(1 if name == "positiveInteger" else -1 if name == "negativeInteger" else 0)
    value = default
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    if integer:
        return str(int(value))
    if name == "decimal":
        return f"Decimal({literal(str(value))})"
    return literal(float(value))


def _sized(text: str, facet: dict[str, str]) -> str:
    try:
        if "length" in facet:
            size = int(facet["length"])
        else:
            size = max(len(text), int(facet.get("minLength", "0")))
            if "maxLength" in facet:
                size = min(size, int(facet["maxLength"]))
    except ValueError:
        return text
    return (text * (size // len(text) + 1))[:size]


def _fits(text: str, facet: dict[str, str]) -> bool:
    try:
        if "length" in facet and len(text) != int(facet["length"]):
            return False
        if "minLength" in facet and len(text) < int(facet["minLength"]):
            return False
        if "maxLength" in facet and len(text) > int(facet["maxLength"]):
            return False
    except ValueError:
        return True
    return True
