"""What a change between two versions of a service is, and how it is rated both ways.

Every change is seen from two deployments: an old client calling the new server, and a new
client calling the old server.  A change inside a request is judged by what the writer (the
client) sends and what the reader (the server) accepts; inside a response the roles swap.
Readers are taken to be lenient about elements they do not know (generated clients are, as are
.NET's and JAXB's defaults) but not about values they do not know (an enumeration value, a
subtype) nor about servers that validate requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Rating(str, Enum):
    BREAKING = "breaking"
    MAYBE = "maybe"
    SAFE = "safe"


class Side(str, Enum):
    REQUEST = "request"
    RESPONSE = "response"
    OPERATION = "operation"  # the operation itself: its name, action, element, versions


class Kind(str, Enum):
    OPERATION_ADDED = "operation-added"
    OPERATION_REMOVED = "operation-removed"
    OPERATION_RENAMED = "operation-renamed"
    ACTION_CHANGED = "soap-action-changed"
    ELEMENT_CHANGED = "element-changed"
    VERSION_ADDED = "soap-version-added"
    VERSION_REMOVED = "soap-version-removed"
    ADDRESS_CHANGED = "address-changed"
    PORT_ADDED = "port-added"
    PORT_REMOVED = "port-removed"
    FIELD_ADDED_REQUIRED = "required-field-added"
    FIELD_ADDED_OPTIONAL = "optional-field-added"
    FIELD_REMOVED_REQUIRED = "required-field-removed"
    FIELD_REMOVED_OPTIONAL = "optional-field-removed"
    BECAME_REQUIRED = "became-required"
    BECAME_OPTIONAL = "became-optional"
    BECAME_LIST = "became-repeated"
    BECAME_SINGLE = "became-single"
    BECAME_NILLABLE = "became-nillable"
    BECAME_NOT_NILLABLE = "became-not-nillable"
    TYPE_WIDENED = "type-widened"
    TYPE_NARROWED = "type-narrowed"
    TYPE_CHANGED = "type-changed"
    FIXED_CHANGED = "fixed-value-changed"
    ENUM_ADDED = "enumeration-value-added"
    ENUM_REMOVED = "enumeration-value-removed"
    SUBTYPE_ADDED = "subtype-added"
    SUBTYPE_REMOVED = "subtype-removed"
    ORDER_CHANGED = "order-changed"
    HEADER_ADDED = "header-added"
    HEADER_REMOVED = "header-removed"
    FAULT_ADDED = "fault-added"
    FAULT_REMOVED = "fault-removed"
    DOC_CHANGED = "documentation-changed"


B, M, S = Rating.BREAKING, Rating.MAYBE, Rating.SAFE

# kind -> (old client -> new server, new client -> old server), where the side does not matter
_OPERATION: dict[Kind, tuple[Rating, Rating, str]] = {
    Kind.OPERATION_ADDED: (S, B, "an old server does not have it"),
    Kind.OPERATION_REMOVED: (B, S, "the new server does not have it"),
    Kind.OPERATION_RENAMED: (S, S, "same element and action on the wire; the method is renamed"),
    Kind.ACTION_CHANGED: (M, M, "servers that route by SOAPAction (ASP.NET) refuse the other"),
    Kind.ELEMENT_CHANGED: (B, B, "the message element is not the one the other side expects"),
    Kind.VERSION_ADDED: (S, M, "a new client may choose the SOAP version an old server lacks"),
    Kind.VERSION_REMOVED: (B, S, "clients of that SOAP version find no binding"),
    Kind.ADDRESS_CHANGED: (M, M, "clients using the default address reach another endpoint"),
    Kind.PORT_ADDED: (S, M, "a new client may choose the port by name; the old service lacks it"),
    Kind.PORT_REMOVED: (B, S, "clients choosing the port by name (Client(port=...)) find none"),
    Kind.DOC_CHANGED: (S, S, "documentation only"),
}

# kind -> side -> (old client -> new server, new client -> old server, why)
_MESSAGE: dict[Kind, dict[Side, tuple[Rating, Rating, str]]] = {
    Kind.FIELD_ADDED_REQUIRED: {
        Side.REQUEST: (B, M, "old clients do not send it; old servers may refuse what they lack"),
        Side.RESPONSE: (S, B, "old clients skip it; old servers do not send what new clients need"),
    },
    Kind.FIELD_ADDED_OPTIONAL: {
        Side.REQUEST: (S, M, "servers that validate refuse an element they do not know"),
        Side.RESPONSE: (S, S, "lenient readers skip it; a validating client refuses it"),
    },
    Kind.FIELD_REMOVED_REQUIRED: {
        Side.REQUEST: (M, B, "new clients do not send what old servers require"),
        Side.RESPONSE: (B, S, "new servers do not send what old clients require"),
    },
    Kind.FIELD_REMOVED_OPTIONAL: {
        Side.REQUEST: (M, S, "servers that validate refuse an element they do not know"),
        Side.RESPONSE: (S, S, "it was optional"),
    },
    Kind.BECAME_REQUIRED: {
        Side.REQUEST: (B, S, "old clients may leave it out"),
        Side.RESPONSE: (S, M, "old servers may leave it out"),
    },
    Kind.BECAME_OPTIONAL: {
        Side.REQUEST: (S, M, "new clients may leave out what old servers require"),
        Side.RESPONSE: (M, S, "new servers may leave out what old clients require"),
    },
    Kind.BECAME_LIST: {
        Side.REQUEST: (S, M, "new clients may send several where old servers take one"),
        Side.RESPONSE: (M, S, "new servers may send several where old clients take one"),
    },
    Kind.BECAME_SINGLE: {
        Side.REQUEST: (M, S, "old clients may send several"),
        Side.RESPONSE: (S, S, "one is a list of one"),
    },
    Kind.BECAME_NILLABLE: {
        Side.REQUEST: (S, M, "new clients may send xsi:nil"),
        Side.RESPONSE: (M, S, "new servers may send xsi:nil"),
    },
    Kind.BECAME_NOT_NILLABLE: {
        Side.REQUEST: (M, S, "old clients may send xsi:nil"),
        Side.RESPONSE: (S, M, "old servers may send xsi:nil"),
    },
    Kind.TYPE_WIDENED: {
        Side.REQUEST: (S, M, "new clients may send values old servers cannot read"),
        Side.RESPONSE: (M, S, "new servers may send values old clients cannot read"),
    },
    Kind.TYPE_NARROWED: {
        Side.REQUEST: (M, S, "old clients may send values new servers cannot read"),
        Side.RESPONSE: (S, M, "old servers may send values new clients cannot read"),
    },
    Kind.TYPE_CHANGED: {
        Side.REQUEST: (B, B, "the value's type is another"),
        Side.RESPONSE: (B, B, "the value's type is another"),
    },
    Kind.FIXED_CHANGED: {
        Side.REQUEST: (B, B, "the one value each side takes is another"),
        Side.RESPONSE: (B, B, "the one value each side takes is another"),
    },
    Kind.ENUM_ADDED: {
        Side.REQUEST: (S, M, "new clients may send a value old servers do not know"),
        Side.RESPONSE: (M, S, "strict readers refuse a value they do not know"),
    },
    Kind.ENUM_REMOVED: {
        Side.REQUEST: (M, S, "old clients may send a value new servers do not know"),
        Side.RESPONSE: (S, M, "old servers may send a value new clients do not know"),
    },
    Kind.SUBTYPE_ADDED: {
        Side.REQUEST: (S, M, "new clients may send an xsi:type old servers do not know"),
        Side.RESPONSE: (M, S, "new servers may send an xsi:type old clients do not know"),
    },
    Kind.SUBTYPE_REMOVED: {
        Side.REQUEST: (M, S, "old clients may send an xsi:type new servers do not know"),
        Side.RESPONSE: (S, M, "old servers may send an xsi:type new clients do not know"),
    },
    Kind.ORDER_CHANGED: {
        Side.REQUEST: (M, M, "servers that validate the sequence refuse the other order"),
        Side.RESPONSE: (S, S, "lenient readers take elements in any order"),
    },
    Kind.HEADER_ADDED: {
        Side.REQUEST: (M, M, "new servers may require it; old servers may not understand it"),
        Side.RESPONSE: (S, S, "a header a client does not read is skipped"),
    },
    Kind.HEADER_REMOVED: {
        Side.REQUEST: (S, M, "old servers may require it"),
        Side.RESPONSE: (M, S, "old clients may rely on it"),
    },
    Kind.FAULT_ADDED: {
        Side.RESPONSE: (M, S, "old clients read it as a plain SOAP Fault"),
    },
    Kind.FAULT_REMOVED: {
        Side.RESPONSE: (S, S, "a fault that no longer comes"),
    },
}


@dataclass(frozen=True)
class Change:
    operation: str  # the operation as the new version names it ("" for the service)
    side: Side
    path: str  # where in the message: element names from the message element down
    kind: Kind
    old: str
    new: str
    old_client_new_server: Rating
    new_client_old_server: Rating
    message: str
    # the other operations whose messages hold the same type at some path (reported once)
    also: tuple[str, ...] = ()

    @property
    def worst(self) -> Rating:
        ratings = (self.old_client_new_server, self.new_client_old_server)
        return next(r for r in Rating if r in ratings)


def change(
    operation: str, side: Side, path: str, kind: Kind, old: str, new: str, evidence: bool = False
) -> Change:
    """A change rated by the tables above; `evidence`: both sides are documentation pages,
    where a difference may be what a sample happened to show, so nothing is certain."""
    if kind in _OPERATION:
        forward, backward, why = _OPERATION[kind]
    else:
        forward, backward, why = _MESSAGE[kind][side]
    if evidence and side is not Side.OPERATION:
        forward, backward = (M if r is B else r for r in (forward, backward))
    return Change(operation, side, path, kind, old, new, forward, backward, why)
