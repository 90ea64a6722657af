"""unite_shapes: the shapes a page reader met, in the order it met them, become types with
their final names; provisional names and shape facts never reach later passes."""

from __future__ import annotations

from factories import (
    OPTIONAL,
    SETTINGS,
    SRC,
    complex_type,
    enum_type,
    field,
    message,
    model,
    operation,
    qname,
    service,
    shape,
    simple_type,
)

from generator.model import (
    ComplexType,
    Diagnostic,
    Evidence,
    Model,
    Optionality,
    Origin,
    Source,
    TypeDef,
    xs,
)
from generator.passes import PASSES
from generator.passes.unite_shapes import unite_shapes

INT = xs("int")
OP = qname("Op")


def _united(*types: TypeDef, services: tuple[object, ...] = ()) -> Model:
    return unite_shapes(model(types=types, services=services), SETTINGS)  # type: ignore[arg-type]


def _by_name(united: Model) -> dict[str, TypeDef]:
    return {t.name.name: t for t in united.types}


def _complex(united: Model, name: str) -> ComplexType:
    found = _by_name(united)[name]
    assert isinstance(found, ComplexType)
    return found


def _item(provisional: str, *fields: object, parent: str = "Op", **options: object) -> ComplexType:
    """An unnamed shape of the element `Item` seen under `parent`."""
    return complex_type(
        provisional, *fields, shape=shape("Item", parent=parent), **options  # type: ignore[arg-type]
    )


def _op(*fields: object) -> ComplexType:
    """The message `Op`, whose element names its type."""
    return complex_type("Op#9", *fields, shape=shape("Op", named=True))  # type: ignore[arg-type]


def test_unite_shapes_makes_identical_shapes_one_type_named_first() -> None:
    a = _item("Item#0", field("x", INT), parent="A")
    b = _item("Item#1", field("x", INT), parent="B")
    united = _united(a, b, _op(field("a", "Item#0"), field("b", "Item#1")))
    assert sorted(_by_name(united)) == ["Item", "Op"]
    assert [f.type for f in _complex(united, "Op").fields] == [qname("Item"), qname("Item")]


def test_unite_shapes_names_identical_shapes_of_two_elements_after_the_first() -> None:
    """On .asmx pages the request comes first: a parameter's name beats `<Operation>Result`."""
    order = complex_type("order#0", field("id", INT), shape=shape("order", parent="Op"))
    result = complex_type("OpResult#1", field("id", INT), shape=shape("OpResult", parent="R"))
    united = _united(order, result, _op(field("order", "order#0"), field("r", "OpResult#1")))
    assert sorted(_by_name(united)) == ["Op", "order"]
    assert {f.type for f in _complex(united, "Op").fields} == {qname("order")}


def test_unite_shapes_unites_compatible_samples_of_one_element() -> None:
    first = _item(
        "Item#0",
        field("x", evidence=Evidence.NONE),
        field("y", evidence=Evidence.VALUE),
        field("tag", evidence=Evidence.VALUE, is_list=True),
    )
    second = _item(
        "Item#1",
        field("x", INT, evidence=Evidence.PLACEHOLDER),  # stronger than nothing: it wins
        field("y", evidence=Evidence.VALUE, optionality=OPTIONAL),  # known beats unknown
        field("z", INT, evidence=Evidence.PLACEHOLDER),
    )
    item = _complex(_united(first, second), "Item")
    assert [(f.name, f.type, f.optionality, f.is_list) for f in item.fields] == [
        ("x", INT, Optionality.UNKNOWN, False),
        ("y", xs("string"), OPTIONAL, False),
        ("tag", xs("string"), Optionality.UNKNOWN, True),
        ("z", INT, Optionality.UNKNOWN, False),
    ]
    assert item.fields[0].evidence is Evidence.PLACEHOLDER


def test_unite_shapes_lets_a_complete_sample_lead_a_cut_one() -> None:
    cut = _item("Item#0", field("b"), partial=True)
    whole = _item("Item#1", field("a"), field("b"))
    item = _complex(_united(cut, whole), "Item")
    assert [f.name for f in item.fields] == ["a", "b"]
    assert not item.partial
    still_cut = _complex(
        _united(cut, _item("Item#1", field("b"), field("c"), partial=True)), "Item"
    )
    assert still_cut.partial


def test_unite_shapes_prefixes_the_parent_where_a_name_is_taken_then_counts() -> None:
    a = _item("Item#0", field("x", INT, evidence=Evidence.PLACEHOLDER), parent="A")
    b = _item("Item#1", field("x", evidence=Evidence.PLACEHOLDER), parent="B")
    c = _item("Item#2", field("x", xs("boolean"), evidence=Evidence.PLACEHOLDER), parent="B")
    united = _united(a, b, c, _op(field("a", "Item#0"), field("b", "Item#1"), field("c", "Item#2")))
    assert [f.type.name for f in _complex(united, "Op").fields] == ["Item", "BItem", "BItem2"]
    assert _complex(united, "BItem").fields[0].type == xs("string")


def test_unite_shapes_keeps_a_message_name_for_its_own_type_while_it_is_read() -> None:
    inner = complex_type("Op#0", field("x"), shape=shape("Op", parent="Op", inside=OP))
    united = _united(inner, _op(field("Op", "Op#0")))
    assert _complex(united, "Op").fields[0].type == qname("OpOp")
    elsewhere = complex_type("Op#0", field("x"), shape=shape("Op", parent="P", inside=qname("Q")))
    assert [t.name.name for t in _united(elsewhere).types] == ["Op"]


def test_unite_shapes_names_a_wrapper_of_repeated_items_array_of() -> None:
    items = complex_type("Items#0", field("item", is_list=True), shape=shape("Items"))
    with_attribute = complex_type(
        "List#1", field("item", is_list=True), field("n", is_attribute=True), shape=shape("List")
    )
    assert [t.name.name for t in _united(items, with_attribute).types] == ["ArrayOfItem", "List"]


def test_unite_shapes_unites_every_sample_of_a_named_type() -> None:
    first = complex_type("Order#0", field("a"), shape=shape("Order", named=True))
    second = complex_type("Order#1", field("b"), shape=shape("Order", named=True))
    order = _complex(_united(first, second), "Order")
    assert [f.name for f in order.fields] == ["a", "b"]


def test_unite_shapes_dedupes_enumerations_and_names_them_like_shapes() -> None:
    color = enum_type("Color#0", "A", "B", shape=shape("Color", parent="P"))
    again = enum_type("Color#1", "A", "B", shape=shape("Color", parent="Q"))
    other = enum_type("Color#2", "A", "C", shape=shape("Color", parent="Q"))
    op = _op(field("a", "Color#0"), field("b", "Color#1"), field("c", "Color#2"))
    united = _united(color, again, other, op)
    assert [f.type.name for f in _complex(united, "Op").fields] == ["Color", "Color", "QColor"]
    assert sorted(_by_name(united)) == ["Color", "Op", "QColor"]


def test_unite_shapes_keeps_the_first_type_of_a_simple_types_name() -> None:
    named = complex_type("Code#0", field("x"), shape=shape("Code", named=True))
    guessed = simple_type("Code", shape=shape("Code", named=True, guessed=True))
    united = _united(named, guessed)
    assert isinstance(_by_name(united)["Code"], ComplexType)
    assert united.warnings == ()  # a type it does not keep is not worth a warning


def test_unite_shapes_warns_where_a_value_type_is_shown_with_children() -> None:
    guessed = simple_type("Code", source=Source("p.txt", 3), shape=shape("Code", guessed=True))
    named = complex_type("Code#1", field("x"), shape=shape("Code", named=True))
    united = _united(guessed, named)
    assert isinstance(_by_name(united)["Code"], ComplexType)
    assert [w.message for w in united.warnings] == [
        "type 'Code' is shown only by a sample value: typed as string; its allowed values "
        "are not documented",
        "'Code' is shown both as a value and with children",
    ]


def test_unite_shapes_gives_warnings_in_the_order_the_reader_met_them() -> None:
    before = Diagnostic(SRC, "read before any shape")
    first, second = Diagnostic(SRC, "after the first"), Diagnostic(SRC, "after the second")
    a = complex_type("Item#0", field("x"), shape=shape("Item", notes=(first,)))
    guessed = simple_type("Code", shape=shape("Code", guessed=True, notes=(second,)))
    united = unite_shapes(model(types=(a, guessed), warnings=(before,)), SETTINGS)
    assert [w.message.split(":")[0] for w in united.warnings] == [
        "read before any shape",
        "after the first",
        "type 'Code' is shown only by a sample value",
        "after the second",
    ]


def test_unite_shapes_leaves_no_provisional_name_and_no_shape_fact() -> None:
    status = enum_type("Status#0", "A", "B", shape=shape("Status", parent="Op"))
    item = _item("Item#1", field("s", "Status#0"), field("n", INT))
    request = _op(field("item", "Item#1", is_list=True), field("s", "Status#0"))
    response = complex_type("OpResponse#3", field("n", INT), shape=shape("OpResponse", named=True))
    answer = enum_type("Answer#4", "Y", "N", shape=shape("Answer", parent="Answer"))
    ops = (
        operation("Op", message("Op", "Op#9"), message("OpResponse", "OpResponse#3")),
        operation("Ask", message("Ask", "Answer#4")),  # a message with a value, not children
    )
    given = (status, item, request, response, answer)
    united = _united(*given, services=(service(*ops),))
    provisional = {t.name for t in given}
    used = {t.name for t in united.types}
    used |= {f.type for t in united.types if isinstance(t, ComplexType) for f in t.fields}
    used |= {m.type for op in united.services[0].operations for m in op.messages}
    assert used.isdisjoint(provisional), used & provisional
    assert all("#" not in name.name for name in used)
    assert all(t.shape is None for t in united.types)
    assert {m.type.name for op in united.services[0].operations for m in op.messages} == {
        "Op",
        "OpResponse",
        "Answer",
    }


def test_unite_shapes_leaves_a_model_without_shapes_as_it_is() -> None:
    wsdl = model(
        types=(complex_type("A", field("x", "B")), enum_type("B", "x")),
        services=(service(operation("A")),),
        origin=Origin.WSDL,
    )
    assert unite_shapes(wsdl, SETTINGS) is wsdl


def test_unite_shapes_runs_first_so_that_its_warnings_come_before_the_other_passes() -> None:
    assert PASSES[0] is unite_shapes
