"""Required elements that lead back to their own type are read as optional, with a warning.

A complex type whose required elements lead back to itself (`Node` requires a `Node`, or `A`
requires `B` requires `A`) has no finite instance: no document is valid, no dataclass value
can be built, and a sample never ends.  Such a schema is read leniently: in each cycle of
required elements, the element that closes it becomes optional, and a warning names it.

Which element closes a cycle is decided by a depth-first walk over the types without a finite
instance, in name order, taking each type's elements in document order and a field's
possible types (an abstract type's concrete subtypes, a substitution group's members) in name
order; the element whose possible types all lie on the walk's own path closes it.  The walk,
like `finite_ranks`, visits each field once.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from ..config import SpecSettings
from ..model import ComplexType, Diagnostic, Field, Model, Optionality, QName, TypeDef

Key = tuple[str, str, bool, bool]


class RequiredGraph:
    """The types a constructor-required field may hold, by complex type."""

    def __init__(self, types: dict[QName, TypeDef]) -> None:
        self.types = types
        self.derived: dict[QName, list[QName]] = {}
        for typedef in types.values():
            if isinstance(typedef, ComplexType) and typedef.base is not None:
                self.derived.setdefault(typedef.base, []).append(typedef.name)
        self._concrete: dict[QName, tuple[QName, ...]] = {}

    def complex_types(self) -> list[ComplexType]:
        found = (t for t in self.types.values() if isinstance(t, ComplexType))
        return sorted(found, key=lambda t: t.name)

    def candidates(self, item: Field) -> tuple[QName, ...] | None:
        """The complex types a value of a required field can have, in name order; None where
        the field needs none (not required, or a simple type always has a value)."""
        if not item.constructor_required:
            return None
        found: list[QName] = []
        for name in item.types:
            typedef = self.types.get(name)
            if not isinstance(typedef, ComplexType):
                return None
            found.extend(self.concrete(typedef) if typedef.abstract else (name,))
        return tuple(sorted(set(found)))

    def concrete(self, typedef: ComplexType) -> tuple[QName, ...]:
        """The concrete types extending an abstract one; itself where there are none."""
        if typedef.name not in self._concrete:
            seen: set[QName] = set()
            todo = list(self.derived.get(typedef.name, ()))
            while todo:
                name = todo.pop()
                if name not in seen:
                    seen.add(name)
                    todo.extend(self.derived.get(name, ()))
            concrete = [
                n
                for n in seen
                if isinstance(t := self.types.get(n), ComplexType) and not t.abstract
            ]
            self._concrete[typedef.name] = tuple(sorted(concrete)) or (typedef.name,)
        return self._concrete[typedef.name]


def finite_ranks(types: dict[QName, TypeDef]) -> dict[QName, int]:
    """The complex types that have a finite instance, each ranked so that every required field
    of a type has a possible type ranked lower: a sample that follows lower ranks ends."""
    return _ranks(RequiredGraph(types))


def _ranks(graph: RequiredGraph) -> dict[QName, int]:
    waiting: dict[QName, list[tuple[QName, int]]] = {}  # possible type -> fields it satisfies
    missing: dict[QName, int] = {}
    ready: deque[QName] = deque()
    for typedef in graph.complex_types():
        missing[typedef.name] = 0
        for index, item in enumerate(typedef.fields):
            candidates = graph.candidates(item)
            if candidates:
                missing[typedef.name] += 1
                for candidate in candidates:
                    waiting.setdefault(candidate, []).append((typedef.name, index))
        if not missing[typedef.name]:
            ready.append(typedef.name)
    ranks: dict[QName, int] = {}
    satisfied: set[tuple[QName, int]] = set()
    while ready:
        name = ready.popleft()
        ranks[name] = len(ranks)
        for owner, index in waiting.get(name, ()):
            if (owner, index) not in satisfied:
                satisfied.add((owner, index))
                missing[owner] -= 1
                if not missing[owner]:
                    ready.append(owner)
    return ranks


@dataclass
class _Frame:
    name: QName
    fields: tuple[Field, ...]
    index: int = 0  # the next field to settle
    via: str = ""  # the field of this frame's type being settled, for the warning


class _Walk:
    """The depth-first walk that finds the fields closing cycles of required elements."""

    def __init__(self, graph: RequiredGraph, finite: set[QName]) -> None:
        self.graph = graph
        self.done = set(finite)
        self.on_path: set[QName] = set()
        self.relaxed: list[tuple[ComplexType, Field, str]] = []  # owner, field, the cycle

    def run(self) -> None:
        for typedef in self.graph.complex_types():
            if typedef.name not in self.done:
                self._from(typedef)

    def _from(self, root: ComplexType) -> None:
        path = [_Frame(root.name, root.fields)]
        self.on_path.add(root.name)
        while path:
            frame = path[-1]
            if frame.index == len(frame.fields):
                path.pop()
                self.on_path.discard(frame.name)
                self.done.add(frame.name)
                continue
            item = frame.fields[frame.index]
            frame.index += 1
            candidates = self.graph.candidates(item) or ()
            if not candidates or any(c in self.done for c in candidates):
                continue
            unvisited = [c for c in candidates if c not in self.on_path]
            if unvisited:  # settled once that type is: it will have a finite instance
                found = self.graph.types[unvisited[0]]
                assert isinstance(found, ComplexType)
                frame.via = item.name
                path.append(_Frame(found.name, found.fields))
                self.on_path.add(found.name)
                continue
            owner = self.graph.types[frame.name]
            assert isinstance(owner, ComplexType)
            self.relaxed.append((owner, item, _cycle(path, candidates[0], item.name)))


def _cycle(path: list[_Frame], back_to: QName, closing: str) -> str:
    start = next(i for i, f in enumerate(path) if f.name == back_to)
    steps = [f"{f.name.name}.{f.via}" for f in path[start:-1]]
    steps.append(f"{path[-1].name.name}.{closing}")
    return " -> ".join(steps + [back_to.name])


def required_cycles(model: Model, settings: SpecSettings) -> Model:
    types = model.type_map()
    graph = RequiredGraph(types)
    walk = _Walk(graph, set(_ranks(graph)))
    walk.run()
    if not walk.relaxed:
        return model
    relaxed: dict[QName, set[Key]] = {}
    warnings = list(model.warnings)
    for owner, item, cycle in walk.relaxed:
        for name in _declared_and_derived(graph, owner, item.key):
            relaxed.setdefault(name, set()).add(item.key)
        warnings.append(
            Diagnostic(
                item.source if item.source.line else owner.source,  # the field's, where known
                f"the required element {item.name!r} of type {owner.name.name} closes a cycle "
                f"of required elements ({cycle}), so no finite value exists: it is read as "
                "optional",
            )
        )
    new_types = tuple(_relax(t, relaxed.get(t.name, set())) for t in model.types)
    return replace(model, types=new_types, warnings=tuple(warnings))


def _declared_and_derived(graph: RequiredGraph, owner: ComplexType, key: Key) -> list[QName]:
    """The type declaring the field `key` that `owner` has (a base's fields are inherited),
    and every type derived from it: the generated class declares the field once."""
    top, seen = owner, 0
    while top.base is not None and seen < 64:
        parent = graph.types.get(top.base)
        if not isinstance(parent, ComplexType) or all(f.key != key for f in parent.fields):
            break
        top, seen = parent, seen + 1
    found: dict[QName, None] = {}
    todo = [top.name]
    while todo:
        name = todo.pop()
        if name not in found:
            found[name] = None
            todo.extend(graph.derived.get(name, ()))
    return list(found)


def _relax(typedef: TypeDef, keys: set[Key]) -> TypeDef:
    if not keys or not isinstance(typedef, ComplexType):
        return typedef
    fields = tuple(
        replace(f, optionality=Optionality.OPTIONAL) if f.key in keys else f for f in typedef.fields
    )
    return replace(typedef, fields=fields)
