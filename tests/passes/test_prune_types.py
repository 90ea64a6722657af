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


def test_one_operation_keeps_what_its_messages_can_hold_not_its_siblings() -> None:
    """`sample SPEC OP` builds OP alone: its request's base comes (a class needs its base), but
    not the other operations' requests that share that base; a subtype of a type a field
    declares comes, as a value of it may stand there."""
    from factories import qname

    from generator.passes.prune_types import for_operation

    spec = model(
        types=(
            complex_type("AbstractRequest", field("version")),
            complex_type(
                "A", field("version"), field("item", "Item"), base=qname("AbstractRequest")
            ),
            complex_type(
                "B", field("version"), field("other", "Other"), base=qname("AbstractRequest")
            ),
            complex_type("Item", field("id")),
            complex_type("Book", field("id"), field("isbn"), base=qname("Item")),
            complex_type("Other"),
        ),
        services=(service(operation("GetA", "A"), operation("GetB", "B")),),
    )
    only = for_operation(spec, "get_a")  # found as `sample` finds it
    assert only is not None
    assert [op.name for s in only.services for op in s.operations] == ["GetA"]
    assert {t.name.name for t in only.types} == {"AbstractRequest", "A", "Item", "Book"}
    assert for_operation(spec, "GetC") is None


def test_an_operation_unanswered_keeps_what_its_request_reaches_alone() -> None:
    """`sample SPEC OP` without --response: the answer's types are not built."""
    from generator.passes.prune_types import for_operation

    spec = model(
        types=(
            complex_type("Get", field("id", "Key")),
            complex_type("Key", field("value")),
            complex_type("GetResponse", field("record", "Record")),
            complex_type("Record", field("id", "Key"), field("name")),
        ),
        services=(service(operation("Get", "Get", "GetResponse")),),
    )
    answered = for_operation(spec, "Get")
    assert answered is not None
    assert {t.name.name for t in answered.types} == {"Get", "Key", "GetResponse", "Record"}
    request = for_operation(spec, "Get", answered=False)
    assert request is not None
    (op,) = request.services[0].operations
    assert op.output is None and op.input == spec.services[0].operations[0].input
    assert {t.name.name for t in request.types} == {"Get", "Key"}
