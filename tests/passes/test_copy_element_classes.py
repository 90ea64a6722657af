"""copy_element_classes: an element class of a substitution group gets its type's content."""

from __future__ import annotations

from dataclasses import replace

from factories import SETTINGS, complex_type, field, model, qname

from generator.model import xs
from generator.passes.copy_element_classes import copy_element_classes

SHAPE = complex_type("Shape", field("size", xs("int")), doc="A shape.", extends=qname("Thing"))
THING = complex_type("Thing", field("size", xs("int")))


def test_copy_element_classes_fills_a_copy_with_the_content_of_its_type() -> None:
    placeholder = complex_type("Square", copy_of=qname("Shape"))
    types = (THING, replace(SHAPE, base=qname("Thing")), placeholder)
    copied = copy_element_classes(model(types=types), SETTINGS).types
    assert copied[:2] == types[:2]
    assert copied[2] == replace(
        SHAPE, name=qname("Square"), base=None, extends=None, copy_of=qname("Shape")
    )


def test_copy_element_classes_names_the_element_where_the_type_has_no_doc() -> None:
    placeholder = complex_type("Circle", copy_of=qname("Thing"))
    copied = copy_element_classes(model(types=(placeholder, THING)), SETTINGS).types
    assert copied[0] == replace(
        THING, name=qname("Circle"), doc="The element Circle (XML type Thing).", copy_of=THING.name
    )


def test_copy_element_classes_is_the_same_run_twice() -> None:
    types = (SHAPE, complex_type("Square", copy_of=qname("Shape")), THING)
    once = copy_element_classes(model(types=types), SETTINGS)
    assert copy_element_classes(once, SETTINGS) == once
