"""The plan of a package: every decision about the generated code, made once, as data.

Names, annotations, defaults, literals and expressions are settled here; the templates lay
out the statements around them.  A node lists in `uses` the names its code refers to
(model classes, annotation types), so a module imports exactly what its nodes use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .expressions import Guard


class Each(str, Enum):
    """How `_write` visits a field's value."""

    REQUIRED = "required"  # it is always there
    OPTIONAL = "optional"  # when it is not None
    LIST = "list"  # item by item


REQUIRED, OPTIONAL, LIST = Each.REQUIRED, Each.OPTIONAL, Each.LIST


class Reply(str, Enum):
    """How a server route writes what the handler returns."""

    NONE = "none"  # nothing: a one-way operation
    WRITE = "write"  # the returned value writes itself
    VALUE = "value"  # a value written as the response element
    WRAP = "wrap"  # the value is the only field of the response class
    EMPTY = "empty"  # the response class has no fields
    PARTS = "parts"  # the fields of the returned value are the body's parts, each written


# a client method's parameter of undeclared headers: no parameter from a schema takes it
SOAP_HEADERS = "soap_headers"


@dataclass(frozen=True)
class Emit:
    """A call that writes a value, after its range check, under `isinstance(value,
    instance_of)` where a field's substitutes are told apart by class."""

    call: str
    guard: Guard | None = None
    instance_of: str = ""


@dataclass(frozen=True)
class WriteField:
    """How `_write` writes one field: `each` value (named `value`) is written by one of
    `emits`; `nil`, where given, is the literal written for a nillable element's None."""

    attribute: str  # the field's Python name
    value: str  # "self.<attribute>", or the loop variable
    each: Each
    emits: tuple[Emit, ...]
    nil: str = ""
    nil_value: str = ""  # the literal written for NIL, where NIL and None differ


@dataclass(frozen=True)
class Local:
    """A local of `_read` that collects a field's value: `name: annotation = initial`."""

    name: str
    annotation: str
    initial: str  # "None" or "[]"


@dataclass(frozen=True)
class Branch:
    """`_read` meets a child element of which `test` holds: it reads it into `local`."""

    test: str
    local: str
    reader: str
    append: bool  # a list: the value is appended
    tag: str = ""  # the literal of the one tag `test` compares with, if that is all it does


@dataclass(frozen=True)
class BranchGroup:
    """Branches of a wide class, reached by the child's index in the class's `_CHILDREN`:
    those with an index below the group's bound and not below the previous group's."""

    test: str  # `_at < bound`
    branches: tuple[Branch, ...]  # tests `_at == index`


@dataclass(frozen=True)
class Check:
    """A required value `_read` did not find: the error names `what` (a literal)."""

    local: str
    what: str


@dataclass(frozen=True)
class FieldPlan:
    name: str
    annotation: str
    default: str  # " = ..." as written after the annotation; "" for a required field
    required: bool  # the constructor requires it
    wire: str  # the XML name, as its literal
    kind: str  # "element", "attribute", "text" or "any"


@dataclass(frozen=True)
class ClassPlan:
    name: str
    doc: str
    fields: tuple[FieldPlan, ...]  # its own: a subclass inherits its base's
    # _write
    attributes: tuple[WriteField, ...]  # written into the start tag
    content: tuple[WriteField, ...]
    always: bool  # some content is written whatever the values: no `<tag/>` check
    # _read
    values: tuple[tuple[str, str], ...]  # local = expression, from the element itself
    locals: tuple[Local, ...]
    branches: tuple[Branch, ...]
    wildcard: str  # the local that keeps elements no branch claims
    flat: bool  # branches written as separate ifs: a long elif chain does not compile
    checks: tuple[Check, ...]
    arguments: tuple[str, ...]  # of the constructor call that `_read` returns
    nil_branches: tuple[Branch, ...] = ()  # an xsi:nil child that is a value: NIL, not None
    base: str = ""  # the class it extends
    xsi_type: str = ""  # literal of its xsi:type, for classes in a hierarchy
    polymorphic: bool = False  # others extend it: it gets `_read_any`
    unknown: bool = False  # elements no branch claims are kept as unknown content
    # literals of the attributes it declares, as lxml names them
    attribute_names: tuple[str, ...] = ()
    # a wide class: the tags of its children (their literals, by index) and its branches
    # grouped by those indexes, for a dict lookup and two short chains instead of one long one
    children: tuple[str, ...] = ()
    groups: tuple[BranchGroup, ...] = ()
    # a wide class's instance is made by `__new__` with its `__dict__` given these items
    # (`"name": local`, in the order `dataclasses.fields` gives): the keywords of a constructor
    # call are matched to its parameters one by one, a cost that grows with their number squared
    state: tuple[str, ...] = ()
    uses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EnumPlan:
    name: str
    doc: str
    members: tuple[tuple[str, str], ...]  # Python name, literal of the value


@dataclass(frozen=True)
class FaultPlan:
    name: str
    tag: str  # literal of the detail element's Clark name
    doc: str
    value: str = ""  # the annotation of its detail element's value, when documented
    reason: str = ""  # literal: the default reason a server gives
    read: str = ""  # reads the value from `_element`
    # a detail of a simple type: the fault class writes `self.value` as the element `_tag`
    # (a complex value writes itself)
    write: Emit | None = None
    uses: frozenset[str] = frozenset()  # names `value` needs bound


@dataclass(frozen=True)
class Param:
    name: str
    annotation: str
    default: str


@dataclass(frozen=True)
class Header:
    """A request header: written when the parameter `param` is given."""

    param: str
    emit: Emit  # writes it into `_header`


@dataclass(frozen=True)
class Answer:
    """How a server route writes what the handler returns into `_xml`: as `kind` says,
    `_value` written by `emit` (VALUE), or the response class `cls` holding the value as its
    `attribute` (WRAP) or nothing (EMPTY)."""

    kind: Reply
    tag: str = ""  # literal of the response element as written
    cls: str = ""
    attribute: str = ""
    emit: Emit | None = None
    parts: tuple[Emit, ...] = ()  # PARTS: each field of `_value` written


@dataclass(frozen=True)
class ReplyHeader:
    """A declared response header: a field of the answer class, read by the client from the
    answer's Header and written by the server where the handler set it."""

    name: str  # the answer class's attribute
    annotation: str
    tag: str  # literal of the element's tag in Clark notation
    reader: str  # a function reading the element
    emit: Emit  # writes `_answer.<name>` into `_reply_header`
    cls: str = ""  # the class `reader` names, if it names one


@dataclass(frozen=True)
class MimeArgument:
    """A message part sent as a MIME part (SwA): a parameter of the request's method or an
    attribute of the answer class, an `_soap.Attachment` either way."""

    name: str  # the parameter or attribute
    send: str  # the Attachment as sent: its declared type and WS-I Content-ID filled in
    receive: str  # the Attachment as received, found in `_parts`


@dataclass(frozen=True)
class AnswerPlan:
    """The class an operation with response headers or MIME parts answers: its result beside
    them."""

    name: str
    doc: str
    result: str  # the result's annotation; "" where the body holds nothing to return
    headers: tuple[ReplyHeader, ...]
    uses: frozenset[str]
    parts: tuple[MimeArgument, ...] = ()


@dataclass(frozen=True)
class StreamPlan:
    """`iter_<method>`: the answer's items yielded one by one as they arrive."""

    name: str
    doc: str
    item: str  # the items' class
    path: str  # literal of the tags from the answer element down to an item
    read: str  # a reference to the function reading an item


@dataclass(frozen=True)
class MethodPlan:
    name: str
    doc: str
    params: tuple[Param, ...]
    returns: str
    request_class: str  # the request's wrapper class: `cls(arguments)` writes the body
    request_arguments: tuple[str, ...]
    request_tag: str  # literal of the request element as written
    # or: the body is one value, or several parts (siblings in soap:Body), written by these
    request: tuple[Emit, ...]
    headers: tuple[Header, ...]
    action: str  # an expression
    soap_action: str  # the action as text, for documentation
    addressing_action: str  # literal of the wsa:Action where it is not the SOAP action, or ""
    reply_action: str  # literal of the answer's wsa:Action where the service uses it, or ""
    expected: str  # literal of the response element's tag, or "None"
    result: str  # the expression returned, from the answer `_response`
    faults: str  # name of the module-level fault map
    # the server's side
    read_request: str  # `_input = ...`, where the request is a wrapper class
    arguments: tuple[str, ...]  # of the handler's call
    answer: Answer
    expected_request: str  # literal of the request body element's tag
    operation: str  # literal of the operation's name
    actions: str  # the SOAP actions that name the operation, as a tuple literal
    uses: frozenset[str] = frozenset()  # of the client's side
    reply: AnswerPlan | None = None  # where the answer has declared headers or MIME parts
    reads: frozenset[str] = frozenset()  # names only the client's reading of the answer uses
    serves: frozenset[str] = frozenset()  # of the server's side, besides `uses`
    parts: tuple[MimeArgument, ...] = ()  # the request's MIME parts (SwA)
    stream: StreamPlan | None = None  # where the answer is a list of one complex type

    @property
    def streams(self) -> frozenset[str]:
        """Names only the client's `iter_<method>` uses."""
        if self.stream is None:
            return frozenset()
        return frozenset({"Iterator", "_stream", self.stream.item})

    @property
    def exchanges_parts(self) -> bool:
        """Whether the request or the answer declares MIME parts."""
        return bool(self.parts or (self.reply is not None and self.reply.parts))


@dataclass(frozen=True)
class ClientPlan:
    name: str
    async_name: str
    doc: str
    addresses: tuple[tuple[str, str], ...]  # SOAP version -> address, as literals
    # each port: its name, and its binding, SOAP version and address, as literals
    ports: tuple[tuple[str, str, str, str], ...]
    versions: str
    methods: tuple[MethodPlan, ...]
    header_tags: tuple[tuple[str, str], ...] = ()  # a header class and its tag, a literal
    extra_headers: str = SOAP_HEADERS
    # what the service's policies ask for, by SOAP version: (version, texts)
    requires: tuple[tuple[str, tuple[str, ...]], ...] = ()
    addressing: str = "()"  # literal of the SOAP versions whose bindings use WS-Addressing
    addressing_namespace: str = ""  # literal of its namespace where it is not 1.0's, or ""


@dataclass(frozen=True)
class ServerPlan:
    service: str  # the service's name in the model, as `inspect` prints it
    handler: str
    mock: str
    doc: str
    routes: str  # name of the module-level route list
    versions: str
    methods: tuple[MethodPlan, ...]
    samples: dict[str, str]  # method -> a sample return value (expression)
    requests: dict[str, str]  # method -> keyword arguments of a sample request (expression)
    faults: dict[str, list[str]]  # method -> sample faults
    refused: dict[str, str]  # method -> why it has no response
    unsampled: dict[str, str]  # method -> what has no sample, why


@dataclass(frozen=True)
class ModulePlan:
    """One module: what it defines, and the imports that follow from what it uses."""

    imports: tuple[tuple[str, ...], ...] = ()  # import lines, by isort's sections
    nsmap: tuple[tuple[str, str], ...] = ()
    enums: tuple[EnumPlan, ...] = ()
    classes: tuple[ClassPlan, ...] = ()
    faults: tuple[FaultPlan, ...] = ()
    fault_maps: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    clients: tuple[ClientPlan, ...] = ()
    model_names: tuple[str, ...] = ()
    xsi_types: tuple[tuple[str, str], ...] = ()  # (QName literal, class)
    servers: tuple[ServerPlan, ...] = ()
    answers: tuple[AnswerPlan, ...] = ()
