"""The intermediate schema model: the contract between readers and renderers.

Readers (WSDL, documentation pages) build it; passes rewrite it; templates only read it.
Every node keeps its XML names exactly as they appear on the wire and the place in the
input it came from.  Python names are not stored here: `generator.naming` computes them
in one place from the whole model, so that clashes are resolved once and deterministically.

Type references are `QName`s.  A reference into the XML Schema namespace is a builtin
(`xs:int`, `xs:dateTime`, ...); anything else names a `ComplexType`, `EnumType` or
`SimpleType` of `Model.types`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

XSD = "http://www.w3.org/2001/XMLSchema"
ANY_ELEMENT = "##any"  # the name of a field that holds what an xs:any wildcard matched
MS_TYPES = "http://microsoft.com/wsdl/types/"


@dataclass(frozen=True, order=True)
class QName:
    """An XML qualified name; an empty namespace means "no namespace"."""

    namespace: str
    name: str

    @property
    def clark(self) -> str:
        return f"{{{self.namespace}}}{self.name}" if self.namespace else self.name

    def __str__(self) -> str:
        return self.clark


def xs(name: str) -> QName:
    return QName(XSD, name)


@dataclass(frozen=True, order=True)
class Source:
    """Where a node was read: a path under specs/ and a 1-based line (0: unknown)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class Optionality(str, Enum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    UNKNOWN = "unknown"  # the source does not say; generated code treats it as optional


class Evidence(str, Enum):
    """What decided a field's type, strongest first."""

    SCHEMA = "schema"  # an XSD declaration
    TABLE = "table"  # a parameter table or parameter block of a page
    XSI_TYPE = "xsi:type"  # an xsi:type hint in a sample
    PLACEHOLDER = "placeholder"  # a type-name placeholder such as `int` or `A or B`
    VALUE = "value"  # a real sample value such as `2008-12-11T00:00:00Z`
    STRUCTURE = "structure"  # child elements: a complex type
    NONE = "none"  # nothing: the loosest honest type


KNOWN_EVIDENCE_ORDER: tuple[Evidence, ...] = tuple(Evidence)  # strongest first


@dataclass(frozen=True, order=True)
class ChoiceBranch:
    """Where a field sits in a choice its type must make (its fields are all optional)."""

    group: int  # which required choice of the type
    branch: int  # which of its branches
    required: bool  # required when its branch is the one taken


@dataclass(frozen=True, order=True)
class Substitute:
    """An element that may stand where a substitution group's head is declared."""

    element: QName
    type: QName  # a ComplexType: its class tells on the wire which element a value is


@dataclass(frozen=True)
class SubstitutionGroup:
    """A fact readers record for `settle_substitution_groups`: the substitution group an element
    reference names, as the schema declares it (every type already mapped)."""

    head: Substitute  # the head element and its type
    abstract: bool  # the head itself never appears on the wire
    members: tuple[Substitute, ...]  # the elements that may stand for the head, and their types
    source: Source  # where the head is declared


@dataclass(frozen=True)
class Field:
    """An element or attribute of a complex type, or a part of an operation's message."""

    name: str  # the XML local name, exact
    namespace: str  # "" when unqualified
    type: QName
    source: Source
    optionality: Optionality = Optionality.UNKNOWN
    is_list: bool = False
    nillable: bool = False
    is_attribute: bool = False
    is_text: bool = False  # the element's own text beside its attributes (simple content)
    xsi_type: QName | None = None  # written on the wire when the source shows it there
    evidence: Evidence = Evidence.NONE
    doc: str = ""
    wildcard: str = ""  # an xs:any's namespace constraint as written ("##other", URIs)
    choice: ChoiceBranch | None = None
    fixed: str = ""  # the value an XSD `fixed` constraint allows, as written
    example: str = ""  # a real value a page's sample shows (not a placeholder)
    # An XSD substitution group: the value is one of these elements, never the abstract head
    # (`name`, `namespace` and `type` stay the head's).
    substitutes: tuple[Substitute, ...] = ()
    # A fact for `settle_substitution_groups`, which turns it into `substitutes` (and drops it):
    # the group of the head this element reference names.
    substitution_group: SubstitutionGroup | None = None

    @property
    def key(self) -> tuple[str, str, bool, bool]:
        """What makes a field the same one in a type and in a type derived from it."""
        return (self.name, self.namespace, self.is_attribute, self.is_text)

    @property
    def never_none(self) -> bool:
        """Whether each value is there: required and not nillable (in Python, not None)."""
        return self.optionality is Optionality.REQUIRED and not self.nillable

    @property
    def nil_apart(self) -> bool:
        """Whether xsi:nil and absence are different values: a single element that may be
        left out and may be nil (in Python, `NIL` and None)."""
        return (
            self.nillable
            and self.optionality is not Optionality.REQUIRED
            and not (self.is_list or self.is_attribute or self.is_text or self.substitutes)
        )

    @property
    def constructor_required(self) -> bool:
        """Whether a value must be given to build the field's type: never None, and not a list
        (a list defaults to empty)."""
        return self.never_none and not self.is_list

    @property
    def types(self) -> tuple[QName, ...]:
        """Every type a value of this field can have (the head's type is abstract or a member)."""
        if self.substitutes:
            return tuple(s.type for s in self.substitutes)
        return (self.type,)


@dataclass(frozen=True)
class Shape:
    """A type as one sample of a page showed it: a fact the page reader records on each type it
    meets, for `unite_shapes` to unite and name (it clears the fact).  A complex or enumeration
    type is recorded under a provisional name (with a `#`, which no XML name has) that fields
    and messages refer to until then; a simple type under its own.  A WSDL's types carry none."""

    # the name the source gives it where `named` (an xsi:type hint, a message's element), else
    # the name of the element it was seen on, in the type's namespace
    name: QName
    named: bool = False
    parent: str = ""  # the element holding it: the prefix of its name where that is taken
    inside: QName | None = None  # the message being read, whose name is kept for its own type
    guessed: bool = False  # a simple type known only by one sample value: worth a warning
    # what the reader warned about after meeting this shape and before the next one, so that
    # the warnings of the pass and the reader keep the order the samples were read in
    notes: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class ComplexType:
    name: QName
    fields: tuple[Field, ...]
    source: Source
    doc: str = ""
    partial: bool = False  # the source showed only some of its content (a cut-off sample)
    # A SOAP-encoded array (soapenc:Array) of this item type: its one list field takes every
    # child element whatever its name, and the writer states soapenc:arrayType.
    array_of: QName | None = None
    # The complex type this one extends: its fields come first in `fields`, and a value of
    # this type may stand where the base is declared (written with xsi:type).
    base: QName | None = None
    abstract: bool = False  # only its subtypes have instances (xs:complexType abstract="true")
    # Facts readers record for passes to settle:
    # the complex type the source says this one extends; `settle_bases` makes it the `base`
    # where this type's fields really start with its fields
    extends: QName | None = None
    # the type whose content this element class has (one class per element of a substitution
    # group whose members share a type); `copy_element_classes` copies that content here
    copy_of: QName | None = None
    shape: Shape | None = None  # a page's sample: `unite_shapes` settles its name and content


@dataclass(frozen=True)
class EnumType:
    name: QName
    values: tuple[str, ...]
    source: Source
    base: QName = field(default_factory=lambda: xs("string"))
    is_list: bool = False  # an xs:list of the values ([Flags] enums)
    doc: str = ""
    shape: Shape | None = None  # a page's sample: `unite_shapes` settles its name


@dataclass(frozen=True)
class SimpleType:
    """A named restriction of a builtin; facets are kept for the emitted schema."""

    name: QName
    base: QName
    source: Source
    facets: tuple[tuple[str, str], ...] = ()
    is_list: bool = False  # an xs:list of `base`
    doc: str = ""
    shape: Shape | None = None  # a page's sample: `unite_shapes` keeps the first of its name


TypeDef = ComplexType | EnumType | SimpleType


@dataclass(frozen=True)
class Message:
    """The body (or a header) of a request or response: one global element, or several."""

    element: QName
    type: QName  # a ComplexType describing the element's content
    source: Source
    # A document-style body of several parts (WSDL message parts, in order), each a global
    # element and all of them children of soap:Body: then `type` is a ComplexType of the
    # reader's own (no schema declares it) with a required field per part, and `element` is
    # the first part's, which a server routes by.
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class MimePart:
    """A message part that travels as a MIME part beside the envelope (SOAP with Attachments:
    a `mime:content` of a binding's `mime:multipartRelated`)."""

    name: str  # the wsdl:part's name, which WS-I AP 1.0 puts in the part's Content-ID
    content_type: str = ""  # the first type its mime:content elements name; "": none


@dataclass(frozen=True)
class Fault:
    name: str
    element: QName
    type: QName | None  # None: the detail's shape is not documented
    source: Source
    doc: str = ""


@dataclass(frozen=True)
class Operation:
    name: str
    soap_action: str  # SOAPAction (1.1) and action (1.2), unless soap12_action says otherwise
    input: Message
    output: Message | None  # None: one-way, or the response was not shown
    source: Source
    headers: tuple[Message, ...] = ()
    output_headers: tuple[Message, ...] = ()
    faults: tuple[Fault, ...] = ()
    doc: str = ""
    soap12_action: str | None = None  # a SOAP 1.2 binding's own action, where it differs
    # the wsa:Action of a request and of its answer where the service uses WS-Addressing
    addressing_action: str = ""
    addressing_reply: str = ""
    # parts sent beside the envelope (SwA), of the request and of the answer, in order
    attachments: tuple[MimePart, ...] = ()
    output_attachments: tuple[MimePart, ...] = ()

    @property
    def answers_more(self) -> bool:
        """Whether its response brings headers or MIME parts beside its result (the client
        returns them together, in an answer class)."""
        return self.output is not None and bool(self.output_headers or self.output_attachments)

    @property
    def messages(self) -> tuple[Message, ...]:
        """Every message of the operation: request, response, then headers both ways."""
        output = () if self.output is None else (self.output,)
        return (self.input, *output, *self.headers, *self.output_headers)


class Origin(str, Enum):
    """What the readers read."""

    PAGES = "pages"
    WSDL = "wsdl"


class Requirement(str, Enum):
    """What a service's policy asks of a client, in the words `generate` and the docs use."""

    ADDRESSING = "WS-Addressing (the client sends Action, MessageID, ReplyTo and To)"
    USERNAME_TOKEN = "a WS-Security UsernameToken (hooks=[UsernameToken(user, password)])"
    TIMESTAMP = "a WS-Security Timestamp (hooks=[Timestamp()])"
    TRANSPORT = "HTTPS (a transport binding: use an https:// address)"
    X509 = (
        "X.509 message signing (hooks=[Signature(key, certificate), VerifySignature(theirs)] with"
        " the wsse extra; encryption is not built in)"
    )


class SoapVersion(str, Enum):
    SOAP11 = "1.1"
    SOAP12 = "1.2"


@dataclass(frozen=True)
class Binding:
    """One way to reach a service: a SOAP version at an address (a WSDL port and its binding)."""

    name: str  # the port's name (pages: the service's name and the SOAP version)
    version: SoapVersion
    address: str  # "" when the source does not show it
    requires: tuple[Requirement, ...] = ()  # what its WS-Policy (or addressing markup) asks
    # the WS-Addressing namespace it uses where it does; "" for WS-Addressing 1.0
    addressing: str = ""
    binding: str = ""  # the name of the WSDL binding the port names; "" for pages


@dataclass(frozen=True)
class Service:
    name: str
    namespace: str  # the target namespace of the emitted WSDL
    bindings: tuple[Binding, ...]
    operations: tuple[Operation, ...]
    source: Source
    doc: str = ""

    @property
    def soap_versions(self) -> tuple[SoapVersion, ...]:
        return tuple(dict.fromkeys(b.version for b in self.bindings))

    @property
    def address(self) -> str:
        return next((b.address for b in self.bindings if b.address), "")

    def requires(self, version: SoapVersion) -> tuple[Requirement, ...]:
        """What the bindings of `version` ask of a client (any of them)."""
        found = {r for b in self.bindings if b.version is version for r in b.requires}
        return tuple(r for r in Requirement if r in found)

    def addresses(self) -> dict[SoapVersion, str]:
        """The first address of each SOAP version."""
        found: dict[SoapVersion, str] = {}
        for binding in self.bindings:
            found.setdefault(binding.version, binding.address)
        return found


@dataclass(frozen=True)
class Diagnostic:
    source: Source
    message: str


@dataclass(frozen=True)
class Model:
    """One spec folder: its services, every type they use, and what the readers warned about."""

    name: str  # the spec folder's name
    services: tuple[Service, ...]
    types: tuple[TypeDef, ...]
    warnings: tuple[Diagnostic, ...] = ()
    origin: Origin = Origin.PAGES

    def type_map(self) -> dict[QName, TypeDef]:
        return {t.name: t for t in self.types}

    def subtype_map(self) -> dict[QName, list[QName]]:
        """The complex types that extend each type, in the model's order."""
        found: dict[QName, list[QName]] = {}
        for typedef in self.types:
            if isinstance(typedef, ComplexType) and typedef.base is not None:
                found.setdefault(typedef.base, []).append(typedef.name)
        return found
