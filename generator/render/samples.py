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
import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, localcontext

from ..model import XSD, ComplexType, EnumType, Field, Optionality, QName, SimpleType, TypeDef
from ..passes.required_cycles import finite_ranks, is_constructor_required
from ..passes.sample_size import BUDGET, UNRANKED, SampleSizes, is_counted
from ..xsdtypes import BUILTINS
from .regex_sample import MAX_CHARS, regex_sample
from .views import Views, literal

MAX_DEPTH = 6
MAX_OCTETS = 64  # written as \x00: four characters each
MAX_ITEMS = 16
MAX_PARTS = 1000  # complex values the optional parts of one sample may add
_UNRANKED = UNRANKED  # a type `finite_ranks` does not know: any candidate will do
_BOUND_CHECKS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "minInclusive": operator.ge,
    "minExclusive": operator.gt,
    "maxInclusive": operator.le,
    "maxExclusive": operator.lt,
}
_BOUNDS = tuple(_BOUND_CHECKS)
_LENGTH_CHECKS: dict[str, Callable[[int, int], bool]] = {
    "length": operator.eq,
    "minLength": operator.ge,
    "maxLength": operator.le,
}
_LENGTHS = tuple(_LENGTH_CHECKS)

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


@dataclass(frozen=True)
class FacetSample:
    """A sample of a builtin restricted by facets, and the facets it does not meet."""

    expression: str
    unmet: tuple[str, ...] = ()


class Samples:
    def __init__(self, views: Views) -> None:
        self.views = views
        self.types = views.types
        self.names = views.names
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

    def _start(self, required: int) -> None:
        self._parts = 0
        self._spare = max(0, BUDGET - required)

    def _value(self, name: QName, depth: int, below: int) -> str:
        """A value of `name`; a complex one of a type ranked below `below` where it is abstract."""
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
                count = list_count(dict(found.facets))[0]
                return "[" + ", ".join([self._value(found.base, depth, below)] * count) + "]"
            if codec.kind == "enum":
                return self._value(found.base, depth, below)
            return self._builtin(base_builtin(self.types, found), found.facets)
        if isinstance(found, ComplexType):
            if found.abstract:
                concrete = self.sizes.concrete(found.name, below)
                if concrete is not None:  # an abstract type has only its subtypes' values
                    found = self.types[concrete]
                    assert isinstance(found, ComplexType)
                    codec = self.views.codec(found.name)
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
            if not is_constructor_required(item):
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
        if item.name == "##any":  # a wildcard the schema requires gets one element
            return item.optionality is Optionality.REQUIRED
        if item.choice is not None:
            return item.choice.branch == 0 and item.choice.required
        return item.optionality in (Optionality.REQUIRED, Optionality.UNKNOWN)

    def _field_value(self, item: Field, depth: int, below: int) -> str:
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
        except ArithmeticError:  # decimal's InvalidOperation
            return None
        except ValueError:
            return None
        return None

    def _builtin(self, name: str, facets: tuple[tuple[str, str], ...]) -> str:
        return facet_sample(name, facets).expression


def base_builtin(types: dict[QName, TypeDef], typedef: SimpleType) -> str:
    """The builtin a simple type restricts, through the simple types it derives from."""
    base = typedef.base
    for _ in range(16):
        if base.namespace == XSD and base.name in BUILTINS:
            return base.name
        found = types.get(base)
        if not isinstance(found, SimpleType):
            break
        base = found.base
    return "string"


def unmet_facets(types: dict[QName, TypeDef], typedef: SimpleType) -> tuple[str, ...]:
    """The facets of `typedef` its sample does not meet (as `name=value`, in facet order)."""
    facet = dict(typedef.facets)
    if typedef.is_list:
        unmet = list_count(facet)[1]
    else:
        unmet = facet_sample(base_builtin(types, typedef), typedef.facets).unmet
    return tuple(dict.fromkeys(f"{k}={_short(v)}" for k, v in typedef.facets if k in unmet))


def facet_sample(name: str, facets: tuple[tuple[str, str], ...]) -> FacetSample:
    """A bounded sample of the builtin `name` restricted by `facets`."""
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
                expression = f"Decimal({literal(found)})" if family == "decimal" else found
                return FacetSample(expression)
        return FacetSample(_BUILTIN.get(name, "0"), ("pattern",) if patterns else ())
    if family in ("base64", "hex"):
        return _binary(name, facet)
    if family != "str":
        return FacetSample(_BUILTIN.get(name, literal("sample")))
    for pattern in patterns:
        found = regex_sample(pattern)
        if found is not None and not _unmet_length(len(found), facet):
            return FacetSample(literal(found))
    unmet = ("pattern",) if patterns else ()
    if any(k in facet for k in _LENGTHS):
        text = _sized("sample", facet)
        return FacetSample(literal(text), unmet + _unmet_length(len(text), facet))
    return FacetSample(_BUILTIN.get(name, literal("sample")), unmet)


def list_count(facet: dict[str, str]) -> tuple[int, tuple[str, ...]]:
    """How many items a list sample has (at least one, at most MAX_ITEMS), and the length
    facets that count leaves unmet."""
    count = min(_wanted(1, facet), MAX_ITEMS)
    return count, _unmet_length(count, facet)


def _binary(name: str, facet: dict[str, str]) -> FacetSample:
    if not any(k in facet for k in ("length", "minLength")):
        return FacetSample(_BUILTIN[name])
    size = min(_wanted(0, facet), MAX_OCTETS)
    return FacetSample(literal(bytes(size)), _unmet_length(size, facet))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _is_number(text: str, family: str) -> bool:
    try:
        (int if family == "int" else float)(text)
    except ValueError:
        return False
    return True


def _wildcard_tag(constraint: str) -> str:
    """A tag an xs:any with this namespace constraint accepts."""
    tokens = constraint.split()
    if "##local" in tokens:
        return "sample"
    uris = [t for t in tokens if not t.startswith("##")]
    return f"{{{uris[0]}}}sample" if uris else "{urn:soapsmith:sample}sample"


def _count(text: str) -> int | None:
    """A length facet's value; None where it is no count.  A count too long to be read as an
    int (more digits than Python converts) is larger than any bound here."""
    text = text.strip()
    if len(text) > 18:
        return 1 << 62 if text.isdigit() else None
    try:
        return int(text)
    except ValueError:
        return None


def _wanted(natural: int, facet: dict[str, str]) -> int:
    """The size the length facets ask for, starting from `natural` (unbounded)."""
    length = _count(facet.get("length", ""))
    if length is not None:
        return length
    size = max(natural, _count(facet.get("minLength", "")) or 0)
    high = _count(facet.get("maxLength", ""))
    return min(size, high) if high is not None else size


def _unmet_length(size: int, facet: dict[str, str]) -> tuple[str, ...]:
    unmet = []
    for key, check in _LENGTH_CHECKS.items():
        count = _count(facet.get(key, ""))
        if count is not None and not check(size, count):
            unmet.append(key)
    return tuple(unmet)


def _sized(text: str, facet: dict[str, str]) -> str:
    size = min(_wanted(len(text), facet), MAX_CHARS)
    return (text * (size // len(text) + 1))[:size]


def _decimal(text: str) -> Decimal | None:
    """A facet's number, None where it is none.  Comparing one stays cheap however large it
    is (Decimal keeps the exponent apart); only writing it out is bounded, by `_written`."""
    try:
        value = Decimal(text.strip())
    except ArithmeticError:
        return None
    return value if value.is_finite() else None


def _written(value: Decimal) -> int:
    """How many digits `value` has written out in full (as the runtime writes decimals)."""
    digits, exponent = len(value.as_tuple().digits), int(value.as_tuple().exponent)
    return digits + exponent if exponent >= 0 else max(digits, 1 - exponent) + 1


def _number(name: str, facet: dict[str, str]) -> FacetSample | None:
    """A number within the bounds and digit counts, where some bound is given."""
    if not any(k in facet for k in _BOUNDS):
        return None
    family = BUILTINS[name][1]
    if family == "float":
        return _float(name, facet)
    bounds = {k: _decimal(facet[k]) for k in _BOUNDS if k in facet}
    usable = {k: v for k, v in bounds.items() if v is not None and _written(v) <= MAX_CHARS}
    step = Decimal(1 if family == "int" else "0.5")
    default = Decimal(1 if name == "positiveInteger" else -1 if name == "negativeInteger" else 0)
    with localcontext(Context(prec=4 * MAX_CHARS + 8)):  # exact for numbers this short
        value, rounding = default, ROUND_CEILING
        low = usable.get("minInclusive")
        if "minExclusive" in usable:
            low = usable["minExclusive"] + step
        high = usable.get("maxInclusive")
        if "maxExclusive" in usable:
            high = usable["maxExclusive"] - step
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value, rounding = high, ROUND_FLOOR
        value = _fraction(value, facet, rounding, family == "int")
    return FacetSample(_number_text(family, value), _unmet_number(value, facet))


def _float(name: str, facet: dict[str, str]) -> FacetSample:
    """A float within the bounds: an exclusive bound's neighbour is the next float."""
    bounds = {k: _decimal(facet[k]) for k in _BOUNDS if k in facet}
    usable = {k: float(v) for k, v in bounds.items() if v is not None and math.isfinite(float(v))}
    value = 0.0
    low = usable.get("minInclusive")
    if "minExclusive" in usable:
        low = math.nextafter(usable["minExclusive"], math.inf)
    high = usable.get("maxInclusive")
    if "maxExclusive" in usable:
        high = math.nextafter(usable["maxExclusive"], -math.inf)
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    if not math.isfinite(value):
        value = 0.0
    return FacetSample(literal(value), _unmet_number(Decimal(value), facet, digits=False))


def _fraction(value: Decimal, facet: dict[str, str], rounding: str, integer: bool) -> Decimal:
    """`value` with no more fraction digits than allowed, rounded towards the bound it came from."""
    allowed = 0 if integer else _count(facet.get("fractionDigits", ""))
    if allowed is None or _fraction_digits(value) <= allowed:
        return value
    return value.quantize(Decimal(1).scaleb(-allowed), rounding=rounding)


def _fraction_digits(value: Decimal) -> int:
    exponent = int(value.normalize().as_tuple().exponent) if value else 0
    return max(0, -exponent)


def _number_text(family: str, value: Decimal) -> str:
    if family == "int":
        return str(int(value))
    return f"Decimal({literal(format(value, 'f'))})"


def _unmet_number(value: Decimal, facet: dict[str, str], digits: bool = True) -> tuple[str, ...]:
    """The bounds and digit counts `value` does not meet (all compared without writing)."""
    unmet = []
    for key, test in _BOUND_CHECKS.items():
        if key in facet:
            bound = _decimal(facet[key])
            if bound is None or not test(value, bound):
                unmet.append(key)
    if not digits:  # a float's digits are not counted
        return tuple(unmet)
    fraction = _fraction_digits(value)
    whole = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    total = _count(facet.get("totalDigits", ""))
    if total is not None and max(whole + fraction, fraction, 1) > total:
        unmet.append("totalDigits")
    allowed = _count(facet.get("fractionDigits", ""))
    if allowed is not None and fraction > allowed:
        unmet.append("fractionDigits")
    return tuple(unmet)
