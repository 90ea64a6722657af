"""required_cycles on models built in memory: the element that closes a cycle of required
elements becomes optional, with a warning naming the cycle; what can end is left alone.
(End to end, from a WSDL to the mock's samples: test_sample_bounds.py.)"""

from __future__ import annotations

from factories import OPTIONAL, REQUIRED, SETTINGS, complex_type, field, model, qname

from generator.model import xs
from generator.passes.required_cycles import finite_ranks, required_cycles


def test_a_type_requiring_itself_gets_the_closing_element_optional_and_a_warning() -> None:
    node = complex_type(
        "Node", field("value", optionality=REQUIRED), field("next", "Node", optionality=REQUIRED)
    )
    read = required_cycles(model(types=(node,)), SETTINGS)
    (relaxed,) = read.types
    assert [f.optionality for f in relaxed.fields] == [REQUIRED, OPTIONAL]
    (warning,) = read.warnings
    assert "'next' of type Node" in warning.message
    assert "(Node.next -> Node)" in warning.message


def test_a_cycle_through_two_types_is_closed_once_where_the_walk_in_name_order_meets_it() -> None:
    b = complex_type("B", field("a", "A", optionality=REQUIRED))
    a = complex_type("A", field("b", "B", optionality=REQUIRED))
    read = required_cycles(model(types=(b, a)), SETTINGS)
    kinds = {t.name.name: [f.optionality for f in t.fields] for t in read.types}
    assert kinds == {"A": [REQUIRED], "B": [OPTIONAL]}
    (warning,) = read.warnings
    assert "'a' of type B" in warning.message and "(A.b -> B.a -> A)" in warning.message


def test_what_has_a_finite_value_is_left_alone() -> None:
    """A list may be empty, a nillable element nil, an optional one absent, and an abstract
    type's value may be a subtype that ends (Lit): no cycle, the very same model back."""
    tree = complex_type(
        "Tree",
        field("kids", "Tree", optionality=REQUIRED, is_list=True),
        field("up", "Tree", optionality=OPTIONAL),
        field("same", "Tree", optionality=REQUIRED, nillable=True),
    )
    expr = complex_type("Expr", abstract=True)
    add = complex_type(
        "Add",
        field("left", "Expr", optionality=REQUIRED),
        field("right", "Expr", optionality=REQUIRED),
        base=qname("Expr"),
    )
    lit = complex_type("Lit", field("v", xs("int"), optionality=REQUIRED), base=qname("Expr"))
    spec = model(types=(tree, expr, add, lit))
    assert required_cycles(spec, SETTINGS) is spec
    assert set(finite_ranks(spec.type_map())) == {qname(n) for n in ("Tree", "Expr", "Add", "Lit")}
