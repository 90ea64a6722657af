"""What the generated seed packages do on the wire, checked against the pages themselves."""

from __future__ import annotations

import dataclasses
import enum
import inspect
import types
import typing
import uuid
from datetime import date, datetime, time, timezone
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import canonicalize

import httpx
import pytest
from lxml import etree
from repo import SEEDS, SPECS, load_package
from samples import (
    XSI,
    Sample,
    fill_placeholders,
    page_samples,
    skeleton,
    split_envelope,
)
from values import written


def page_of(seed: str) -> Path:
    (page,) = [p for p in (SPECS / seed).iterdir() if p.suffix == ".txt"]
    return page


def pairs(seed: str) -> list[tuple[Sample, Sample]]:
    """(request, response) samples per SOAP version shown on the seed's page."""
    samples = page_samples(page_of(seed))
    requests = [s for s in samples if s.is_request]
    responses = [s for s in samples if not s.is_request]
    assert requests and len(requests) == len(responses)
    return list(zip(requests, responses, strict=True))


CASES = [(seed, i) for seed in SEEDS for i in range(len(pairs(seed)))]


def value_for(annotation: object, package: types.ModuleType) -> object:
    """A filled-in value of a generated annotation: every optional field set, lists of two."""
    if isinstance(annotation, str):
        annotation = eval(annotation, vars(package.models))  # annotations are strings here
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return value_for(inner, package)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [value_for(item, package), value_for(item, package)]
    simple: dict[object, object] = {
        str: "text & <value>",
        int: 7,
        bool: True,
        Decimal: Decimal("1234.5678"),
        float: 1.25,
        datetime: datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc),
        date: date(2024, 5, 6),
        time: time(7, 8, 9),
        uuid.UUID: uuid.UUID(int=1),
        bytes: b"\x00\x01binary",
    }
    if annotation in simple:
        return simple[annotation]
    assert isinstance(annotation, type)
    if issubclass(annotation, enum.Enum):
        return list(annotation)[-1]
    assert dataclasses.is_dataclass(annotation)
    hints = typing.get_type_hints(annotation, vars(package.models))
    return annotation(
        **{f.name: value_for(hints[f.name], package) for f in dataclasses.fields(annotation)}
    )


def operation_method(package: types.ModuleType, request: Sample) -> tuple[str, dict[str, object]]:
    """The client method for a documented request, with every argument filled in."""
    _, body = split_envelope(request.envelope)
    methods = {
        name: member
        for name, member in inspect.getmembers(package.Client, inspect.isfunction)
        if not name.startswith("_") and name != "close"
    }
    wanted = etree.QName(body).localname.lower().replace("_", "")
    (name,) = [n for n in methods if n.replace("_", "") == wanted]
    hints = typing.get_type_hints(methods[name], {**vars(package.client), **vars(package.models)})
    arguments = {
        p: value_for(hints[p], package)
        for p in inspect.signature(methods[name]).parameters
        if p not in ("self", "soap_headers")
    }
    return name, arguments


def respond_with(content: bytes, seen: list[httpx.Request], version: str) -> httpx.Client:
    content_type = "text/xml" if version == "1.1" else "application/soap+xml"

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=content, headers={"Content-Type": content_type})

    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(("seed", "index"), CASES)
def test_request_has_the_documented_structure(seed: str, index: int) -> None:
    package = load_package(seed)
    request, response = pairs(seed)[index]
    name, arguments = operation_method(package, request)
    seen: list[httpx.Request] = []
    http = respond_with(etree.tostring(fill_placeholders(response.envelope)), seen, request.version)
    client = package.Client("http://service.test/endpoint", http=http, soap_version=request.version)
    getattr(client, name)(**arguments)

    (sent,) = seen
    envelope = etree.fromstring(sent.content)
    assert envelope.tag == request.envelope.tag  # SOAP version
    want_headers, want_body = split_envelope(request.envelope)
    got_headers, got_body = split_envelope(envelope)
    assert skeleton(got_body) == skeleton(want_body)
    assert [skeleton(h) for h in got_headers] == [skeleton(h) for h in want_headers]
    if got_headers:  # header entries travel inside soap:Header, whatever the page printed
        ns = etree.QName(envelope).namespace
        assert envelope[0].tag == f"{{{ns}}}Header"

    action = next((s.soap_action for s in page_samples(page_of(seed)) if s.soap_action), None)
    if request.version == "1.1":
        assert sent.headers["Content-Type"].startswith("text/xml")
        assert sent.headers["SOAPAction"] == f'"{action or ""}"'
    else:
        assert sent.headers["Content-Type"].startswith("application/soap+xml")
        assert "SOAPAction" not in sent.headers
        if action:
            assert f'action="{action}"' in sent.headers["Content-Type"]


def _canonical(element: etree._Element) -> str:
    return canonicalize(
        etree.tostring(element),
        strip_text=True,
        rewrite_prefixes=True,
        qname_aware_attrs=[f"{{{XSI}}}type"],
    )


@pytest.mark.parametrize(("seed", "index"), CASES)
def test_response_parses_and_serialises_back(seed: str, index: int) -> None:
    package = load_package(seed)
    request, response = pairs(seed)[index]
    name, arguments = operation_method(package, request)
    documented = fill_placeholders(response.envelope)
    http = respond_with(etree.tostring(documented), [], request.version)
    client = package.Client("http://service.test/endpoint", http=http, soap_version=request.version)

    result = getattr(client, name)(**arguments)
    assert result is not None

    _, body = split_envelope(documented)
    wrapper = getattr(package.models, etree.QName(body).localname)
    parsed = wrapper._read(body)
    again = written(parsed, body.tag, package.models)
    assert _canonical(again) == _canonical(body)


def test_typed_values_come_back_typed() -> None:
    veetro = load_package("worketc_veetro")
    _, response = pairs("worketc_veetro")[0]
    http = respond_with(etree.tostring(fill_placeholders(response.envelope)), [], "1.1")
    record = veetro.Client(http=http).set_outlook_sync_record(record=None)
    assert record.import_sync_record_id == 42
    assert record.delete is True
    assert record.remote_time_stamp == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    assert record.current_status is veetro.models.CurrentStatus.COMPLETED

    convio = load_package("convio_sync")
    _, response = pairs("convio_sync")[0]
    http = respond_with(etree.tostring(response.envelope), [], "1.1")
    result = convio.Client("http://convio.test/", http=http).end_synchronization(partition_id=1)
    assert result.start == datetime(2008, 12, 11, tzinfo=timezone.utc)
    assert result.sync_id == 183

    sans = load_package("sanspapier_synchronization")
    _, response = pairs("sanspapier_synchronization")[0]
    http = respond_with(etree.tostring(fill_placeholders(response.envelope)), [], "1.1")
    status = sans.Client(http=http).synchronization_attachment()
    assert status is sans.models.SynchronizationAttachmentResult.SYCHRONIZATION_ERROR


def test_declared_fault_raises_its_own_exception() -> None:
    convio = load_package("convio_sync")
    fault = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        b"<soap:Fault><faultcode>soap:Client</faultcode><faultstring>no session</faultstring>"
        b'<detail><SynchronizationFault xmlns="urn:soap.convio.com"><Code>7</Code>'
        b"</SynchronizationFault></detail></soap:Fault></soap:Body></soap:Envelope>"
    )

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, content=fault)

    client = convio.Client(
        "http://convio.test/", http=httpx.Client(transport=httpx.MockTransport(handler))
    )
    with pytest.raises(convio.models.SynchronizationFault) as caught:
        client.end_synchronization(partition_id=5, session=convio.models.Session(session_id="abc"))
    assert caught.value.code == "soap:Client"
    assert caught.value.reason == "no session"
    assert caught.value.detail is not None
    assert isinstance(caught.value, convio.SoapFault)


def test_async_client_sends_the_same_request() -> None:
    import asyncio

    sans = load_package("sanspapier_synchronization")
    request, response = pairs("sanspapier_synchronization")[1]
    seen: list[httpx.Request] = []

    async def handler(sent: httpx.Request) -> httpx.Response:
        seen.append(sent)
        return httpx.Response(200, content=etree.tostring(fill_placeholders(response.envelope)))

    async def run() -> object:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with sans.AsyncClient(http=http, soap_version="1.2") as client:
            return await client.synchronization_attachment(token="t", offset=3)

    assert asyncio.run(run()) is sans.models.SynchronizationAttachmentResult.SYCHRONIZATION_ERROR
    sent = etree.fromstring(seen[0].content)
    assert etree.QName(sent).namespace == "http://www.w3.org/2003/05/soap-envelope"
    _, body = split_envelope(sent)
    assert [etree.QName(c).localname for c in body] == ["token", "offset"]
