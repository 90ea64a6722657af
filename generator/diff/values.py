"""Whether one simple type's values are a subset of another's: widening, narrowing, or neither.

A value space is described by its family (text, integer, decimal, float, boolean, a date or
time kind, bytes), an integer range and the facets of a restriction.  Enumerations are compared
value by value elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..model import XSD, EnumType, QName, SimpleType, TypeDef
from ..xsdtypes import BUILTINS, INTEGERS, KNOWN_SIMPLE


class Relation(str, Enum):
    SAME = "same"
    WIDER = "wider"  # the new type takes every value of the old one, and more
    NARROWER = "narrower"
    OTHER = "other"


@dataclass(frozen=True)
class Domain:
    family: str  # "str", "int", "decimal", "float", "bool", "datetime", ..., or a type's name
    low: float | None = None
    high: float | None = None
    facets: frozenset[tuple[str, str]] = frozenset()
    precise: bool = True  # a float family: double is wider than float


_NUMERIC = ("int", "decimal")  # every integer is a decimal


def domain(name: QName, types: dict[QName, TypeDef]) -> Domain:
    """The value space of a simple type, a builtin or an enumeration's base."""
    facets: set[tuple[str, str]] = set()
    seen = 0
    while name.namespace != XSD and seen < 64:  # a chain of restrictions
        seen += 1
        found = types.get(name)
        if name in KNOWN_SIMPLE:
            base, _, _, known = KNOWN_SIMPLE[name]
            facets |= set(known)
            name = base
        elif isinstance(found, SimpleType):
            facets |= set(found.facets)
            if found.is_list:
                return Domain(f"list of {found.base.name}", facets=frozenset(facets))
            name = found.base
        elif isinstance(found, EnumType):
            name = found.base
        else:
            return Domain(name.clark)
    local = name.name
    family = BUILTINS.get(local, ("", local))[1]
    if local in INTEGERS:
        _, low, high = INTEGERS[local]
        return Domain("int", low, high, frozenset(facets))
    return Domain(family, facets=frozenset(facets), precise=local != "float")


def relation(old: Domain, new: Domain) -> Relation:
    if old == new:
        return Relation.SAME
    base = _base_relation(old, new)
    if base is Relation.OTHER:
        return base
    facets = _facet_relation(old.facets, new.facets)
    if base is Relation.SAME:
        return facets
    if facets in (Relation.SAME, base):
        return base
    return Relation.OTHER


def _base_relation(old: Domain, new: Domain) -> Relation:
    if old.family == new.family == "int":
        return _range(old, new)
    if old.family == new.family == "float":
        if old.precise == new.precise:
            return Relation.SAME
        return Relation.WIDER if new.precise else Relation.NARROWER
    if old.family == new.family:
        return Relation.SAME
    if (old.family, new.family) == _NUMERIC:
        return Relation.WIDER
    if (new.family, old.family) == _NUMERIC:
        return Relation.NARROWER
    if new.family == "str" and old.family in {f for _, f in BUILTINS.values()} - {"any"}:
        return Relation.WIDER  # every simple value is a string
    if old.family == "str" and new.family in {f for _, f in BUILTINS.values()} - {"any"}:
        return Relation.NARROWER
    return Relation.OTHER


def _range(old: Domain, new: Domain) -> Relation:
    def contains(outer: Domain, inner: Domain) -> bool:
        low_ok = outer.low is None or (inner.low is not None and inner.low >= outer.low)
        high_ok = outer.high is None or (inner.high is not None and inner.high <= outer.high)
        return low_ok and high_ok

    if contains(new, old) and contains(old, new):
        return Relation.SAME
    if contains(new, old):
        return Relation.WIDER
    if contains(old, new):
        return Relation.NARROWER
    return Relation.OTHER


def _facet_relation(old: frozenset[tuple[str, str]], new: frozenset[tuple[str, str]]) -> Relation:
    """Fewer restrictions widen, more narrow; a changed bound is judged by its direction."""
    if old == new:
        return Relation.SAME
    olds, news = dict(old), dict(new)
    found = set()
    for key in olds.keys() | news.keys():
        if key not in news:
            found.add(Relation.WIDER)
        elif key not in olds:
            found.add(Relation.NARROWER)
        elif olds[key] != news[key]:
            found.add(_bound(key, olds[key], news[key]))
    if len(found) == 1:
        return found.pop()
    return Relation.OTHER


def _bound(facet: str, old: str, new: str) -> Relation:
    try:
        a, b = float(old), float(new)
    except ValueError:
        return Relation.OTHER  # a pattern, or a bound of a date
    if facet in ("maxLength", "maxInclusive", "maxExclusive", "totalDigits", "fractionDigits"):
        return Relation.WIDER if b > a else Relation.NARROWER
    if facet in ("minLength", "minInclusive", "minExclusive"):
        return Relation.WIDER if b < a else Relation.NARROWER
    return Relation.OTHER
