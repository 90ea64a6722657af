"""Let each element of a substitution group stand where its head is referred to, each with a
class of its own.

A reader records the group a reference names as the schema declares it
(`Field.substitution_group`); which elements may stand for the head, and with which class, is
decided here, once every type is known.  The head stands for itself unless it is abstract.
Members of one type share its class unless two of them (or the head) have the same type: then
each gets an element class (a copy of the type named after the element, filled by
`copy_element_classes`), so that a value's class alone tells which element to write.  A group
with a member of simple type is not generated (a value's class could not tell its element):
the field keeps the head's type, with a warning once per head."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..config import SpecSettings
from ..model import (
    ComplexType,
    Diagnostic,
    Field,
    Model,
    QName,
    Substitute,
    SubstitutionGroup,
    TypeDef,
)


def settle_substitution_groups(model: Model, settings: SpecSettings) -> Model:
    settler = _Settler(model)
    types = tuple(settler.settled(t) for t in model.types)
    return replace(
        model,
        types=types + settler.element_classes(),
        warnings=model.warnings + tuple(settler.warnings),
    )


class _Settler:
    def __init__(self, model: Model) -> None:
        self.types = model.type_map()
        self.taken = set(self.types)  # an element class must not share a type's name
        self.heads: dict[QName, tuple[Substitute, ...]] = {}  # each head settled once
        self.copies: dict[QName, QName] = {}  # element class -> the type whose content it has
        self.warnings: list[Diagnostic] = []

    def settled(self, typedef: TypeDef) -> TypeDef:
        if not isinstance(typedef, ComplexType):
            return typedef
        if all(f.substitution_group is None for f in typedef.fields):
            return typedef
        return replace(typedef, fields=tuple(self._field(f) for f in typedef.fields))

    def element_classes(self) -> tuple[ComplexType, ...]:
        """The element classes made, empty: `copy_element_classes` fills them."""
        return tuple(
            ComplexType(copy, (), self.types[original].source, copy_of=original)
            for copy, original in sorted(self.copies.items())
        )

    def _field(self, item: Field) -> Field:
        group = item.substitution_group
        if group is None:
            return item
        return replace(item, substitutes=self._substitutes(group), substitution_group=None)

    def _substitutes(self, group: SubstitutionGroup) -> tuple[Substitute, ...]:
        known = self.heads.get(group.head.element)
        if known is None:
            known = self.heads[group.head.element] = self._settle(group)
        return known

    def _settle(self, group: SubstitutionGroup) -> tuple[Substitute, ...]:
        members = {m.element: m for m in group.members}
        if not group.abstract:
            members[group.head.element] = group.head
        chosen = [members[name] for name in sorted(members)]
        if any(not isinstance(self.types.get(m.type), ComplexType) for m in chosen):
            self.warnings.append(
                Diagnostic(
                    group.source,
                    f"the substitution group of {group.head.element.name!r} has members of "
                    "simple type: only the head element is generated",
                )
            )
            return ()
        counts = Counter(m.type for m in chosen)
        return tuple(
            Substitute(m.element, self._element_class(m)) if counts[m.type] > 1 else m
            for m in chosen
        )

    def _element_class(self, member: Substitute) -> QName:
        element = member.element
        candidate, counter = element, 2
        while candidate in self.taken:
            candidate = QName(element.namespace, f"{element.name}{counter}")
            counter += 1
        self.taken.add(candidate)
        self.copies[candidate] = member.type
        return candidate
