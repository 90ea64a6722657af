"""Model objects for unit tests of passes and renderers, built from what a test cares about.

Every builder fills what the test does not state with a plain default: the namespace `NS`,
the place `SRC`, a SOAP 1.1 binding without address, an operation whose messages are elements
of the same name typed by themselves.  A type given as a string names a type of `NS`; builtins
are given as `xs("int")`.  Anything else a model class takes is passed through by keyword:

    model(
        types=(complex_type("Op", field("a", xs("int"), optionality=REQUIRED)),),
        services=(service(operation("Op")),),
    )
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.config import SpecSettings
from generator.model import (
    Binding,
    ComplexType,
    EnumType,
    Field,
    Message,
    Model,
    Operation,
    Optionality,
    QName,
    Service,
    Shape,
    SimpleType,
    SoapVersion,
    Source,
    Substitute,
    SubstitutionGroup,
    TypeDef,
    xs,
)

NS = "urn:a"
SRC = Source("t/page.txt", 1)
SETTINGS = SpecSettings(folder=Path("t"), package="t", distribution="t")
REQUIRED = Optionality.REQUIRED
OPTIONAL = Optionality.OPTIONAL
STRING = xs("string")

Name = QName | str


def qname(name: Name) -> QName:
    """`name` itself, or the name of that local part in `NS`."""
    return name if isinstance(name, QName) else QName(NS, name)


def settings(**changes: Any) -> SpecSettings:
    """The settings of a spec folder `t` without spec.toml, but for `changes`."""
    return replace(SETTINGS, **changes)


def field(name: str, type_: Name = STRING, **options: Any) -> Field:
    """An element of `NS` named `name`, of a string unless `type_` says otherwise."""
    options.setdefault("namespace", NS)
    options.setdefault("source", SRC)
    return Field(name=name, type=qname(type_), **options)


def complex_type(name: Name, *fields: Field, **options: Any) -> ComplexType:
    options.setdefault("source", SRC)
    return ComplexType(name=qname(name), fields=fields, **options)


def enum_type(name: Name, *values: str, **options: Any) -> EnumType:
    options.setdefault("source", SRC)
    return EnumType(name=qname(name), values=values, **options)


def simple_type(name: Name, base: Name = STRING, **options: Any) -> SimpleType:
    options.setdefault("source", SRC)
    return SimpleType(name=qname(name), base=qname(base), **options)


def shape(name: Name, **options: Any) -> Shape:
    """What a page reader records of a type it met: on the element `name` (of `NS`), or under
    the name `name` where `named=True` is given."""
    return Shape(name=qname(name), **options)


def message(element: Name, type_: Name | None = None) -> Message:
    """A message of the global element `element`, typed by `type_` (by default the type of the
    element's own name, as readers name an element's anonymous type)."""
    return Message(qname(element), qname(element if type_ is None else type_), SRC)


def operation(
    name: str,
    request: Name | Message | None = None,
    response: Name | Message | None = None,
    **options: Any,
) -> Operation:
    """A one-way operation `name` whose request is the element `name` (or `request`);
    `response` gives it an answer."""
    options.setdefault("soap_action", "")
    options.setdefault("source", SRC)
    given = _message(request or name)
    assert given is not None
    return Operation(name=name, input=given, output=_message(response), **options)


def _message(given: Name | Message | None) -> Message | None:
    if given is None or isinstance(given, Message):
        return given
    return message(given)


def binding(
    version: SoapVersion = SoapVersion.SOAP11, address: str = "", name: str = ""
) -> Binding:
    """A binding of `version` at `address`, named after its version unless `name` is given."""
    default = "S" if version is SoapVersion.SOAP11 else "S12"
    return Binding(name or default, version, address)


def service(*operations: Operation, **options: Any) -> Service:
    """A service `S` of `NS` with one SOAP 1.1 binding, unless `bindings` is given."""
    options.setdefault("name", "S")
    options.setdefault("namespace", NS)
    options.setdefault("bindings", (binding(),))
    options.setdefault("source", SRC)
    return Service(operations=operations, **options)


def model(
    types: tuple[TypeDef, ...] = (), services: tuple[Service, ...] = (), **options: Any
) -> Model:
    """The model of a spec folder `t` read from pages, unless `origin` says otherwise."""
    options.setdefault("name", "t")
    return Model(services=services, types=types, **options)


def substitution_group(
    head: Name, head_type: Name, *members: tuple[Name, Name], abstract: bool = True
) -> SubstitutionGroup:
    """The group of the element `head` (of `head_type`) as a reader records it; each member is
    an (element, type) pair."""
    return SubstitutionGroup(
        Substitute(qname(head), qname(head_type)),
        abstract,
        tuple(Substitute(qname(e), qname(t)) for e, t in members),
        SRC,
    )
