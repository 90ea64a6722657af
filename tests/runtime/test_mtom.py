"""MTOM/XOP and SOAP with Attachments on the wire: answers laid out as CXF and WCF send them are
read, what the `Mtom` hook and an `mtom=True` server send is read by independent readers
(requests_toolbelt's multipart decoder with zeep's XOP resolution, and zeep as a client), and
broken or hostile packages end in a clear, bounded `MimeError`."""

from __future__ import annotations

import asyncio
import base64
import email.parser
import email.policy
import importlib
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree
from repo import GOLDEN, SHARED, imported
from served import Served
from wire import Load

from generator.config import ProjectSettings
from generator.model import MimePart
from generator.pipeline import generate
from generator.runtime import _mime, _server, _soap

DOCS = "urn:example:documents"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
XOP = "http://www.w3.org/2004/08/xop/include"
# bytes a MIME reader could trip on: line ends of every kind, a near-boundary, NULs, and a
# trailing CRLF that belongs to the content, not to the delimiter
AWKWARD = b"\r\n--uuid:not-the-boundary\r\n\n\r\x00\xff" + bytes(range(256)) * 8 + b"\r\n"
# zeep's reader strips CR and LF from both ends of a binary part: what it judges starts and
# ends otherwise
FOR_ZEEP = b"<" + AWKWARD + b">"

CXF_BOUNDARY = "uuid:6b62cda8-2a9b-4fcb-b2a0-5b3c2f6f8f35"
CXF_PART = "5aeaa450-17f0-4484-b845-a8480c363444-1@cxf.apache.org"


def cxf_answer(content: bytes, thumbnails: list[bytes]) -> tuple[str, bytes]:
    """GetDocumentResponse as Apache CXF 3/4 sends MTOM: `uuid:` boundary, a CRLF before the
    first delimiter, the root `<root.message@cxf.apache.org>`, parts sent `binary`."""
    content_type = (
        f'multipart/related; type="application/xop+xml"; boundary="{CXF_BOUNDARY}"; '
        'start="<root.message@cxf.apache.org>"; start-info="text/xml"'
    )
    ids = [CXF_PART] + [f"{i}-{CXF_PART}" for i in range(len(thumbnails))]
    includes = "".join(
        f'<ns2:thumbnail><xop:Include xmlns:xop="{XOP}" href="cid:{cid}"/></ns2:thumbnail>'
        for cid in ids[1:]
    )
    envelope = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body>'
        f'<ns2:GetDocumentResponse xmlns:ns2="{DOCS}"><ns2:name>report.pdf</ns2:name>'
        f'<ns2:content><xop:Include xmlns:xop="{XOP}" href="cid:{CXF_PART}"/></ns2:content>'
        f"{includes}</ns2:GetDocumentResponse></soap:Body></soap:Envelope>"
    ).encode()
    body = (
        f"\r\n--{CXF_BOUNDARY}\r\n"
        'Content-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\n'
        "Content-Transfer-Encoding: binary\r\n"
        "Content-ID: <root.message@cxf.apache.org>\r\n\r\n"
    ).encode() + envelope
    for cid, data in zip(ids, [content, *thumbnails], strict=True):
        body += (
            f"\r\n--{CXF_BOUNDARY}\r\n"
            "Content-Type: application/octet-stream\r\n"
            "Content-Transfer-Encoding: binary\r\n"
            f"Content-ID: <{cid}>\r\n\r\n"
        ).encode() + data
    return content_type, body + f"\r\n--{CXF_BOUNDARY}--".encode()


def wcf_answer(content: bytes) -> tuple[str, bytes]:
    """The same as WCF's MtomMessageEncoder writes it: unquoted parameters without spaces, a
    boundary holding `+id=`, headers in another order, `8bit` root, and an http: Content-ID
    that the cid: URL percent-encodes (RFC 2392)."""
    boundary = "uuid:0ca0e16e-feb1-426c-97d8-c4508ada5e82+id=1"
    content_type = (
        f'multipart/related;type="application/xop+xml";start="<http://tempuri.org/0>";'
        f'boundary="{boundary}";start-info="text/xml"'
    )
    part_id = "http://tempuri.org/1/635839288361327568"
    envelope = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><GetDocumentResponse xmlns="{DOCS}">'
        "<name>report.pdf</name><content>"
        '<xop:Include href="cid:http%3A%2F%2Ftempuri.org%2F1%2F635839288361327568" '
        f'xmlns:xop="{XOP}"/></content></GetDocumentResponse></s:Body></s:Envelope>'
    ).encode()
    body = (
        f"--{boundary}\r\nContent-ID: <http://tempuri.org/0>\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        'Content-Type: application/xop+xml;charset=utf-8;type="text/xml"\r\n\r\n'
    ).encode() + envelope
    body += (
        f"\r\n--{boundary}\r\nContent-ID: <{part_id}>\r\n"
        "Content-Transfer-Encoding: binary\r\nContent-Type: application/octet-stream\r\n\r\n"
    ).encode() + content
    return content_type, body + f"\r\n--{boundary}--\r\n".encode()


class Canned(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers every request with one canned answer (its Content-Type given); keeps requests."""

    def __init__(self, content_type: str, content: bytes, status: int = 200) -> None:
        self.answer = (status, content_type, content)
        self.sent: list[httpx.Request] = []

    def _respond(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        status, content_type, content = self.answer
        return httpx.Response(status, content=content, headers={"Content-Type": content_type})

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._respond(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._respond(request)


@pytest.fixture
def docs(load: Load) -> Any:
    package = load("wsdl_mtom")
    importlib.import_module("wsdl_mtom.server")
    return package


def client(docs: Any, transport: Canned, **options: Any) -> Any:
    return docs.Client(http=httpx.Client(transport=transport), **options)


def test_an_mtom_answer_as_cxf_sends_it_is_read_into_the_bytes_fields(docs: Any) -> None:
    thumbs = [b"\x89PNG" + os.urandom(3000), b"\r\n"]
    wire = Canned(*cxf_answer(AWKWARD, thumbs))
    history = docs.History()
    result = client(docs, wire, hooks=[history]).get_document(id="d-1")
    assert result.name == "report.pdf"
    assert result.content == AWKWARD
    assert result.thumbnail == thumbs
    seen = history.received[-1]
    assert seen.content.startswith(b"<soap:Envelope") and b"xop:Include" in seen.content
    assert [a.content_id for a in seen.attachments] == [CXF_PART, f"0-{CXF_PART}", f"1-{CXF_PART}"]
    assert seen.attachments[0].content == AWKWARD
    assert seen.attachments[0].content_type == "application/octet-stream"
    assert ("Content-Transfer-Encoding", "binary") in seen.attachments[0].headers


def test_an_mtom_answer_as_wcf_sends_it_is_read_percent_encoded_cid_and_all(docs: Any) -> None:
    data = os.urandom(70_000)
    result = client(docs, Canned(*wcf_answer(data))).get_document(id="d-1")
    assert (result.name, result.content) == ("report.pdf", data)


def test_the_async_client_reads_mtom_too(docs: Any) -> None:
    wire = Canned(*cxf_answer(b"async", []))

    async def go() -> Any:
        async with docs.AsyncClient(http=httpx.AsyncClient(transport=wire)) as c:
            return await c.get_document(id="d")

    assert asyncio.run(go()).content == b"async"


def test_an_swa_answer_keeps_its_parts_as_attachments(docs: Any) -> None:
    # SwA as SAAJ sends it: the root is the plain envelope (no XOP, no `start`), then a part
    # no element points at
    envelope = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><GetDocumentResponse xmlns="{DOCS}">'
        "<name>n</name></GetDocumentResponse></soap:Body></soap:Envelope>"
    ).encode()
    body = (
        b"------=_Part_0_1\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n"
        + envelope
        + b"\r\n------=_Part_0_1\r\nContent-Type: text/plain\r\nContent-ID: <receipt>\r\n"
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(AWKWARD)
        + b"\r\n------=_Part_0_1--\r\n"
    )
    content_type = 'multipart/related; type="text/xml"; boundary="----=_Part_0_1"'
    history = docs.History()
    result = client(docs, Canned(content_type, body), hooks=[history]).get_document(id="d")
    assert (result.name, result.content) == ("n", None)
    (part,) = history.received[-1].attachments
    assert (part.content_id, part.content_type, part.content) == ("receipt", "text/plain", AWKWARD)


# -- what we send, judged by others ------------------------------------------------------


def test_the_mtom_hook_sends_large_values_as_parts_that_zeeps_reader_resolves(
    docs: Any,
) -> None:
    from requests_toolbelt.multipart.decoder import MultipartDecoder
    from zeep.wsdl.attachments import MessagePack
    from zeep.wsdl.messages.xop import process_xop

    wire = Canned("text/xml", upload_answer())
    big = FOR_ZEEP * 4
    client(docs, wire, hooks=[docs.Mtom()]).upload_document(name="n", content=big)
    request = wire.sent[-1]
    content_type = request.headers["content-type"]
    decoder = MultipartDecoder(request.content, content_type)
    root = decoder.parts[0]
    assert root.headers[b"Content-Type"].startswith(b"application/xop+xml")
    assert b'type="text/xml"' in root.headers[b"Content-Type"]
    assert request.headers["SOAPAction"] == '"urn:example:documents/UploadDocument"'
    document = etree.fromstring(root.content)
    assert process_xop(document, MessagePack(decoder.parts[1:]))  # it found the Include
    (content,) = document.iter(f"{{{DOCS}}}content")
    assert base64.b64decode(content.text or "") == big
    # and the stdlib's reader agrees on the top-level parameters
    head = email.message_from_string(f"Content-Type: {content_type}\n\n", policy=email.policy.HTTP)
    assert head.get_param("type") == "application/xop+xml"
    assert head.get_param("start-info") == "text/xml"
    start = str(head.get_param("start"))
    assert root.headers[b"Content-ID"].decode() == start


def test_the_mtom_hook_leaves_small_requests_plain(docs: Any) -> None:
    wire = Canned("text/xml", upload_answer())
    client(docs, wire, hooks=[docs.Mtom()]).upload_document(name="n", content=b"x" * 1024)
    assert wire.sent[-1].headers["content-type"].startswith("text/xml")
    assert b"eHh4" in wire.sent[-1].content  # base64 of "xxx", inline


def upload_answer() -> bytes:
    return (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><UploadDocumentResponse xmlns="{DOCS}">'
        "<id>d-9</id><size>3</size></UploadDocumentResponse></soap:Body></soap:Envelope>"
    ).encode()


def test_the_stdlib_reads_the_package_byte_for_byte() -> None:
    data = AWKWARD + os.urandom(5000)
    body, content_type = _mime.package(
        b"<e/>", [_soap.Attachment(data, "image/png", "p@x")], version="1.2", action="urn:a"
    )
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    root, part = message.iter_parts()
    assert message.get_param("type") == "application/soap+xml"
    assert message.get_param("action") == "urn:a"
    assert root.get_content_type() == "application/soap+xml"
    assert root.get_payload(decode=True) == b"<e/>"
    assert (part["Content-ID"], part.get_content_type()) == ("<p@x>", "image/png")
    assert part.get_payload(decode=True) == data


def test_a_soap12_xop_package_names_its_action_where_servers_look() -> None:
    _, content_type = _mime.package(b"<e/>", [], version="1.2", action='urn:"q"', xop=True)
    assert _mime.param(content_type, "start-info") == 'application/soap+xml; action="urn:\\"q\\""'
    assert _mime.action_of(content_type) == 'urn:"q"'
    environ = {"CONTENT_TYPE": content_type}
    assert _server._action(environ, "1.2") == 'urn:"q"'


# -- the server ----------------------------------------------------------------------------


class Store:
    """A handler of the wsdl_mtom package: keeps what is uploaded, answers it back."""

    def __init__(self, docs: Any) -> None:
        self.docs = docs
        self.kept: dict[str, bytes] = {}

    def handler(self) -> Any:
        store = self

        class Handler(self.docs.server.Handler):  # type: ignore[name-defined,misc]
            def upload_document(self, *, name: str, content: bytes) -> Any:
                store.kept[name] = content
                return store.docs.models.UploadDocumentResponse(id=name, size=len(content))

            def get_document(self, *, id: str) -> Any:
                return store.docs.models.GetDocumentResponse(name=id, content=store.kept[id])

        return Handler()


def wsgi_client(docs: Any, app: Any, **options: Any) -> Any:
    return docs.Client(
        "http://docs.test/", http=httpx.Client(transport=httpx.WSGITransport(app)), **options
    )


def test_client_and_server_speak_mtom_both_ways(docs: Any) -> None:
    store = Store(docs)
    recording = Recorder(httpx.WSGITransport(docs.server.make_wsgi_app(store.handler())))
    c = docs.Client(
        "http://docs.test/", http=httpx.Client(transport=recording), hooks=[docs.Mtom()]
    )
    data = os.urandom(200_000) + AWKWARD
    assert c.upload_document(name="a", content=data).size == len(data)
    assert store.kept["a"] == data
    assert c.get_document(id="a").content == data
    (sent, answered), (sent_2, answered_2) = recording.exchanged
    assert sent.startswith("multipart/related") and sent_2.startswith("text/xml")
    # the server answers MTOM only to an MTOM request (the first) unless made with mtom=True,
    # and only where a value is worth a part (the upload's answer holds none)
    assert answered.startswith("text/xml")
    assert answered_2.startswith("text/xml")
    ask = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><GetDocument xmlns="{DOCS}">'
        "<id>a</id></GetDocument></soap:Body></soap:Envelope>"
    ).encode()
    body, content_type = _mime.package(ask, [], version="1.1", xop=True)
    answer = httpx.Client(transport=recording).post(
        "http://docs.test/", content=body, headers={"Content-Type": content_type}
    )
    assert answer.headers["content-type"].startswith('multipart/related; type="application/xop')
    root, parts = _mime.unpack(answer.headers["content-type"], answer.content)
    assert [p.content for p in parts] == [data]
    assert b"<xop:Include" in root.content


def test_an_mtom_server_answers_large_values_as_parts(docs: Any) -> None:
    store = Store(docs)
    store.kept["big"] = AWKWARD * 10
    app = docs.server.make_wsgi_app(store.handler(), mtom=True)
    recording = Recorder(httpx.WSGITransport(app))
    c = docs.Client("http://docs.test/", http=httpx.Client(transport=recording))
    assert c.get_document(id="big").content == AWKWARD * 10
    assert recording.exchanged[-1][1].startswith('multipart/related; type="application/xop+xml"')
    store.kept["small"] = b"tiny"
    assert c.get_document(id="small").content == b"tiny"
    assert recording.exchanged[-1][1].startswith("text/xml")


class Recorder(httpx.BaseTransport):
    """Keeps the Content-Type of each request and answer."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.exchanged: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        self.exchanged.append(
            (request.headers["content-type"], response.headers.get("content-type", ""))
        )
        return response


@pytest.fixture
def served_mtom(docs: Any) -> Iterator[tuple[Served, Store]]:
    store = Store(docs)
    served = Served(docs.server.make_wsgi_app(store.handler(), mtom=True))
    yield served, store
    served.close()


def test_zeep_reads_the_mtom_answers_of_the_server(served_mtom: tuple[Served, Store]) -> None:
    zeep = pytest.importorskip("zeep")
    served, store = served_mtom
    store.kept["z"] = FOR_ZEEP * 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zc = zeep.Client(served.url + "?wsdl")
        binding = next(iter(zc.wsdl.bindings))
        service = zc.create_service(binding, served.url)
        with zc.settings(raw_response=True):
            raw = service.GetDocument(id="z")
        answer = service.GetDocument(id="z")
    assert raw.headers["Content-Type"].startswith("multipart/related")
    assert answer.name == "z"
    assert answer.content == FOR_ZEEP * 3


# -- broken and hostile packages -------------------------------------------------------------


def test_a_multipart_answer_cut_short_is_a_clear_error(docs: Any) -> None:
    content_type, body = cxf_answer(b"data", [])
    with pytest.raises(docs.MimeError, match="ends before its closing boundary"):
        client(docs, Canned(content_type, body[:-20])).get_document(id="d")


def test_a_multipart_answer_labelled_xml_says_what_it_is(docs: Any) -> None:
    _, body = cxf_answer(b"data", [])
    with pytest.raises(docs.ParseError, match="looks like a MIME multipart message"):
        client(docs, Canned("text/xml; charset=utf-8", body)).get_document(id="d")
    with pytest.raises(docs.TransportError, match="HTTP 500: the answer looks like a MIME"):
        client(docs, Canned("text/xml", body, 500)).get_document(id="d")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((f"cid:{CXF_PART}", "cid:nobody@x"), "names no part of the message"),
        ((f"cid:{CXF_PART}", "http://x/y"), "not at a cid: part"),
        (("<root.message@cxf.apache.org>\r\n", "<other@x>\r\n"), "`start` names is not in"),
        ((f"--{CXF_BOUNDARY}", "--uuid:else"), "no MIME part starts with"),
        (("Content-ID: <root", "Content-ID:: \r\n<root"), "cannot be read"),
    ],
)
def test_broken_packages_raise_mime_errors(
    docs: Any, change: tuple[str, str], message: str
) -> None:
    content_type, body = cxf_answer(b"data", [])
    body = body.replace(change[0].encode(), change[1].encode())
    with pytest.raises(docs.MimeError, match=message):
        client(docs, Canned(content_type, body)).get_document(id="d")


def test_a_part_bomb_is_refused_before_it_is_parsed(docs: Any) -> None:
    content_type, body = cxf_answer(b"d", [])
    end = f"\r\n--{CXF_BOUNDARY}--".encode()
    filler = f"\r\n--{CXF_BOUNDARY}\r\nContent-ID: <x>\r\n\r\nx".encode() * 200_000
    bomb = body[: -len(end)] + filler + end
    began = time.perf_counter()
    with pytest.raises(docs.MimeError, match="more than 100 MIME parts"):
        client(docs, Canned(content_type, bomb)).get_document(id="d")
    assert time.perf_counter() - began < 2
    limits = docs._soap.Limits(max_parts=2)
    with pytest.raises(docs.MimeError, match="more than 2 MIME parts"):
        client(docs, Canned(*cxf_answer(b"d", [b"1", b"2"])), limits=limits).get_document(id="d")


def test_one_part_named_many_times_is_bounded_by_max_bytes(docs: Any) -> None:
    content_type, body = cxf_answer(b"x" * 100_000, [])
    include = f'<xop:Include xmlns:xop="{XOP}" href="cid:{CXF_PART}"/>'.encode()
    many = b"".join(b"<ns2:thumbnail>" + include + b"</ns2:thumbnail>" for _ in range(2000))
    body = body.replace(b"</ns2:GetDocumentResponse>", many + b"</ns2:GetDocumentResponse>")
    limits = docs._soap.Limits(max_bytes=10_000_000)
    with pytest.raises(docs.MimeError, match="inline more than 10000000 bytes"):
        client(docs, Canned(content_type, body), limits=limits).get_document(id="d")


def test_nested_multiparts_are_refused(docs: Any) -> None:
    content_type, body = cxf_answer(b"d", [])
    body = body.replace(
        b"Content-Type: application/octet-stream",
        b'Content-Type: multipart/mixed; boundary="inner"',
    ).replace(b"\r\n\r\nd\r\n", b"\r\n\r\n--inner\r\n\r\nd\r\n--inner--\r\n")
    with pytest.raises(docs.MimeError, match="is itself a multipart"):
        client(docs, Canned(content_type, body)).get_document(id="d")


def test_the_server_answers_a_broken_package_with_a_client_fault(docs: Any) -> None:
    app = docs.server.make_wsgi_app(Store(docs).handler())
    http = httpx.Client(transport=httpx.WSGITransport(app))
    content_type, body = cxf_answer(b"data", [])
    answer = http.post(
        "http://docs.test/", content=body[:-20], headers={"Content-Type": content_type}
    )
    assert answer.status_code == 500
    assert b"<faultcode>soap:Client</faultcode>" in answer.content
    assert b"closing boundary" in answer.content


# -- SOAP with Attachments: declared parts as arguments and answer fields ---------------------


class Photos:
    """A handler of AttachPhoto: keeps the photo, answers a receipt of it."""

    def __init__(self, docs: Any) -> None:
        self.docs = docs
        self.got: list[Any] = []

    def handler(self) -> Any:
        photos = self

        class Handler(self.docs.server.Handler):  # type: ignore[name-defined,misc]
            def attach_photo(self, *, caption: str, photo: Any) -> Any:
                photos.got.append(photo)
                receipt = photos.docs.Attachment(f"{caption}: {len(photo.content)}".encode())
                return photos.docs.models.AttachPhotoAnswer(result=True, receipt=receipt)

        return Handler()


def test_a_declared_part_is_sent_as_ws_i_names_it_under_its_declared_type(docs: Any) -> None:
    from requests_toolbelt.multipart.decoder import MultipartDecoder

    answer = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><AttachPhotoResponse xmlns="{DOCS}">'
        "<accepted>true</accepted></AttachPhotoResponse></soap:Body></soap:Envelope>"
    ).encode()
    wire = Canned("text/xml", answer)
    photo = docs.Attachment(AWKWARD)
    result = client(docs, wire).attach_photo(caption="c", photo=photo)
    assert (result.result, result.receipt) == (True, None)
    request = wire.sent[-1]
    assert request.headers["content-type"].startswith('multipart/related; type="text/xml"')
    root, part = MultipartDecoder(request.content, request.headers["content-type"]).parts
    assert root.headers[b"Content-Type"] == b"text/xml; charset=utf-8"
    assert etree.fromstring(root.content).findtext(f".//{{{DOCS}}}caption") == "c"
    assert part.headers[b"Content-Type"] == b"image/jpeg"  # the binding's mime:content type
    assert part.headers[b"Content-ID"].startswith(b"<photo=")  # WS-I AP 1.0, R2933
    assert part.content == AWKWARD
    given = docs.Attachment(b"png", "image/png", "mine@x")
    client(docs, wire).attach_photo(caption="c", photo=given)
    sent = MultipartDecoder(wire.sent[-1].content, wire.sent[-1].headers["content-type"])
    assert sent.parts[1].headers[b"Content-Type"] == b"image/png"
    assert sent.parts[1].headers[b"Content-ID"] == b"<mine@x>"


def test_client_and_server_exchange_declared_parts(docs: Any) -> None:
    photos = Photos(docs)
    app = docs.server.make_wsgi_app(photos.handler())
    c = wsgi_client(docs, app)
    answer = c.attach_photo(caption="cat", photo=docs.Attachment(AWKWARD))
    (got,) = photos.got
    assert (got.content, got.content_type) == (AWKWARD, "image/jpeg")
    assert answer.result is True
    assert answer.receipt.content == f"cat: {len(AWKWARD)}".encode()
    assert answer.receipt.content_type == "text/plain"
    assert answer.receipt.content_id.startswith("receipt=")

    async def go() -> Any:
        transport = httpx.WSGITransport(app)
        async with docs.AsyncClient("http://docs.test/", http=httpx.AsyncClient()) as ac:
            ac.http = httpx.AsyncClient(transport=AsyncWsgi(transport))
            return await ac.attach_photo(caption="a", photo=docs.Attachment(b"x"))

    assert asyncio.run(go()).receipt.content == b"a: 1"


class AsyncWsgi(httpx.AsyncBaseTransport):
    """httpx's WSGI transport, for an async client (the app runs in the loop's thread)."""

    def __init__(self, inner: httpx.WSGITransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        response = self.inner.handle_request(request)
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.read()
        )


def test_parts_named_otherwise_are_taken_in_their_order(docs: Any) -> None:
    # SAAJ and Axis 1 predate WS-I's `part=` Content-IDs
    envelope = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><AttachPhotoResponse xmlns="{DOCS}">'
        "<accepted>false</accepted></AttachPhotoResponse></soap:Body></soap:Envelope>"
    ).encode()
    body, content_type = _mime.package(
        envelope, [_soap.Attachment(b"r", "text/plain", "A1B2C3")], version="1.1"
    )
    answer = client(docs, Canned(content_type, body)).attach_photo(
        caption="c", photo=docs.Attachment(b"p")
    )
    assert (answer.result, answer.receipt.content) == (False, b"r")


def test_the_server_refuses_a_request_without_its_declared_part(docs: Any) -> None:
    app = docs.server.make_wsgi_app(Photos(docs).handler())
    ask = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><AttachPhoto xmlns="{DOCS}">'
        "<caption>c</caption></AttachPhoto></soap:Body></soap:Envelope>"
    ).encode()
    answer = httpx.Client(transport=httpx.WSGITransport(app)).post(
        "http://docs.test/", content=ask, headers={"Content-Type": "text/xml"}
    )
    assert answer.status_code == 500
    assert b"no MIME part for 'photo'" in answer.content


def test_the_mock_answers_declared_parts_too(docs: Any) -> None:
    app = docs.server.make_wsgi_app(docs.server.MockHandler())
    c = wsgi_client(docs, app)
    arguments = docs.server.MockHandler.sample_requests()["attach_photo"]
    answer = c.attach_photo(**arguments)
    assert answer.receipt.content == b"sample"
    assert answer.receipt.content_type == "text/plain"


def test_cxfs_swa_test_service_round_trips_every_part(tmp_path: Path) -> None:
    """CXF's own SwA test WSDL (swa-mime.wsdl): five parts of five types each way."""
    source = SHARED / "corpus" / "wsdl" / "cxf-swa-mime"
    if not source.is_dir():
        pytest.skip("../shared/corpus is not here")
    specs = tmp_path / "specs"
    shutil.copytree(source, specs / "cxf_swa")
    project = ProjectSettings(root=tmp_path, specs=specs, output=tmp_path / "generated")
    generate([specs / "cxf_swa"], project, project.output)
    with imported(project.output / "cxf_swa", "cxf_swa") as pkg:
        server = importlib.import_module("cxf_swa.server")

        class Echo(server.Handler):  # type: ignore[misc,name-defined]
            def echo_all_attachment_types(self, **given: Any) -> Any:
                parts = {k: v for k, v in given.items() if k.startswith("attach")}
                answer = pkg.models.EchoAllAttachmentTypesAnswer
                return answer(result=pkg.models.OutputResponseAll(result="ok", reason=""), **parts)

        http = httpx.Client(transport=httpx.WSGITransport(server.make_wsgi_app(Echo())))
        c = pkg.Client("http://swa.test/", http=http)
        sent = {f"attach{i}": pkg.Attachment(f"part {i}".encode()) for i in range(1, 6)}
        answer = c.echo_all_attachment_types(**sent)
        types = ["text/plain", "text/html", "text/xml", "image/jpeg", "image/gif"]
        for i, kind in enumerate(types, 1):
            got = getattr(answer, f"attach{i}")
            assert (got.content, got.content_type) == (f"part {i}".encode(), kind)


def test_the_emitted_wsdl_declares_the_parts_again(tmp_path: Path) -> None:
    from generator.pipeline import build

    first = tmp_path / "first"
    shutil.copytree(GOLDEN / "wsdl_mtom" / "spec", first / "specs" / "wsdl_mtom")
    project = ProjectSettings(root=first, specs=first / "specs", output=first / "generated")
    built = build(first / "specs" / "wsdl_mtom", project)
    again = tmp_path / "again" / "specs" / "wsdl_mtom"
    again.mkdir(parents=True)
    (again / "service.wsdl").write_bytes(built.files["wsdl_mtom/service.wsdl"])
    second = ProjectSettings(root=again.parents[1], specs=again.parent, output=tmp_path / "out")
    rebuilt = build(again, second)

    def parts(model: Any) -> list[tuple[str, Any, Any]]:
        ops = [op for service in model.services for op in service.operations]
        return [(op.name, op.attachments, op.output_attachments) for op in ops]

    assert parts(rebuilt.model) == parts(built.model)
    assert (
        "AttachPhoto",
        (MimePart("photo", "image/jpeg"),),
        (MimePart("receipt", "text/plain"),),
    ) in parts(built.model)
    zeep = pytest.importorskip("zeep")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zeep.Client(str(again / "service.wsdl"))
