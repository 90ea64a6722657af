"""Each kind of change, found where it is and rated both ways, on models built in memory."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from factories import (
    OPTIONAL,
    REQUIRED,
    complex_type,
    enum_type,
    field,
    model,
    operation,
    qname,
    service,
)

from generator.diff import Kind, Rating, Side, compare
from generator.model import Origin, QName, SoapVersion, xs

B, M, S = Rating.BREAKING, Rating.MAYBE, Rating.SAFE


def wsdl(*types: Any, ops: tuple[Any, ...] | None = None, **options: Any) -> Any:
    """A WSDL model with `Op` (request `Op`, response `OpResponse`) unless `ops` is given."""
    if ops is None:
        ops = (operation("Op", response="OpResponse"),)
    known = {t.name.name for t in types}
    extra = tuple(complex_type(n) for n in ("Op", "OpResponse") if n not in known)
    return model(types=types + extra, services=(service(*ops, **options),), origin=Origin.WSDL)


def one(old: Any, new: Any) -> Any:
    (found,) = compare(old, new)
    return found


def ratings(found: Any) -> tuple[Rating, Rating]:
    return found.old_client_new_server, found.new_client_old_server


CASES = [
    # (side, old fields, new fields, kind, old client -> new server, new client -> old server)
    ("request", [], [field("a", optionality=REQUIRED)], Kind.FIELD_ADDED_REQUIRED, B, M),
    ("response", [], [field("a", optionality=REQUIRED)], Kind.FIELD_ADDED_REQUIRED, S, B),
    ("request", [], [field("a", optionality=OPTIONAL)], Kind.FIELD_ADDED_OPTIONAL, S, M),
    ("response", [], [field("a", optionality=OPTIONAL)], Kind.FIELD_ADDED_OPTIONAL, S, S),
    ("request", [field("a", optionality=REQUIRED)], [], Kind.FIELD_REMOVED_REQUIRED, M, B),
    ("response", [field("a", optionality=REQUIRED)], [], Kind.FIELD_REMOVED_REQUIRED, B, S),
    ("request", [field("a")], [field("a", optionality=REQUIRED)], Kind.BECAME_REQUIRED, B, S),
    ("response", [field("a", optionality=REQUIRED)], [field("a")], Kind.BECAME_OPTIONAL, M, S),
    ("request", [field("a")], [field("a", is_list=True)], Kind.BECAME_LIST, S, M),
    ("response", [field("a", nillable=True)], [field("a")], Kind.BECAME_NOT_NILLABLE, S, M),
    ("request", [field("a", xs("int"))], [field("a", xs("long"))], Kind.TYPE_WIDENED, S, M),
    ("response", [field("a", xs("int"))], [field("a", xs("long"))], Kind.TYPE_WIDENED, M, S),
    ("request", [field("a", xs("long"))], [field("a", xs("short"))], Kind.TYPE_NARROWED, M, S),
    ("request", [field("a", xs("int"))], [field("a", xs("decimal"))], Kind.TYPE_WIDENED, S, M),
    ("request", [field("a", xs("int"))], [field("a", xs("string"))], Kind.TYPE_WIDENED, S, M),
    ("request", [field("a", xs("dateTime"))], [field("a", xs("int"))], Kind.TYPE_CHANGED, B, B),
]


@pytest.mark.parametrize(("side", "old", "new", "kind", "forward", "backward"), CASES)
def test_field_changes_are_rated_by_side(
    side: str, old: list[Any], new: list[Any], kind: Kind, forward: Rating, backward: Rating
) -> None:
    holder = "Op" if side == "request" else "OpResponse"
    found = one(wsdl(complex_type(holder, *old)), wsdl(complex_type(holder, *new)))
    assert (found.kind, found.side.value, found.path) == (kind, side, f"{holder}/a")
    assert ratings(found) == (forward, backward)


def test_enumeration_values_added_and_removed_by_side() -> None:
    def with_enum(*values: str) -> Any:
        return wsdl(
            complex_type("Op", field("c", "Color")),
            complex_type("OpResponse", field("c", "Color")),
            enum_type("Color", *values),
        )

    found = compare(with_enum("red"), with_enum("red", "blue"))
    assert [(c.kind, c.side, ratings(c)) for c in found] == [
        (Kind.ENUM_ADDED, Side.REQUEST, (S, M)),
        (Kind.ENUM_ADDED, Side.RESPONSE, (M, S)),  # strict readers break on a value unknown
    ]
    removed = compare(with_enum("red", "blue"), with_enum("red"))
    assert [(c.kind, c.old) for c in removed] == [(Kind.ENUM_REMOVED, "blue")] * 2


def test_operations_added_removed_and_renamed() -> None:
    old = wsdl(ops=(operation("Op", response="OpResponse"), operation("Gone")))
    new = wsdl(
        ops=(operation("Renamed", request="Op", response="OpResponse"), operation("Fresh")),
    )
    found = {(c.kind, c.operation): ratings(c) for c in compare(old, new)}
    assert found == {
        (Kind.OPERATION_RENAMED, "Renamed"): (S, S),
        (Kind.OPERATION_ADDED, "Fresh"): (S, B),
        (Kind.OPERATION_REMOVED, "Gone"): (B, S),
    }


def test_a_renamed_type_or_a_new_order_of_declarations_is_no_change() -> None:
    old = wsdl(complex_type("Op", field("a", "Inner")), complex_type("Inner", field("x")))
    new = wsdl(complex_type("Inner2", field("x")), complex_type("Op", field("a", "Inner2")))
    assert compare(old, new) == []


def test_a_namespace_moving_under_a_message_is_reported_once() -> None:
    v2, v3 = "urn:v2", "urn:v3"
    old = wsdl(complex_type(QName(v2, "Op"), field("a", namespace=v2)), ops=(_op(v2),))
    new = wsdl(complex_type(QName(v3, "Op"), field("a", namespace=v3)), ops=(_op(v3),))
    (found,) = compare(old, new)
    assert (found.kind, ratings(found)) == (Kind.ELEMENT_CHANGED, (B, B))


def _op(namespace: str) -> Any:
    from factories import message

    return operation("Op", request=message(QName(namespace, "Op")))


def test_a_shared_type_is_reported_once_with_the_other_operations() -> None:
    def version(*fields: Any) -> Any:
        ops = (operation("A", request="A"), operation("B", request="B"))
        return wsdl(
            complex_type("A", field("x", "T")),
            complex_type("B", field("y", "T")),
            complex_type("T", *fields),
            ops=ops,
        )

    (found,) = compare(version(field("f")), version(field("f"), field("g", optionality=REQUIRED)))
    assert (found.operation, found.path, found.also) == ("A", "A/x/g", ("B",))


def test_a_change_inside_a_subtype_is_reported_where_the_base_is_sent() -> None:
    """An instance of a subtype travels in its base's place (xsi:type): a field of the subtype
    that becomes required breaks old clients as if it were the base's own."""

    def version(*fields: Any) -> Any:
        return wsdl(
            complex_type("Op", field("record", "Base")),
            complex_type("Base", field("id")),
            # a subtype's fields start with its base's (model.ComplexType.base)
            complex_type("Event", field("id"), field("contact", **fields[0]), base=qname("Base")),
            complex_type(
                "Meeting",
                field("id"),
                field("contact", **fields[0]),
                field("room"),
                base=qname("Event"),
            ),
            complex_type("Unrelated", field("x")),
        )

    found = compare(version({}), version({"optionality": REQUIRED}))
    assert [(f.kind, f.path) for f in found] == [
        (Kind.BECAME_REQUIRED, "Op/record[xsi:type=Event]/contact")
    ]
    assert ratings(found[0]) == (B, S)
    # a subtype's subtypes are walked too, once
    deeper = compare(
        version({}),
        replace(
            version({}),
            types=tuple(
                (
                    replace(t, fields=(*t.fields[:2], field("room", optionality=REQUIRED)))
                    if t.name.name == "Meeting"
                    else t
                )
                for t in version({}).types
            ),
        ),
    )
    assert [(f.kind, f.path) for f in deeper] == [
        (Kind.BECAME_REQUIRED, "Op/record[xsi:type=Event][xsi:type=Meeting]/room")
    ]


def test_recursive_types_end() -> None:
    def version(*more: Any) -> Any:
        return wsdl(complex_type("Op", field("next", "Op"), *more))

    (found,) = compare(version(), version(field("z")))
    assert found.path == "Op/z"


def test_soap_versions_and_addresses_are_the_services() -> None:
    from factories import binding

    old = wsdl(bindings=(binding(SoapVersion.SOAP11, "http://a/"),))
    new = wsdl(bindings=(binding(SoapVersion.SOAP12, "http://b/", name="S12"),))
    found = [(c.kind, c.operation, ratings(c)) for c in compare(old, new)]
    assert found == [
        (Kind.VERSION_REMOVED, "", (B, S)),
        (Kind.VERSION_ADDED, "", (S, M)),
        (Kind.ADDRESS_CHANGED, "", (M, M)),
    ]


def test_ports_removed_and_added_by_name() -> None:
    from factories import binding

    def port(name: str, version: SoapVersion = SoapVersion.SOAP11) -> Any:
        return replace(binding(version, "http://a/", name=name), binding=name + "Binding")

    old = wsdl(bindings=(port("Plain"), port("Secure"), port("V12", SoapVersion.SOAP12)))
    new = wsdl(bindings=(port("Plain"), port("Signed")))
    found = [(c.kind, c.path, ratings(c)) for c in compare(old, new)]
    assert found == [
        (Kind.VERSION_REMOVED, "S", (B, S)),
        (Kind.PORT_REMOVED, "S/Secure", (B, S)),
        (Kind.PORT_ADDED, "S/Signed", (S, M)),
    ]


def test_pages_on_either_side_make_nothing_certain() -> None:
    old = model(types=(complex_type("Op"),), services=(service(operation("Op")),))
    new = model(
        types=(complex_type("Op", field("a", optionality=REQUIRED)),),
        services=(service(operation("Op")),),
    )
    (found,) = compare(old, new)
    assert ratings(found) == (M, M)  # a sample may just not have shown it


def test_facets_widen_and_narrow() -> None:
    from factories import simple_type

    def version(length: str) -> Any:
        return wsdl(
            complex_type("Op", field("code", "Code")),
            simple_type("Code", facets=(("maxLength", length),)),
        )

    assert one(version("5"), version("10")).kind is Kind.TYPE_WIDENED
    assert one(version("10"), version("5")).kind is Kind.TYPE_NARROWED
    assert compare(version("5"), version("5")) == []


def test_a_fixed_value_that_changes_breaks_both_ways() -> None:
    old = wsdl(complex_type("Op", field("Major", xs("int"), fixed="2")))
    new = wsdl(complex_type("Op", field("Major", xs("int"), fixed="4")))
    found = one(old, new)
    assert (found.kind, found.old, found.new, ratings(found)) == (
        Kind.FIXED_CHANGED,
        "2",
        "4",
        (B, B),
    )


def test_a_change_to_a_base_is_not_repeated_under_each_subtype() -> None:
    def version(*fields: Any) -> Any:
        return wsdl(
            complex_type("Op", field("record", "Base")),
            complex_type("Base", field("id"), *fields),
            complex_type("Event", field("id"), *fields, field("contact"), base=qname("Base")),
        )

    found = compare(version(), version(field("owner", optionality=REQUIRED)))
    assert [(f.kind, f.path) for f in found] == [(Kind.FIELD_ADDED_REQUIRED, "Op/record/owner")]
