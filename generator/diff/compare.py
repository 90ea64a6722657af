"""Compare two models of one service on the wire: operations, then each message from its
element down, each type once per operation and side.

Operations are matched by name, else by request element and SOAPAction (a rename); fields by
local name, kind and (mapped) namespace; types by where they sit, not by their names, so that
a renamed type or a re-prefixed namespace means nothing, while a namespace that changes under a
message is reported once, where it changes, and mapped below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import (
    XSD,
    ComplexType,
    EnumType,
    Field,
    Message,
    Model,
    Operation,
    Optionality,
    Origin,
    QName,
    Service,
    TypeDef,
)
from .changes import Change, Kind, Side, change
from .values import Relation, domain, relation

_Pair = tuple[QName, QName, Side]


def compare(old: Model, new: Model) -> list[Change]:
    """Every change from `old` to `new`, operation by operation, in the new version's order."""
    walk = _Walk(old, new)
    walk.services()
    return [
        replace(c, also=tuple(walk.reached[key][1:])) if key is not None else c
        for c, key in zip(walk.found, walk.origins, strict=True)
    ]


@dataclass
class _Walk:
    old: Model
    new: Model
    found: list[Change] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.old_types = self.old.type_map()
        self.new_types = self.new.type_map()
        self.evidence = Origin.PAGES in (self.old.origin, self.new.origin)
        self.namespaces: dict[str, str] = {}  # old namespace -> new, learnt from elements
        self.operation = ""
        # a pair of types compared (old, new, side) -> the operations reaching it, first first:
        # each pair is walked once, its changes reported under the first operation
        self.reached: dict[_Pair, list[str]] = {}
        self.services_seen: set[tuple[str, str]] = set()
        self.within: list[_Pair] = []  # the pairs being walked, innermost last
        self.old_subtypes = self.old.subtype_map()
        self.new_subtypes = self.new.subtype_map()
        self.inside: dict[_Pair, set[_Pair]] = {}  # the pairs each pair holds
        self.origins: list[_Pair | None] = []  # of each change found, its pair

    def note(self, side: Side, path: str, kind: Kind, old: str = "", new: str = "") -> None:
        self.found.append(change(self.operation, side, path, kind, old, new, self.evidence))
        self.origins.append(self.within[-1] if self.within else None)

    # -- operations ------------------------------------------------------------------------

    def services(self) -> None:
        old_ops = _operations(self.old.services)
        new_ops = _operations(self.new.services)
        for name, (service, op) in new_ops.items():
            self.operation = name
            match = old_ops.get(name)
            if match is None:
                match = _renamed(op, old_ops, new_ops)
                if match is not None:
                    self.note(Side.OPERATION, "", Kind.OPERATION_RENAMED, match[1].name, op.name)
            if match is None:
                self.note(Side.OPERATION, "", Kind.OPERATION_ADDED, "", op.name)
                continue
            self.compare_operation(match[0], match[1], service, op)
        matched = {m[1].name for n, m in old_ops.items() if n in new_ops}
        renamed = {c.old for c in self.found if c.kind is Kind.OPERATION_RENAMED}
        for name, (_, op) in old_ops.items():
            if op.name not in matched and op.name not in renamed:
                self.operation = name
                self.note(Side.OPERATION, "", Kind.OPERATION_REMOVED, op.name, "")

    def compare_operation(
        self, old_service: Service, old: Operation, service: Service, new: Operation
    ) -> None:
        if old.soap_action != new.soap_action:
            self.note(Side.OPERATION, "", Kind.ACTION_CHANGED, old.soap_action, new.soap_action)
        if (old_service.name, service.name) not in self.services_seen:
            self.services_seen.add((old_service.name, service.name))
            self.service(old_service, service)
        if old.doc.strip() != new.doc.strip():
            self.note(Side.OPERATION, "", Kind.DOC_CHANGED, old.doc, new.doc)
        self.message(Side.REQUEST, old.input, new.input)
        if old.output is not None and new.output is not None:
            self.message(Side.RESPONSE, old.output, new.output)
        self.headers(Side.REQUEST, old.headers, new.headers)
        self.headers(Side.RESPONSE, old.output_headers, new.output_headers)
        self.faults(old, new)

    def also(self, key: _Pair) -> None:
        """The operation reaches a pair walked already, and every pair within it."""
        todo = [key]
        while todo:
            pair = todo.pop()
            if self.operation not in self.reached[pair]:
                self.reached[pair].append(self.operation)
                todo.extend(self.inside.get(pair, ()))

    def service(self, old: Service, new: Service) -> None:
        """What changes for every operation of a service: once, under the service's name."""
        operation, self.operation = self.operation, ""
        for version in old.soap_versions:
            if version not in new.soap_versions:
                self.note(Side.OPERATION, new.name, Kind.VERSION_REMOVED, version.value, "")
        for version in new.soap_versions:
            if version not in old.soap_versions:
                self.note(Side.OPERATION, new.name, Kind.VERSION_ADDED, "", version.value)
        if old.address != new.address and old.address and new.address:
            self.note(Side.OPERATION, new.name, Kind.ADDRESS_CHANGED, old.address, new.address)
        # WSDL ports by name, where their SOAP version stays (else the version's change says
        # it); pages name no port of their own, so a side of pages says nothing
        olds = {b.name: b for b in old.bindings if b.binding}
        news = {b.name: b for b in new.bindings if b.binding}
        if not olds or not news:
            olds = news = {}
        for name, port in olds.items():
            if name not in news and port.version in new.soap_versions:
                self.note(Side.OPERATION, f"{new.name}/{name}", Kind.PORT_REMOVED, name, "")
        for name, port in news.items():
            if name not in olds and port.version in old.soap_versions:
                self.note(Side.OPERATION, f"{new.name}/{name}", Kind.PORT_ADDED, "", name)
        self.operation = operation

    def message(self, side: Side, old: Message, new: Message) -> None:
        path = new.element.name
        if old.element != new.element:
            self.note(side, path, Kind.ELEMENT_CHANGED, old.element.clark, new.element.clark)
            if old.element.name != new.element.name:
                return  # another element: what it holds is not comparable
            self.namespaces.setdefault(old.element.namespace, new.element.namespace)
        self.types(side, path, old.type, new.type)

    def headers(self, side: Side, old: tuple[Message, ...], new: tuple[Message, ...]) -> None:
        olds = {self.mapped(m.element): m for m in old}
        news = {m.element: m for m in new}
        for element, message in news.items():
            if element not in olds:
                self.note(side, f"Header/{element.name}", Kind.HEADER_ADDED, "", element.clark)
            else:
                self.types(side, f"Header/{element.name}", olds[element].type, message.type)
        for element in [e for e in olds if e not in news]:
            self.note(side, f"Header/{element.name}", Kind.HEADER_REMOVED, element.clark, "")

    def faults(self, old: Operation, new: Operation) -> None:
        olds = {self.mapped(f.element): f for f in old.faults}
        news = {f.element: f for f in new.faults}
        for element, fault in news.items():
            if element not in olds:
                self.note(Side.RESPONSE, f"Fault/{fault.name}", Kind.FAULT_ADDED, "", fault.name)
        for element in [e for e in olds if e not in news]:
            name = olds[element].name
            self.note(Side.RESPONSE, f"Fault/{name}", Kind.FAULT_REMOVED, name, "")

    def mapped(self, name: QName) -> QName:
        return QName(self.namespaces.get(name.namespace, name.namespace), name.name)

    # -- types -----------------------------------------------------------------------------

    def types(
        self, side: Side, path: str, old: QName, new: QName, inherited: tuple[int, int] = (0, 0)
    ) -> None:
        """Compare two types; `inherited`: how many of their fields (first in `fields`) their
        bases have, compared already where the walk came from (a subtype's base)."""
        key = (old, new, side)
        if self.within:
            self.inside.setdefault(self.within[-1], set()).add(key)
        if key in self.reached:  # walked already (recursion, or another operation)
            self.also(key)
            return
        self.reached[key] = [self.operation]
        old_def, new_def = self.old_types.get(old), self.new_types.get(new)
        if isinstance(old_def, ComplexType) and isinstance(new_def, ComplexType):
            self.within.append(key)
            self.complex(side, path, old_def, new_def, inherited)
            self.within.pop()
        elif isinstance(old_def, ComplexType) or isinstance(new_def, ComplexType):
            self.note(side, path, Kind.TYPE_CHANGED, _shown(old), _shown(new))
        else:
            self.simple(side, path, old, new, old_def, new_def)

    def simple(
        self,
        side: Side,
        path: str,
        old: QName,
        new: QName,
        old_def: TypeDef | None,
        new_def: TypeDef | None,
    ) -> None:
        if isinstance(old_def, EnumType) and isinstance(new_def, EnumType):
            for value in new_def.values:
                if value not in old_def.values:
                    self.note(side, path, Kind.ENUM_ADDED, "", value)
            for value in old_def.values:
                if value not in new_def.values:
                    self.note(side, path, Kind.ENUM_REMOVED, value, "")
            return
        if isinstance(new_def, EnumType) and not isinstance(old_def, EnumType):
            self.note(side, path, Kind.TYPE_NARROWED, _shown(old), _shown(new))
            return
        if isinstance(old_def, EnumType):
            self.note(side, path, Kind.TYPE_WIDENED, _shown(old), _shown(new))
            return
        found = relation(domain(old, self.old_types), domain(new, self.new_types))
        kinds = {
            Relation.WIDER: Kind.TYPE_WIDENED,
            Relation.NARROWER: Kind.TYPE_NARROWED,
            Relation.OTHER: Kind.TYPE_CHANGED,
        }
        if found in kinds:
            self.note(side, path, kinds[found], _shown(old), _shown(new))

    def complex(
        self,
        side: Side,
        path: str,
        old: ComplexType,
        new: ComplexType,
        inherited: tuple[int, int] = (0, 0),
    ) -> None:
        olds = {self.field_key(f, mapped=True): f for f in old.fields[inherited[0] :]}
        news = {self.field_key(f): f for f in new.fields[inherited[1] :]}
        for key, item in news.items():
            here = f"{path}/{_label(item)}"
            before = olds.get(key)
            if before is None:
                required = _required(item)
                added = Kind.FIELD_ADDED_REQUIRED if required else Kind.FIELD_ADDED_OPTIONAL
                self.note(side, here, added, "", _describe(item))
            else:
                self.field(side, here, before, item)
        for key in [k for k in olds if k not in news]:
            item = olds[key]
            required = _required(item)
            kind = Kind.FIELD_REMOVED_REQUIRED if required else Kind.FIELD_REMOVED_OPTIONAL
            self.note(side, f"{path}/{_label(item)}", kind, _describe(item), "")
        common = [k for k in news if k in olds and not k[2]]
        if common != [k for k in olds if k in news and not k[2]]:
            self.note(side, path, Kind.ORDER_CHANGED, _order(olds, common), _order(news, common))
        self.subtypes(side, path, old, new)
        if old.doc.strip() != new.doc.strip() and old.doc and new.doc:
            self.note(side, path, Kind.DOC_CHANGED, old.doc, new.doc)

    def field(self, side: Side, path: str, old: Field, new: Field) -> None:
        if _required(old) != _required(new):
            kind = Kind.BECAME_REQUIRED if _required(new) else Kind.BECAME_OPTIONAL
            self.note(side, path, kind, old.optionality.value, new.optionality.value)
        if old.is_list != new.is_list:
            kind = Kind.BECAME_LIST if new.is_list else Kind.BECAME_SINGLE
            self.note(side, path, kind)
        if old.fixed != new.fixed:
            self.note(side, path, Kind.FIXED_CHANGED, old.fixed, new.fixed)
        if old.nillable != new.nillable:
            kind = Kind.BECAME_NILLABLE if new.nillable else Kind.BECAME_NOT_NILLABLE
            self.note(side, path, kind)
        if old.substitutes or new.substitutes:
            olds = {self.mapped(s.element) for s in old.substitutes}
            news = {s.element for s in new.substitutes}
            for element in sorted(news - olds):
                self.note(side, path, Kind.SUBTYPE_ADDED, "", element.clark)
            for element in sorted(olds - news):
                self.note(side, path, Kind.SUBTYPE_REMOVED, element.clark, "")
        self.types(side, path, old.type, new.type)

    def subtypes(self, side: Side, path: str, old: ComplexType, new: ComplexType) -> None:
        olds = {self.mapped(name): name for name in self.old_subtypes.get(old.name, [])}
        news = self.new_subtypes.get(new.name, [])
        for name in sorted(set(news) - set(olds)):
            self.note(side, path, Kind.SUBTYPE_ADDED, "", name.clark)
        for name in sorted(set(olds) - set(news)):
            self.note(side, path, Kind.SUBTYPE_REMOVED, name.clark, "")
        # an instance of a subtype travels where its base is declared (xsi:type): what changes
        # in a subtype both versions have changes that message too; the fields it inherits
        # (first in its fields) are the base's, compared here already
        inherited = (len(old.fields), len(new.fields))
        for name in news:
            if name in olds:
                self.types(side, f"{path}[xsi:type={name.name}]", olds[name], name, inherited)

    def field_key(self, item: Field, mapped: bool = False) -> tuple[str, str, bool, bool]:
        namespace = (
            self.namespaces.get(item.namespace, item.namespace) if mapped else item.namespace
        )
        return (item.name, namespace, item.is_attribute, item.is_text)


def _operations(services: tuple[Service, ...]) -> dict[str, tuple[Service, Operation]]:
    """Operations by name; by service and name where two services share one."""
    counts: dict[str, int] = {}
    for service in services:
        for op in service.operations:
            counts[op.name] = counts.get(op.name, 0) + 1
    found = {}
    for service in services:
        for op in service.operations:
            key = op.name if counts[op.name] == 1 else f"{service.name}.{op.name}"
            found[key] = (service, op)
    return found


def _renamed(
    op: Operation,
    old_ops: dict[str, tuple[Service, Operation]],
    new_ops: dict[str, tuple[Service, Operation]],
) -> tuple[Service, Operation] | None:
    """The old operation with this one's request element and SOAPAction, no longer present."""
    for name, (service, candidate) in old_ops.items():
        if name in new_ops:
            continue
        same_action = candidate.soap_action == op.soap_action
        if candidate.input.element == op.input.element and same_action:
            return service, candidate
    return None


def _required(item: Field) -> bool:
    """Whether the element (or attribute) is always there, nil or not."""
    return item.optionality is Optionality.REQUIRED and not item.is_list


def _label(item: Field) -> str:
    if item.is_text:
        return "text()"
    return f"@{item.name}" if item.is_attribute else item.name


def _describe(item: Field) -> str:
    cardinality = "[]" if item.is_list else ("" if _required(item) else "?")
    return f"{_shown(item.type)}{cardinality}"


def _shown(name: QName) -> str:
    return f"xs:{name.name}" if name.namespace == XSD else name.name


def _order(
    fields: dict[tuple[str, str, bool, bool], Field], keys: list[tuple[str, str, bool, bool]]
) -> str:
    return " ".join(f.name for k, f in fields.items() if k in keys)
