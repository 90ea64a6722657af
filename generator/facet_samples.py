"""Samples of XSD builtins restricted by facets, as Python expressions, bounded whatever the
facets say, and the facets a bounded sample leaves unmet.  Both the sample values of the
render stage and the `sample_bounds` pass's warnings come from here, so they always agree.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, localcontext

from .model import XSD, QName, SimpleType, TypeDef
from .python_text import literal
from .regex_sample import MAX_CHARS, regex_sample
from .xsdtypes import BUILTINS

MAX_OCTETS = 64  # written as \x00: four characters each
MAX_ITEMS = 16
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
