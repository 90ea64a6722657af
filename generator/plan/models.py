"""The plan of models.py: enums, dataclasses with their `_write` and `_read`, fault classes."""

from __future__ import annotations

import math
import textwrap

from ..model import ANY_ELEMENT, XSD, ComplexType, EnumType, Field, Optionality, QName, TypeDef
from ..python_imports import import_sections
from ..python_text import literal
from .context import Planner
from .expressions import (
    XSI_NIL,
    Codec,
    Kind,
    docstring,
    either,
    fstring,
    int_guard,
    maybe,
    put,
    xsi_type,
)
from .expressions import attribute as attribute_call
from .nodes import (
    LIST,
    OPTIONAL,
    REQUIRED,
    Branch,
    BranchGroup,
    Check,
    ClassPlan,
    Each,
    Emit,
    EnumPlan,
    FaultPlan,
    FieldPlan,
    Local,
    ModulePlan,
    WriteField,
)

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/"
SUMMARY_FIELDS = 8  # fields a class's docstring names; "and N more" says the rest
SUMMARY_WIDTH = 88  # of a docstring's summary lines, indentation aside
ELIF_LIMIT = 500  # longer if/elif chains are written as separate ifs
# From this many children on, `_read` finds a child's branch by a dict lookup of its tag and
# two short chains (about 2*sqrt(n) tests) rather than by one chain of n tag comparisons, which
# costs a child its position in the chain: 4.6x faster per child at 364 branches, 1.1x at 32
# (benchmarks/parse_scale.py, wide records).  From this many fields on, too, `_read` makes the
# instance without the constructor's keyword matching (1.5x faster at 32 fields, 3x at 364).
DISPATCH_FROM = 32
BOOLS = ("true", "false")


def models_plan(p: Planner, client: ModulePlan) -> ModulePlan:
    """The plan of models.py; `client` holds the answer classes its methods return."""
    enums = tuple(_enum(p, t) for t in p.model.types if isinstance(t, EnumType))
    answers = tuple(m.reply for c in client.clients for m in c.methods if m.reply is not None)
    ordered = bases_first(p.model.types)
    classes = tuple(_class(p, t) for t in ordered)
    faults = fault_plans(p)
    xsi_types = tuple(
        (literal(t.name.clark), p.names.types[t.name])
        for t in ordered
        if t.base is not None or t.name in p.extended
    )
    encoded = any(isinstance(t, ComplexType) and t.array_of for t in p.whole.types)
    nsmap = (
        (("xsd", XSD), ("xsi", XSI))
        + ((("soapenc", SOAP_ENC),) if encoded else ())
        + tuple(sorted((prefix, ns) for ns, prefix in p.prefixes.items()))
    )
    uses = frozenset().union(*(c.uses for c in classes), *(a.uses for a in answers))
    for fault in faults:
        uses |= fault.uses
    factories = any(f.default.startswith(" = field(") for c in classes for f in c.fields)
    etree = bool(classes) or any(f.value for f in faults)
    imports = {"annotations", "_soap", *uses}
    imports |= {"field"} if factories else set()
    imports |= {"Enum"} if enums else set()
    imports |= {"Any", "ClassVar"} if xsi_types else set()
    imports |= {"ClassVar"} if any(c.attribute_names or c.children for c in classes) else set()
    imports |= {"etree"} if etree else set()
    return ModulePlan(
        imports=import_sections(imports),
        nsmap=nsmap,
        enums=enums,
        classes=classes,
        faults=faults,
        xsi_types=xsi_types,
        answers=answers,
    )


def bases_first(types: tuple[TypeDef, ...]) -> list[ComplexType]:
    """Complex types in model order, except that a base comes before what extends it."""
    by_name = {t.name: t for t in types if isinstance(t, ComplexType)}
    ordered: dict[QName, ComplexType] = {}

    def visit(typedef: ComplexType, depth: int = 0) -> None:
        if typedef.name in ordered or depth > len(by_name):
            return
        parent = by_name.get(typedef.base) if typedef.base is not None else None
        if parent is not None:
            visit(parent, depth + 1)
        ordered[typedef.name] = typedef

    for typedef in by_name.values():
        visit(typedef)
    return list(ordered.values())


def _enum(p: Planner, typedef: EnumType) -> EnumPlan:
    members = tuple(
        (p.names.members[(typedef.name, i)], literal(value))
        for i, value in enumerate(typedef.values)
    )
    doc = typedef.doc or f"Values of the XML type {typedef.name.name}."
    return EnumPlan(p.names.types[typedef.name], docstring(doc, "    "), members)


def fault_plans(p: Planner) -> tuple[FaultPlan, ...]:
    """Each fault detail element once, in the order operations declare them."""
    seen: dict[QName, FaultPlan] = {}
    for service in p.model.services:
        for op in service.operations:
            for fault in op.faults:
                if fault.element in seen:
                    continue
                name = p.names.faults[fault.element]
                tag = literal(fault.element.clark)
                doc = docstring(fault.doc or f"The {fault.name} SOAP Fault.", "    ")
                codec = value_codec(p, fault.type)
                if codec is None:
                    seen[fault.element] = FaultPlan(name, tag, doc, reason=literal(fault.name))
                    continue
                write = None
                if codec.kind is not Kind.COMPLEX:
                    write = Emit(_fault_text(codec), int_guard(codec, "self.value", "value"))
                seen[fault.element] = FaultPlan(
                    name,
                    tag,
                    doc,
                    codec.annotation,
                    literal(fault.name),
                    codec.reader("_element"),
                    write,
                    codec.uses,
                )
    return tuple(seen.values())


def value_codec(p: Planner, name: QName | None) -> Codec | None:
    """How the `value` of a fault whose detail element is of the type `name` is typed: a
    complex type, or a simple one (a string, a number, an enumeration, a list); None for a
    detail of any content, which stays `detail` as XML."""
    if name is None:
        return None
    codec = p.codec(name)
    return codec if codec.kind in (Kind.COMPLEX, Kind.LEAF, Kind.ENUM, Kind.LIST) else None


def _fault_text(codec: Codec) -> str:
    """The call writing a simple-typed fault detail `self.value` as the element `_tag`."""
    if codec.family == "bool" and codec.item is None:
        true, false = (fstring("<", "_tag", "", "_attrs", f">{v}</", "_tag", ">") for v in BOOLS)
        return f"_xml.append({either('self.value', true, false)})"
    written = fstring("<", "_tag", "", "_attrs", ">", codec.inner("self.value"), "</", "_tag", ">")
    return f"_xml.append({written})"


def _summary(p: Planner, typedef: ComplexType) -> str:
    """What a class's docstring opens with: the XML type it is, what it extends, and its
    fields (required ones marked), the first few by name."""
    where = f" of {typedef.name.namespace}" if typedef.name.namespace else ""
    base = p.types.get(typedef.base) if typedef.base is not None else None
    extends = f", extending {p.names.types[base.name]}" if base is not None else ""
    shown = []
    for index, item in enumerate(typedef.fields[:SUMMARY_FIELDS]):
        name = p.names.fields[(typedef.name, index)]
        shown.append(f"{name} (required)" if item.constructor_required else name)
    more = len(typedef.fields) - len(shown)
    listed = ", ".join(shown) + (f" and {more} more" if more else "")
    fields = f": {listed}." if shown else ", with no fields."
    text = f"The XML type {typedef.name.name}{where}{extends}{fields}"
    return "\n".join(
        textwrap.wrap(text, SUMMARY_WIDTH, break_long_words=False, break_on_hyphens=False)
    )


class _ClassParts:
    """The pieces of one class's plan, gathered field by field."""

    def __init__(self) -> None:
        self.fields: list[FieldPlan] = []
        self.attributes: list[WriteField] = []
        self.content: list[WriteField] = []
        self.always = False
        self.values: list[tuple[str, str]] = []
        self.locals: list[Local] = []
        self.branches: list[Branch] = []
        self.checks: list[Check] = []
        self.nil_branches: list[Branch] = []
        self.wildcard = ""
        self.uses: set[str] = set()


def _class(p: Planner, typedef: ComplexType) -> ClassPlan:
    parts = _ClassParts()
    docs = [typedef.doc] if typedef.doc else []
    if typedef.array_of is not None and len(typedef.fields) == 1:
        # soapenc:arrayType="ns:T[n]": the count is known only when writing
        items = f"self.{p.names.fields[(typedef.name, 0)]}"
        start = ' soapenc:arrayType="' + p.qname_text(typedef.array_of) + "["
        written = Emit(f"_add({fstring(start, f'len({items})', ']' + chr(34))})")
        parts.attributes.append(WriteField(items[len("self.") :], items, REQUIRED, (written,)))
    for index, item in enumerate(typedef.fields):
        name = p.names.fields[(typedef.name, index)]
        if item.doc:
            docs.append(f"{name}: {item.doc}")
        _field(p, typedef, item, name, parts)
    base = p.types.get(typedef.base) if typedef.base is not None else None
    fields = parts.fields
    if isinstance(base, ComplexType):
        inherited = {f.key for f in base.fields}
        fields = [v for v, f in zip(fields, typedef.fields, strict=True) if f.key not in inherited]
    in_hierarchy = isinstance(base, ComplexType) or typedef.name in p.extended
    dispatched, groups = _dispatch(parts.branches)
    return ClassPlan(
        name=p.names.types[typedef.name],
        doc=docstring("\n\n".join([_summary(p, typedef), *docs]), "    "),
        fields=tuple(fields),
        attributes=tuple(parts.attributes),
        content=tuple(parts.content),
        always=parts.always,
        values=tuple(parts.values),
        locals=tuple(parts.locals),
        branches=tuple(parts.branches),
        wildcard=parts.wildcard,
        flat=len(parts.branches) > ELIF_LIMIT + 1 and not groups,
        checks=tuple(parts.checks),
        nil_branches=tuple(parts.nil_branches),
        arguments=tuple(f"{f.name}={f.name}" for f in parts.fields),
        base=p.names.types[base.name] if isinstance(base, ComplexType) else "",
        xsi_type=literal(p.qname_text(typedef.name)) if in_hierarchy else "",
        polymorphic=typedef.name in p.extended,
        uses=frozenset(parts.uses),
        unknown=bool(parts.branches) and not parts.wildcard,
        attribute_names=tuple(
            sorted({_attribute_key(f) for f in typedef.fields if f.is_attribute})
        ),
        children=tuple(b.tag for b in dispatched),
        groups=groups,
        state=(
            tuple(f"{literal(name)}: {name}" for name in _dataclass_order(p, typedef))
            if len(parts.fields) >= DISPATCH_FROM
            else ()
        ),
    )


def _dataclass_order(p: Planner, typedef: ComplexType) -> list[str]:
    """The names of a class's fields in the order `dataclasses.fields` gives them (and its
    constructor sets them): its base's, then those it adds."""
    names = {f.key: p.names.fields[(typedef.name, i)] for i, f in enumerate(typedef.fields)}
    order = _key_order(p, typedef)
    if len(names) != len(typedef.fields) or len(set(order)) != len(order):
        return [p.names.fields[(typedef.name, i)] for i in range(len(typedef.fields))]
    return [names[key] for key in order]


def _key_order(p: Planner, typedef: ComplexType) -> list[tuple[str, str, bool, bool]]:
    own = [f.key for f in typedef.fields]
    base = p.types.get(typedef.base) if typedef.base is not None else None
    if not isinstance(base, ComplexType):
        return own
    inherited = {f.key for f in base.fields}
    return _key_order(p, base) + [k for k in own if k not in inherited]


def _dispatch(branches: list[Branch]) -> tuple[list[Branch], tuple[BranchGroup, ...]]:
    """The branches a wide class's `_read` reaches by index, in groups of about sqrt(n);
    none where a test is more than a tag's comparison or the class is narrow. Of branches
    with one tag, the first is kept, as the chain would reach only it."""
    if len(branches) < DISPATCH_FROM or not all(b.tag for b in branches):
        return [], ()
    first: dict[str, Branch] = {}
    for b in branches:
        first.setdefault(b.tag, b)
    dispatched = list(first.values())
    size = math.isqrt(len(dispatched) - 1) + 1  # ceil(sqrt(n))
    groups = tuple(
        BranchGroup(
            f"_at < {start + size}",
            tuple(
                Branch(f"_at == {start + i}", b.local, b.reader, b.append, b.tag)
                for i, b in enumerate(dispatched[start : start + size])
            ),
        )
        for start in range(0, len(dispatched), size)
    )
    return dispatched, groups


def _each(item: Field) -> Each:
    return LIST if item.is_list else REQUIRED if item.never_none else OPTIONAL


def _field(p: Planner, typedef: ComplexType, item: Field, name: str, parts: _ClassParts) -> None:
    """One field's declaration, writing and reading."""
    codec = p.annotation(item)
    parts.uses |= codec.uses
    kind = "attribute" if item.is_attribute else "text" if item.is_text else "element"
    if item.name == ANY_ELEMENT and not item.is_attribute:
        kind = "any"
    if item.is_list:
        declared = (f"list[{codec.annotation}]", " = field(default_factory=list)")
    elif item.never_none:
        declared = (codec.annotation, "")
    else:
        declared = (f"{maybe(codec.annotation, item)}", " = None")
    wire = literal(item.name)
    parts.fields.append(FieldPlan(name, *declared, item.constructor_required, wire, kind))
    if item.substitutes:
        _substitutes(p, item, name, codec, parts)
    elif kind == "any":
        # xs:any: whatever element no other field claims, kept as it came
        emit = Emit("_add(_soap.element_text(_any))")
        parts.content.append(WriteField(name, "_any", LIST, (emit,)))
        parts.locals.append(Local(name, "list[etree._Element]", "[]"))
        parts.wildcard = name
    else:
        _value_field(p, typedef, item, name, codec, parts)


def _substitutes(p: Planner, item: Field, name: str, codec: Codec, parts: _ClassParts) -> None:
    """A field whose value's class says which element of a substitution group it is."""
    value = f"_{name}_item" if item.is_list else f"self.{name}"
    emits = tuple(
        Emit(
            f"{value}._write(_xml, {literal(p.tag_text(m.element))})",
            instance_of=p.codec(m.type).cls,
        )
        for m in item.substitutes
    )
    parts.content.append(WriteField(name, value, _each(item), emits))
    parts.locals.append(_local(name, codec.annotation, item.is_list))
    for member in item.substitutes:
        reader = p.codec(member.type).reader("_child")
        tag = literal(member.element.clark)
        parts.branches.append(Branch(f"_tag == {tag}", name, reader, item.is_list, tag))
    if item.constructor_required:
        parts.checks.append(Check(name, literal(item.name)))


def _value_field(
    p: Planner,
    typedef: ComplexType,
    item: Field,
    name: str,
    codec: Codec,
    parts: _ClassParts,
) -> None:
    """An attribute, the text, or elements of one type."""
    value = f"_{name}_item" if item.is_list else f"self.{name}"  # mypy types a loop's name once
    owner = f"{p.names.types[typedef.name]}.{name}"
    written = _write_field(p, item, name, value, codec, owner)
    wire = literal(item.name)
    if item.is_attribute:
        parts.attributes.append(written)
    else:
        parts.content.append(written)
        # what a required field holds is written; None where it is nillable: xsi:nil
        parts.always = parts.always or (
            item.optionality is Optionality.REQUIRED and not item.is_list
        )
    if item.is_text:
        reader = codec.reader("_element")
        if " or " in reader:  # an operand of the conditional
            reader = f"({reader})"
        parts.values.append((name, f"{reader} if _element.text else None"))
        if item.never_none:
            parts.checks.append(Check(name, literal("text")))
        return
    if item.is_attribute:
        key = _attribute_key(item)
        parts.values.append((name, f"_soap.attr(_element, {key}, {codec.reader_ref()})"))
        if item.never_none:
            parts.checks.append(Check(name, wire))
        return
    parts.locals.append(_local(name, codec.annotation, item.is_list, item))
    if item.nil_apart:
        nil_test = f"_child.tag == {literal(QName(item.namespace, item.name).clark)}"
        parts.nil_branches.append(Branch(nil_test, name, "_soap.NIL", False))
    reader = codec.reader("_child")
    if item.is_list and typedef.array_of is not None:
        # the items of an encoded array may have any name (item, the type's, ...)
        parts.branches.append(Branch("isinstance(_tag, str)", name, reader, True))
    else:
        tag = literal(QName(item.namespace, item.name).clark)
        parts.branches.append(Branch(f"_tag == {tag}", name, reader, item.is_list, tag))
    if item.constructor_required:
        parts.checks.append(Check(name, wire))


def _local(name: str, annotation: str, is_list: bool, item: Field | None = None) -> Local:
    if is_list:
        return Local(name, f"list[{annotation}]", "[]")
    return Local(name, maybe(annotation, item), "None")


def _write_field(
    p: Planner, item: Field, name: str, value: str, codec: Codec, owner: str
) -> WriteField:
    """How `_write` writes one field (`owner`: its class and name, for errors): an
    attribute, the text, or elements."""
    hint = p.qname_text(item.xsi_type) if item.xsi_type else ""
    guard = int_guard(codec, value, owner)
    each = _each(item)
    if item.is_text:
        return WriteField(name, value, each, (Emit(f"_add({codec.text(value)})", guard),))
    if item.is_attribute:
        written = p.tag_text(QName(item.namespace, item.name))  # qualified: with its prefix
        return WriteField(name, value, each, (Emit(attribute_call(codec, written, value), guard),))
    element = QName(item.namespace, item.name)
    tag = p.tag_text(element)
    if codec.kind is Kind.COMPLEX and codec.polymorphic:
        # a subclass's value says which type it is
        xsi = f"_soap.xsi_type({value}, {codec.cls}, {literal(hint)})"
        emit = Emit(f"{value}._write(_xml, {literal(tag)}, {xsi})")
    elif codec.kind is Kind.COMPLEX:
        extra = f", {literal(xsi_type(hint))}" if hint else ""
        emit = Emit(f"{value}._write(_xml, {literal(tag)}{extra})")
    else:
        emit = Emit(put(codec, "_xml", element.clark, tag, value, hint, in_write=True), guard)
    nil = nil_value = ""
    if each == OPTIONAL and item.nillable and item.optionality is Optionality.REQUIRED:
        # the element must be there: None goes on the wire as xsi:nil
        nil = literal(f"<{tag}{XSI_NIL}/>")
    if item.nil_apart:
        nil_value = literal(f"<{tag}{XSI_NIL}/>")
    return WriteField(name, value, each, (emit,), nil, nil_value)


def _attribute_key(item: Field) -> str:
    """The literal of an attribute's name as lxml gives it: Clark notation where qualified."""
    return literal(QName(item.namespace, item.name).clark if item.namespace else item.name)
