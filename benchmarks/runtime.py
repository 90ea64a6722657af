"""Runtime of a generated client: soapsmith beside zeep and xsdata, same machine, same process.

    python benchmarks/runtime.py [--runs 7] [--records 5000] [--seed 1] [--profile]

Builds its own input in a scratch folder: a document/literal wrapped SOAP 1.1 WSDL with
`GetRecords(count) -> list of Record` and `PutRecords(list of Record) -> count`, a Record
holding an int, a string, a dateTime, a boolean, a decimal, an enumeration and a nested list
of strings.  From it: the soapsmith package (generator API), xsdata dataclasses (`xsdata
generate`, a subprocess: generation is not timed) and a zeep Client.  Then, in this process:

  * parsing a response of --records records (~2 MB at 5,000): the whole client call of each
    library through a transport that answers the canned bytes (httpx.MockTransport, a zeep
    Transport, an xsdata Transport), and each library's parse step alone; the floor is lxml
    parsing the same bytes and visiting every element;
  * writing a request of --records records: the client call (answered by a tiny response)
    and the serialisation alone; the floor is the same tree built with lxml SubElement
    calls and `etree.tostring`;
  * memory of each whole parse call, outside the timed runs: peak Python heap (tracemalloc,
    which does not see libxml2's own allocations) and, on Linux, peak resident-set growth
    (which does, but is only indicative).

Every result is checked (record count, first, middle and last record) before anything is
timed.  Times are the median and the best of --runs rounds after one warm-up; each round
runs every measure once, in a shuffled order, so that a neighbour's load on a shared machine
falls on all of them alike.  --profile adds soapsmith's calls in steps (timed without a
profiler) and cProfile listings (top 25 by own time) of its parse and serialise calls.
Needs the `bench` extra (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import cProfile
import ctypes
import gc
import importlib
import importlib.metadata
import io
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import requests
import zeep
from lxml import etree
from xsdata.formats.dataclass.client import Client as XsClient
from xsdata.formats.dataclass.client import Config as XsConfig
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.serializers import XmlSerializer
from xsdata.formats.dataclass.transports import Transport as XsTransport
from xsdata.models.datatype import XmlDateTime

from generator.config import ProjectSettings
from generator.pipeline import generate

NS = "urn:bench:records"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
PACKAGE = "bench_records"  # the soapsmith package (spec folder name)
XS_PACKAGE = "xs_records"  # the xsdata package
ADDRESS = "http://bench.invalid/records"
# element names in the service namespace
Q_RECORD, Q_ID, Q_NAME, Q_CREATED, Q_ACTIVE, Q_AMOUNT, Q_STATUS, Q_TAGS, Q_TAG = (
    f"{{{NS}}}{name}"
    for name in ("Record", "Id", "Name", "Created", "Active", "Amount", "Status", "Tags", "Tag")
)

WSDL = f"""<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="{NS}" targetNamespace="{NS}" name="RecordService">
  <wsdl:types>
    <xs:schema targetNamespace="{NS}" elementFormDefault="qualified">
      <xs:simpleType name="Status">
        <xs:restriction base="xs:string">
          <xs:enumeration value="New"/>
          <xs:enumeration value="Active"/>
          <xs:enumeration value="Suspended"/>
          <xs:enumeration value="Closed"/>
        </xs:restriction>
      </xs:simpleType>
      <xs:complexType name="TagList">
        <xs:sequence>
          <xs:element name="Tag" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="Record">
        <xs:sequence>
          <xs:element name="Id" type="xs:int"/>
          <xs:element name="Name" type="xs:string"/>
          <xs:element name="Created" type="xs:dateTime"/>
          <xs:element name="Active" type="xs:boolean"/>
          <xs:element name="Amount" type="xs:decimal"/>
          <xs:element name="Status" type="tns:Status"/>
          <xs:element name="Tags" type="tns:TagList"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="GetRecords">
        <xs:complexType><xs:sequence>
          <xs:element name="count" type="xs:int"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="GetRecordsResponse">
        <xs:complexType><xs:sequence>
          <xs:element name="Record" type="tns:Record" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="PutRecords">
        <xs:complexType><xs:sequence>
          <xs:element name="Record" type="tns:Record" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="PutRecordsResponse">
        <xs:complexType><xs:sequence>
          <xs:element name="count" type="xs:int"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="GetRecordsIn">
    <wsdl:part name="parameters" element="tns:GetRecords"/>
  </wsdl:message>
  <wsdl:message name="GetRecordsOut">
    <wsdl:part name="parameters" element="tns:GetRecordsResponse"/>
  </wsdl:message>
  <wsdl:message name="PutRecordsIn">
    <wsdl:part name="parameters" element="tns:PutRecords"/>
  </wsdl:message>
  <wsdl:message name="PutRecordsOut">
    <wsdl:part name="parameters" element="tns:PutRecordsResponse"/>
  </wsdl:message>
  <wsdl:portType name="RecordPort">
    <wsdl:operation name="GetRecords">
      <wsdl:input message="tns:GetRecordsIn"/><wsdl:output message="tns:GetRecordsOut"/>
    </wsdl:operation>
    <wsdl:operation name="PutRecords">
      <wsdl:input message="tns:PutRecordsIn"/><wsdl:output message="tns:PutRecordsOut"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="RecordBinding" type="tns:RecordPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="GetRecords">
      <soap:operation soapAction="{NS}/GetRecords" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="PutRecords">
      <soap:operation soapAction="{NS}/PutRecords" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="RecordService">
    <wsdl:port name="RecordPort" binding="tns:RecordBinding">
      <soap:address location="{ADDRESS}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""

PUT_ANSWER = (
    f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP_ENV}"><soap:Body>'
    f'<PutRecordsResponse xmlns="{NS}"><count>%d</count></PutRecordsResponse>'
    "</soap:Body></soap:Envelope>"
)

# -- the data ------------------------------------------------------------------------------

STATUSES = ("New", "Active", "Suspended", "Closed")
WORDS = (
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "R&D", "Müller", "<draft>",
    "north", "south", "east", "west", "ledger", "invoice", "customer", "supplier", "account",
)  # fmt: skip
TAGS = ("red", "green", "blue", "urgent", "archived", "vip", "b2b", "b2c", "eu", "us", "apac")
ZONES = (timezone.utc, timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5)))


@dataclass(frozen=True)
class Row:
    """One record, library-neutral: what every parser must give and every writer take."""

    id: int
    name: str
    created: datetime  # always timezone-aware
    active: bool
    amount: Decimal
    status: str
    tags: tuple[str, ...]


def make_rows(count: int, seed: int) -> list[Row]:
    rng = random.Random(seed)
    start = datetime(2020, 1, 1)
    rows = []
    for i in range(count):
        micro = rng.choice((0, 0, 0, 123000, 500000, 999000))
        created = (start + timedelta(seconds=rng.randrange(200_000_000))).replace(
            microsecond=micro, tzinfo=rng.choice(ZONES)
        )
        rows.append(
            Row(
                id=i + 1,
                name=" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) + f" #{i}",
                created=created,
                active=rng.random() < 0.7,
                amount=Decimal(rng.randrange(-100_000, 10_000_000)).scaleb(-2),
                status=rng.choice(STATUSES),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 5))),
            )
        )
    return rows


def datetime_text(value: datetime) -> str:
    text = value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def build_lxml(rows: Sequence[Row], operation: str) -> etree._Element:
    """An envelope holding `rows` as Records, written with plain lxml calls: the floor."""
    sub = etree.SubElement
    env = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV, None: NS})
    holder = sub(sub(env, f"{{{SOAP_ENV}}}Body"), f"{{{NS}}}{operation}")
    for row in rows:
        record = sub(holder, Q_RECORD)
        sub(record, Q_ID).text = str(row.id)
        sub(record, Q_NAME).text = row.name
        sub(record, Q_CREATED).text = datetime_text(row.created)
        sub(record, Q_ACTIVE).text = "true" if row.active else "false"
        sub(record, Q_AMOUNT).text = str(row.amount)
        sub(record, Q_STATUS).text = row.status
        tags = sub(record, Q_TAGS)
        for tag in row.tags:
            sub(tags, Q_TAG).text = tag
    return env


def response_bytes(rows: Sequence[Row]) -> bytes:
    """The GetRecords answer, indented like many servers send it.

    No empty <soap:Header/>: xsdata's generated Output class has no Header field when the
    WSDL declares no soap:header, and its parser rejects the unknown element by default.
    """
    env = build_lxml(rows, "GetRecordsResponse")
    return etree.tostring(env, xml_declaration=True, encoding="utf-8", pretty_print=True)


def lxml_request(rows: Sequence[Row], nsmap: dict[str | None, str]) -> bytes:
    """The floor of writing: the very document soapsmith sends (same prefixes, same value
    forms; the benchmark checks the bytes are equal), built with plain lxml calls."""
    sub = etree.SubElement
    env = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap=nsmap)
    holder = sub(sub(env, f"{{{SOAP_ENV}}}Body"), f"{{{NS}}}PutRecords")
    for row in rows:
        record = sub(holder, Q_RECORD)
        sub(record, Q_ID).text = str(row.id)
        sub(record, Q_NAME).text = row.name
        created = row.created.isoformat()
        sub(record, Q_CREATED).text = created[:-6] + "Z" if created.endswith("+00:00") else created
        sub(record, Q_ACTIVE).text = "true" if row.active else "false"
        sub(record, Q_AMOUNT).text = format(row.amount, "f")
        sub(record, Q_STATUS).text = row.status
        tags = sub(record, Q_TAGS)
        for tag in row.tags:
            sub(tags, Q_TAG).text = tag
    return etree.tostring(env, xml_declaration=True, encoding="utf-8")


# -- the three libraries -------------------------------------------------------------------


def tool_path() -> dict[str, str]:
    """The environment with this interpreter's scripts first on PATH: xsdata runs `ruff` by
    name, which a benchmark started as `.venv/bin/python ...` (no activated venv) would lack."""
    scripts = sysconfig.get_path("scripts")
    return {**os.environ, "PATH": os.pathsep.join([scripts, os.environ.get("PATH", "")])}


def generate_packages(scratch: Path) -> tuple[Path, ModuleType, ModuleType, zeep.Client]:
    """soapsmith package and xsdata package imported, zeep Client built; the WSDL's path."""
    folder = scratch / "specs" / PACKAGE
    folder.mkdir(parents=True)
    wsdl = folder / "service.wsdl"
    wsdl.write_text(WSDL, encoding="utf-8")

    started = time.perf_counter()
    project = ProjectSettings(root=scratch, specs=scratch / "specs", output=scratch / "generated")
    generate(None, project, project.output)
    sys.path.insert(0, str(project.output / PACKAGE))
    ours = importlib.import_module(PACKAGE)
    print(f"# soapsmith generated in {time.perf_counter() - started:.1f}s")

    started = time.perf_counter()
    xs_dir = scratch / "xsdata"
    xs_dir.mkdir()
    xs_wsdl = xs_dir / "records.wsdl"  # xsdata recognises a WSDL by its suffix
    xs_wsdl.write_text(WSDL, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "xsdata", "generate", xs_wsdl.name, "--package", XS_PACKAGE],
        cwd=xs_dir,
        capture_output=True,
        text=True,
        env=tool_path(),
    )
    if done.returncode:
        raise SystemExit(f"xsdata generate failed:\n{done.stdout}\n{done.stderr}")
    sys.path.insert(0, str(xs_dir))
    theirs = importlib.import_module(f"{XS_PACKAGE}.records")
    print(f"# xsdata generated in {time.perf_counter() - started:.1f}s (subprocess)")

    started = time.perf_counter()
    zeep_client = zeep.Client(  # type: ignore[no-untyped-call]
        str(wsdl), transport=CannedZeepTransport()
    )
    print(f"# zeep loaded the WSDL in {time.perf_counter() - started:.2f}s")
    return wsdl, ours, theirs, zeep_client


class CannedZeepTransport(zeep.Transport):
    """Answers every POST with `answer` as a requests.Response; keeps the request."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.answer = b""
        self.sent: bytes = b""

    def post(self, address: str, message: bytes, headers: dict[str, str]) -> requests.Response:
        self.sent = message
        return canned_requests_response(self.answer)


def canned_requests_response(content: bytes) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response._content = content
    response.headers["Content-Type"] = "text/xml; charset=utf-8"
    response.encoding = "utf-8"
    return response


class CannedXsTransport(XsTransport):
    """xsdata's transport interface: answers every POST with `answer`; keeps the request."""

    def __init__(self) -> None:
        self.answer = b""
        self.sent: Any = b""

    def get(self, url: str, params: dict[str, Any], headers: dict[str, Any]) -> bytes:
        raise NotImplementedError

    def post(self, url: str, data: Any, headers: dict[str, Any]) -> bytes:
        self.sent = data
        return self.answer


class CannedHttpx:
    """An httpx.Client on a MockTransport answering `answer`; keeps the request body."""

    def __init__(self) -> None:
        self.answer = b""
        self.sent = b""
        self.client = httpx.Client(transport=httpx.MockTransport(self._handle))

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.sent = request.content
        return httpx.Response(
            200, content=self.answer, headers={"Content-Type": "text/xml; charset=utf-8"}
        )


def ours_records(ours: ModuleType, rows: Sequence[Row]) -> list[Any]:
    models = ours.models
    return [
        models.Record(
            id=r.id,
            name=r.name,
            created=r.created,
            active=r.active,
            amount=r.amount,
            status=models.Status(r.status),
            tags=models.TagList(tag=list(r.tags)),
        )
        for r in rows
    ]


def zeep_records(client: zeep.Client, rows: Sequence[Row]) -> list[Any]:
    record = client.get_type(f"{{{NS}}}Record")  # type: ignore[no-untyped-call]
    tag_list = client.get_type(f"{{{NS}}}TagList")  # type: ignore[no-untyped-call]
    return [
        record(
            Id=r.id,
            Name=r.name,
            Created=r.created,
            Active=r.active,
            Amount=r.amount,
            Status=r.status,
            Tags=tag_list(Tag=list(r.tags)),
        )
        for r in rows
    ]


def xs_records(theirs: ModuleType, rows: Sequence[Row]) -> list[Any]:
    return [
        theirs.Record(
            id=r.id,
            name=r.name,
            created=XmlDateTime.from_datetime(r.created),
            active=r.active,
            amount=r.amount,
            status=theirs.Status(r.status),
            tags=theirs.TagList(tag=list(r.tags)),
        )
        for r in rows
    ]


# -- correctness ---------------------------------------------------------------------------


def row_of_ours(record: Any) -> Row:
    return Row(
        record.id,
        record.name,
        record.created,
        record.active,
        record.amount,
        record.status.value,
        tuple(record.tags.tag),
    )


def row_of_zeep(record: Any) -> Row:
    return Row(
        record.Id,
        record.Name,
        record.Created,
        record.Active,
        record.Amount,
        record.Status,
        # zeep reads an empty <Tags/> as None rather than an empty TagList
        tuple(record.Tags.Tag or ()) if record.Tags is not None else (),
    )


def row_of_xsdata(record: Any) -> Row:
    return Row(
        record.id,
        record.name,
        record.created.to_datetime(),
        record.active,
        record.amount,
        record.status.value,
        tuple(record.tags.tag),
    )


def row_of_xml(record: etree._Element) -> Row:
    def text(name: str) -> str:
        return record.findtext(f"{{{NS}}}{name}") or ""

    return Row(
        int(text("Id")),
        text("Name"),
        datetime.fromisoformat(text("Created")),
        text("Active").strip() in ("true", "1"),
        Decimal(text("Amount")),
        text("Status"),
        tuple(t.text or "" for t in record.iterfind(f"{{{NS}}}Tags/{{{NS}}}Tag")),
    )


def check_records(
    who: str, records: Sequence[Any], convert: Callable[[Any], Row], rows: Sequence[Row]
) -> None:
    assert len(records) == len(rows), f"{who}: {len(records)} records, expected {len(rows)}"
    for index in (0, len(rows) // 2, -1):
        got = convert(records[index])
        assert got == rows[index], (
            f"{who}: record {index}:\n  got      {got}\n  expected {rows[index]}"
        )


def check_request(who: str, data: bytes | str, rows: Sequence[Row]) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root = etree.fromstring(raw)
    assert root.tag == f"{{{SOAP_ENV}}}Envelope", f"{who}: the request is not an envelope"
    records = root.findall(f"{{{SOAP_ENV}}}Body/{{{NS}}}PutRecords/{{{NS}}}Record")
    check_records(who, records, row_of_xml, rows)


# -- measuring -----------------------------------------------------------------------------


@dataclass
class Line:
    label: str
    median: float
    best: float


def time_rounds(works: Sequence[tuple[str, Callable[[], object]]], runs: int) -> list[Line]:
    """Median and best wall time of each work over `runs` rounds, after one warm-up each.

    Every round runs each work once, in a fresh (seeded) order, so that a neighbour's load on
    a shared machine, or the state one work leaves behind, falls on all of them alike.  The
    result is dropped after the clock stops.
    """
    for _, work in works:
        work()
    shuffle = random.Random(0).shuffle
    order = list(range(len(works)))
    times: list[list[float]] = [[] for _ in works]
    for round_ in range(runs):
        if sys.stderr.isatty():
            print(f"# round {round_ + 1}/{runs}", end="\r", file=sys.stderr, flush=True)
        shuffle(order)
        for index in order:
            gc.collect()
            started = time.perf_counter()
            result = works[index][1]()
            times[index].append(time.perf_counter() - started)
            del result
    if sys.stderr.isatty():
        print(" " * 20, end="\r", file=sys.stderr)
    return [
        Line(label, statistics.median(spent), min(spent))
        for (label, _), spent in zip(works, times, strict=True)
    ]


def peak_python_heap(work: Callable[[], object]) -> tuple[int, int]:
    """Peak and retained (result still held) Python-heap bytes of one call, by tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        result = work()
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak, retained


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def peak_rss_growth(work: Callable[[], object]) -> int | None:
    """Peak resident-set growth of one call (Linux: VmHWM reset through clear_refs), else None.

    Counts libxml2's tree too.  Free memory is handed back to the system first (malloc_trim)
    so that the call cannot hide in what an earlier one freed; still only indicative.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")  # reset the peak (VmHWM) to the current RSS
        before = _status_kib("VmRSS")
    except (OSError, KeyError):
        return None
    result = work()
    growth = (_status_kib("VmHWM") - before) * 1024
    del result
    return growth


def profile(title: str, work: Callable[[], object], top: int = 25) -> None:
    work()
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    print(f"\n## cProfile: {title} (top {top} by own time)")
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(line for line in lines[max(start - 3, 0) :] if line.strip()))


def breakdown(ours: ModuleType, answer: bytes, records: list[Any], runs: int) -> None:
    """soapsmith's calls in steps, timed without a profiler (whose per-call cost distorts)."""
    soap, models = ours._soap, ours.models
    expected = f"{{{NS}}}GetRecordsResponse"
    parser = soap._parser()
    tree = soap.parse_xml(answer)
    result = soap.read_response(httpx.Response(200, content=answer), soap.SOAP11, expected, {})

    put_tag = soap.qualified(f"{{{NS}}}PutRecords", models.NSMAP)[0]

    def body() -> list[str]:
        written: list[str] = []
        models.PutRecords(record=records)._write(written, put_tag)
        return written

    built = body()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("etree.fromstring(data, _soap._parser())", lambda: etree.fromstring(answer, parser)),
        ("_soap.parse_xml (fromstring + DTD/entity/depth checks)", lambda: soap.parse_xml(answer)),
        ("  of which _soap._check_depth", lambda: soap._check_depth(tree, soap.MAX_DEPTH)),
        ("  of which root.iter(etree.Entity)", lambda: sum(1 for _ in tree.iter(etree.Entity))),
        (
            "_soap.read_response (httpx.Response given)",
            lambda: soap.read_response(
                httpx.Response(200, content=answer), soap.SOAP11, expected, {}
            ),
        ),
        ("GetRecordsResponse._read (tree given)", lambda: models.GetRecordsResponse._read(result)),
        ("PutRecords._write (pieces of text)", body),
        ("_soap.message (pieces given: join + encode)", lambda: soap.message(
            soap.SOAP11, models.NSMAP, built
        )),
    ]
    print(f"\n## soapsmith in steps (no profiler), {runs} rounds{'median ms':>22} {'best ms':>8}")
    for line in time_rounds(steps, runs):
        print(f"  {line.label:56} {line.median * 1e3:9.1f} {line.best * 1e3:8.1f}")


def report(title: str, lines: Sequence[Line]) -> None:
    """Times and their ratio to the first line, the floor, by median and by best."""
    floor = lines[0]
    print(f"\n{title:58} {'median ms':>10} {'best ms':>8}   x floor (median, best)")
    for line in lines:
        print(
            f"  {line.label:56} {line.median * 1e3:10.1f} {line.best * 1e3:8.1f}   "
            f"{line.median / floor.median:6.2f} {line.best / floor.best:6.2f}"
        )


def versions() -> str:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    libxml = ".".join(map(str, etree.LIBXML_VERSION))
    return (
        f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}\n"
        f"# lxml {version('lxml')} (libxml2 {libxml}), zeep {version('zeep')}, "
        f"xsdata {version('xsdata')}, httpx {version('httpx')}, requests {version('requests')}, "
        f"soapsmith {version('soapsmith')}"
    )


# -- the benchmark -------------------------------------------------------------------------


def run(runs: int, count: int, seed: int, with_profile: bool) -> None:
    print(versions())
    rows = make_rows(count, seed)
    answer = response_bytes(rows)
    print(
        f"# {count} records, response {len(answer) / 1e6:.2f} MB ({len(answer):,} bytes), "
        f"{sum(1 for _ in etree.fromstring(answer).iter()):,} elements; "
        f"median and best of {runs} shuffled rounds after 1 warm-up"
    )

    with tempfile.TemporaryDirectory(prefix="soapsmith-runtime-") as scratch:
        _, ours, theirs, zeep_client = generate_packages(Path(scratch))
        soap = ours._soap
        models = ours.models

        # -- clients, each answered by canned bytes
        ours_http = CannedHttpx()
        ours_client = ours.Client(ADDRESS, http=ours_http.client)
        zeep_transport: CannedZeepTransport = zeep_client.transport
        zeep_binding = zeep_client.service._binding
        zeep_get = zeep_binding.get("GetRecords")
        xs_transport = CannedXsTransport()
        xs_get_client = XsClient(
            XsConfig.from_service(theirs.RecordPortGetRecords), transport=xs_transport
        )
        xs_put_client = XsClient(
            XsConfig.from_service(theirs.RecordPortPutRecords), transport=xs_transport
        )
        xs_parser = XmlParser()
        xs_serializer = XmlSerializer()
        expected_tag = f"{{{NS}}}GetRecordsResponse"

        # -- parse: every way of reading the answer
        def floor_parse() -> int:
            # the tree is freed inside the clock, as it is inside every client call
            seen = 0
            for element in etree.fromstring(answer).iter():
                _ = element.text
                seen += 1
            return seen

        def ours_call() -> Any:
            ours_http.answer = answer
            return ours_client.get_records(count=count)

        def ours_parse() -> Any:
            response = httpx.Response(200, content=answer)
            body = soap.read_response(response, soap.SOAP11, expected_tag, {})
            return models.GetRecordsResponse._read(soap.result(body)).record

        def zeep_call() -> Any:
            zeep_transport.answer = answer
            return zeep_client.service.GetRecords(count=count)

        def zeep_parse() -> Any:
            reply = canned_requests_response(answer)
            return zeep_binding.process_reply(zeep_client, zeep_get, reply)

        def xs_request_get() -> Any:
            body = theirs.RecordPortGetRecordsInput.Body(get_records=theirs.GetRecords(count=count))
            return theirs.RecordPortGetRecordsInput(body=body)

        def xs_call() -> Any:
            xs_transport.answer = answer
            return xs_get_client.send(xs_request_get()).body.get_records_response.record

        def xs_parse() -> Any:
            output = xs_parser.from_bytes(answer, theirs.RecordPortGetRecordsOutput)
            return output.body.get_records_response.record

        print("# checking every reader gives the same records ...")
        check_records("soapsmith call", ours_call(), row_of_ours, rows)
        check_records("soapsmith parse", ours_parse(), row_of_ours, rows)
        check_records("zeep call", zeep_call(), row_of_zeep, rows)
        check_records("zeep process_reply", zeep_parse(), row_of_zeep, rows)
        check_records("xsdata call", xs_call(), row_of_xsdata, rows)
        check_records("xsdata parse", xs_parse(), row_of_xsdata, rows)

        # -- serialise: every way of writing the request
        ours_objects = ours_records(ours, rows)
        zeep_objects = zeep_records(zeep_client, rows)
        xs_objects = xs_records(theirs, rows)
        put_answer = (PUT_ANSWER % count).encode("utf-8")
        put_tag = soap.qualified(f"{{{NS}}}PutRecords", models.NSMAP)[0]  # ns0:PutRecords
        # the Envelope's declarations, in the order soapsmith writes them
        envelope_nsmap: dict[str | None, str] = {
            "soap": SOAP_ENV, "xsi": soap.XSI, "xsd": soap.XSD, **models.NSMAP
        }

        def floor_write() -> bytes:
            return lxml_request(rows, envelope_nsmap)

        def ours_write() -> Any:
            # what Client.put_records does before POSTing (see client.py, _soap.call)
            body: list[str] = []
            models.PutRecords(record=ours_objects)._write(body, put_tag)
            return soap.message(soap.SOAP11, models.NSMAP, body)

        def ours_put() -> Any:
            ours_http.answer = put_answer
            return ours_client.put_records(record=ours_objects)

        def zeep_write() -> bytes:
            message = zeep_client.create_message(  # type: ignore[no-untyped-call]
                zeep_client.service, "PutRecords", Record=zeep_objects
            )
            return etree.tostring(message, xml_declaration=True, encoding="utf-8")

        def zeep_put() -> Any:
            zeep_transport.answer = put_answer
            return zeep_client.service.PutRecords(Record=zeep_objects)

        def xs_request_put() -> Any:
            body = theirs.RecordPortPutRecordsInput.Body(
                put_records=theirs.PutRecords(record=xs_objects)
            )
            return theirs.RecordPortPutRecordsInput(body=body)

        def xs_write() -> bytes:
            return xs_serializer.render(xs_request_put()).encode("utf-8")

        def xs_put() -> Any:
            xs_transport.answer = put_answer
            return xs_put_client.send(xs_request_put()).body.put_records_response.count

        print("# checking every writer sends the same records ...")
        check_request("lxml", floor_write(), rows)
        check_request("soapsmith serialise", ours_write(), rows)
        assert ours_write() == floor_write(), "the floor must write the very same document"
        assert ours_put() == count
        check_request("soapsmith call", ours_http.sent, rows)
        check_request("zeep create_message", zeep_write(), rows)
        assert zeep_put() == count
        check_request("zeep call", zeep_transport.sent, rows)
        check_request("xsdata render", xs_write(), rows)
        assert xs_put() == count
        check_request("xsdata call", xs_transport.sent, rows)
        request_size = len(ours_write())

        handler = xs_parser.handler.__name__
        writer = xs_serializer.writer.__name__
        parse = [
            ("floor: lxml fromstring + iter(), .text", floor_parse),
            ("soapsmith: Client.get_records (httpx.MockTransport)", ours_call),
            ("soapsmith: read_response + GetRecordsResponse._read", ours_parse),
            ("zeep: client.service.GetRecords (Transport.post)", zeep_call),
            ("zeep: binding.process_reply", zeep_parse),
            ("xsdata: Client.send (Transport.post)", xs_call),
            (f"xsdata: XmlParser.from_bytes ({handler})", xs_parse),
        ]
        write = [
            ("floor: lxml SubElement + tostring", floor_write),
            ("soapsmith: Client.put_records (httpx.MockTransport)", ours_put),
            ("soapsmith: PutRecords._write + _soap.message", ours_write),
            ("zeep: client.service.PutRecords (Transport.post)", zeep_put),
            ("zeep: create_message + etree.tostring", zeep_write),
            ("xsdata: Client.send (Transport.post)", xs_put),
            (f"xsdata: XmlSerializer.render ({writer}) + encode", xs_write),
        ]

        print(f"# timing {len(parse) + len(write)} measures, {runs} rounds ...", flush=True)
        timed = time_rounds(parse + write, runs)
        parsed, written = timed[: len(parse)], timed[len(parse) :]
        memory = [
            ("floor: lxml fromstring + iter()", floor_parse),
            ("soapsmith: Client.get_records", ours_call),
            ("zeep: client.service.GetRecords", zeep_call),
            ("xsdata: Client.send", xs_call),
        ]
        peaks = [(label, *peak_python_heap(work), peak_rss_growth(work)) for label, work in memory]

        if with_profile:
            breakdown(ours, answer, ours_objects, runs)
            profile("soapsmith Client.get_records", ours_call)
            profile("soapsmith Client.put_records", ours_put)

        ours_http.client.close()

    print(
        f"\n# results: {count} records, response {len(answer) / 1e6:.2f} MB, "
        f"request {request_size / 1e6:.2f} MB, {runs} rounds"
    )
    report(f"parse a {count}-record response", parsed)
    report(f"write a {count}-record request", written)
    print("\nsoapsmith speed-up, whole call   (median, best)")
    for what, lines in (("parse", parsed), ("write", written)):
        mine, zeep_, xsdata_ = lines[1], lines[3], lines[5]  # the whole-call rows
        print(
            f"  {what}  {zeep_.median / mine.median:5.1f}x, {zeep_.best / mine.best:4.1f}x zeep   "
            f"{xsdata_.median / mine.median:5.1f}x, {xsdata_.best / mine.best:4.1f}x xsdata"
        )
    print(
        f"\n{'memory of one parse call':58} {'heap peak':>10} {'held':>8} {'RSS peak':>9}"
        "\n  (heap: tracemalloc, Python objects only; RSS: peak resident growth, with libxml2)"
    )
    for label, peak, retained, rss in peaks:
        shown = f"{rss / 1e6:7.1f}MB" if rss is not None else f"{'n/a':>9}"
        print(f"  {label:56} {peak / 1e6:8.1f}MB {retained / 1e6:6.1f}MB {shown}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (median)")
    parser.add_argument("--records", type=int, default=5000, help="records per message")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated records")
    parser.add_argument("--profile", action="store_true", help="cProfile soapsmith's calls")
    args = parser.parse_args()
    run(args.runs, args.records, args.seed, args.profile)
