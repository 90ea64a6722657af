"""Unite the shapes a page reader met into types, and name them (the naming rules are
documented in the README).

The reader records each sample of a type as it meets it, under a provisional name with a
`Shape` fact: in document order, an element's content before the element.  This pass walks
them in that order, so a name goes to the first shape that wants it, and points every
reference at the final names.

* A type named by the source (an xsi:type hint, or the global element of a message) is the
  same type wherever that name appears: the fields seen in each sample are united, and
  where two samples disagree the stronger evidence wins.
* A shape the source does not name (a nested element of an .asmx sample) is named after
  its element, or `ArrayOfX` when it only holds repeated `X` items, as ASP.NET names it.
  Two unnamed shapes with exactly the same fields are one type and keep the first name
  seen in document order: on .asmx pages the request comes first and its elements are
  named after parameters, while response elements are named `<Operation>Result`.
  Two samples of one element that share a field and contradict on none are one type too.
  An unnamed shape whose name is taken by a different shape gets its parent's name prefixed
  (and a counter where that is taken as well); a message's name is kept for its own type
  while its content is read.
* A named simple type is the first one shown under its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..config import SpecSettings
from ..model import (
    KNOWN_EVIDENCE_ORDER,
    ComplexType,
    Diagnostic,
    EnumType,
    Evidence,
    Field,
    Message,
    Model,
    Operation,
    Optionality,
    QName,
    Shape,
    SimpleType,
    TypeDef,
)


def unite_shapes(model: Model, settings: SpecSettings) -> Model:
    if all(t.shape is None for t in model.types):  # a WSDL's types, or a settled model
        return model
    names = _Names()
    for typedef in model.types:
        names.meet(typedef)
    services = tuple(
        replace(s, operations=tuple(_renamed_operation(op, names.final) for op in s.operations))
        for s in model.services
    )
    return replace(
        model,
        services=services,
        types=tuple(names.types.values()),
        warnings=model.warnings + tuple(names.warnings),
    )


@dataclass
class _Names:
    """The types settled so far, by final name, and what each provisional name became."""

    types: dict[QName, TypeDef] = field(default_factory=dict)
    final: dict[QName, QName] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    _shapes: dict[tuple[object, ...], QName] = field(default_factory=dict)  # by content
    _by_element: dict[QName, list[QName]] = field(default_factory=dict)  # unnamed, per element

    def meet(self, typedef: TypeDef) -> None:
        """Settle one shape; those it refers to have been met already."""
        shape = typedef.shape
        if shape is None:  # settled already
            self.types.setdefault(typedef.name, typedef)
            return
        typedef = replace(_renamed_fields(typedef, self.final), shape=None)
        if isinstance(typedef, SimpleType):
            self._simple(typedef, shape)
        elif isinstance(typedef, EnumType):
            self.final[typedef.name] = self._enum(typedef, shape)
        elif shape.named:
            self.final[typedef.name] = shape.name
            self._unite(replace(typedef, name=shape.name))
        else:
            self.final[typedef.name] = self._complex(typedef, shape)
        self.warnings.extend(shape.notes)

    def _simple(self, simple: SimpleType, shape: Shape) -> None:
        if simple.name in self.types:  # a type of that name was shown first: it stays
            return
        self.types[simple.name] = simple
        if shape.guessed:
            self.warnings.append(
                Diagnostic(
                    simple.source,
                    f"type {simple.name.name!r} is shown only by a sample value: typed as "
                    f"{simple.base.name}; its allowed values are not documented",
                )
            )

    def _enum(self, enum: EnumType, shape: Shape) -> QName:
        key = ("enum", shape.name.namespace, enum.values)
        if key not in self._shapes:
            name = self._free(shape.name, shape)
            self.types[name] = replace(enum, name=name)
            self._shapes[key] = name
        return self._shapes[key]

    def _complex(self, new: ComplexType, shape: Shape) -> QName:
        key = ("complex", shape.name.namespace, new.partial, tuple(map(_field_key, new.fields)))
        if key in self._shapes:
            return self._shapes[key]
        same_element = self._by_element.setdefault(shape.name, [])
        for seen in same_element:
            if _compatible(self.types[seen], new):
                self._unite(replace(new, name=seen))
                self._shapes[key] = seen
                return seen
        name = self._free(_wanted(new, shape), shape)
        self.types[name] = replace(new, name=name)
        self._shapes[key] = name
        same_element.append(name)
        return name

    def _free(self, wanted: QName, shape: Shape) -> QName:
        """`wanted`, or the parent's name before it, or that with a counter: the first one free.
        The message being read holds its name already; its type is met after its content."""

        def taken(name: QName) -> bool:
            return name in self.types or name == shape.inside

        if not taken(wanted):
            return wanted
        candidate = QName(wanted.namespace, shape.parent + wanted.name)
        counter = 2
        while taken(candidate):
            candidate = QName(wanted.namespace, f"{shape.parent}{wanted.name}{counter}")
            counter += 1
        return candidate

    def _unite(self, new: ComplexType) -> None:
        old = self.types.get(new.name)
        if old is None:
            self.types[new.name] = new
            return
        if isinstance(old, ComplexType) and old.partial and not new.partial:
            old, new = new, old  # a complete sample leads: its order of fields is the real one
        if not isinstance(old, ComplexType):
            self.warnings.append(
                Diagnostic(
                    new.source, f"{new.name.name!r} is shown both as a value and with children"
                )
            )
            self.types[new.name] = new
            return
        fields = list(old.fields)
        index = {f.key: i for i, f in enumerate(fields)}
        for given in new.fields:
            at = index.get(given.key)
            if at is None:
                index[given.key] = len(fields)
                fields.append(given)
            else:
                fields[at] = _united_field(fields[at], given)
        self.types[new.name] = replace(
            old, fields=tuple(fields), partial=old.partial and new.partial
        )


def _wanted(new: ComplexType, shape: Shape) -> QName:
    """Its element's name, or `ArrayOfX` where it holds only repeated `X` items."""
    if len(new.fields) == 1 and new.fields[0].is_list and not new.fields[0].is_attribute:
        item = new.fields[0].name
        return QName(shape.name.namespace, "ArrayOf" + item[:1].upper() + item[1:])
    return shape.name


def _united_field(mine: Field, given: Field) -> Field:
    """One field as two samples show it: the stronger evidence wins, a list stays a list, and
    a known optionality beats an unknown one."""
    merged = given if _stronger(given.evidence, mine.evidence) else mine
    merged = replace(merged, is_list=mine.is_list or given.is_list)
    if merged.optionality is Optionality.UNKNOWN:
        known = given.optionality if mine.optionality is Optionality.UNKNOWN else mine.optionality
        merged = replace(merged, optionality=known)
    return merged


def _stronger(a: Evidence, b: Evidence) -> bool:
    return KNOWN_EVIDENCE_ORDER.index(a) < KNOWN_EVIDENCE_ORDER.index(b)


def _compatible(old: TypeDef, new: ComplexType) -> bool:
    """Two samples of one element show one type when they share a field and contradict on none.

    (A success and an error response, two crawls of a page, a cut and a whole sample.)
    """
    if not isinstance(old, ComplexType):
        return False
    mine = {f.key: f for f in old.fields}
    shared = [(mine[f.key], f) for f in new.fields if f.key in mine]
    if not shared:
        return False
    return all(a.type == b.type or Evidence.NONE in (a.evidence, b.evidence) for a, b in shared)


def _field_key(field: Field) -> tuple[object, ...]:
    return (
        field.is_text,
        field.name,
        field.namespace,
        field.type,
        field.is_list,
        field.is_attribute,
        field.xsi_type,
        field.optionality,
    )


def _renamed_fields(typedef: TypeDef, final: dict[QName, QName]) -> TypeDef:
    if not isinstance(typedef, ComplexType):
        return typedef
    fields = tuple(replace(f, type=final.get(f.type, f.type)) for f in typedef.fields)
    extends = final.get(typedef.extends, typedef.extends) if typedef.extends else None
    return replace(typedef, fields=fields, extends=extends)


def _renamed_operation(op: Operation, final: dict[QName, QName]) -> Operation:
    def renamed(message: Message) -> Message:
        return replace(message, type=final.get(message.type, message.type))

    return replace(
        op,
        input=renamed(op.input),
        output=None if op.output is None else renamed(op.output),
        headers=tuple(renamed(m) for m in op.headers),
        output_headers=tuple(renamed(m) for m in op.output_headers),
    )
