"""Python names for everything in a model, computed in one place.

XML names are kept exact on the wire; Python names must be valid, distinct, stable and
never able to shadow what generated code itself uses.  Rules:

* classes are PascalCase, attributes and methods snake_case, enum members UPPER_SNAKE;
* unicode letters are kept (NFKC-normalised, as Python itself normalises identifiers);
  anything else becomes `_`, a leading digit gets a prefix;
* keywords and names generated code relies on get a trailing `_`;
* clashes inside one scope are numbered in model order: `name`, `name_2`, `name_3`.
"""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata
from dataclasses import dataclass

from .model import ComplexType, EnumType, Model, QName
from .python_imports import IMPORTABLE

# Names generated modules use at module or class level: a type or field may not shadow them.
# What they import comes from the one table of imports; the rest they define or use as is.
RESERVED_MODULE = frozenset(IMPORTABLE) | frozenset(
    {
        # defined at module level, or exported by the package's __init__
        "NSMAP",
        "XSI_TYPES",
        "make_wsgi_app",
        "models",
        "ParseError",
        "SoapError",
        "SoapFault",
        "TransportError",
        "ConnectionFailed",
        "DeadlineExceeded",
        "UnexpectedContent",
        "WriteError",
        "NIL",
        "Nil",
        "ZonedDate",
        "unknown_content",
        # builtins and names the annotations and methods write
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "list",
        "dict",
        "tuple",
        "object",
        "type",
        "None",
        "self",
        "cls",
    }
)
RESERVED_FIELD = frozenset(
    {
        "self",
        "cls",
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "list",
        "dict",
        "datetime",
        "date",
        "time",
        "etree",
        "field",
        "dataclass",
        "Decimal",
        "UUID",
        "Enum",
        "_soap",
        "to_element",
        "from_element",
        "write",
        "read",
    }
)
RESERVED_METHOD = frozenset(
    {
        "close", "aclose", "address", "http", "soap_version", "limits", "self", "cls", "nsmap",
        "headers", "hooks",
        # the mock handler's own methods
        "sample_requests", "sample_faults", "unsampled",
        # annotations in a client class resolve against its methods: never shadow a type
        "str", "int", "float", "bool", "bytes", "list", "dict", "tuple", "type", "object",
        "datetime", "date", "time", "etree", "httpx", "Decimal", "UUID",
    }
)  # fmt: skip
_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch if ("a" + ch).isidentifier() else "_" for ch in name)


def snake(name: str) -> str:
    text = _WORD_BREAK.sub("_", _clean(name)).lower()
    text = re.sub(r"_+", "_", text).strip("_")
    if not text:
        text = "value"
    if not text.isidentifier():  # a leading digit or combining mark
        text = "n_" + text
    return text


def pascal(name: str) -> str:
    parts = [p for p in re.split(r"_+", _clean(name)) if p]
    text = "".join(p[:1].upper() + p[1:] for p in parts) or "Type"
    if not text.isidentifier():  # a leading digit or combining mark
        text = "T" + text
    return text


def upper(name: str) -> str:
    text = snake(name).upper()
    return text


def _safe(name: str, reserved: frozenset[str]) -> str:
    if keyword.iskeyword(name) or keyword.iskeyword(name.lower()) or name in reserved:
        return name + "_"
    if name.startswith("__") and name.endswith("__"):
        return name.strip("_") + "_"
    return name


class Scope:
    """Hands out distinct names in one namespace, in the order they are asked for."""

    def __init__(self, reserved: frozenset[str] = frozenset()) -> None:
        self.reserved = reserved
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        base = _safe(wanted, self.reserved)
        name, counter = base, 2
        while name in self.used:
            name = f"{base}_{counter}"
            counter += 1
        self.used.add(name)
        return name


@dataclass(frozen=True)
class Names:
    types: dict[QName, str]
    fields: dict[tuple[QName, int], str]
    members: dict[tuple[QName, int], str]
    faults: dict[QName, str]
    clients: dict[str, str]
    methods: dict[tuple[str, str], str]
    handlers: dict[str, str]  # service -> its Handler base class in server.py
    mocks: dict[str, str]  # service -> its mock handler class
    # (service, operation) -> the class of its answer, where headers come back with the result
    answers: dict[tuple[str, str], str]


def assign(model: Model, only: Model | None = None) -> Names:
    """The Python names of `model`; with `only` (part of `model`), the names of the fields and
    members of its types alone: each type's are its own (but for its bases'), so they are
    what naming the whole would give them."""
    module = Scope(RESERVED_MODULE)
    clients: dict[str, str] = {}
    single = len(model.services) == 1
    handlers: dict[str, str] = {}
    mocks: dict[str, str] = {}
    for service in model.services:
        prefix = "" if single else pascal(service.name)
        clients[service.name] = module.take(prefix + "Client")
        module.take("Async" + clients[service.name])
        handlers[service.name] = module.take(prefix + "Handler")
        mocks[service.name] = module.take(prefix + "MockHandler")
    types: dict[QName, str] = {}
    fields: dict[tuple[QName, int], str] = {}
    members: dict[tuple[QName, int], str] = {}
    for typedef in model.types:
        types[typedef.name] = module.take(pascal(typedef.name.name))
    faults: dict[QName, str] = {}
    for service in model.services:
        for op in service.operations:
            for fault in op.faults:
                if fault.element not in faults:
                    wanted = pascal(fault.name)
                    if wanted in module.used:  # the detail's own type has the name
                        wanted += "Error"
                    faults[fault.element] = module.take(wanted)
    answers: dict[tuple[str, str], str] = {}
    for service in model.services:
        for op in service.operations:
            if op.answers_more:
                answers[(service.name, op.name)] = module.take(pascal(op.name) + "Answer")
    complex_types = {t.name: t for t in model.types if isinstance(t, ComplexType)}
    # the fields of a body of several parts are named after the parts, as zeep names them
    part_names = {
        message.type: message.parts
        for service in model.services
        for op in service.operations
        for message in op.messages
        if message.parts
    }
    field_names: dict[QName, dict[tuple[str, str, bool, bool], str]] = {}
    # scripts without case give a field its type's name: never let it shadow a class
    field_reserved = RESERVED_FIELD | frozenset(types.values())

    def name_fields(typedef: ComplexType) -> dict[tuple[str, str, bool, bool], str]:
        """A subclass keeps the names of the fields it inherits; its own come after."""
        if typedef.name in field_names:
            return field_names[typedef.name]
        parent = complex_types.get(typedef.base) if typedef.base is not None else None
        inherited = name_fields(parent) if parent is not None else {}
        scope = Scope(field_reserved)
        scope.used.update(inherited.values())
        by_key: dict[tuple[str, str, bool, bool], str] = {}
        parts = part_names.get(typedef.name, ())
        for index, item in enumerate(typedef.fields):
            wanted = parts[index] if index < len(parts) else item.name
            name = inherited.get(item.key) or scope.take(snake(wanted))
            by_key[item.key] = fields[(typedef.name, index)] = name
        field_names[typedef.name] = by_key
        return by_key

    for typedef in (only or model).types:
        if isinstance(typedef, ComplexType):
            name_fields(typedef)
        elif isinstance(typedef, EnumType):
            scope = Scope(frozenset({"NAME", "VALUE"}))
            for index, value in enumerate(typedef.values):
                members[(typedef.name, index)] = scope.take(upper(value) or "EMPTY")
    methods: dict[tuple[str, str], str] = {}
    for service in model.services:
        scope = Scope(RESERVED_METHOD)
        for op in service.operations:
            methods[(service.name, op.name)] = scope.take(snake(op.name))
    return Names(types, fields, members, faults, clients, methods, handlers, mocks, answers)


def namespace_prefixes(namespaces: set[str]) -> dict[str, str]:
    """A prefix for each namespace, derived from the namespace alone (`ns` and the first hex
    digits of its SHA-256), so that adding a namespace never renames the others' prefixes;
    two namespaces that share their first four digits both take as many more as tells them
    apart."""
    digests = {ns: hashlib.sha256(ns.encode("utf-8")).hexdigest() for ns in namespaces}
    prefixes = {}
    for ns, digest in digests.items():
        length = PREFIX_DIGITS
        while any(o != ns and d[:length] == digest[:length] for o, d in digests.items()):
            length += 1
        prefixes[ns] = f"ns{digest[:length]}"
    return dict(sorted(prefixes.items()))


PREFIX_DIGITS = 4
