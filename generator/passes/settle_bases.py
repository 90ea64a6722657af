"""Give a complex type the base it claims to extend where its fields really start with the
base's.

A reader records what the source claims (`ComplexType.extends`); whether the generated class
can inherit is decided here, once every type is known.  A claim can fail: a base restricted
elsewhere, a field the derived type declares again with another type, a base that is not a
complex type of the model.  Such a type keeps all its fields and no base, so that its class
stands alone."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import ComplexType, Model, QName, TypeDef


def settle_bases(model: Model, settings: SpecSettings) -> Model:
    types = model.type_map()
    return replace(model, types=tuple(_settled(t, types) for t in model.types))


def _settled(typedef: TypeDef, types: dict[QName, TypeDef]) -> TypeDef:
    if not isinstance(typedef, ComplexType) or typedef.extends is None:
        return typedef
    parent = types.get(typedef.extends)
    if not isinstance(parent, ComplexType):
        return typedef
    own = {f.key: f.type for f in typedef.fields}
    if all(own.get(f.key) == f.type for f in parent.fields):
        return replace(typedef, base=typedef.extends)
    return typedef
