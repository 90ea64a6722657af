"""The Python API view of two versions: which generated methods, classes, fields and members
change, rated for code written against the old package that now imports the new one.

Both packages are planned (not rendered): the plan holds every name, annotation and default the
templates write.  Methods and dataclasses take keyword arguments only, so order never matters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, TypeVar

from ..model import Model
from ..plan import PackagePlan, plan_package
from ..plan.nodes import ClassPlan, ClientPlan, EnumPlan, MethodPlan
from .changes import Rating


class ApiKind(str, Enum):
    CLASS_ADDED = "class-added"
    CLASS_REMOVED = "class-removed"
    BASE_CHANGED = "base-changed"
    METHOD_ADDED = "method-added"
    METHOD_REMOVED = "method-removed"
    RETURN_CHANGED = "return-changed"
    ARGUMENT_ADDED = "argument-added"
    ARGUMENT_REMOVED = "argument-removed"
    ARGUMENT_REQUIRED = "argument-became-required"
    ARGUMENT_OPTIONAL = "argument-became-optional"
    ANNOTATION_CHANGED = "annotation-changed"
    MEMBER_ADDED = "member-added"
    MEMBER_REMOVED = "member-removed"


@dataclass(frozen=True)
class ApiChange:
    name: str  # as code names it: `OrdersClient.get_order`, `Order`, `Order(lines=)`
    kind: ApiKind
    old: str
    new: str
    rating: Rating
    message: str


_B, _M, _S = Rating.BREAKING, Rating.MAYBE, Rating.SAFE
_RATED: dict[ApiKind, tuple[Rating, str]] = {
    ApiKind.CLASS_ADDED: (_S, "new name"),
    ApiKind.CLASS_REMOVED: (_B, "code importing or naming it fails"),
    ApiKind.BASE_CHANGED: (_M, "isinstance checks and inherited fields differ"),
    ApiKind.METHOD_ADDED: (_S, "new method"),
    ApiKind.METHOD_REMOVED: (_B, "calls to it fail"),
    ApiKind.RETURN_CHANGED: (_M, "code reading the result may need changing; mypy tells"),
    ApiKind.ARGUMENT_ADDED: (_S, "optional: existing calls still work"),
    ApiKind.ARGUMENT_REMOVED: (_B, "calls passing it fail"),
    ApiKind.ARGUMENT_REQUIRED: (_B, "calls leaving it out fail"),
    ApiKind.ARGUMENT_OPTIONAL: (_S, "calls passing it still work"),
    ApiKind.ANNOTATION_CHANGED: (_M, "values of the old type may not fit; mypy tells"),
    ApiKind.MEMBER_ADDED: (_S, "new value"),
    ApiKind.MEMBER_REMOVED: (_B, "code naming it fails"),
}


def api_changes(old: Model, new: Model) -> list[ApiChange]:
    """Every change of the generated API from `old` to `new`: clients first, then models."""
    return _Api(plan_package(old), plan_package(new)).changes()


class _Api:
    def __init__(self, old: PackagePlan, new: PackagePlan) -> None:
        self.old, self.new = old, new
        self.found: list[ApiChange] = []

    def changes(self) -> list[ApiChange]:
        old, new = self.old, self.new
        for name, (was, now) in _matched(old.client.clients, new.client.clients):
            self.client(name, was, now)
        for name, (was_enum, now_enum) in _matched(old.models.enums, new.models.enums):
            self.enum(name, was_enum, now_enum)
        for name, (was_class, now_class) in _matched(old.models.classes, new.models.classes):
            self.dataclass(name, was_class, now_class)
        for name, (was_fault, now_fault) in _matched(old.models.faults, new.models.faults):
            if was_fault is None or now_fault is None:
                self.add(name, ApiKind.CLASS_ADDED if was_fault is None else ApiKind.CLASS_REMOVED)
        return self.found

    def add(self, name: str, kind: ApiKind, old: str = "", new: str = "") -> None:
        rating, why = _RATED[kind]
        if kind is ApiKind.ARGUMENT_ADDED and not new.endswith("(optional)"):
            rating, why = _B, "required: existing calls fail"
        self.found.append(ApiChange(name, kind, old, new, rating, why))

    def client(self, name: str, old: ClientPlan | None, new: ClientPlan | None) -> None:
        if old is None or new is None:
            self.add(name, ApiKind.CLASS_ADDED if old is None else ApiKind.CLASS_REMOVED)
            return
        for method, (was, now) in _matched(old.methods, new.methods):
            self.method(f"{name}.{method}", was, now)

    def method(self, name: str, old: MethodPlan | None, new: MethodPlan | None) -> None:
        if old is None or new is None:
            self.add(name, ApiKind.METHOD_ADDED if old is None else ApiKind.METHOD_REMOVED)
            return
        self.arguments(
            f"{name}()",
            {p.name: (p.annotation, p.default) for p in old.params},
            {p.name: (p.annotation, p.default) for p in new.params},
        )
        if old.returns != new.returns:
            self.add(f"{name}()", ApiKind.RETURN_CHANGED, old.returns, new.returns)

    def enum(self, name: str, old: EnumPlan | None, new: EnumPlan | None) -> None:
        if old is None or new is None:
            self.add(name, ApiKind.CLASS_ADDED if old is None else ApiKind.CLASS_REMOVED)
            return
        for member, (was, now) in _pairs(dict(old.members), dict(new.members)):
            if was is None:
                self.add(f"{name}.{member}", ApiKind.MEMBER_ADDED, "", now or "")
            elif now is None:
                self.add(f"{name}.{member}", ApiKind.MEMBER_REMOVED, was, "")

    def dataclass(self, name: str, old: ClassPlan | None, new: ClassPlan | None) -> None:
        if old is None or new is None:
            self.add(name, ApiKind.CLASS_ADDED if old is None else ApiKind.CLASS_REMOVED)
            return
        if old.base != new.base:
            self.add(name, ApiKind.BASE_CHANGED, old.base, new.base)
        self.arguments(
            f"{name}()",
            {f.name: (f.annotation, f.default) for f in old.fields},
            {f.name: (f.annotation, f.default) for f in new.fields},
        )

    def arguments(
        self,
        owner: str,
        old: dict[str, tuple[str, str]],
        new: dict[str, tuple[str, str]],
    ) -> None:
        """Keyword arguments (of a method or a dataclass), matched by name."""
        for name, (was, now) in _pairs(old, new):
            where = f"{owner[:-1]}{name}=)"
            if was is None and now is not None:
                self.add(where, ApiKind.ARGUMENT_ADDED, "", _argument(now))
            elif now is None and was is not None:
                self.add(where, ApiKind.ARGUMENT_REMOVED, _argument(was), "")
            elif was is not None and now is not None:
                if was[0] != now[0]:
                    self.add(where, ApiKind.ANNOTATION_CHANGED, was[0], now[0])
                if bool(was[1]) != bool(now[1]):
                    kind = ApiKind.ARGUMENT_OPTIONAL if now[1] else ApiKind.ARGUMENT_REQUIRED
                    self.add(where, kind, _argument(was), _argument(now))


def _argument(signature: tuple[str, str]) -> str:
    annotation, default = signature
    return f"{annotation} (optional)" if default else annotation


class _Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)
T = TypeVar("T")


def _matched(old: Iterable[N], new: Iterable[N]) -> list[tuple[str, tuple[N | None, N | None]]]:
    """Definitions of both sides matched by name."""
    return _pairs({item.name: item for item in old}, {item.name: item for item in new})


def _pairs(old: dict[str, T], new: dict[str, T]) -> list[tuple[str, tuple[T | None, T | None]]]:
    """Names of both sides, the new side's order first, then what only the old side has."""
    names = list(new) + [n for n in old if n not in new]
    return [(n, (old.get(n), new.get(n))) for n in names]
