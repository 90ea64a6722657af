"""settle_bases: a type inherits the base it claims to extend where its fields start with the
base's; otherwise its class stands alone."""

from __future__ import annotations

from dataclasses import replace

from factories import SETTINGS, complex_type, enum_type, field, model, operation, qname, service

from generator.model import ComplexType, Model, Origin, QName, xs
from generator.passes import run_passes
from generator.passes.settle_bases import settle_bases

BASE = complex_type("Base", field("id", xs("int")))


def _settled(*types: ComplexType) -> dict[QName, ComplexType]:
    found = {}
    for typedef in settle_bases(model(types=types), SETTINGS).types:
        assert isinstance(typedef, ComplexType)
        found[typedef.name] = typedef
    return found


def test_settle_bases_keeps_a_base_whose_fields_the_type_starts_with() -> None:
    derived = complex_type("D", field("id", xs("int")), field("x"), extends=qname("Base"))
    settled = _settled(BASE, derived)
    assert settled[qname("D")].base == qname("Base")
    assert settled[qname("D")].fields == derived.fields
    assert settled[qname("Base")] == BASE


def test_settle_bases_drops_a_claim_the_fields_contradict() -> None:
    retyped = complex_type("D", field("id", xs("string")), field("x"), extends=qname("Base"))
    missing = complex_type("E", field("x"), extends=qname("Base"))
    settled = _settled(BASE, retyped, missing)
    assert settled[qname("D")].base is None
    assert settled[qname("E")].base is None


def test_settle_bases_drops_a_claim_on_what_is_not_a_complex_type() -> None:
    on_enum = complex_type("D", field("x"), extends=qname("Colour"))
    on_nothing = complex_type("E", field("x"), extends=qname("Unknown"))
    types = (enum_type("Colour", "red"), on_enum, on_nothing)
    settled = settle_bases(model(types=types), SETTINGS).types
    assert settled == types


def test_settle_bases_is_the_same_run_twice_with_the_base_listed_after() -> None:
    derived = complex_type("D", field("id", xs("int")), extends=qname("Base"))
    once = settle_bases(model(types=(derived, BASE)), SETTINGS)
    assert settle_bases(once, SETTINGS) == once
    assert once.types == (replace(derived, base=qname("Base")), BASE)


def _reached_through_its_base() -> Model:
    """An operation whose request type claims Base: Base is reached only as its base."""
    request = complex_type("Op", field("id", xs("int")), extends=qname("Base"))
    return model(types=(request, BASE), services=(service(operation("Op")),), origin=Origin.WSDL)


def test_settled_bases_are_there_before_types_are_pruned() -> None:
    passed = run_passes(_reached_through_its_base(), SETTINGS)
    assert [t.name.name for t in passed.types] == ["Base", "Op"]
    assert passed.types[1] == replace(_reached_through_its_base().types[0], base=qname("Base"))
