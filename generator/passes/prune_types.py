"""Keep only the types an operation reaches, in a stable order (namespace, then name)."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import ComplexType, Model, QName, SimpleType


def referenced(model: Model) -> set[QName]:
    """Types an operation reaches: through fields, bases (a class needs its base) and
    subtypes (a value may be any type that extends the declared one)."""
    types = model.type_map()
    derived: dict[QName, list[QName]] = {}
    for typedef in model.types:
        if isinstance(typedef, ComplexType) and typedef.base is not None:
            derived.setdefault(typedef.base, []).append(typedef.name)
    todo: list[QName] = []
    for service in model.services:
        for op in service.operations:
            messages = [op.input, *op.headers, *op.output_headers]
            if op.output is not None:
                messages.append(op.output)
            todo.extend(m.type for m in messages)
            todo.extend(f.type for f in op.faults if f.type is not None)
    seen: set[QName] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in types:
            continue
        seen.add(name)
        found = types[name]
        if isinstance(found, ComplexType):
            todo.extend(r for f in found.fields for r in f.types)
            todo.extend(derived.get(name, ()))
            if found.base is not None:
                todo.append(found.base)
        elif isinstance(found, SimpleType):
            todo.append(found.base)
    return seen


def prune_types(model: Model, settings: SpecSettings) -> Model:
    if not model.services:  # a types-only spec: its types are what it offers
        return replace(model, types=tuple(sorted(model.types, key=lambda t: t.name)))
    used = referenced(model)
    kept = sorted((t for t in model.types if t.name in used), key=lambda t: t.name)
    return replace(model, types=tuple(kept))
