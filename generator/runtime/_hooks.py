"""Hooks on the messages of a generated client: see and change what is sent and received.

This file is copied verbatim into every generated package that has a client.  A hook is a
`Hook` with `outgoing` and `incoming` methods; a client runs its hooks in order on every
call, sync and async alike:

    outgoing(message: Outgoing)  before the request is sent: its envelope (an lxml tree,
                                 parsed on first use), its bytes, HTTP headers, address
    incoming(message: Incoming)  once the answer is read, before it is interpreted (faults
                                 and HTTP errors included): status, headers, bytes, envelope
                                 and, of a multipart/related answer, its attachments

The built-in hooks (`History`, `Addressing`; `UsernameToken`, `Timestamp`, `Signature` and
`VerifySignature` in `_wsse`; `Mtom` in `_mime`) are written this way too.
"""

from __future__ import annotations

import copy
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

import httpx
from lxml import etree

Parse = Callable[[bytes], etree._Element]


class HeaderObject(Protocol):
    """A generated class a service declares as a header: it writes itself as an element."""

    def _write(self, out: list[str], tag: str) -> None: ...


HeaderValue = etree._Element | HeaderObject


class Attachment(NamedTuple):
    """A MIME part travelling beside an envelope (SOAP with Attachments, MTOM).  Made to be
    sent, only `content` is needed: the Content-ID is made up where it is empty."""

    content: bytes
    content_type: str = ""  # with its parameters; "": the declared type, else octet-stream
    content_id: str = ""  # without its angle brackets, as `cid:` URLs name it
    headers: tuple[tuple[str, str], ...] = ()  # every header of the part, as received


class _Message:
    """The bytes of a message and, on demand, its envelope: whichever a hook touched last
    is what the other is made from."""

    def __init__(self, content: bytes, parse: Parse) -> None:
        self._content: bytes | None = content
        self._envelope: etree._Element | None = None
        self._parse = parse

    @property
    def content(self) -> bytes:
        if self._content is None:
            assert self._envelope is not None
            self._content = etree.tostring(self._envelope, xml_declaration=True, encoding="utf-8")
        return self._content

    @content.setter
    def content(self, value: bytes) -> None:
        self._content, self._envelope = value, None

    @property
    def envelope(self) -> etree._Element:
        """The envelope as an lxml tree; changes to it are what is sent (or read)."""
        if self._envelope is None:
            self._envelope = self._parse(self.content)
        self._content = None  # the tree may change from now on: bytes are made again
        return self._envelope

    @property
    def parsed(self) -> etree._Element | None:
        """The envelope if a hook parsed it (and left the bytes alone since)."""
        return self._envelope


class Outgoing(_Message):
    """A request about to be sent."""

    def __init__(
        self,
        *,
        operation: str,
        action: str,
        address: str,
        soap_version: str,
        http_headers: dict[str, str],
        content: bytes,
        parse: Parse,
        addressing_action: str | None = None,
    ) -> None:
        super().__init__(content, parse)
        # parts sent after the envelope in one multipart/related request (SwA); `mtom` makes
        # the envelope an XOP package's root, as the `Mtom` hook does when it moves a value
        self.attachments: list[Attachment] = []
        self.mtom = False
        self.operation = operation  # the operation's name as the service spells it
        self.action = action  # what SOAPAction (1.1) or the action parameter (1.2) says
        # the wsa:Action of the request, where the service declares one of its own
        self.addressing_action = action if addressing_action is None else addressing_action
        self.address = address  # where the request is POSTed
        self.soap_version = soap_version
        self.http_headers = http_headers

    def header(self) -> etree._Element:
        """The envelope's Header, made (as the first child of the Envelope) when absent."""
        envelope = self.envelope
        tag = f"{{{etree.QName(envelope).namespace}}}Header"
        found = envelope.find(tag)
        if found is None:
            found = etree.Element(tag)
            envelope.insert(0, found)
        return found

    def add_header(self, element: etree._Element) -> None:
        """Append `element` (a copy of it) to the envelope's Header."""
        self.header().append(copy.deepcopy(element))


class Incoming(_Message):
    """An answer as it came, before it is read as a result or a fault."""

    def __init__(
        self,
        *,
        operation: str,
        status_code: int,
        http_headers: httpx.Headers,
        content: bytes,
        parse: Parse,
        attachments: Sequence[Attachment] = (),
    ) -> None:
        super().__init__(content, parse)
        self.operation = operation
        self.status_code = status_code
        self.http_headers = http_headers
        # the parts after the root of a multipart/related answer, in their order; those an
        # xop:Include points at are also in the envelope, as base64 text (`content` is the
        # root part as it came, its xop:Include elements in place)
        self.attachments = list(attachments)


class Hook:
    """Override either method; both do nothing here."""

    def outgoing(self, message: Outgoing) -> None:
        """Called before a request is sent; may change `message`."""

    def incoming(self, message: Incoming) -> None:
        """Called when an answer has been read; may change `message`."""


class History(Hook):
    """The last `size` requests and answers, to look at while debugging:

    history = History()
    client = Client(hooks=[history])
    ...
    print(history.sent[-1].content, history.received[-1].status_code)
    """

    def __init__(self, size: int = 1) -> None:
        self.sent: deque[Outgoing] = deque(maxlen=size)
        self.received: deque[Incoming] = deque(maxlen=size)

    def outgoing(self, message: Outgoing) -> None:
        self.sent.append(message)

    def incoming(self, message: Incoming) -> None:
        self.received.append(message)


WSA = "http://www.w3.org/2005/08/addressing"
ANONYMOUS = f"{WSA}/anonymous"
WSA_2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing"  # the member submission


def _message_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


class Addressing(Hook):
    """WS-Addressing 1.0 on every request: wsa:Action, wsa:MessageID (a fresh urn:uuid),
    wsa:ReplyTo (anonymous: the answer comes back on the same connection) and wsa:To (the
    address posted to, or `to`), each exactly once: one a request carries already is kept.
    A client whose binding uses addressing has one unless its hooks hold another."""

    def __init__(
        self,
        to: str | None = None,
        *,
        namespace: str = WSA,
        message_id: Callable[[], str] = _message_id,
    ) -> None:
        self.to = to
        self.namespace = namespace  # WSA_2004 for services of the 2004 member submission
        self._message_id = message_id

    def outgoing(self, message: Outgoing) -> None:
        header, wsa = message.header(), self.namespace
        present = {etree.QName(e).localname for e in header if etree.QName(e).namespace == wsa}
        values = {
            "Action": message.addressing_action,
            "MessageID": self._message_id(),
            "ReplyTo": None,
            "To": message.address if self.to is None else self.to,
        }
        for local, text in values.items():
            if local in present:
                continue
            element = etree.SubElement(header, f"{{{wsa}}}{local}", nsmap={"wsa": wsa})
            if text is None:
                anonymous = f"{wsa}/role/anonymous" if wsa == WSA_2004 else ANONYMOUS
                etree.SubElement(element, f"{{{wsa}}}Address").text = anonymous
            else:
                element.text = text


def with_addressing(hooks: Sequence[Hook], used: bool, namespace: str = WSA) -> list[Hook]:
    """A client's hooks, led by `Addressing` where its binding uses it and none is given."""
    if used and not any(isinstance(hook, Addressing) for hook in hooks):
        return [Addressing(namespace=namespace), *hooks]
    return list(hooks)


def header_xml(value: Any, tags: Mapping[type[Any], str]) -> list[str]:
    """A header as pieces of XML text: an lxml element as it is, or an instance of a
    generated header class written under the element `tags` names for its class."""
    if isinstance(value, etree._Element):
        return [etree.tostring(value, encoding="unicode", with_tail=False)]
    tag = tags.get(type(value))
    if tag is None:
        raise TypeError(
            f"{type(value).__name__} is not a header this service declares (or more than one "
            "header element has its type): pass the header as an lxml element instead"
        )
    out: list[str] = []
    value._write(out, tag)
    return out


def headers_xml(values: Iterable[Any], tags: Mapping[type[Any], str]) -> list[str]:
    return [piece for value in values for piece in header_xml(value, tags)]
