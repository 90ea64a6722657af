"""`Client.iter_<method>` (issue 21 item 5): an answer that is a list of one complex type is
read item by item as it arrives, in bounded memory, and means what the whole answer means;
what is not such an answer (a Fault, an HTTP error) is raised as the method raises it."""

from __future__ import annotations

import gzip
import importlib
import re
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from wire import Load

RECORDS = "wsdl_derived_types"
ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/"


@pytest.fixture
def pkg(load: Load) -> Any:
    package = load(RECORDS)
    importlib.import_module(f"{RECORDS}.server")
    return package


def served(pkg: Any, records: list[Any]) -> httpx.Client:
    """The generated server answering `get` with `records`, as the transport of a client."""

    class Handler(pkg.server.Handler):  # type: ignore[misc, name-defined]
        def get(self, *, base_ref: Any) -> list[Any]:
            return records

    app = pkg.server.make_wsgi_app(Handler())
    return httpx.Client(transport=httpx.WSGITransport(app=app))


def some_records(pkg: Any) -> list[Any]:
    models = pkg.models
    return [
        models.Customer(internal_id="c<1>", company_name="Grün & Söhne", credit_limit=None),
        models.Contact(internal_id="p2", email="a@b", company=models.RecordRef(internal_id="c1")),
        models.Partner(internal_id="x3", commission=25),
    ]


def test_items_are_what_the_whole_answer_holds(pkg: Any) -> None:
    records = some_records(pkg)
    client = pkg.Client(http=served(pkg, records))
    ref = pkg.models.RecordRef(internal_id="r")
    whole = client.get(base_ref=ref)
    assert whole == records
    items = client.iter_get(base_ref=ref)
    assert next(items) == records[0]  # the request goes when the iteration starts
    assert list(items) == records[1:]
    assert list(client.iter_get(base_ref=pkg.models.RecordRef(internal_id="none"))) == records


def answer(head: bytes, item: bytes, tail: bytes, count: int, chunk: int = 8192) -> Iterator[bytes]:
    """`head`, `count` times `item`, `tail`, in chunks of about `chunk` bytes, made as read."""
    yield head
    per = max(1, chunk // len(item))
    for at in range(0, count, per):
        yield item * min(per, count - at)
    yield tail


def canned(pkg: Any) -> tuple[bytes, bytes, bytes]:
    """The server's own answer of one record, cut around the record."""
    one = [pkg.models.Customer(internal_id="c", company_name="Acme " * 20)]
    response = served(pkg, one).post(
        "http://x/",
        content=request_of(pkg),
        headers={"content-type": "text/xml; charset=utf-8", "soapaction": '"get"'},
    )
    text = response.content
    found = re.search(rb"<(\w+:record)\b.*?</\1>", text, re.S)
    assert found is not None, text
    return text[: found.start()], found.group(), text[found.end() :]


def request_of(pkg: Any) -> bytes:
    sent: list[bytes] = []

    def keep(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        return httpx.Response(500)

    client = pkg.Client(http=httpx.Client(transport=httpx.MockTransport(keep)))
    with pytest.raises(pkg.SoapError):
        client.get(base_ref=pkg.models.RecordRef(internal_id="r"))
    return sent[0]


def streaming(chunks: Iterator[bytes], **headers: str) -> httpx.Client:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/xml", **headers}, content=chunks)

    return httpx.Client(transport=httpx.MockTransport(handle))


def test_a_long_answer_is_read_in_bounded_memory(pkg: Any) -> None:
    head, item, tail = canned(pkg)
    count = 40_000  # about 10 MB of answer
    client = pkg.Client(http=streaming(answer(head, item, tail, count)))
    ref = pkg.models.RecordRef(internal_id="r")
    tracemalloc.start()
    try:
        seen = 0
        for record in client.iter_get(base_ref=ref):
            assert record.company_name.startswith("Acme")
            seen += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 2_000_000, peak  # the answer is about five times that


def test_the_limit_bounds_each_item_not_the_answer(pkg: Any) -> None:
    head, item, tail = canned(pkg)
    limits = pkg._soap.Limits(max_bytes=len(item) * 4)
    ref = pkg.models.RecordRef(internal_id="r")
    client = pkg.Client(http=streaming(answer(head, item, tail, 1000)), limits=limits)
    assert sum(1 for _ in client.iter_get(base_ref=ref)) == 1000
    big = item.replace(b"Acme", b"Acme" * 2000, 1)
    client = pkg.Client(http=streaming(answer(head, big, tail, 3)), limits=limits)
    with pytest.raises(pkg.ParseError, match="an item of the answer is over"):
        list(client.iter_get(base_ref=ref))


def test_a_gzip_answer_is_undone_as_it_arrives(pkg: Any) -> None:
    head, item, tail = canned(pkg)
    packed = gzip.compress(b"".join(answer(head, item, tail, 500)))
    chunks = iter([packed[at : at + 1000] for at in range(0, len(packed), 1000)])
    client = pkg.Client(http=streaming(chunks, **{"content-encoding": "gzip"}))
    assert sum(1 for _ in client.iter_get(base_ref=pkg.models.RecordRef(internal_id="r"))) == 500


def test_a_fault_or_an_error_is_raised_as_the_method_raises_it(pkg: Any) -> None:
    fault = (
        f'<s:Envelope xmlns:s="{ENVELOPE}"><s:Body><s:Fault><faultcode>s:Server</faultcode>'
        "<faultstring>no records &amp; no luck</faultstring></s:Fault></s:Body></s:Envelope>"
    ).encode()
    ref = pkg.models.RecordRef(internal_id="r")
    for status in (500, 200):

        def handle(request: httpx.Request, status: int = status) -> httpx.Response:
            return httpx.Response(status, headers={"content-type": "text/xml"}, content=fault)

        client = pkg.Client(http=httpx.Client(transport=httpx.MockTransport(handle)))
        with pytest.raises(pkg.SoapFault, match="no records & no luck") as streamed:
            list(client.iter_get(base_ref=ref))
        with pytest.raises(pkg.SoapFault) as whole:
            client.get(base_ref=ref)
        assert type(streamed.value) is type(whole.value)
    cut = canned(pkg)[0] + b"<broken"
    client = pkg.Client(http=streaming(iter([cut])))
    with pytest.raises(pkg.ParseError):
        list(client.iter_get(base_ref=ref))


def test_a_dtd_is_refused_before_anything_is_read(pkg: Any) -> None:
    head, item, tail = canned(pkg)
    declaration, rest = head.split(b"?>", 1)
    hostile = declaration + b'?><!DOCTYPE x [<!ENTITY e "boom">]>' + rest + item + tail
    client = pkg.Client(http=streaming(iter([hostile])))
    with pytest.raises(pkg.SoapError, match="DTD"):
        list(client.iter_get(base_ref=pkg.models.RecordRef(internal_id="r")))


def test_a_hook_that_reads_answers_refuses_a_stream(pkg: Any) -> None:
    head, item, tail = canned(pkg)
    client = pkg.Client(http=streaming(iter([head, item, tail])), hooks=[pkg.History()])
    with pytest.raises(pkg.SoapError, match="History reads answers"):
        list(client.iter_get(base_ref=pkg.models.RecordRef(internal_id="r")))


def test_stopping_early_closes_the_answer(pkg: Any) -> None:
    head, item, tail = canned(pkg)
    answers: list[httpx.Response] = []
    http = streaming(answer(head, item, tail, 10_000))
    http.event_hooks["response"] = [answers.append]
    client = pkg.Client(http=http)
    items = client.iter_get(base_ref=pkg.models.RecordRef(internal_id="r"))
    next(items)
    assert not answers[0].is_closed
    items.close()
    assert answers[0].is_closed
