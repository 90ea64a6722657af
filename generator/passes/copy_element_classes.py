"""Give each element class the content of the type it copies.

Members of a substitution group that share a type get a class each (named after the element),
so that a value's class alone tells which element to write.  The reader records such a class
as a fact (`ComplexType.copy_of`); it is filled here, once every type is complete, with the
original's fields and doc, and no base: it is a class of its own, not a subtype."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import ComplexType, Model, QName, TypeDef


def copy_element_classes(model: Model, settings: SpecSettings) -> Model:
    types = model.type_map()
    return replace(model, types=tuple(_filled(t, types) for t in model.types))


def _filled(typedef: TypeDef, types: dict[QName, TypeDef]) -> TypeDef:
    if not isinstance(typedef, ComplexType) or typedef.copy_of is None:
        return typedef
    original = types.get(typedef.copy_of)
    if not isinstance(original, ComplexType):
        return typedef
    doc = original.doc or f"The element {typedef.name.name} (XML type {original.name.name})."
    return replace(
        original, name=typedef.name, doc=doc, base=None, extends=None, copy_of=original.name
    )
