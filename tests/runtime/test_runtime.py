"""Unit tests of the SOAP runtime that is copied verbatim into every generated package."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from uuid import UUID

import httpx
import pytest
from lxml import etree

from generator.runtime import _soap

S11 = _soap.SOAP11_ENV
S12 = _soap.SOAP12_ENV


@contextmanager
def strict() -> Iterator[None]:
    """Read as a strict client does: what the description lacks raises."""
    token = _soap.STRICT.set(True)
    try:
        yield
    finally:
        _soap.STRICT.reset(token)


class Color(Enum):
    RED = "Red"
    DARK_BLUE = "Dark Blue"
    ONE = "1"


class MyFault(_soap.SoapFault):
    pass


class OtherFault(_soap.SoapFault):
    pass


def element(text: str | None, tag: str = "Value") -> etree._Element:
    el = etree.Element(tag)
    el.text = text
    return el


def in_envelope(text: str, local: str = "Count") -> etree._Element:
    """A leaf at /Envelope/Body/Op/<local>, parsed the way a response is."""
    data = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><Op xmlns="urn:x">'
        f"<{local}>{text}</{local}></Op></s:Body></s:Envelope>"
    ).encode()
    root = _soap.parse_xml(data)
    found = root.find(f".//{{urn:x}}{local}")
    assert found is not None
    return found


def read_color(el: etree._Element) -> Color:
    return _soap.read_enum(el, Color)


# -- converters: text -> value -> text --------------------------------------------------------

READERS: dict[str, tuple[Callable[[etree._Element], Any], Callable[[Any], str]]] = {
    "str": (_soap.read_str, _soap.str_text),
    "int": (_soap.read_int, _soap.int_text),
    "bool": (_soap.read_bool, _soap.bool_text),
    "decimal": (_soap.read_decimal, _soap.decimal_text),
    "float": (_soap.read_float, _soap.float_text),
    "datetime": (_soap.read_datetime, _soap.datetime_text),
    "date": (_soap.read_date, _soap.date_text),
    "time": (_soap.read_time, _soap.time_text),
    "uuid": (_soap.read_uuid, _soap.uuid_text),
    "base64": (_soap.read_base64, _soap.base64_text),
    "hex": (_soap.read_hex, _soap.hex_text),
    "enum": (read_color, _soap.enum_text),
}

UTC = timezone.utc
PLUS2 = timezone(timedelta(hours=2))
MINUS0530 = timezone(-timedelta(hours=5, minutes=30))

# (kind, text on the wire, value read, text written back)
READ_CASES: list[tuple[str, str, Any, str]] = [
    ("str", "hello wörld", "hello wörld", "hello wörld"),
    ("str", "  keeps spaces  ", "  keeps spaces  ", "  keeps spaces  "),
    ("str", "", "", ""),
    ("int", "42", 42, "42"),
    ("int", "-7", -7, "-7"),
    ("int", "+5", 5, "5"),
    ("int", " 12 ", 12, "12"),
    ("int", "9223372036854775808", 2**63, "9223372036854775808"),
    ("bool", "true", True, "true"),
    ("bool", "false", False, "false"),
    ("bool", "1", True, "true"),
    ("bool", "0", False, "false"),
    ("bool", " true\n", True, "true"),
    ("decimal", "12.50", Decimal("12.50"), "12.50"),
    ("decimal", "-0.001", Decimal("-0.001"), "-0.001"),
    ("decimal", "100", Decimal("100"), "100"),
    ("decimal", ".5", Decimal("0.5"), "0.5"),
    ("float", "1.5", 1.5, "1.5"),
    ("float", "-0.25", -0.25, "-0.25"),
    ("float", "1E3", 1000.0, "1000.0"),
    ("float", "INF", math.inf, "INF"),
    ("float", "-INF", -math.inf, "-INF"),
    (
        "datetime",
        "2024-03-01T12:30:45Z",
        datetime(2024, 3, 1, 12, 30, 45, tzinfo=UTC),
        "2024-03-01T12:30:45Z",
    ),
    (
        "datetime",
        "2024-03-01T12:30:45+02:00",
        datetime(2024, 3, 1, 12, 30, 45, tzinfo=PLUS2),
        "2024-03-01T12:30:45+02:00",
    ),
    (
        "datetime",
        "2024-03-01T12:30:45-05:30",
        datetime(2024, 3, 1, 12, 30, 45, tzinfo=MINUS0530),
        "2024-03-01T12:30:45-05:30",
    ),
    ("datetime", "2024-03-01T12:30:45", datetime(2024, 3, 1, 12, 30, 45), "2024-03-01T12:30:45"),
    (
        "datetime",
        "2024-03-01T12:30:45.1234567Z",  # .NET writes 7 fractional digits
        datetime(2024, 3, 1, 12, 30, 45, 123456, tzinfo=UTC),
        "2024-03-01T12:30:45.123456Z",
    ),
    (
        "datetime",
        "2024-03-01T12:30:45.5",
        datetime(2024, 3, 1, 12, 30, 45, 500000),
        "2024-03-01T12:30:45.500000",
    ),
    ("datetime", "2024-12-31T24:00:00Z", datetime(2025, 1, 1, tzinfo=UTC), "2025-01-01T00:00:00Z"),
    ("datetime", "2024-02-28T24:00:00.000", datetime(2024, 2, 29), "2024-02-29T00:00:00"),
    ("date", "2024-02-29", date(2024, 2, 29), "2024-02-29"),
    ("date", "2024-02-29Z", _soap.ZonedDate(2024, 2, 29, timezone.utc), "2024-02-29Z"),
    (
        "date",
        "2024-02-29+05:00",
        _soap.ZonedDate(2024, 2, 29, timezone(timedelta(hours=5))),
        "2024-02-29+05:00",
    ),
    ("time", "13:45:00", time(13, 45), "13:45:00"),
    ("time", "13:45:00.25Z", time(13, 45, 0, 250000, tzinfo=UTC), "13:45:00.250000Z"),
    ("time", "08:00:00-05:30", time(8, 0, tzinfo=MINUS0530), "08:00:00-05:30"),
    ("time", "24:00:00", time(0, 0), "00:00:00"),
    ("time", "24:00:00Z", time(0, 0, tzinfo=UTC), "00:00:00Z"),
    (
        "uuid",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "0f8fad5b-d9cb-469f-a165-70867728950e",
    ),
    (
        "uuid",
        "0F8FAD5B-D9CB-469F-A165-70867728950E",
        UUID("0f8fad5b-d9cb-469f-a165-70867728950e"),
        "0f8fad5b-d9cb-469f-a165-70867728950e",
    ),
    ("base64", "aGVsbG8=", b"hello", "aGVsbG8="),
    ("base64", "aGVs\n  bG8=", b"hello", "aGVsbG8="),
    ("base64", "", b"", ""),
    ("hex", "0AFF10", b"\x0a\xff\x10", "0AFF10"),
    ("hex", "0aff10", b"\x0a\xff\x10", "0AFF10"),
    ("enum", "Red", Color.RED, "Red"),
    ("enum", " Dark Blue ", Color.DARK_BLUE, "Dark Blue"),
    ("enum", "1", Color.ONE, "1"),
]


@pytest.mark.parametrize(("kind", "text", "value", "written"), READ_CASES)
def test_read_then_write(kind: str, text: str, value: Any, written: str) -> None:
    read, write = READERS[kind]
    got = read(element(text))
    assert got == value
    assert type(got) is type(value)
    if isinstance(value, (datetime, time)):
        assert got.utcoffset() == value.utcoffset()  # equal instants may differ in zone
    assert write(got) == written
    assert read(element(written)) == value  # what we write, we read back


def test_nan_round_trips() -> None:
    value = _soap.read_float(element("NaN"))
    assert math.isnan(value)
    assert _soap.float_text(value) == "NaN"
    assert _soap.float_text(float("nan")) == "NaN"
    assert math.isnan(_soap.read_float(element(_soap.float_text(value))))


@pytest.mark.parametrize(
    "value",
    [0.1, -2.5, 1e300, 5e-324, 1.7976931348623157e308, 123456789.123, 0.0, -0.0],
)
def test_float_text_reads_back_exactly(value: float) -> None:
    text = _soap.float_text(value)
    assert _soap.read_float(element(text)) == value
    assert math.copysign(1, _soap.read_float(element(text))) == math.copysign(1, value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1E+10"), "10000000000"),
        (Decimal("1E-10"), "0.0000000001"),
        (Decimal("1.23E+5"), "123000"),
        (Decimal("-4.5E-3"), "-0.0045"),
        (Decimal("12345678901234567890.123456789"), "12345678901234567890.123456789"),
        (Decimal("0E-8"), "0.00000000"),
    ],
)
def test_decimal_is_never_printed_with_an_exponent(value: Decimal, text: str) -> None:
    written = _soap.decimal_text(value)
    assert written == text
    assert "e" not in written.lower()
    assert _soap.read_decimal(element(written)) == value


def test_decimal_read_with_exponent_is_written_plain() -> None:
    value = _soap.read_decimal(element("1.5E3"))
    assert value == Decimal(1500)
    assert _soap.decimal_text(value) == "1500"


@pytest.mark.parametrize(
    ("value", "text"), [(5, "5"), (-12, "-12"), (1e-7, "0.0000001"), (0.1, "0.1")]
)
def test_decimal_text_accepts_plain_numbers_without_losing_digits(value: Any, text: str) -> None:
    # A caller passing an int or a float where a Decimal is declared must not get "0.000000".
    assert _soap.decimal_text(value) == text


def test_datetime_text_of_utc_uses_z_and_keeps_other_offsets() -> None:
    assert _soap.datetime_text(datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2024-01-02T03:04:05Z"
    assert (
        _soap.datetime_text(datetime(2024, 1, 2, 3, 4, 5, 7, tzinfo=PLUS2))
        == "2024-01-02T03:04:05.000007+02:00"
    )
    assert _soap.time_text(time(23, 59, 59, tzinfo=UTC)) == "23:59:59Z"


def test_datetime_offsets_name_the_same_instant() -> None:
    a = _soap.read_datetime(element("2024-03-01T14:30:45+02:00"))
    b = _soap.read_datetime(element("2024-03-01T12:30:45Z"))
    assert a == b


def test_int_text_and_bool_text() -> None:
    assert _soap.int_text(True) == "1"
    assert _soap.bool_text(False) == "false"
    assert _soap.bool_text(True) == "true"


def test_empty_element_reads_as_empty_string() -> None:
    assert _soap.read_str(etree.Element("x")) == ""


def test_read_list_of_enum_tokens() -> None:
    assert _soap.read_list(element(" Red  1\nRed "), read_color) == [
        Color.RED,
        Color.ONE,
        Color.RED,
    ]
    assert _soap.read_list(element(""), read_color) == []
    with strict(), pytest.raises(_soap.UnexpectedContent) as info:
        _soap.read_list(in_envelope("Red Green", "Flags"), read_color)
    assert info.value.path == "/Envelope/Body/Op/Flags"


# -- bad values ---------------------------------------------------------------------------------

BAD_VALUES: list[tuple[str, str]] = [
    ("int", "12abc"),
    ("int", ""),
    ("int", "1.5"),
    ("int", "1_000"),
    ("int", "١٢"),  # Arabic-Indic digits are not XSD digits
    ("int", "0x10"),
    ("bool", "yes"),
    ("bool", "True"),
    ("bool", ""),
    ("decimal", "1,5"),
    ("decimal", "abc"),
    ("decimal", "NaN"),
    ("decimal", "Infinity"),
    ("decimal", "1_0.5"),
    ("decimal", ""),
    ("decimal", "\u0661\u0662"),
    ("decimal", "sNaN"),
    ("decimal", "-Infinity"),
    ("decimal", "1e"),
    ("decimal", "1 0"),
    ("float", "abc"),
    ("float", "1,5"),
    ("float", "inf"),
    ("float", "nan"),
    ("float", "Infinity"),
    ("float", "1_0"),
    ("float", ""),
    ("float", "\u0661\u0662"),
    ("float", "+-1"),
    ("float", "-infinity"),
    ("float", "+nan"),
    ("float", "1e"),
    ("datetime", "2024-01-01T10:00:00,5"),
    ("datetime", "2024-01-01T10:00:00+02"),
    ("datetime", "2024-01-01T10:00:00+0200"),
    ("datetime", "2024-01-01T10:00:00.+02:00"),
    ("datetime", "2024-13-01T00:00:00"),
    ("datetime", "2024-02-30T00:00:00"),
    ("datetime", "2024-01-01"),
    ("datetime", "2024-01-01 10:00:00"),
    ("datetime", "2024-01-01T25:00:00"),
    ("datetime", "2024-01-01T24:00:01"),
    ("datetime", "2024-01-01T24:00:00.5"),
    ("datetime", "2024-01-01T10:00:00+25:00"),
    ("datetime", "0000-01-01T00:00:00"),
    ("datetime", "not a date"),
    ("date", "2024-02-30"),
    ("date", "20240101"),
    ("date", "2024-01-01T00:00:00"),
    ("time", "25:00:00"),
    ("time", "12:60:00"),
    ("time", "24:00:01"),
    ("time", "24:30:00"),
    ("time", "12:00"),
    ("uuid", "not-a-guid"),
    ("uuid", "0f8fad5b-d9cb-469f-a165-70867728950"),
    ("base64", "abc"),
    ("base64", "!!!!"),
    ("hex", "abc"),
    ("hex", "zz"),
    ("hex", "0A 0B"),
    ("enum", "Purple"),
    ("enum", "red"),
]


@pytest.mark.parametrize(("kind", "text"), BAD_VALUES)
def test_bad_value_raises_parse_error_naming_its_path(kind: str, text: str) -> None:
    read, _ = READERS[kind]
    leaf = in_envelope(text)
    with strict(), pytest.raises(_soap.ParseError) as info:
        read(leaf)
    assert info.value.path == "/Envelope/Body/Op/Count"
    assert str(info.value).startswith("/Envelope/Body/Op/Count: ")
    assert not isinstance(info.value, ValueError)


def test_parse_error_is_a_soap_error_and_not_a_value_error() -> None:
    assert issubclass(_soap.ParseError, _soap.SoapError)
    assert not issubclass(_soap.ParseError, ValueError)
    assert issubclass(_soap.TransportError, _soap.SoapError)
    assert issubclass(_soap.SoapFault, _soap.SoapError)


def test_long_bad_value_is_shortened_in_the_message() -> None:
    with pytest.raises(_soap.ParseError) as info:
        _soap.read_int(in_envelope("9" * 30 + "x" * 100))
    assert "..." in info.value.message
    assert len(info.value.message) < 100


def test_path_of_skips_namespaces() -> None:
    leaf = in_envelope("1")
    assert _soap.path_of(leaf) == "/Envelope/Body/Op/Count"
    assert _soap.path_of(leaf.getroottree().getroot()) == "/Envelope"


def test_missing_names_the_parent_path() -> None:
    op = in_envelope("1").getparent()
    assert op is not None
    with strict(), pytest.raises(_soap.UnexpectedContent) as info:
        _soap.missing(op, "Total")
    assert info.value.path == "/Envelope/Body/Op"
    assert "'Total'" in info.value.message


def test_result_of_nothing_is_a_parse_error() -> None:
    with pytest.raises(_soap.ParseError):
        _soap.result(None)
    el = etree.Element("x")
    assert _soap.result(el) is el


# -- attributes ---------------------------------------------------------------------------------


def attributed(**attrs: str) -> etree._Element:
    data = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><Op xmlns="urn:x"><Item/></Op></s:Body></s:Envelope>'
    ).encode()
    item = _soap.parse_xml(data).find(".//{urn:x}Item")
    assert item is not None
    for key, value in attrs.items():
        item.set(key, value)
    return item


def test_attr_reads_and_reports_absence() -> None:
    item = attributed(count="3", when="2024-01-01T00:00:00Z", color="Red")
    assert _soap.attr(item, "count", _soap.read_int) == 3
    assert _soap.attr(item, "when", _soap.read_datetime) == datetime(2024, 1, 1, tzinfo=UTC)
    assert _soap.attr(item, "color", read_color) is Color.RED
    assert _soap.attr(item, "absent", _soap.read_int) is None


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("count", "three", _soap.read_int),
        ("flag", "yes", _soap.read_bool),
        ("when", "yesterday", _soap.read_datetime),
        ("color", "Purple", read_color),
    ],
)
def test_attr_errors_name_the_attribute(
    name: str, value: str, reader: Callable[[etree._Element], Any]
) -> None:
    item = attributed(**{name: value})
    with strict(), pytest.raises(_soap.ParseError) as info:
        _soap.attr(item, name, reader)
    assert info.value.path == f"/Envelope/Body/Op/Item/@{name}"
    assert repr(value) in info.value.message
    assert "/attribute" not in str(info.value)


def test_is_nil() -> None:
    def with_nil(value: str | None) -> etree._Element:
        el = etree.Element("x")
        if value is not None:
            el.set(_soap.XSI_NIL, value)
        return el

    assert _soap.is_nil(with_nil("true"))
    assert _soap.is_nil(with_nil(" 1 "))
    assert not _soap.is_nil(with_nil("false"))
    assert not _soap.is_nil(with_nil("0"))
    assert not _soap.is_nil(with_nil(None))
    plain = etree.Element("x", nil="true")  # not in the xsi namespace
    assert not _soap.is_nil(plain)


# -- parse_xml: hostile input -----------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>"""


def test_parse_xml_accepts_a_plain_envelope() -> None:
    root = _soap.parse_xml(
        f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{S11}"><!-- c -->'
        f"<s:Body/></s:Envelope>".encode()
    )
    assert root.tag == f"{{{S11}}}Envelope"
    assert [c.tag for c in root] == [f"{{{S11}}}Body"]  # the comment is dropped


def test_parse_xml_refuses_a_doctype() -> None:
    with pytest.raises(_soap.ParseError, match="DTD"):
        _soap.parse_xml(b"<!DOCTYPE r><r/>")


def test_parse_xml_refuses_internal_entities() -> None:
    with pytest.raises(_soap.ParseError):
        _soap.parse_xml(BILLION_LAUGHS)
    with pytest.raises(_soap.ParseError):
        _soap.parse_xml(b'<!DOCTYPE r [<!ENTITY x "boom">]><r>&x;</r>')


def test_parse_xml_refuses_an_undeclared_entity() -> None:
    with pytest.raises(_soap.ParseError, match="not well-formed"):
        _soap.parse_xml(b"<r>&x;</r>")


def spy_on_resolver(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every external resource the runtime's parser asks for."""
    requested: list[str] = []

    class Spy(etree.Resolver):
        def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
            requested.append(system_url)
            return None

    original = _soap._parser

    def spying(huge: bool = False) -> etree.XMLParser:
        parser = original(huge)
        parser.resolvers.add(Spy())
        return parser

    monkeypatch.setattr(_soap, "_parser", spying)
    return requested


def test_resolver_spy_sees_a_permissive_parser_read_a_file(tmp_path: Path) -> None:
    # Control for the test below: the spy does see a parser that loads external entities.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    requested: list[str] = []

    class Spy(etree.Resolver):
        def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
            requested.append(system_url)
            return None

    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    parser.resolvers.add(Spy())
    data = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><r>&x;</r>'.encode()
    assert etree.fromstring(data, parser).text == "TOPSECRET"
    assert requested == [secret.as_uri()]


@pytest.mark.parametrize("huge_text", [False, True])
@pytest.mark.parametrize("kind", ["file", "passwd", "parameter", "dtd"])
def test_parse_xml_never_reads_external_entities(
    kind: str, huge_text: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    requested = spy_on_resolver(monkeypatch)
    data = {
        "file": f'<!DOCTYPE r [<!ENTITY x SYSTEM "{secret.as_uri()}">]><r>&x;</r>',
        "passwd": '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        "parameter": f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]><r/>',
        "dtd": f'<!DOCTYPE r SYSTEM "{secret.as_uri()}"><r/>',
    }[kind].encode()
    with pytest.raises(_soap.ParseError) as info:
        _soap.parse_xml(data, huge_text=huge_text)
    assert requested == []
    assert "TOPSECRET" not in str(info.value)
    assert "root:" not in str(info.value)


def test_parse_xml_size_limit() -> None:
    data = b"<r>" + b"x" * 100 + b"</r>"
    assert _soap.parse_xml(data, max_bytes=len(data)).tag == "r"
    with pytest.raises(_soap.ParseError, match="limit"):
        _soap.parse_xml(data, max_bytes=len(data) - 1)


def nested(depth: int) -> bytes:
    return b"<a>" * depth + b"</a>" * depth


def test_parse_xml_depth_limit() -> None:
    assert _soap.parse_xml(nested(5), max_depth=5).tag == "a"
    with pytest.raises(_soap.ParseError, match="deeper than 5") as info:
        _soap.parse_xml(nested(6), max_depth=5)
    assert info.value.path == "/a/a/a/a/a/a"


def test_parse_xml_default_depth_limit() -> None:
    with pytest.raises(_soap.ParseError):
        _soap.parse_xml(nested(_soap.MAX_DEPTH + 50))


@pytest.mark.parametrize("data", [b"", b"not xml", b"<a><b></a>", b"<a/><b/>", b"\xff\xfe<"])
def test_parse_xml_not_well_formed(data: bytes) -> None:
    with pytest.raises(_soap.ParseError):
        _soap.parse_xml(data)


# -- read_response --------------------------------------------------------------------------

SOAP11_FAULT = f"""<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="{S11}">
  <soap:Body>
    <soap:Fault>
      <faultcode>soap:Client</faultcode>
      <faultstring> Invalid token </faultstring>
      <faultactor>urn:gateway</faultactor>
      <detail>
        <e:MyFault xmlns:e="urn:x"><e:Reason>expired</e:Reason></e:MyFault>
      </detail>
    </soap:Fault>
  </soap:Body>
</soap:Envelope>""".encode()

SOAP12_FAULT = f"""<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="{S12}" xmlns:m="urn:x">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Sender</env:Value>
        <env:Subcode>
          <env:Value>m:BadInput</env:Value>
          <env:Subcode><env:Value>m:TooLong</env:Value></env:Subcode>
        </env:Subcode>
      </env:Code>
      <env:Reason>
        <env:Text xml:lang="en">Name too long</env:Text>
        <env:Text xml:lang="fr">Nom trop long</env:Text>
      </env:Reason>
      <env:Role>urn:edge</env:Role>
      <env:Detail>
        <m:OtherFault><m:Max>10</m:Max></m:OtherFault>
      </env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>""".encode()

FAULTS: dict[str, type[_soap.SoapFault]] = {
    "{urn:x}MyFault": MyFault,
    "{urn:x}OtherFault": OtherFault,
}


def response(
    status: int, content: bytes, content_type: str = "text/xml; charset=utf-8"
) -> httpx.Response:
    return httpx.Response(status, content=content, headers={"Content-Type": content_type})


def envelope(body: str, ns: str = S11) -> bytes:
    return f'<s:Envelope xmlns:s="{ns}"><s:Body>{body}</s:Body></s:Envelope>'.encode()


@pytest.mark.parametrize("status", [500, 200])
def test_soap11_fault(status: int) -> None:
    with pytest.raises(_soap.SoapFault) as info:
        _soap.read_response(response(status, SOAP11_FAULT), _soap.SOAP11, "{urn:x}OpResponse", {})
    fault = info.value
    assert type(fault) is _soap.SoapFault
    assert fault.code == "soap:Client"
    assert fault.reason == "Invalid token"
    assert fault.actor == "urn:gateway"
    assert fault.subcodes == ()
    assert fault.detail is not None
    assert fault.detail[0].tag == "{urn:x}MyFault"
    assert fault.detail[0].findtext("{urn:x}Reason") == "expired"
    assert fault.headers["content-type"].startswith("text/xml")
    assert str(fault) == "soap:Client: Invalid token"


def test_soap12_fault() -> None:
    resp = response(500, SOAP12_FAULT, "application/soap+xml; charset=utf-8")
    with pytest.raises(_soap.SoapFault) as info:
        _soap.read_response(resp, _soap.SOAP12, "{urn:x}OpResponse", {})
    fault = info.value
    assert type(fault) is _soap.SoapFault
    assert fault.code == "env:Sender"
    assert fault.subcodes == ("m:BadInput", "m:TooLong")
    assert fault.reason == "Name too long"
    assert fault.actor == "urn:edge"
    assert fault.detail is not None
    assert fault.detail.tag == f"{{{S12}}}Detail"
    assert fault.detail[0].tag == "{urn:x}OtherFault"
    assert fault.detail[0].findtext("{urn:x}Max") == "10"


def test_fault_map_raises_the_declared_subclass() -> None:
    with pytest.raises(MyFault) as info:
        _soap.read_response(response(500, SOAP11_FAULT), _soap.SOAP11, "{urn:x}OpResponse", FAULTS)
    assert type(info.value) is MyFault
    assert info.value.code == "soap:Client"
    assert info.value.reason == "Invalid token"
    assert info.value.detail is not None

    resp = response(500, SOAP12_FAULT, "application/soap+xml")
    with pytest.raises(OtherFault) as info12:
        _soap.read_response(resp, _soap.SOAP12, "{urn:x}OpResponse", FAULTS)
    assert type(info12.value) is OtherFault
    assert info12.value.subcodes == ("m:BadInput", "m:TooLong")


def test_fault_map_ignores_unknown_detail() -> None:
    faults: dict[str, type[_soap.SoapFault]] = {"{urn:other}MyFault": MyFault}
    with pytest.raises(_soap.SoapFault) as info:
        _soap.read_response(response(500, SOAP11_FAULT), _soap.SOAP11, None, faults)
    assert type(info.value) is _soap.SoapFault


def test_fault_without_detail() -> None:
    body = "<s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault>"
    with pytest.raises(_soap.SoapFault) as info:
        _soap.read_response(response(500, envelope(body)), _soap.SOAP11, None, FAULTS)
    assert type(info.value) is _soap.SoapFault
    assert (info.value.code, info.value.reason, info.value.detail) == ("s:Server", "boom", None)


@pytest.mark.parametrize(
    "content",
    [
        b"<html><head><title>Error</title></head><body><h1>Internal error</h1></body></html>",
        b"<html><body>Internal error<br></body></html>",  # not even well-formed
        b"Internal Server Error",
    ],
)
def test_http_500_with_html_is_a_transport_error(content: bytes) -> None:
    with pytest.raises(_soap.TransportError) as info:
        _soap.read_response(response(500, content, "text/html"), _soap.SOAP11, "{urn:x}R", FAULTS)
    assert info.value.status_code == 500
    assert info.value.content == content
    assert "500" in str(info.value)


def test_http_500_with_envelope_but_no_fault_is_a_transport_error() -> None:
    resp = response(500, envelope('<R xmlns="urn:x"/>'))
    with pytest.raises(_soap.TransportError) as info:
        _soap.read_response(resp, _soap.SOAP11, "{urn:x}R", FAULTS)
    assert info.value.status_code == 500


def test_http_200_with_html_is_not_a_result() -> None:
    resp = response(200, b"<html><body><p>Log in</p></body></html>", "text/html")
    with pytest.raises(_soap.SoapError):
        _soap.read_response(resp, _soap.SOAP11, "{urn:x}R", FAULTS)


@pytest.mark.parametrize("status", [200, 202])
def test_empty_success_without_result_is_none(status: int) -> None:
    assert _soap.read_response(response(status, b""), _soap.SOAP11, None, FAULTS) is None
    assert _soap.read_response(response(status, b"  \n"), _soap.SOAP12, None, FAULTS) is None


def test_empty_body_when_a_result_is_expected_is_a_transport_error() -> None:
    with pytest.raises(_soap.TransportError):
        _soap.read_response(response(200, b""), _soap.SOAP11, "{urn:x}R", FAULTS)
    with pytest.raises(_soap.TransportError) as info:
        _soap.read_response(response(503, b""), _soap.SOAP11, None, FAULTS)
    assert info.value.status_code == 503


def test_empty_soap_body_without_result_is_none() -> None:
    assert _soap.read_response(response(200, envelope("")), _soap.SOAP11, None, FAULTS) is None


def test_result_element_is_returned() -> None:
    resp = response(200, envelope('<R xmlns="urn:x"><Count>3</Count></R>'))
    found = _soap.read_response(resp, _soap.SOAP11, "{urn:x}R", FAULTS)
    assert found is not None
    assert found.tag == "{urn:x}R"
    assert found.findtext("{urn:x}Count") == "3"


def test_soap12_result_element_is_returned() -> None:
    resp = response(200, envelope('<R xmlns="urn:x"/>', S12), "application/soap+xml")
    found = _soap.read_response(resp, _soap.SOAP12, "{urn:x}R", FAULTS)
    assert found is not None and found.tag == "{urn:x}R"


@pytest.mark.parametrize("body", ['<Other xmlns="urn:x"/>', "<R/>", '<R xmlns="urn:y"/>', ""])
def test_wrong_body_element_is_a_parse_error(body: str) -> None:
    with pytest.raises(_soap.ParseError) as info:
        _soap.read_response(response(200, envelope(body)), _soap.SOAP11, "{urn:x}R", FAULTS)
    assert info.value.path == "/Envelope/Body"
    assert "{urn:x}R" in info.value.message


def test_envelope_without_body_is_a_parse_error() -> None:
    data = f'<s:Envelope xmlns:s="{S11}"><s:Header/></s:Envelope>'.encode()
    with pytest.raises(_soap.ParseError):
        _soap.read_response(response(200, data), _soap.SOAP11, "{urn:x}R", FAULTS)


def test_malformed_success_response_is_a_parse_error() -> None:
    with pytest.raises(_soap.ParseError):
        _soap.read_response(response(200, b"<s:Envelope"), _soap.SOAP11, "{urn:x}R", FAULTS)


def test_hostile_response_is_refused() -> None:
    with pytest.raises(_soap.ParseError):
        _soap.read_response(response(200, BILLION_LAUGHS), _soap.SOAP11, "{urn:x}R", FAULTS)


# -- writing requests -------------------------------------------------------------------------


def test_http_headers_soap11() -> None:
    assert _soap.http_headers(_soap.SOAP11, "urn:x/Op") == {
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": '"urn:x/Op"',
    }
    assert _soap.http_headers(_soap.SOAP11, "")["SOAPAction"] == '""'


def test_http_headers_soap12() -> None:
    assert _soap.http_headers(_soap.SOAP12, "urn:x/Op") == {
        "Content-Type": 'application/soap+xml; charset=utf-8; action="urn:x/Op"'
    }
    headers = _soap.http_headers(_soap.SOAP12, "")
    assert headers == {"Content-Type": "application/soap+xml; charset=utf-8"}
    assert "action" not in headers["Content-Type"]
    assert "SOAPAction" not in headers


@pytest.mark.parametrize(("version", "ns"), [(_soap.SOAP11, S11), (_soap.SOAP12, S12)])
def test_message_declares_every_prefix_once_on_the_envelope(version: str, ns: str) -> None:
    body = [
        "<tns:Op>",
        f"<tns:Name>{_soap.text('Zoë & <co>')}</tns:Name>",
        '<ns1:Kind xsi:type="xsd:string">a</ns1:Kind>',
        "</tns:Op>",
    ]
    data = _soap.message(version, {"tns": "urn:x", "ns1": "urn:y"}, body)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    assert b"Header" not in data  # no Header without entries
    parsed = etree.fromstring(data)
    assert parsed.tag == f"{{{ns}}}Envelope"
    assert parsed.nsmap == {
        "soap": ns,
        "xsi": _soap.XSI,
        "xsd": _soap.XSD,
        "tns": "urn:x",
        "ns1": "urn:y",
    }
    assert data.count(b"xmlns") == 5
    assert [c.tag for c in parsed] == [f"{{{ns}}}Body"]
    name = parsed.find(".//{urn:x}Name")
    assert name is not None and name.text == "Zoë & <co>"
    kind = parsed.find(".//{urn:y}Kind")
    assert kind is not None and kind.get(_soap.XSI_TYPE) == "xsd:string"
    # what lxml writes for the same tree, byte for byte
    assert etree.tostring(parsed, xml_declaration=True, encoding="utf-8") == data


def test_message_with_header_entries_and_an_empty_body() -> None:
    data = _soap.message(_soap.SOAP11, {"tns": "urn:x"}, [], ["<tns:Token>abc</tns:Token>"])
    parsed = etree.fromstring(data)
    assert [c.tag for c in parsed] == [f"{{{S11}}}Header", f"{{{S11}}}Body"]
    assert parsed.findtext(f"{{{S11}}}Header/{{urn:x}}Token") == "abc"
    assert etree.tostring(parsed, xml_declaration=True, encoding="utf-8") == data


ANY_TEXT = [
    "",
    "plain",
    "a & b < c > d",
    "quotes \" and ' apostrophes",
    "tab\tnew\nline\rreturn\r\n",
    "]]> <!-- --> <![CDATA[ x ]]>",
    "&amp; &#13; &lt;",
    "Zoë ∑ \U0001f600 \u2028 \x85 \x7f \ud7ff \ue000 \ufffd",
]


@pytest.mark.parametrize("value", ANY_TEXT)
def test_text_and_attribute_escapes_are_what_lxml_writes(value: str) -> None:
    element = etree.Element("e")
    element.set("a", value)
    element.text = value
    expected = etree.tostring(element, encoding="utf-8")
    assert f'<e a="{_soap.attr_text(value)}">{_soap.text(value)}</e>'.encode() == expected
    parsed = etree.fromstring(expected)
    assert (parsed.get("a"), parsed.text or "") == (value, value)


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_characters_xml_cannot_carry_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
        _soap.text(f"ok{bad}ok")
    with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
        _soap.attr_text(f"ok{bad}")
    assert _soap.printable(f"ok{bad}") == "ok\ufffd"


def test_write_any_copies_content() -> None:
    value = etree.fromstring('<v a="1" xmlns:q="urn:q">text<q:c>x</q:c><d/></v>')
    out: list[str] = []
    _soap.write_any(out, "{urn:x}Any", value, "xsd:string")
    (written,) = out
    target = etree.fromstring(written)
    assert target.tag == "{urn:x}Any"
    assert target.get("a") == "1" and target.get(_soap.XSI_TYPE) == "xsd:string"
    assert target.text == "text"
    assert [c.tag for c in target] == ["{urn:q}c", "d"]
    assert value.find("{urn:q}c") is not None  # the original keeps its children
    assert _soap.read_any(target) is target


def test_qualified_names_a_tag_under_the_envelope_prefixes() -> None:
    nsmap = {"ns0": "urn:a", "ns1": "urn:b"}
    assert _soap.qualified("{urn:b}Fault", nsmap) == ("ns1:Fault", "")
    assert _soap.qualified("Fault", nsmap) == ("Fault", "")
    assert _soap.qualified("{urn:c}Fault", nsmap) == ("ns_:Fault", ' xmlns:ns_="urn:c"')


# -- calls ------------------------------------------------------------------------------------


def recording_transport(answer: httpx.Response, seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return answer

    return httpx.MockTransport(handler)


def endpoint(http: httpx.Client | httpx.AsyncClient, version: str) -> Any:
    """What `_soap.call` needs of a generated client."""
    return SimpleNamespace(
        http=http,
        address="https://example.test/svc",
        soap_version=version,
        limits=_soap.DEFAULT_LIMITS,
        NAMESPACES={"tns": "urn:x"},
        HEADER_TAGS={},
        headers=[],
        hooks=[],
    )


REQUEST_BODY = ["<tns:Op><tns:Count>3</tns:Count></tns:Op>"]


def test_call_posts_the_envelope_and_returns_the_result() -> None:
    seen: list[httpx.Request] = []
    answer = response(200, envelope('<R xmlns="urn:x"><Count>4</Count></R>'))
    with httpx.Client(transport=recording_transport(answer, seen)) as http:
        found = _soap.call(
            endpoint(http, _soap.SOAP11),
            operation="Op",
            action="urn:x/Op",
            body=REQUEST_BODY,
            expected="{urn:x}R",
            faults=FAULTS,
        )
    assert found is not None and found.findtext("{urn:x}Count") == "4"
    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == "https://example.test/svc"
    assert request.headers["SOAPAction"] == '"urn:x/Op"'
    assert request.headers["Content-Type"] == "text/xml; charset=utf-8"
    sent = etree.fromstring(request.content)
    assert sent.findtext(f"{{{S11}}}Body/{{urn:x}}Op/{{urn:x}}Count") == "3"


def test_acall_raises_the_mapped_fault() -> None:
    seen: list[httpx.Request] = []
    answer = response(500, SOAP12_FAULT, "application/soap+xml")

    async def run() -> None:
        async with httpx.AsyncClient(transport=recording_transport(answer, seen)) as http:
            await _soap.acall(
                endpoint(http, _soap.SOAP12),
                operation="Op",
                action="urn:x/Op",
                body=REQUEST_BODY,
                expected="{urn:x}R",
                faults=FAULTS,
            )

    with pytest.raises(OtherFault):
        asyncio.run(run())
    (request,) = seen
    assert (
        request.headers["Content-Type"] == 'application/soap+xml; charset=utf-8; action="urn:x/Op"'
    )
    assert "SOAPAction" not in request.headers


def test_choose_version_and_require_address() -> None:
    assert _soap.choose_version(None, (_soap.SOAP12, _soap.SOAP11)) == _soap.SOAP12
    assert _soap.choose_version("1.1", (_soap.SOAP12, _soap.SOAP11)) == _soap.SOAP11
    with pytest.raises(ValueError, match="1.2"):
        _soap.choose_version("1.2", (_soap.SOAP11,))
    assert _soap.require_address(None, "https://a.test") == "https://a.test"
    assert _soap.require_address("https://b.test", "https://a.test") == "https://b.test"
    with pytest.raises(ValueError, match="address"):
        _soap.require_address(None, "")


@pytest.mark.parametrize(
    "text",
    [
        "2020-01-01T10:00:00",
        "2020-01-01T10:00:00Z",
        "2020-01-01T10:00:00+05:30",
        "2020-01-01T10:00:00-00:00",
        "2020-01-01T10:00:00.1",
        "2020-01-01T10:00:00.123456789Z",
        "2020-02-29T23:59:59.999999+14:00",
        " 2020-01-01T10:00:00Z ",
        "2020-01-01T24:00:00Z",
        "2021-02-29T00:00:00",
        "2020-13-01T00:00:00",
        "2020-01-01T10:00:60",
        "12020-01-01T10:00:00",
        "-0001-01-01T00:00:00",
        "2020-01-01T10:00:00+24:00",
        # what fromisoformat takes after the seconds and XSD does not
        "2020-01-01T10:00:00,5",
        "2020-01-01T10:00:00.",
        "2020-01-01T10:00:00.+02:00",
        "2020-01-01T10:00:00+02",
        "2020-01-01T10:00:00+0200",
        "2020-01-01T10:00:00+02:00:00",
        "2020-01-01T10:00:00.5\u00b2Z",
        "2020-01-01T10:00:0",
        "2020-01-01T10:00:00z",
    ],
)
def test_datetime_fast_path_reads_as_the_general_one(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fromisoformat (3.11+) takes the usual shape; it must agree with the field-by-field
    reading on every value, valid or not."""

    def read() -> object:
        try:
            return repr(_soap.read_datetime(element(text)))  # the offset's form included
        except _soap.ParseError as exc:
            return ("error", exc.message)

    fast = read()
    monkeypatch.setattr(_soap, "_FROM_ISO", False)
    assert fast == read()


def test_an_action_any_spec_gives_goes_on_the_wire_as_ascii() -> None:
    # an HTTP header carries no arbitrary text: the action is percent-encoded as an IRI is
    headers = _soap.http_headers(_soap.SOAP11, 'urn:op/é "x"\n\u2028')
    assert headers["SOAPAction"] == '"urn:op/%C3%A9 %22x%22%0A%E2%80%A8"'
    assert _soap.wire_action("http://x/Op?a=1&b=%20") == "http://x/Op?a=1&b=%20"
    content_type = _soap.http_headers(_soap.SOAP12, "ü")["Content-Type"]
    assert content_type.endswith('; action="%C3%BC"') and content_type.isascii()
