"""Parsing against its floor as answers grow, and a one-record call without its transport.

    python benchmarks/parse_scale.py [--runs 7] [--counts 500,5000,50000] [--wide 150]

Generates the runtime benchmark's Records service (benchmarks/runtime.py) and, in this
process, with the garbage collector on as in an application:

  * for answers of each --counts records: the floor (lxml `fromstring` and every element's
    `.text`), soapsmith's read of the answer (`_soap.read_response` and the generated
    `GetRecordsResponse._read`, the httpx.Response made outside the clock), and a reference:
    a reader written by hand for this one message that checks nothing (no tag, no nil, no
    unknown content, no value's lexical form), takes the children by position and converts
    with the bare constructors (`int`, `datetime.fromisoformat`, `Decimal`) into the same
    dataclasses: the least any reader in Python over an lxml tree pays.  Printed: microseconds
    per record and the ratio to the floor;
  * a one-record message both ways, the client's own work: soapsmith writes the request
    (`PutRecords._write`, `_soap.message`) and reads a one-record answer as above; the floor
    builds the same request with lxml (`SubElement`, `tostring`) and parses the answer
    (`fromstring`, `.text`).  The whole `Client.get_records` through `httpx.MockTransport`
    is shown beside, for what httpx itself adds.

  * wide records (--wide fields each, as NetSuite's record types have up to 364), every child
    present and one in ten: the floor, soapsmith's read, and the same package generated as
    before wide classes were read their own way (a child's field found by one elif chain, where
    a child costs its place in the chain; the instance made by the constructor, whose keyword
    matching grows with the square of the fields).

Every reader's records are checked against the rows before anything is timed.
Needs the `bench` extra (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import runtime  # noqa: E402  (the Records service, its rows, its answer, its timing)


def generate_package(
    scratch: Path, name: str = runtime.PACKAGE, wsdl: str = runtime.WSDL
) -> ModuleType:
    """The package of `wsdl` (default: the Records service), generated into `scratch` as spec
    folder `name` and imported."""
    from generator.config import ProjectSettings
    from generator.pipeline import generate

    folder = scratch / "specs" / name
    folder.mkdir(parents=True)
    (folder / "service.wsdl").write_text(wsdl, encoding="utf-8")
    project = ProjectSettings(root=scratch, specs=scratch / "specs", output=scratch / "generated")
    generate([folder], project, project.output)
    sys.path.insert(0, str(project.output / name))
    return importlib.import_module(name)


def unchecked_reader(models: ModuleType) -> Callable[[bytes], list[Any]]:
    """The reference: this message's records by position, nothing checked."""
    record, tag_list = models.Record, models.TagList
    statuses = models.Status._value2member_map_

    def read(answer: bytes) -> list[Any]:
        records = []
        for item in etree.fromstring(answer)[0][0]:
            id_, name, created, active, amount, status, tags = item
            records.append(
                record(
                    id=int(id_.text),
                    name=name.text or "",
                    created=datetime.fromisoformat(created.text),
                    active=active.text == "true",
                    amount=Decimal(amount.text),
                    status=statuses[status.text],
                    tags=tag_list(tag=[tag.text or "" for tag in tags]),
                )
            )
        return records

    return read


def floor_parse(answer: bytes) -> int:
    seen = 0
    for element in etree.fromstring(answer).iter():
        _ = element.text
        seen += 1
    return seen


def scale(package: ModuleType, counts: Sequence[int], runs: int) -> None:
    reference = unchecked_reader(package.models)
    _warm_heap(package, max(counts), reference)
    print(
        f"\n{'parse, per record (us)':24} {'records':>8} {'floor':>7} {'soapsmith':>10} "
        f"{'x floor':>8} {'reference':>10} {'x floor':>8}"
    )
    for count in counts:
        rows = runtime.make_rows(count, seed=1)
        answer = runtime.response_bytes(rows)
        response = httpx.Response(200, content=answer)

        ours = functools.partial(read_records, package, response)
        runtime.check_records("soapsmith", ours(), runtime.row_of_ours, rows)
        runtime.check_records("reference", reference(answer), runtime.row_of_ours, rows)
        rounds = max(3, runs * 5000 // max(count, 5000))
        floor, mine, least = runtime.time_rounds(
            [
                ("floor", functools.partial(floor_parse, answer)),
                ("soapsmith", ours),
                ("reference", functools.partial(reference, answer)),
            ],
            rounds,
        )
        per = 1e6 / count
        print(
            f"{'':24} {count:8d} {floor.median * per:7.2f} {mine.median * per:10.2f} "
            f"{mine.median / floor.median:8.2f} {least.median * per:10.2f} "
            f"{least.median / floor.median:8.2f}"
        )


def _warm_heap(package: ModuleType, count: int, reference: Callable[[bytes], list[Any]]) -> None:
    """Read the largest answer every way once, untimed, so that every count is timed on a heap
    already grown to its size.  Timed first on a small heap, the floor pays for the fresh memory
    the process maps (page faults) that later counts find ready: 5,000 records read 6.0 us a
    record after 500 but 4.0 after 50,000, which made the same reader 2.4x or 3.1x the floor."""
    answer = runtime.response_bytes(runtime.make_rows(count, seed=1))
    floor_parse(answer)
    reference(answer)
    read_records(package, httpx.Response(200, content=answer))


def read_records(package: ModuleType, response: httpx.Response) -> list[Any]:
    """soapsmith's read of an answer: the envelope checked, the generated reader run."""
    soap = package._soap
    body = soap.read_response(response, soap.SOAP11, f"{{{runtime.NS}}}GetRecordsResponse", {})
    with soap.Reading(False):
        return list(package.models.GetRecordsResponse._read(soap.result(body)).record)


def small_call(package: ModuleType, runs: int) -> None:
    soap, models = package._soap, package.models
    rows = runtime.make_rows(1, seed=1)
    answer = runtime.response_bytes(rows)
    records = runtime.ours_records(package, rows)
    put_tag = soap.qualified(f"{{{runtime.NS}}}PutRecords", models.NSMAP)[0]
    nsmap: dict[str | None, str] = {
        "soap": runtime.SOAP_ENV,
        "xsi": soap.XSI,
        "xsd": soap.XSD,
        **models.NSMAP,
    }
    response = httpx.Response(200, content=answer)
    canned = runtime.CannedHttpx()
    canned.answer = answer
    client = package.Client(runtime.ADDRESS, http=canned.client)
    calls = 2000

    def floor() -> int:
        runtime.lxml_request(rows, nsmap)
        return floor_parse(answer)

    def ours() -> list[Any]:
        body: list[str] = []
        models.PutRecords(record=records)._write(body, put_tag)
        soap.message(soap.SOAP11, models.NSMAP, body)
        return read_records(package, response)

    def whole() -> list[Any]:
        return list(client.get_records(count=1))

    assert ours() == whole() and len(whole()) == 1
    assert runtime.lxml_request(rows, nsmap) == _written(package, records, put_tag)

    def repeated(work: Callable[[], object]) -> Callable[[], None]:
        def many() -> None:
            for _ in range(calls):
                work()

        return many

    lines = runtime.time_rounds(
        [
            ("floor: lxml builds the request, parses the answer", repeated(floor)),
            ("soapsmith: writes the request, reads the answer", repeated(ours)),
            ("soapsmith: Client.get_records (httpx.MockTransport)", repeated(whole)),
        ],
        runs,
    )
    print(f"\n{'one-record message, both ways':56} {'us':>7}   x floor")
    for line in lines:
        print(
            f"  {line.label:54} {line.median * 1e6 / calls:7.1f}   "
            f"{line.median / lines[0].median:6.2f}"
        )
    canned.client.close()


def _written(package: ModuleType, records: list[Any], tag: str) -> bytes:
    body: list[str] = []
    package.models.PutRecords(record=records)._write(body, tag)
    return bytes(package._soap.message(package._soap.SOAP11, package.models.NSMAP, body))


WIDE_NS = "urn:bench:wide"
WIDE_KINDS = (("string", "text {}"), ("int", "{}"), ("boolean", "true"), ("decimal", "{}.25"))


def wide_wsdl(fields: int) -> str:
    elements = "".join(
        f'<xs:element name="field{i}" type="xs:{WIDE_KINDS[i % 4][0]}" minOccurs="0"/>'
        for i in range(fields)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{WIDE_NS}" targetNamespace="{WIDE_NS}">
  <types><xs:schema targetNamespace="{WIDE_NS}" elementFormDefault="qualified">
    <xs:complexType name="WideRecord"><xs:sequence>{elements}</xs:sequence></xs:complexType>
    <xs:element name="WideList"><xs:complexType><xs:sequence>
      <xs:element name="record" type="tns:WideRecord" maxOccurs="unbounded"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="list"><part name="list" element="tns:WideList"/></message>
  <portType name="Wide"><operation name="Echo"><input message="tns:list"/>
    <output message="tns:list"/></operation></portType>
  <binding name="WideSoap" type="tns:Wide">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Echo"><soap:operation soapAction="Echo"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output>
    </operation></binding>
  <service name="WideService"><port name="WideSoap" binding="tns:WideSoap">
    <soap:address location="{runtime.ADDRESS}"/></port></service>
</definitions>"""


def wide(scratch: Path, fields: int, runs: int) -> None:
    """Records of `fields` children each, read both ways against the floor: every child
    present, and one in ten (as a search answer fills a wide record)."""
    import generator.plan.models as plan_models

    wsdl = wide_wsdl(fields)
    dispatched = generate_package(scratch / "dispatched", "bench_wide", wsdl)
    chain_from = plan_models.DISPATCH_FROM
    plan_models.DISPATCH_FROM = 10**9  # every class as one chain, made by its constructor
    try:
        chained = generate_package(scratch / "chained", "bench_wide_chain", wsdl)
    finally:
        plan_models.DISPATCH_FROM = chain_from
    count = 2000
    print(f"\n{'wide records, ' + str(fields) + ' fields (us/record)':56} {'us':>7}   x floor")
    for every in (1, 10):
        children = "".join(
            f"<w:field{i}>{WIDE_KINDS[i % 4][1].format(i)}</w:field{i}>"
            for i in range(0, fields, every)
        )
        answer = (
            f'<w:WideList xmlns:w="{WIDE_NS}">'
            + f"<w:record>{children}</w:record>" * count
            + "</w:WideList>"
        ).encode()
        ours, before = wide_reader(dispatched, answer), wide_reader(chained, answer)
        first = ours()[0]
        assert len(ours()) == count and first.field0 == "text 0"
        assert first.field1 == (1 if every == 1 else None)
        assert [vars(r) for r in ours()] == [vars(r) for r in before()]
        lines = runtime.time_rounds(
            [
                ("floor: lxml fromstring, every .text", functools.partial(floor_parse, answer)),
                ("soapsmith", ours),
                ("soapsmith as before (one elif chain, constructor)", before),
            ],
            runs,
        )
        print(f"  {'every child' if every == 1 else f'one child in {every}'} present")
        for line in lines:
            print(
                f"    {line.label:52} {line.median * 1e6 / count:7.1f}   "
                f"{line.median / lines[0].median:6.2f}"
            )


def wide_reader(package: ModuleType, answer: bytes) -> Callable[[], list[Any]]:
    soap, models = package._soap, package.models

    def read() -> list[Any]:
        with soap.Reading(False):
            return list(models.WideList._read(etree.fromstring(answer)).record)

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds (median)")
    parser.add_argument("--counts", default="500,5000,50000", help="records per answer")
    parser.add_argument("--wide", type=int, default=150, help="fields of each wide record")
    args = parser.parse_args()
    counts = [int(count) for count in args.counts.split(",")]
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, lxml {etree.__version__}; "
        f"medians of {args.runs} shuffled rounds (fewer for long answers), collector on"
    )
    with tempfile.TemporaryDirectory(prefix="soapsmith-scale-") as scratch:
        package = generate_package(Path(scratch))
        scale(package, counts, args.runs)
        small_call(package, args.runs)
        wide(Path(scratch), args.wide, args.runs)


if __name__ == "__main__":
    main()
