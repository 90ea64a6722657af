"""Keep only the types an operation reaches, in a stable order (namespace, then name)."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import ComplexType, Message, Model, Operation, QName, SimpleType


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


def for_operation(model: Model, name: str) -> Model | None:
    """The model with only the operations called `name` (ignoring case and underscores, as
    `sample` finds them) and the types they reach; None where no operation is called so.

    The names of classes and members were settled on the whole model, so what is kept is
    named as in the whole package: a sample is the same bytes from either."""
    wanted = loosely(name)
    services = []
    for service in model.services:
        kept = tuple(op for op in service.operations if loosely(op.name) == wanted)
        if kept:
            services.append(replace(service, operations=kept))
    if not services:
        return None
    narrowed = replace(model, services=tuple(services))
    used = _declared(narrowed)
    return replace(narrowed, types=tuple(t for t in model.types if t.name in used))


def _declared(model: Model) -> set[QName]:
    """What `referenced` finds, but a type reached only as another's base brings its fields
    and its own base, not its other subtypes: a value of those can stand nowhere these
    operations' messages lead (a request type's siblings under one base, in eBay's and EWS's
    schemas, are every other operation's requests)."""
    types = model.type_map()
    derived: dict[QName, list[QName]] = {}
    for typedef in model.types:
        if isinstance(typedef, ComplexType) and typedef.base is not None:
            derived.setdefault(typedef.base, []).append(typedef.name)
    todo = [(m.type, True) for s in model.services for op in s.operations for m in _messages(op)]
    todo += [
        (f.type, True) for s in model.services for op in s.operations for f in op.faults if f.type
    ]
    seen: dict[QName, bool] = {}  # name -> reached where a value of it is declared
    while todo:
        name, declared = todo.pop()
        if name not in types or seen.get(name, False) or (name in seen and not declared):
            continue
        seen[name] = declared
        found = types[name]
        if isinstance(found, ComplexType):
            todo.extend((r, True) for f in found.fields for r in f.types)
            if declared:
                todo.extend((d, True) for d in derived.get(name, ()))
            if found.base is not None:
                todo.append((found.base, False))
        elif isinstance(found, SimpleType):
            todo.append((found.base, True))
    return set(seen)


def _messages(op: Operation) -> list[Message]:
    found = [op.input, *op.headers, *op.output_headers]
    return found if op.output is None else [*found, op.output]


def loosely(name: str) -> str:
    return name.replace("_", "").lower()
