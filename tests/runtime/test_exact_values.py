"""Exact values (issue 17 item 2): nil apart from absent, dates and times with their zone or
without one, decimals with their scale, read and written back as they came."""

from __future__ import annotations

import importlib
import pickle
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import httpx
import pytest
from lxml import etree
from wire import Load, Wire

from generator.runtime import _soap

SHAPES = "urn:example:shapes"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def save_answer(tree: str) -> bytes:
    return (
        f'<s:Envelope xmlns:s="{S11}" xmlns:xsi="{XSI}" xmlns:m="{SHAPES}"><s:Body>'
        f'<m:SaveResponse><m:SaveResult version="1"><m:code>0</m:code>'
        f'<m:message xsi:nil="true"/>{tree}<m:changedAt>2001-01-01T00:00:00</m:changedAt>'
        "</m:SaveResult></m:SaveResponse></s:Body></s:Envelope>"
    ).encode()


def save(pkg: Any, answer: bytes, **request: Any) -> tuple[Any, etree._Element]:
    """What `save` returns for `answer`, and the Save element it sent."""
    wire = Wire((200, answer))
    client = pkg.Client("http://shapes.test/", http=wire.http())
    arguments = {
        "tree": pkg.models.Node(version=1, label="root"),
        "shape": pkg.models.Shape(circle=pkg.models.Circle(radius=1)),
        "size": pkg.models.Length(unit=pkg.models.Unit("mm"), value=Decimal("1")),
        "percent": 5,
    }
    result = client.save(**(arguments | request))
    return result, wire.body()


def test_nil_and_absent_read_apart(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    nil, _ = save(pkg, save_answer('<m:tree xsi:nil="true"/>'))
    absent, _ = save(pkg, save_answer(""))
    assert nil.tree is pkg.NIL and isinstance(nil.tree, pkg.Nil)
    assert absent.tree is None
    # a required nillable element (message) is None when nil: it cannot be absent
    assert nil.message is None and absent.message is None


def test_nil_and_absent_are_written_apart(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    prefix = next(p for p, ns in pkg.models.NSMAP.items() if ns == SHAPES)
    declarations = "".join(f' xmlns:{p}="{ns}"' for p, ns in pkg.models.NSMAP.items())

    def written(tree: Any) -> etree._Element:
        result = pkg.models.Result(version=1, code=0, changed_at=datetime(2001, 1, 1), tree=tree)
        out: list[str] = []
        result._write(out, f"{prefix}:SaveResult")
        return etree.fromstring(f"<w{declarations}>{''.join(out)}</w>")[0]

    nil = written(pkg.NIL).find(f"{{{SHAPES}}}tree")
    assert nil is not None and nil.get(f"{{{XSI}}}nil") == "true" and len(nil) == 0
    assert written(None).find(f"{{{SHAPES}}}tree") is None
    node = written(pkg.models.Node(version=2, label="x")).find(f"{{{SHAPES}}}tree")
    assert node is not None and node.get("version") == "2"


def test_a_server_answers_nil_and_the_client_reads_it(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    server = importlib.import_module("wsdl_schema_shapes.server")
    trees: list[Any] = []

    class Shapes(server.Handler):  # type: ignore[misc,name-defined]
        def save(self, **kwargs: Any) -> Any:
            trees.append(kwargs["tree"])
            tree = pkg.NIL if kwargs["percent"] else None
            return pkg.models.Result(version=1, code=0, changed_at=datetime(2001, 1, 1), tree=tree)

    wire: list[bytes] = []
    app = server.make_wsgi_app(Shapes())

    def recorded(request: httpx.Request) -> httpx.Response:
        response = httpx.WSGITransport(app).handle_request(request)
        wire.append(response.read())
        return httpx.Response(response.status_code, headers=response.headers, content=wire[-1])

    client = pkg.Client(
        "http://shapes.test/", http=httpx.Client(transport=httpx.MockTransport(recorded))
    )
    for percent, expected in ((5, pkg.NIL), (0, None)):
        answer = client.save(
            tree=pkg.models.Node(version=1, label="root"),
            shape=pkg.models.Shape(circle=pkg.models.Circle(radius=1)),
            size=pkg.models.Length(unit=pkg.models.Unit("mm"), value=Decimal("1")),
            percent=percent,
        )
        assert answer.tree is expected
    nil, absent = (etree.fromstring(data).find(f".//{{{SHAPES}}}tree") for data in wire)
    assert nil is not None and nil.get(f"{{{XSI}}}nil") == "true"
    assert absent is None


def test_a_date_keeps_its_zone_or_its_absence(load: Load) -> None:
    pkg = load("wsdl_schema_shapes")
    a = "urn:example:shapes:a"
    for text in ("2024-01-01+05:00", "2024-01-01Z", "2024-01-01-03:30", "2024-01-01"):
        tree = (
            f'<m:tree version="1"><a:label xmlns:a="{a}">t</a:label>'
            f'<a:meta xmlns:a="{a}" created="{text}"><owner>o</owner></a:meta></m:tree>'
        )
        result, _ = save(pkg, save_answer(tree))
        created = result.tree.meta.created
        assert created == date(2024, 1, 1)
        assert _soap.date_text(created) == text
        assert isinstance(created, pkg.ZonedDate) is (text != "2024-01-01")
    zoned = pkg.ZonedDate(2024, 1, 1, timezone(timedelta(hours=5)))
    meta = pkg.models.Meta(created=zoned, owner="o")
    _, sent = save(pkg, save_answer(""), tree=pkg.models.Node(version=1, label="r", meta=meta))
    (element,) = sent.iter(f"{{{a}}}meta")
    assert element.get("created") == "2024-01-01+05:00"


def test_zoned_dates_behave_as_dates_that_remember_their_zone() -> None:
    plus5 = timezone(timedelta(hours=5))
    day = _soap.ZonedDate(2024, 1, 31, plus5)
    assert day == date(2024, 1, 31) and hash(day) == hash(date(2024, 1, 31))
    assert (day + timedelta(days=1)).isoformat() == "2024-02-01+05:00"
    assert (day - timedelta(days=31)).isoformat() == "2023-12-31+05:00"
    assert day - date(2024, 1, 1) == timedelta(days=30)
    assert day.replace(day=2).tzinfo is plus5
    assert pickle.loads(pickle.dumps(day)).isoformat() == "2024-01-31+05:00"
    assert str(_soap.ZonedDate(2024, 1, 1, timezone.utc)) == "2024-01-01Z"
    assert _soap.date_text(datetime(2024, 1, 1, 10, 0)) == "2024-01-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T14:30:45+02:00", "2024-03-01T14:30:45+02:00"),
        ("2024-03-01T14:30:45Z", "2024-03-01T14:30:45Z"),
        ("2024-03-01T14:30:45", "2024-03-01T14:30:45"),
        ("2024-03-01T14:30:45.120-05:30", "2024-03-01T14:30:45.120000-05:30"),
    ],
)
def test_date_times_keep_their_zone_or_its_absence(text: str, expected: str) -> None:
    element = etree.Element("x")
    element.text = text
    value = _soap.read_datetime(element)
    assert (value.tzinfo is None) is (text == "2024-03-01T14:30:45")
    assert _soap.datetime_text(value) == expected


@pytest.mark.parametrize(
    ("text", "naive"), [("10:00:00", True), ("10:00:00Z", False), ("10:00:00+01:00", False)]
)
def test_times_keep_their_zone_or_its_absence(text: str, naive: bool) -> None:
    element = etree.Element("x")
    element.text = text
    value = _soap.read_time(element)
    assert isinstance(value, time) and (value.tzinfo is None) is naive
    assert _soap.time_text(value) == text


@pytest.mark.parametrize(
    "text", ["1.50", "0.000", "100", "-0.10", "12345678901234567890.123456789"]
)
def test_decimals_keep_their_scale(text: str) -> None:
    element = etree.Element("x")
    element.text = text
    value = _soap.read_decimal(element)
    assert _soap.decimal_text(value) == text
