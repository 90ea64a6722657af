"""prune_types: only the types an operation reaches are kept, sorted."""

from __future__ import annotations

from factories import SETTINGS, complex_type, field, model, operation, service

from generator.passes.prune_types import prune_types


def test_prune_types_drops_unreachable_and_sorts() -> None:
    spec = model(
        types=(complex_type("B", field("x", "A")), complex_type("Unused"), complex_type("A")),
        services=(service(operation("Op", "B")),),
    )
    assert [t.name.name for t in prune_types(spec, SETTINGS).types] == ["A", "B"]
