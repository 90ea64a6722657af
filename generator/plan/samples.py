"""Sample values as Python expressions: what the mock server answers and `soapsmith sample` sends.

A sample fills required fields and, for pages, every documented one (a schema's choice
branches and optional parts stay out, so the result is valid against the schema), picks the
first enumeration value, honours numeric bounds, lengths and patterns, and stops recursion at
a fixed depth.

Every sample is bounded, whatever the facets say: a string has at most MAX_CHARS characters, a
binary value MAX_OCTETS octets, a list MAX_ITEMS items, a number MAX_CHARS written digits, and
the optional parts of one sample add at most MAX_PARTS complex values; the work is linear in
the facets and patterns read.  A whole sample has at most `sample_size.BUDGET` elements: the
caller builds none whose required part is larger (`SampleSizes` counts it), and optional parts
are added only while the count stays within the budget, so its source text is bounded too.
Where a bounded value cannot meet a facet (`length="200000000"`), the sample is the bounded
value anyway and `unmet_facets` names the facet, for the warning the `sample_bounds` pass
gives.  Required fields always have a value: `required_cycles` leaves none
that lead back to their own type, and a sample follows `finite_ranks` downwards, so it ends.
"""

from __future__ import annotations

import math
from decimal import Decimal

from ..facet_samples import base_builtin, facet_sample, list_count
from ..model import ANY_ELEMENT, XSD, ComplexType, EnumType, Field, Optionality, QName, SimpleType
from ..passes.required_cycles import finite_ranks
from ..passes.sample_size import BUDGET, UNRANKED, SampleSizes, is_counted
from ..python_text import literal
from ..regex_sample import MAX_CHARS
from ..xsdtypes import BUILTINS
from .context import Planner
from .expressions import Codec, Kind

MAX_DEPTH = 6
MAX_PARTS = 1000  # complex values the optional parts of one sample may add
_UNRANKED = UNRANKED  # a type `finite_ranks` does not know: any candidate will do


class Samples:
    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self.uses: set[str] = set()  # classes and annotations the samples name
        self.types = planner.types
        self.names = planner.names
        self.ranks = finite_ranks(self.types)
        self.sizes = SampleSizes(self.types, self.ranks)
        self._parts = 0  # complex values the optional parts of the current sample added
        self._spare = BUDGET  # elements the optional parts of the current sample may still add

    def value(self, name: QName, depth: int = 0) -> str:
        """A Python expression building a valid value of the type `name` (a new sample); the
        caller checks that `sizes` counts at most BUDGET elements in it."""
        self._start(1 + self.sizes.type_content(name))
        return self._value(name, depth, _UNRANKED)

    def field_value(self, item: Field, depth: int = 1) -> str:
        """A Python expression for the field `item` (a new sample), given even where the
        schema does not require it; the caller checks its size."""
        self._start(self.sizes.field_cost(item))
        return self._field_value(item, depth, _UNRANKED)

    def field_values(self, items: list[Field], depth: int = 1) -> list[str | None]:
        """Python expressions for the fields `items` (a request's parameters), one sample: a
        field the schema does not require is None where it would take the sample past BUDGET."""
        self._start(sum(self.sizes.field_cost(item) for item in items if is_counted(item)))
        found: list[str | None] = []
        for item in items:
            if not is_counted(item):
                cost = self.sizes.field_cost(item)
                if cost > self._spare:
                    found.append(None)
                    continue
                self._spare -= cost
            found.append(self._field_value(item, depth, _UNRANKED))
        return found

    def _codec(self, name: QName) -> Codec:
        codec = self.planner.codec(name)
        self.uses |= codec.uses  # the classes and annotations it brings: the module imports them
        return codec

    def _start(self, required: int) -> None:
        self._parts = 0
        self._spare = max(0, BUDGET - required)

    def _value(self, name: QName, depth: int, below: int) -> str:
        """A value of `name`; a complex one of a type ranked below `below` where it is abstract."""
        found = self.types.get(name)
        if isinstance(found, ComplexType) and found.abstract:
            concrete = self.sizes.concrete(found.name, below)
            if concrete is not None:  # an abstract type has only its subtypes' values
                return self._value(concrete, depth, below)
        codec = self._codec(name)
        if name.namespace == XSD and name.name in BUILTINS:
            return self._builtin(name.name, ())
        if codec.family == "uuid":
            return 'UUID("00000000-0000-0000-0000-000000000000")'
        if isinstance(found, EnumType):
            member = self.names.members[(found.name, 0)] if found.values else ""
            item = f"{codec.item.cls if codec.item else codec.cls}.{member}"
            return f"[{item}]" if codec.item is not None else item
        if isinstance(found, SimpleType):
            if codec.item is not None:
                count = list_count(dict(found.facets))[0]
                return "[" + ", ".join([self._value(found.base, depth, below)] * count) + "]"
            if codec.kind is Kind.ENUM:
                return self._value(found.base, depth, below)
            return self._builtin(base_builtin(self.types, found), found.facets)
        if isinstance(found, ComplexType):
            return f"{codec.cls}({self.arguments(found, depth + 1)})"
        return literal("sample")

    def arguments(self, typedef: ComplexType, depth: int) -> str:
        """Keyword arguments for the required fields of a complex type.

        Past MAX_DEPTH, or once the sample's optional parts have added MAX_PARTS complex
        values, only the fields its constructor needs are given; a part the schema does not
        require is given only while the sample stays within BUDGET elements."""
        rank = self.ranks.get(typedef.name, _UNRANKED)
        parts = []
        for index, item in enumerate(typedef.fields):
            if not self.required(item):
                continue
            if not item.constructor_required:
                if depth > MAX_DEPTH or self._parts >= MAX_PARTS:
                    continue
                if not is_counted(item):  # a required one is in the caller's count already
                    cost = self.sizes.field_cost(item, rank)
                    if cost > self._spare:
                        continue
                    self._spare -= cost
                if any(isinstance(self.types.get(t), ComplexType) for t in item.types):
                    self._parts += 1
            elif depth > MAX_DEPTH + len(self.ranks) + 1:
                break  # unreachable when the ranks hold; a guard against endless recursion
            name = self.names.fields[(typedef.name, index)]
            parts.append(f"{name}={self._field_value(item, depth, rank)}")
        return ", ".join(parts)

    @staticmethod
    def required(item: Field) -> bool:
        """Whether a sample carries the field: required, documented, or in a choice's first
        branch; a schema's other optional parts stay out, since some exclude others."""
        if item.is_text:
            return True  # simple content: the value itself
        if item.nillable:
            return False
        if item.name == ANY_ELEMENT:  # a wildcard the schema requires gets one element
            return item.optionality is Optionality.REQUIRED
        if item.choice is not None:
            return item.choice.branch == 0 and item.choice.required
        return item.optionality in (Optionality.REQUIRED, Optionality.UNKNOWN)

    def _field_value(self, item: Field, depth: int, below: int) -> str:
        if item.name == ANY_ELEMENT:
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
            value = self._value(self._substitute(item, below), depth, below)
        else:
            value = self._value(item.type, depth, below)
        return f"[{value}]" if item.is_list else value

    def _substitute(self, item: Field, below: int) -> QName:
        """The cheapest member of the substitution group whose type ranks below `below`."""
        return self.sizes.substitute(item, below)

    def _fixed(self, item: Field) -> str | None:
        """The one value an XSD `fixed` constraint allows, as an expression of the field's type."""
        return self._literal_value(item, item.fixed)

    def _literal_value(self, item: Field, written: str) -> str | None:
        """`written` as an expression of the field's type; None where it does not read as one,
        or is longer than a sample may be."""
        if len(written) > MAX_CHARS:
            return None
        codec = self._codec(item.type)
        text = written.strip()
        if codec.kind is Kind.ENUM and codec.item is None:
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
        except ArithmeticError:  # decimal's InvalidOperation
            return None
        except ValueError:
            return None
        return None

    def _builtin(self, name: str, facets: tuple[tuple[str, str], ...]) -> str:
        return facet_sample(name, facets).expression


def _wildcard_tag(constraint: str) -> str:
    """A tag an xs:any with this namespace constraint accepts."""
    tokens = constraint.split()
    if "##local" in tokens:
        return "sample"
    uris = [t for t in tokens if not t.startswith("##")]
    return f"{{{uris[0]}}}sample" if uris else "{urn:soapsmith:sample}sample"
