"""What a WSDL's WS-Policy and addressing markup ask of a client.

Policies sit in `wsp:Policy` elements (WS-Policy 1.2 or 1.5), inline in a binding or referred
to by `wsp:PolicyReference URI="#id"` / `wsp:PolicyURIs` from a binding, its operations and
their messages; a policy may refer to others.  The assertions recognised are the ones a client
must act on: addressing (`wsaw:UsingAddressing`, `wsam:Addressing`), a UsernameToken, a
Timestamp, a transport binding (HTTPS) and the X.509 bindings (message signing).  Every
alternative is read: what any alternative asks for is reported.

Addressing is also declared without policy: `wsaw:UsingAddressing` in a binding, or
`wsam:Action` / `wsaw:Action` on a port type's input, which also gives the operation's
addressing Action.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from ..model import Requirement
from .wsdl_documents import Document

WSP = ("http://schemas.xmlsoap.org/ws/2004/09/policy", "http://www.w3.org/ns/ws-policy")
WSU_ID = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd}Id"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ADDRESSING_METADATA = (
    "http://www.w3.org/2006/05/addressing/wsdl",  # wsaw
    "http://www.w3.org/2007/05/addressing/metadata",  # wsam
)
SUBMISSION_POLICY = "http://schemas.xmlsoap.org/ws/2004/08/addressing/policy"
SUBMISSION = "http://schemas.xmlsoap.org/ws/2004/08/addressing"  # the 2004 member submission
ADDRESSING_POLICY = (*ADDRESSING_METADATA, SUBMISSION_POLICY)
SECURITY_POLICY = (
    "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702",
    "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200512",
    "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy",
)
_SECURITY = {
    "UsernameToken": Requirement.USERNAME_TOKEN,
    "IncludeTimestamp": Requirement.TIMESTAMP,
    "TransportBinding": Requirement.TRANSPORT,
    "AsymmetricBinding": Requirement.X509,
    "SymmetricBinding": Requirement.X509,
    "X509Token": Requirement.X509,
}
_ADDRESSING = {"UsingAddressing", "Addressing"}
_SUBMISSION = "submission"  # a mark among the requirements found: the 2004 namespace


class Policies:
    """The policies of every document read, by the ids references use."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.submission: set[int] = set()  # id() of bindings using the 2004 addressing
        for document in documents:
            for namespace in WSP:
                for policy in document.root.iter(f"{{{namespace}}}Policy"):
                    for key in (policy.get(WSU_ID), policy.get(XML_ID), policy.get("Name")):
                        if key:
                            self.by_id.setdefault(key, policy)

    def requirements(
        self, binding: etree._Element, port: etree._Element | None = None, actions: bool = False
    ) -> tuple[Requirement, ...]:
        """What the policies of a port and its binding (the binding's own, its operations'
        and their messages') ask for; `actions`: its port type declares addressing Actions."""
        found: set[Requirement | str] = {Requirement.ADDRESSING} if actions else set()
        seen: set[int] = set()
        for subject in (*(() if port is None else (port,)), *_subjects(binding)):
            if etree.QName(subject).localname == "UsingAddressing" and _addressing(subject):
                found.add(Requirement.ADDRESSING)
                if etree.QName(subject).namespace == SUBMISSION_POLICY:
                    found.add(_SUBMISSION)
            for policy in self._attached(subject):
                found |= self._assertions(policy, seen)
        if _SUBMISSION in found:
            self.submission.add(id(binding))
        return tuple(r for r in Requirement if r in found)

    def addressing(self, binding: etree._Element) -> str:
        """The addressing namespace of a binding `requirements` has read: "" for 1.0."""
        return SUBMISSION if id(binding) in self.submission else ""

    def _attached(self, subject: etree._Element) -> Iterator[etree._Element]:
        for child in subject:
            if isinstance(child.tag, str) and etree.QName(child).namespace in WSP:
                local = etree.QName(child).localname
                if local == "Policy":
                    yield child
                elif local == "PolicyReference":
                    yield from self._resolved(child.get("URI", ""))
        for namespace in WSP:
            for uri in (subject.get(f"{{{namespace}}}PolicyURIs") or "").split():
                yield from self._resolved(uri)

    def _resolved(self, uri: str) -> Iterator[etree._Element]:
        policy = self.by_id.get(uri.rpartition("#")[2]) if uri else None
        if policy is not None:
            yield policy

    def _assertions(self, policy: etree._Element, seen: set[int]) -> set[Requirement | str]:
        if id(policy) in seen:  # policies may refer to each other in a cycle
            return set()
        seen.add(id(policy))
        found: set[Requirement | str] = set()
        for element in policy.iter(etree.Element):
            name = etree.QName(element)
            if name.namespace in WSP and name.localname == "PolicyReference":
                for target in self._resolved(element.get("URI", "")):
                    found |= self._assertions(target, seen)
            elif name.namespace in SECURITY_POLICY and name.localname in _SECURITY:
                found.add(_SECURITY[name.localname])
            elif name.namespace in ADDRESSING_POLICY and name.localname in _ADDRESSING:
                found.add(Requirement.ADDRESSING)
                if name.namespace == SUBMISSION_POLICY:
                    found.add(_SUBMISSION)
        return found


def _subjects(binding: etree._Element) -> Iterator[etree._Element]:
    """The binding, its children (UsingAddressing among them), its operations and messages."""
    yield binding
    for child in binding:
        if not isinstance(child.tag, str):
            continue
        yield child
        if etree.QName(child).localname == "operation":
            yield from (c for c in child if isinstance(c.tag, str))


def _addressing(element: etree._Element) -> bool:
    return etree.QName(element).namespace in ADDRESSING_POLICY


def addressing_action(abstract_input: etree._Element | None) -> str:
    """The addressing Action a port type's input declares (`wsam:Action`, `wsaw:Action`)."""
    if abstract_input is None:
        return ""
    for namespace in ADDRESSING_METADATA:
        action = abstract_input.get(f"{{{namespace}}}Action")
        if action:
            return action.strip()
    return ""
