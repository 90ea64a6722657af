"""Sample nodes to model types, shared by every page of one spec folder.

Naming and merging rules (documented in the README):

* A type named by the source (an xsi:type hint, or the global element of a message) is the
  same type wherever that name appears: the fields seen in each sample are united, and
  where two samples disagree the stronger evidence wins.
* A shape the source does not name (a nested element of an .asmx sample) is named after
  its element, or `ArrayOfX` when it only holds repeated `X` items, as ASP.NET names it.
  Two unnamed shapes with exactly the same fields are one type and keep the first name
  seen in document order: on .asmx pages the request comes first and its elements are
  named after parameters, while response elements are named `<Operation>Result`.
  An unnamed shape whose name is taken by a different shape gets its parent's name prefixed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import (
    KNOWN_EVIDENCE_ORDER,
    ComplexType,
    Diagnostic,
    EnumType,
    Evidence,
    Field,
    Optionality,
    QName,
    SimpleType,
    Source,
    TypeDef,
    xs,
)
from ..xsdtypes import KNOWN_SIMPLE, is_builtin
from .page_samples import Leaf, Node, value_type


@dataclass(frozen=True)
class TableEntry:
    """What a parameter table says about one name."""

    type: QName | None
    required: bool | None
    doc: str
    line: int
    is_list: bool = False  # "List", "X[]", "Multiple values allowed"


Table = dict[str, TableEntry]


def stronger(a: Evidence, b: Evidence) -> bool:
    return KNOWN_EVIDENCE_ORDER.index(a) < KNOWN_EVIDENCE_ORDER.index(b)


class TypeBuilder:
    def __init__(self) -> None:
        self.types: dict[QName, TypeDef] = {}
        self.reserved: set[QName] = set()  # global elements' names, kept for their own types
        self._shapes: dict[tuple[object, ...], QName] = {}
        self._by_element: dict[tuple[str, str], list[QName]] = {}  # unnamed shapes per element
        self.warnings: list[Diagnostic] = []

    # -- entry points -------------------------------------------------------------------

    def message(self, node: Node, file: str, table: Table) -> QName:
        """The type of a global element (a body wrapper or a header): named after the element."""
        name = QName(node.namespace, node.name)
        leaf = node.leaf
        if leaf is not None and leaf.evidence is Evidence.NONE and not leaf.sample:
            node.leaf = None  # `<OpResponse/>`, `<Op/>`: a wrapper with no parts, not a string
        if node.is_complex:
            self.reserved.add(name)
            fields = self._fields(node, file, node.namespace, table)
            self._unite(ComplexType(name, fields, Source(file, node.line), partial=node.cut))
            return name
        field = self._leaf_field(node, file, node.namespace, name.name, table)
        return field.type

    def build(self) -> list[TypeDef]:
        return list(self.types.values())

    # -- complex types ------------------------------------------------------------------

    def _complex(
        self, node: Node, file: str, container_ns: str, parent: str, table: Table
    ) -> QName:
        namespace = node.namespace or container_ns
        hint = node.xsi_type
        if hint is not None and not is_builtin(hint):
            namespace = hint.namespace
        fields = self._fields(node, file, namespace, table)
        source = Source(file, node.line)
        if node.cut:
            self.warnings.append(
                Diagnostic(
                    source,
                    f"the page stops inside {node.name!r}: its type has the fields shown, and a "
                    "response may carry more (they are ignored when read)",
                )
            )
        if hint is not None and not is_builtin(hint):
            self._unite(ComplexType(hint, fields, source, partial=node.cut))
            return hint
        items = [f for f in fields if not f.is_attribute]
        if len(items) == 1 and len(fields) == 1 and items[0].is_list:
            base = items[0].name
            local = "ArrayOf" + base[:1].upper() + base[1:]
        else:
            local = node.name
        key = ("complex", namespace, node.cut, tuple(_field_key(f) for f in fields))
        if key in self._shapes:
            return self._shapes[key]
        new = ComplexType(QName(namespace, local), fields, source, partial=node.cut)
        for seen in self._by_element.get((namespace, node.name), []):
            if _compatible(self.types[seen], new):
                self._unite(replace(new, name=seen))
                self._shapes[key] = seen
                return seen
        name = self._free(QName(namespace, local), parent)
        self.types[name] = replace(new, name=name)
        self._shapes[key] = name
        self._by_element.setdefault((namespace, node.name), []).append(name)
        return name

    def _fields(self, node: Node, file: str, namespace: str, table: Table) -> tuple[Field, ...]:
        own = node.name
        fields: list[Field] = []
        for child in node.children:
            entry = table.get(child.name)
            if entry is not None and entry.is_list and not child.is_attribute:
                _mark_list(child)
            if child.is_complex:
                type_name = self._complex(child, file, namespace, own, table)
                fields.append(
                    Field(
                        name=child.name,
                        namespace=child.namespace,
                        type=type_name,
                        source=Source(file, child.line),
                        optionality=_optionality(table.get(child.name), child),
                        is_list=child.repeated,
                        nillable=False,
                        is_attribute=child.is_attribute,
                        xsi_type=child.xsi_type,
                        evidence=Evidence.XSI_TYPE if child.xsi_type else Evidence.STRUCTURE,
                        doc=_doc(table.get(child.name)),
                    )
                )
            else:
                fields.append(self._leaf_field(child, file, namespace, own, table))
        if node.leaf is not None and node.leaf.evidence is not Evidence.NONE:
            # simple content: the element's text beside its attributes
            text = self._leaf_field(node, file, namespace, own, {})
            fields.append(replace(text, name="", namespace="", is_list=False, is_text=True))
        return tuple(fields)

    # -- leaves -------------------------------------------------------------------------

    def _leaf_field(
        self, node: Node, file: str, namespace: str, parent: str, table: Table
    ) -> Field:
        assert node.leaf is not None
        leaf: Leaf = node.leaf
        entry = table.get(node.name)
        type_name = leaf.type
        evidence = leaf.evidence
        if leaf.enum_values:
            type_name = self._enum(node, leaf, file, namespace, parent)
        elif not is_builtin(type_name):
            self._simple(type_name, leaf, Source(file, node.line))
        if entry is not None and entry.type is not None and not leaf.enum_values:
            type_name, evidence = entry.type, Evidence.TABLE
            if not is_builtin(type_name):
                self._simple(type_name, leaf, Source(file, entry.line))
        if evidence is Evidence.NONE:
            self.warnings.append(
                Diagnostic(
                    Source(file, node.line),
                    f"{'attribute' if node.is_attribute else 'element'} {node.name!r} shows no "
                    f"value or type: typed as {type_name.name}, optionality unknown",
                )
            )
        return Field(
            name=node.name,
            namespace=node.namespace,
            type=type_name,
            source=Source(file, node.line),
            optionality=_optionality(entry, node),
            is_list=node.repeated,
            nillable=False,
            is_attribute=node.is_attribute,
            xsi_type=node.xsi_type,
            evidence=evidence,
            doc=_doc(entry),
            example=leaf.sample if leaf.evidence is Evidence.VALUE else "",
        )

    def _enum(self, node: Node, leaf: Leaf, file: str, namespace: str, parent: str) -> QName:
        key = ("enum", namespace, leaf.enum_values)
        if key in self._shapes:
            return self._shapes[key]
        name = self._free(QName(namespace, node.name), parent)
        self.types[name] = EnumType(name, leaf.enum_values, Source(file, node.line))
        self._shapes[key] = name
        return name

    def _simple(self, name: QName, leaf: Leaf, source: Source) -> None:
        if name in self.types:
            return
        known = KNOWN_SIMPLE.get(name)
        if known is not None:
            base, _, _, facets = known
            self.types[name] = SimpleType(name, base, Source("", 0), facets)
            return
        # A named type shown only by one sample value: its base is what the value looks like.
        base = value_type(leaf.sample).type if leaf.sample else xs("string")
        if not is_builtin(base):
            base = xs("string")
        self.types[name] = SimpleType(name, base, source)
        self.warnings.append(
            Diagnostic(
                source,
                f"type {name.name!r} is shown only by a sample value: typed as {base.name}; "
                "its allowed values are not documented",
            )
        )

    # -- naming and merging -------------------------------------------------------------

    def _free(self, wanted: QName, parent: str) -> QName:
        if wanted not in self.types and wanted not in self.reserved:
            return wanted
        candidate = QName(wanted.namespace, parent + wanted.name)
        counter = 2
        while candidate in self.types or candidate in self.reserved:
            candidate = QName(wanted.namespace, f"{parent}{wanted.name}{counter}")
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
        index = {_field_id(f): i for i, f in enumerate(fields)}
        for field in new.fields:
            at = index.get(_field_id(field))
            if at is None:
                index[_field_id(field)] = len(fields)
                fields.append(field)
                continue
            mine = fields[at]
            if stronger(field.evidence, mine.evidence):
                merged = replace(field, is_list=mine.is_list or field.is_list)
            else:
                merged = replace(mine, is_list=mine.is_list or field.is_list)
            if merged.optionality is Optionality.UNKNOWN:
                known = (
                    field.optionality
                    if mine.optionality is Optionality.UNKNOWN
                    else mine.optionality
                )
                merged = replace(merged, optionality=known)
            fields[at] = merged
        self.types[new.name] = replace(
            old, fields=tuple(fields), partial=old.partial and new.partial
        )


def _mark_list(node: Node) -> None:
    """A table says this element holds many values: a wrapper of one kind of item repeats the
    item (`PieceDetails/PieceDetail`); anything else repeats itself."""
    items = [c for c in node.children if not c.is_attribute]
    kinds = {(c.namespace, c.name) for c in items}
    if node.leaf is None and len(kinds) == 1 and len(items) == len(node.children):
        items[0].repeated = True
    else:
        node.repeated = True


def _compatible(old: TypeDef, new: ComplexType) -> bool:
    """Two samples of one element show one type when they share a field and contradict on none.

    (A success and an error response, two crawls of a page, a cut and a whole sample.)
    """
    if not isinstance(old, ComplexType):
        return False
    mine = {_field_id(f): f for f in old.fields}
    shared = [(mine[_field_id(f)], f) for f in new.fields if _field_id(f) in mine]
    if not shared:
        return False
    for a, b in shared:
        if a.type != b.type and Evidence.NONE not in (a.evidence, b.evidence):
            return False
    return True


def _field_id(field: Field) -> tuple[str, str, bool, bool]:
    return (field.name, field.namespace, field.is_attribute, field.is_text)


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


def _optionality(entry: TableEntry | None, node: Node) -> Optionality:
    if entry is None or entry.required is None:
        return Optionality.OPTIONAL if node.optional else Optionality.UNKNOWN
    return Optionality.REQUIRED if entry.required else Optionality.OPTIONAL


def _doc(entry: TableEntry | None) -> str:
    return entry.doc if entry is not None else ""
