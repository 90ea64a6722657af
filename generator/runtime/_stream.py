"""A long answer read item by item in bounded memory: the clients' `iter_<method>` methods.

Copied verbatim into every generated package with a client; `_soap.stream` imports it when
an answer is first streamed.  The answer is fed to lxml's pull parser as it arrives (its
Content-Encoding undone a bounded piece at a time, as `call` does); each item element, once
whole, is read into its class, yielded, and removed from the tree, so that memory holds one
item and the elements above it, however long the answer.  `Limits.max_bytes` bounds what
arrives between two items instead of the whole answer; `max_depth`, the deadline, and the
refusal of DTDs and entities stay as they are.

An answer that is not the expected element at once (a SOAP Fault, an HTTP error, a multipart
MTOM or SwA answer) is read whole within the limits and raised, or read, as `call` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import httpx
from lxml import etree

from . import _soap
from ._hooks import HeaderValue, Hook

T = TypeVar("T")
_WIRE_CHUNK = 16 * 1024  # a wire chunk inflates into at most about 16 MB of gzip
_SLICE = 64 * 1024  # parsed at a time: items are counted against the limit between slices
ENVELOPES = (f"{{{_soap.SOAP11_ENV}}}", f"{{{_soap.SOAP12_ENV}}}")


def stream(
    client: _soap.Endpoint,
    *,
    operation: str,
    action: str,
    body: list[str],
    header: Sequence[str] = (),
    extra: Iterable[HeaderValue] = (),
    expected: str,
    faults: _soap.FaultMap,
    path: tuple[str, ...],
    read: Callable[[etree._Element], T],
    strict: bool = False,
    addressing_action: str | None = None,
) -> Iterator[T]:
    """POST one request and yield each item of its answer: the elements `path` names below
    the `expected` element (its last tag is the item's; those before, the elements around)."""
    watching = [type(h).__name__ for h in client.hooks if type(h).incoming is not Hook.incoming]
    if watching:
        raise _soap.SoapError(
            f"{operation}: an answer read item by item never passes whole through a hook, and "
            f"{', '.join(watching)} reads answers: call the method that returns the whole answer"
        )
    out = _soap._outgoing(client, operation, action, body, header, extra, addressing_action)
    clock = _soap._Clock(client.limits.deadline)
    content, headers = _soap._wire(out)
    request = client.http.build_request("POST", out.address, content=content, headers=headers)
    response: httpx.Response | None = None
    try:
        clock.cut(request)
        response = _soap._send(client.http, request, clock)
        reading = _Reading(client, response, expected, path, read, strict)
        raw: Iterator[bytes] | None = None
        multipart = _soap._is_multipart(response.headers.get("content-type", ""))
        # an answer its transport has read already (a test's, a cache's) is read whole too
        if response.is_success and not multipart and not response.is_stream_consumed:
            raw = response.iter_raw(_WIRE_CHUNK)
            for chunk in raw:
                clock.check()
                yield from reading.feed(chunk)
                if reading.whole:
                    break
            if reading.held is None:  # streamed to its end
                reading.close()
                return
        content = reading.rest(raw, response, clock)
    except httpx.HTTPError as exc:
        if isinstance(exc, httpx.TimeoutException) and clock.over():
            raise clock.exceeded() from None
        raise _soap._transport_error(exc, response) from exc
    finally:
        if response is not None:
            response.close()
    # a Fault, an HTTP error, another element, a multipart answer: as `call` reads them
    element = _soap._incoming(client, operation, response, content, expected, faults)
    level = [_soap.result(element)]
    for tag in path:
        level = [child for parent in level for child in parent if child.tag == tag]
    for item in level:
        with _soap.Reading(strict):
            found = read(item)
        yield found


class _Reading(Generic[T]):
    """The answer as it arrives: decoded, parsed, its items read and dropped; `whole` once it
    turns out to be an answer to read whole (what came so far is kept for that)."""

    def __init__(
        self,
        client: _soap.Endpoint,
        response: httpx.Response,
        expected: str,
        path: tuple[str, ...],
        read: Callable[[etree._Element], T],
        strict: bool,
    ) -> None:
        self.limits = client.limits
        self.expected, self.path, self.read, self.strict = expected, path, read, strict
        self.body = _soap._Body(response, _UNBOUNDED)  # this counts its own bytes, per item
        self.parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        self.item_depth = 3 + len(path)  # Envelope, Body, the expected element, the path
        self.tags: list[str] = []  # of the open elements
        self.held: list[bytes] | None = []  # what came, until the answer is known
        self.since = 0  # bytes decoded since the last item, or since the start
        self.whole = False

    def feed(self, chunk: bytes) -> Iterator[T]:
        self.body.feed(chunk)
        decoded, self.body.chunks = self.body.chunks, []
        step = max(1, min(self.limits.max_bytes, _SLICE))
        for data in decoded:
            for at in range(0, len(data), step):
                piece = data[at : at + step]
                if self.held is not None:
                    self.held.append(piece)
                self.since += len(piece)
                try:
                    self.parser.feed(piece)
                except etree.XMLSyntaxError as exc:
                    if self.held is not None:  # not an answer yet: as `call` says it
                        self.whole = True
                        return
                    raise _soap.ParseError(f"not well-formed XML: {exc.msg}") from None
                yield from self._events()
                if self.whole:
                    return
                if self.since > self.limits.max_bytes:  # counted anew at each item
                    what = "the answer" if self.held is not None else "an item of the answer"
                    raise _soap.ParseError(f"{what} is over the {self.limits.max_bytes}-byte limit")

    def _events(self) -> Iterator[T]:
        for event, element in self.parser.read_events():
            tags = self.tags
            if event == "start":
                tags.append(str(element.tag))
                if len(tags) == 1 and element.getroottree().docinfo.doctype:
                    self.whole = True  # refused as `call` refuses it
                    return
                if len(tags) == 3 and self.held is not None:
                    if not _is_answer(tags, self.expected):
                        self.whole = True  # a Fault or another element
                        return
                    self.held = None
                continue
            depth = len(tags)
            tags.pop()
            if self.held is not None or depth <= 3 or depth > self.item_depth:
                continue  # an item's own elements stay until the item is read
            if depth == self.item_depth and tags[3:] == list(self.path[:-1]):
                if element.tag == self.path[-1] and not _soap.is_nil(element):
                    if element.get("href") is not None:
                        raise _soap.ParseError(
                            "a SOAP-encoded reference cannot be read item by item: call the "
                            "method that returns the whole answer",
                            _soap.path_of(element),
                        )
                    for _ in element.iter(etree.Entity):
                        raise _soap.ParseError(
                            "entity references are not allowed in a SOAP message"
                        )
                    with _soap.Reading(self.strict):
                        item = self.read(element)
                    yield item
                    self.since = 0
                elif element.tag != self.path[-1]:
                    _soap._surprise("unknown", _soap.path_of(element), "an element not an item")
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)

    def close(self) -> None:
        try:
            self.parser.close()
        except etree.XMLSyntaxError as exc:
            raise _soap.ParseError(f"not well-formed XML: {exc.msg}") from None

    def rest(
        self, raw: Iterator[bytes] | None, response: httpx.Response, clock: _soap._Clock
    ) -> bytes:
        """The whole answer: what came so far and the rest, within `max_bytes` in all."""
        if raw is None and response.is_stream_consumed:  # read already, by the transport
            return _soap._whole(response, self.limits.max_bytes)
        body = self.body
        body.max_bytes = self.limits.max_bytes
        body.chunks, body.size = list(self.held or ()), sum(map(len, self.held or ()))
        for chunk in raw if raw is not None else response.iter_raw(_WIRE_CHUNK):
            clock.check()
            body.feed(chunk)
        return body.content()


def _is_answer(tags: list[str], expected: str) -> bool:
    return (
        tags[0].startswith(ENVELOPES)
        and tags[0].endswith("}Envelope")
        and tags[1] == tags[0][: -len("Envelope")] + "Body"
        and tags[2] == expected
    )


_UNBOUNDED = 1 << 62  # the stream counts its own bytes, per item
