"""Sample nodes to model types, shared by every page of one spec folder.

The builder records each shape as a sample shows it, in the order it meets them, under a
provisional name with a `Shape` fact; `passes.unite_shapes` unites them and names them (the
naming rules are written there).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import (
    ANY_ELEMENT,
    ComplexType,
    Diagnostic,
    EnumType,
    Evidence,
    Field,
    Optionality,
    QName,
    Shape,
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


class TypeBuilder:
    def __init__(self) -> None:
        self.types: list[TypeDef] = []  # every shape met, in order, under provisional names
        self._notes: list[list[Diagnostic]] = []  # what was warned about after each one
        self._simples: set[QName] = set()
        self._message: QName | None = None  # the global element whose content is being read
        self.warnings: list[Diagnostic] = []  # what was warned about before any shape

    # -- entry points -------------------------------------------------------------------

    def message(self, node: Node, file: str, table: Table) -> QName:
        """The type of a global element (a body wrapper or a header): named after the element."""
        name = QName(node.namespace, node.name)
        leaf = node.leaf
        if leaf is not None and leaf.evidence is Evidence.NONE and not leaf.sample:
            node.leaf = None  # `<OpResponse/>`, `<Op/>`: a wrapper with no parts, not a string
        if node.is_complex:
            self._message = name
            fields = self._fields(node, file, node.namespace, table)
            self._message = None
            shape = Shape(name, named=True)
            return self._met(
                ComplexType(name, fields, Source(file, node.line), partial=node.cut), shape
            )
        field = self._leaf_field(node, file, node.namespace, name.name, table)
        return field.type

    def unknown(self, name: QName, file: str, line: int) -> QName:
        """The type of a global element whose content the pages do not show: any elements,
        kept as XML, and marked partial."""
        source = Source(file, line)
        anything = Field(ANY_ELEMENT, "", xs("anyType"), source, Optionality.OPTIONAL, is_list=True)
        typedef = ComplexType(name, (anything,), source, partial=True)
        return self._met(typedef, Shape(name, named=True))

    def warn(self, diagnostic: Diagnostic) -> None:
        """A warning about the pages, after every warning about the shapes met so far."""
        self.warnings.append(diagnostic)

    def build(self) -> list[TypeDef]:
        return [
            replace(t, shape=replace(t.shape, notes=tuple(notes))) if notes and t.shape else t
            for t, notes in zip(self.types, self._notes, strict=True)
        ]

    def _met(self, typedef: TypeDef, shape: Shape) -> QName:
        """Record a shape; a complex or enumeration type gets a provisional name no source can
        write (`#` is not in XML names), for fields to refer to until the pass names it."""
        if not isinstance(typedef, SimpleType):
            typedef = replace(
                typedef,
                name=QName(shape.name.namespace, f"{shape.name.name}#{len(self.types)}"),
            )
        self.types.append(replace(typedef, shape=shape))
        self._notes.append([])
        return typedef.name

    def _warn(self, diagnostic: Diagnostic) -> None:
        (self._notes[-1] if self._notes else self.warnings).append(diagnostic)

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
            self._warn(
                Diagnostic(
                    source,
                    f"the page stops inside {node.name!r}: its type has the fields shown, and a "
                    "response may carry more (they are ignored when read)",
                )
            )
        new = ComplexType(QName(namespace, node.name), fields, source, partial=node.cut)
        if hint is not None and not is_builtin(hint):
            return self._met(new, Shape(hint, named=True))
        self._placeholder(node, file)
        shape = Shape(new.name, parent=parent, inside=self._message)
        base = self._met(new, shape)
        for name in node.derived:
            # the sample shows one of them: each has its fields, and may stand for the base
            self._met(replace(new, name=name, extends=base), Shape(name, named=True))
        return base

    def _placeholder(self, node: Node, file: str) -> None:
        if not node.xsi_placeholder:
            return
        said = f"xsi:type {node.xsi_placeholder[:60]!r} of {node.name!r} is not a type name"
        if node.derived:
            names = ", ".join(n.name for n in node.derived)
            said += f": a placeholder for the derived types the page names ({names})"
        else:
            said += ": a placeholder, left out (the derived types are not named)"
        self._warn(Diagnostic(Source(file, node.line), said))

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
        self._placeholder(node, file)
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
            self._warn(
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
        enum = EnumType(QName(namespace, node.name), leaf.enum_values, Source(file, node.line))
        shape = Shape(enum.name, parent=parent, inside=self._message)
        return self._met(enum, shape)

    def _simple(self, name: QName, leaf: Leaf, source: Source) -> None:
        if name in self._simples:
            return
        self._simples.add(name)
        known = KNOWN_SIMPLE.get(name)
        if known is not None:
            base, _, _, facets = known
            self._met(SimpleType(name, base, Source("", 0), facets), Shape(name, named=True))
            return
        # A named type shown only by one sample value: its base is what the value looks like.
        base = value_type(leaf.sample).type if leaf.sample else xs("string")
        if not is_builtin(base):
            base = xs("string")
        self._met(SimpleType(name, base, source), Shape(name, named=True, guessed=True))


def _mark_list(node: Node) -> None:
    """A table says this element holds many values: a wrapper of one kind of item repeats the
    item (`PieceDetails/PieceDetail`); anything else repeats itself."""
    items = [c for c in node.children if not c.is_attribute]
    kinds = {(c.namespace, c.name) for c in items}
    if node.leaf is None and len(kinds) == 1 and len(items) == len(node.children):
        items[0].repeated = True
    else:
        node.repeated = True


def _optionality(entry: TableEntry | None, node: Node) -> Optionality:
    if entry is None or entry.required is None:
        return Optionality.OPTIONAL if node.optional else Optionality.UNKNOWN
    return Optionality.REQUIRED if entry.required else Optionality.OPTIONAL


def _doc(entry: TableEntry | None) -> str:
    return entry.doc if entry is not None else ""
