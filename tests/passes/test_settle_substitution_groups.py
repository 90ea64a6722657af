"""settle_substitution_groups: the elements that may stand for a group's head, each with a class
that tells it apart; element classes where members share a type."""

from __future__ import annotations

from dataclasses import replace

from factories import (
    SETTINGS,
    SRC,
    complex_type,
    field,
    model,
    operation,
    qname,
    service,
    substitution_group,
)

from generator.model import ComplexType, Diagnostic, Model, Origin, Substitute, TypeDef, xs
from generator.passes import run_passes
from generator.passes.settle_substitution_groups import settle_substitution_groups

SHAPE = complex_type("ShapeType", field("size", xs("int")))
CIRCLE = complex_type("CircleType", field("radius", xs("int")))
POLYGON = complex_type("PolygonType", field("corners", xs("int")))
SHAPES = substitution_group(
    "Shape", "ShapeType", ("Square", "PolygonType"), ("Circle", "CircleType")
)


def _holder(*groups: object, name: str = "Drawing") -> ComplexType:
    """A type with one element reference per group, named a, b, ..."""
    return complex_type(
        name,
        *(
            field("abcdefgh"[i], "ShapeType", substitution_group=group)
            for i, group in enumerate(groups)
        ),
    )


def _settled(*types: TypeDef) -> Model:
    return settle_substitution_groups(model(types=types), SETTINGS)


def _substitutes(settled: Model, owner: str = "Drawing") -> list[tuple[str, str]]:
    found = settled.type_map()[qname(owner)]
    assert isinstance(found, ComplexType)
    assert all(f.substitution_group is None for f in found.fields)  # the fact is settled
    return [(m.element.name, m.type.name) for f in found.fields for m in f.substitutes]


def test_members_of_an_abstract_head_stand_for_it_in_name_order() -> None:
    settled = _settled(_holder(SHAPES), SHAPE, CIRCLE, POLYGON)
    assert _substitutes(settled) == [("Circle", "CircleType"), ("Square", "PolygonType")]
    assert settled.types[1:] == (SHAPE, CIRCLE, POLYGON)
    assert settled.warnings == ()


def test_a_head_that_is_not_abstract_stands_for_itself() -> None:
    group = replace(SHAPES, abstract=False)
    settled = _settled(_holder(group), SHAPE, CIRCLE, POLYGON)
    assert _substitutes(settled) == [
        ("Circle", "CircleType"),
        ("Shape", "ShapeType"),
        ("Square", "PolygonType"),
    ]


def test_members_sharing_a_type_get_an_element_class_each() -> None:
    group = substitution_group(
        "Shape", "ShapeType", ("Square", "PolygonType"), ("Hexagon", "PolygonType")
    )
    settled = _settled(_holder(group), SHAPE, POLYGON)
    assert _substitutes(settled) == [("Hexagon", "Hexagon"), ("Square", "Square")]
    copies = settled.types[3:]
    assert copies == (
        ComplexType(qname("Hexagon"), (), POLYGON.source, copy_of=POLYGON.name),
        ComplexType(qname("Square"), (), POLYGON.source, copy_of=POLYGON.name),
    )


def test_an_element_class_takes_no_name_a_type_or_another_class_has() -> None:
    # the element Polygon shares its type with the head; a type is called Polygon already
    taken = complex_type("Polygon", field("x"))
    first = substitution_group("Shape", "PolygonType", ("Polygon", "PolygonType"), abstract=False)
    second = substitution_group("Figure", "PolygonType", ("Polygon", "PolygonType"), abstract=False)
    settled = _settled(_holder(first, second), POLYGON, taken)
    assert _substitutes(settled) == [
        ("Polygon", "Polygon2"),
        ("Shape", "Shape"),
        ("Figure", "Figure"),
        ("Polygon", "Polygon3"),
    ]
    assert [t.name.name for t in settled.types] == [
        "Drawing",
        "PolygonType",
        "Polygon",
        "Figure",
        "Polygon2",
        "Polygon3",
        "Shape",
    ]


def test_a_head_referred_to_twice_is_settled_once() -> None:
    group = substitution_group(
        "Shape", "ShapeType", ("Square", "PolygonType"), ("Hexagon", "PolygonType")
    )
    settled = _settled(_holder(group), _holder(group, name="Sketch"), SHAPE, POLYGON)
    assert _substitutes(settled) == _substitutes(settled, "Sketch")
    assert len(settled.types) == 6  # one element class per member, not per reference


def test_a_group_with_a_member_of_simple_type_is_warned_about_once_at_its_head() -> None:
    head = replace(SRC, line=7)
    group = replace(
        substitution_group("Shape", "ShapeType", ("Label", xs("string")), ("Circle", "CircleType")),
        source=head,
    )
    before = (Diagnostic(SRC, "read earlier"),)
    spec = model(types=(_holder(group, group), SHAPE, CIRCLE), warnings=before)
    settled = settle_substitution_groups(spec, SETTINGS)
    assert _substitutes(settled) == []
    assert settled.types[1:] == (SHAPE, CIRCLE)  # no element class either
    assert settled.warnings == (
        *before,
        Diagnostic(
            head,
            "the substitution group of 'Shape' has members of simple type: only the head "
            "element is generated",
        ),
    )


def test_settling_is_the_same_run_twice() -> None:
    group = substitution_group(
        "Shape", "ShapeType", ("Square", "PolygonType"), ("Hexagon", "PolygonType")
    )
    once = _settled(_holder(group), SHAPE, POLYGON)
    assert settle_substitution_groups(once, SETTINGS) == once


def test_element_classes_are_filled_and_kept_by_the_passes_after() -> None:
    group = substitution_group(
        "Shape", "ShapeType", ("Square", "PolygonType"), ("Hexagon", "PolygonType")
    )
    request = _holder(group, name="Draw")
    spec = model(
        types=(request, SHAPE, POLYGON),
        services=(service(operation("Draw")),),
        origin=Origin.WSDL,
    )
    passed = run_passes(spec, SETTINGS).type_map()
    square = passed[qname("Square")]
    assert square == replace(POLYGON, name=qname("Square"), doc=square.doc, copy_of=POLYGON.name)
    draw = passed[qname("Draw")]
    assert isinstance(draw, ComplexType)
    assert draw.fields[0].substitutes == (
        Substitute(qname("Hexagon"), qname("Hexagon")),
        Substitute(qname("Square"), qname("Square")),
    )
