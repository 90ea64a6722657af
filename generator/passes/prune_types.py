"""Keep only the types an operation reaches, in a stable order (namespace, then name)."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import ComplexType, Model, Operation, QName, SimpleType


def referenced(model: Model) -> set[QName]:
    """Types an operation reaches: through fields, bases (a class needs its base) and
    subtypes (a value may be any type that extends the declared one)."""
    types = model.type_map()
    derived = model.subtype_map()
    todo = [name for name, _ in _from_messages(model)]
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


def for_operation(model: Model, name: str, answered: bool = True) -> Model | None:
    """The model with only the operations called `name` (ignoring case and underscores, as
    `sample` finds them) and the types they reach; None where no operation is called so. Not
    `answered`, the operations keep their requests alone (one-way: no answer, headers back or
    faults), for a sample of the request, which nothing of the answer changes.

    Planned with the whole model beside it (plan_package's `whole`), what is kept is named and
    prefixed as in the whole package: a sample is the same bytes from either."""
    wanted = loosely(name)
    services = []
    for service in model.services:
        kept = tuple(
            op if answered else _request_only(op)
            for op in service.operations
            if loosely(op.name) == wanted
        )
        if kept:
            services.append(replace(service, operations=kept))
    if not services:
        return None
    narrowed = replace(model, services=tuple(services))
    used = _declared(narrowed)
    return replace(narrowed, types=tuple(t for t in model.types if t.name in used))


def _request_only(op: Operation) -> Operation:
    return replace(op, output=None, output_headers=(), faults=(), output_attachments=())


def _declared(model: Model) -> set[QName]:
    """What `referenced` finds, but a type reached only as another's base brings its fields
    and its own base, not its other subtypes: a value of those can stand nowhere these
    operations' messages lead (a request type's siblings under one base, in eBay's and EWS's
    schemas, are every other operation's requests)."""
    types = model.type_map()
    derived = model.subtype_map()
    todo = _from_messages(model)
    seen: dict[QName, bool] = {}  # name -> reached where a value of it is declared
    while todo:
        name, declared = todo.pop()
        if name not in types or (name in seen and (seen[name] or not declared)):
            continue  # walked already, at least as widely
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


def _from_messages(model: Model) -> list[tuple[QName, bool]]:
    """The types the operations' messages and faults declare, each as declared."""
    return [
        (name, True)
        for service in model.services
        for op in service.operations
        for name in (
            *(m.type for m in op.messages),
            *(f.type for f in op.faults if f.type is not None),
        )
    ]


def loosely(name: str) -> str:
    """An operation's name as `sample` matches it: ignoring case and underscores."""
    return name.replace("_", "").lower()
