"""A warning for each type whose smallest sample value is larger than a sample may be.

Required elements can form a deep tree: `T0` needs two `T1`, `T1` two `T2`, and forty levels
down a 4 KB WSDL has a smallest valid value of 2**40 elements.  `SampleSizes` counts, for each
complex type, the elements of the smallest value a sample builds (its required elements, a
required list's items, a required wildcard's element, and the first branch of each choice the
type must make, recursively; where the sample may pick an abstract type's concrete subtype or
a substitution group's member, the cheapest).  Counts saturate just past BUDGET, and each type
is counted once, in one walk in name order, so the work is linear in the model.

A request, response or fault detail whose count is over BUDGET gets no sample (see
`generator.plan.server`): the mock answers such a response with a SOAP Fault that says
why, and `sample_requests()` leaves such a request out.  This pass warns once per type that
makes a sample too large, naming what has no sample.  A required element that leads back to
its own type through a list or a choice (no finite value: `required_cycles` reads only
non-list elements) counts nothing where it closes the cycle, as the sample stops there.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import (
    ANY_ELEMENT,
    ComplexType,
    Diagnostic,
    Field,
    Message,
    Model,
    Operation,
    Optionality,
    QName,
    TypeDef,
)
from .required_cycles import RequiredGraph, finite_ranks

BUDGET = 2_000  # elements a sample value may have (about 60 bytes of server.py each)
CAP = BUDGET + 1  # counts saturate here: "over BUDGET"
UNRANKED = 1 << 62  # a type `finite_ranks` does not know: any candidate will do


def is_counted(item: Field) -> bool:
    """Whether every valid value of the field's owner has the field (as the sample builds it:
    a choice's first branch)."""
    if item.nillable or item.is_attribute or item.is_text:
        return False
    if item.choice is not None:
        return item.choice.branch == 0 and item.choice.required
    return item.optionality is Optionality.REQUIRED


def items(item: Field) -> int:
    """How many items a sample of the field has.  One for a list: the model keeps no
    minOccurs, a required list is read as "at least one item" and emitted so."""
    return 1


class SampleSizes:
    """Elements of the smallest sample value of each complex type, saturating at CAP."""

    def __init__(self, types: dict[QName, TypeDef], ranks: dict[QName, int] | None = None) -> None:
        self.types = types
        self.graph = RequiredGraph(types)
        self.ranks = finite_ranks(types) if ranks is None else ranks
        self._content: dict[QName, int] = {}
        for typedef in self.graph.complex_types():
            self._walk(typedef.name)

    # -- what a sample picks ------------------------------------------------------------------

    def concrete(self, name: QName, below: int) -> QName | None:
        """The cheapest concrete type extending the abstract `name` that ranks below `below`
        (so that a sample through it ends), by name where they cost the same; None where
        nothing extends it."""
        typedef = self.types.get(name)
        if not isinstance(typedef, ComplexType):
            return None
        found = [n for n in self.graph.concrete(typedef) if n != name]
        return self._cheapest(found, below) if found else None

    def substitute(self, item: Field, below: int) -> QName:
        """The cheapest member of the field's substitution group ranked below `below`."""
        return self._cheapest([m.type for m in item.substitutes], below)

    def _cheapest(self, names: list[QName], below: int) -> QName:
        ranked = [n for n in names if self.ranks.get(n, UNRANKED) < below] or names
        return min(ranked, key=lambda n: self.type_content(n, below))  # min keeps the first

    # -- counts ---------------------------------------------------------------------------------

    def type_content(self, name: QName, below: int = UNRANKED) -> int:
        """Elements inside the smallest sample value of the type `name` (0: a simple type)."""
        typedef = self.types.get(name)
        if not isinstance(typedef, ComplexType):
            return 0
        if typedef.abstract:
            concrete = self.concrete(name, below)
            if concrete is not None:
                return self._content.get(concrete, 0)
        return self._content.get(name, 0)

    def field_cost(self, item: Field, below: int = UNRANKED) -> int:
        """Elements of a sample of the field (its items and everything in them)."""
        if item.is_attribute or item.is_text:
            return 0
        if item.name == ANY_ELEMENT:
            return 1
        chosen = self.substitute(item, below) if item.substitutes else item.type
        return min(CAP, items(item) * (1 + self.type_content(chosen, below)))

    def message_cost(self, message: Message) -> int:
        return min(CAP, 1 + self.type_content(message.type))

    def response_cost(self, output: Message) -> int:
        """As `generator.plan.server` answers: a wrapper's only element even where it
        may be left out."""
        only = self._only(output)
        if only is not None:
            return min(CAP, 1 + self.field_cost(only))
        return self.message_cost(output)

    def answered(self, output: Message) -> QName:
        """The type of the value a mock answers: a wrapper's only element's, or the wrapper's."""
        only = self._only(output)
        if only is not None and only.name != ANY_ELEMENT:
            return self.chosen(only, UNRANKED)
        return output.type

    def _only(self, output: Message) -> Field | None:
        wrapper = self.types.get(output.type)
        if isinstance(wrapper, ComplexType) and len(wrapper.fields) == 1:
            only = wrapper.fields[0]
            return None if only.is_attribute else only
        return None

    def culprit(self, name: QName) -> QName:
        """The type below `name` whose own elements, not one element's value, make it too
        large: follow the first too large element down while there is one."""
        seen: set[QName] = set()
        while name not in seen:
            seen.add(name)
            typedef = self.types.get(name)
            if not isinstance(typedef, ComplexType):
                break
            if typedef.abstract:
                name = self.concrete(name, UNRANKED) or name
                typedef = self.types[name]
                assert isinstance(typedef, ComplexType)
            below = self.ranks.get(name, UNRANKED)
            heavy = [
                f
                for f in typedef.fields
                if is_counted(f) and self.type_content(self.chosen(f, below), below) >= CAP
            ]
            if not heavy:
                break
            name = self.chosen(heavy[0], below)
        return name

    def chosen(self, item: Field, below: int) -> QName:
        """The type a sample of the field has (before an abstract one's subtype is picked)."""
        return self.substitute(item, below) if item.substitutes else item.type

    # -- the walk -------------------------------------------------------------------------------

    def _needs(self, name: QName) -> list[QName]:
        """The complex types the counted fields of `name` may hold (each type a field may
        hold, an abstract one's concrete subtypes)."""
        typedef = self.types[name]
        assert isinstance(typedef, ComplexType)
        found: list[QName] = []
        for item in typedef.fields:
            if not is_counted(item):
                continue
            for option in item.types:
                held = self.types.get(option)
                if isinstance(held, ComplexType):
                    found.extend(self.graph.concrete(held) if held.abstract else (option,))
        return found

    def _walk(self, root: QName) -> None:
        """Count `root` and every type it needs first, depth first without recursion (a chain
        of types may be long); a type met again on its own path counts 0 there."""
        if root in self._content:
            return
        on_path: set[QName] = {root}
        stack: list[tuple[QName, list[QName]]] = [(root, self._needs(root))]
        while stack:
            name, todo = stack[-1]
            while todo and (todo[-1] in self._content or todo[-1] in on_path):
                todo.pop()
            if todo:
                nxt = todo.pop()
                on_path.add(nxt)
                stack.append((nxt, self._needs(nxt)))
                continue
            stack.pop()
            on_path.discard(name)
            self._content[name] = self._own_content(name)

    def _own_content(self, name: QName) -> int:
        typedef = self.types[name]
        assert isinstance(typedef, ComplexType)
        below = self.ranks.get(name, UNRANKED)
        total = 0
        for item in typedef.fields:
            if is_counted(item):
                total = min(CAP, total + self.field_cost(item, below))
        return total


def sample_size(model: Model, settings: SpecSettings) -> Model:
    sizes = SampleSizes(model.type_map())
    uses: dict[QName, list[str]] = {}
    for service in model.services:
        for op in service.operations:
            for what, cost, message in _messages(sizes, op):
                if cost > BUDGET:  # then `message` is a complex type, and so is its culprit
                    uses.setdefault(sizes.culprit(message), []).append(what)
    found = [
        Diagnostic(
            sizes.types[name].source,
            f"the smallest valid value of {name.name} has over {BUDGET:,} elements (its "
            "required elements and each choice's first branch, recursively): there is no "
            f"sample of {', '.join(what)} (the mock answers such a response with a fault)",
        )
        for name, what in uses.items()
    ]
    if not found:
        return model
    return replace(model, warnings=model.warnings + tuple(found))


def _messages(sizes: SampleSizes, op: Operation) -> list[tuple[str, int, QName]]:
    """What of `op` has a sample: (what, its element count, its type)."""
    found = [(f"the request of {op.name}", sizes.message_cost(op.input), op.input.type)]
    if op.output is not None:
        found.append(
            (
                f"the response of {op.name}",
                sizes.response_cost(op.output),
                sizes.answered(op.output),
            )
        )
    for fault in op.faults:
        if fault.type is not None:
            found.append(
                (
                    f"the fault {fault.name} of {op.name}",
                    min(CAP, 1 + sizes.type_content(fault.type)),
                    fault.type,
                )
            )
    return found
