"""Small tests of single steps: naming, leaf typing, page text, tables, docstrings, prefixes.
The passes have their own files in tests/passes/."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from generator.model import Evidence, QName, xs
from generator.naming import Scope, namespace_prefixes, pascal, snake
from generator.plan.expressions import docstring
from generator.readers import page_text
from generator.readers.files import PageFile
from generator.readers.page_reader import read_pages
from generator.readers.page_samples import read_node, text_type
from generator.readers.tables import read_tables
from generator.readers.xsd_mapper import split


@pytest.mark.parametrize(
    ("xml", "python"),
    [
        ("ImportSyncRecordID", "import_sync_record_id"),
        ("EntityID_Owner", "entity_id_owner"),
        ("__usn_entity", "usn_entity"),
        ("item-id", "item_id"),
        ("Имя", "имя"),
        ("2ndLine", "n_2nd_line"),
        ("", "value"),
    ],
)
def test_snake(xml: str, python: str) -> None:
    assert snake(xml) == python


def test_pascal_and_scope() -> None:
    assert pascal("ObjClient_ToVerify") == "ObjClientToVerify"
    scope = Scope(frozenset({"list"}))
    assert [scope.take(n) for n in ["class", "list", "name", "name", "__init__"]] == [
        "class_",
        "list_",
        "name",
        "name_2",
        "init_",
    ]


@pytest.mark.parametrize(
    ("text", "name", "evidence"),
    [
        ("string", "string", Evidence.PLACEHOLDER),
        ("dateTime", "dateTime", Evidence.PLACEHOLDER),
        ("q1:QName", "QName", Evidence.PLACEHOLDER),
        ("183", "int", Evidence.VALUE),
        ("9007199254740993", "string", Evidence.VALUE),  # identifier-length digits
        ("02121111111", "string", Evidence.VALUE),  # a leading zero: an identifier
        ("12.75", "decimal", Evidence.VALUE),
        ("false", "boolean", Evidence.VALUE),
        ("2008-12-11T00:00:00Z", "dateTime", Evidence.VALUE),
        ("0001-01-01T00:00:00", "dateTime", Evidence.VALUE),
        ("apiuser-test", "string", Evidence.VALUE),
        ("", "string", Evidence.NONE),
    ],
)
def test_leaf_typing(text: str, name: str, evidence: Evidence) -> None:
    leaf = text_type(text)
    assert (leaf.type.name, leaf.evidence) == (name, evidence)


def test_or_is_an_enum_only_between_tokens() -> None:
    assert text_type("OK or HashError").enum_values == ("OK", "HashError")
    assert text_type("this or that thing").enum_values == ()


def test_or_between_digit_codes_is_an_enum_of_strings() -> None:
    leaf = text_type("01 or 02 or 03 or 10")
    assert (leaf.type, leaf.enum_values) == (xs("string"), ("01", "02", "03", "10"))
    assert text_type("1 or 2").enum_values == ("1", "2")
    # codes and words mixed, or numbers that are not codes, are no enumeration
    assert text_type("1 or more").enum_values == ()
    assert text_type("1.5 or 2.5").enum_values == ()
    assert text_type("-1 or 1").enum_values == ()


def test_repeated_siblings_and_array_hints_make_lists() -> None:
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.fromstring(
        f'<r xmlns:xsi="{xsi}" xmlns:a="urn:a"><x>int</x><x>int</x>'
        '<k xsi:type="a:ArrayOfstring"><a:string>string</a:string></k></r>'
    )
    node = read_node(root, 0)
    assert [(c.name, c.repeated) for c in node.children] == [("x", True), ("k", False)]
    assert node.children[1].children[0].repeated


@pytest.mark.parametrize(
    ("inside", "derived"),
    [
        ("<!-- tns:Book or tns:Disc -->", ["{urn:c}Book", "{urn:c}Disc"]),  # prefixed names
        ("<!-- one of: Book, Disc -->", ["{urn:d}Book", "{urn:d}Disc"]),  # a list after a colon
        ("<!-- xsd:string or undeclared:Type -->", []),  # builtins and unbound prefixes are not
        ("<!-- note: see the manual for the types -->", []),  # prose after a colon
        ("", []),
    ],
)
def test_an_xsi_type_that_is_prose_is_a_placeholder(inside: str, derived: list[str]) -> None:
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.fromstring(
        f'<item xmlns="urn:d" xmlns:xsi="{xsi}" xmlns:tns="urn:c" xmlns:xsd="{xs("x").namespace}"'
        f' xsi:type="-- the derived type goes here --">{inside}<title>string</title></item>'
    )
    node = read_node(root, 0)
    assert (node.xsi_type, node.xsi_placeholder) == (None, "-- the derived type goes here --")
    assert [n.clark for n in node.derived] == derived
    named = etree.fromstring(f'<i xmlns:xsi="{xsi}" xmlns:t="urn:t" xsi:type="t:Book"/>')
    assert (read_node(named, 0).xsi_type, read_node(named, 0).xsi_placeholder) == (
        QName("urn:t", "Book"),
        "",
    )


def test_html_escaped_page_keeps_line_numbers() -> None:
    page = (
        '<html><body>\n<pre>\n&lt;soap:Envelope xmlns:soap="urn:s"&gt;\n'
        "&lt;soap:Body&gt;&lt;<font class=value>Op</font>/&gt;&lt;/soap:Body&gt;\n"
        "&lt;/soap:Envelope&gt;\n</pre></body></html>\n"
    )
    (segment,) = page_text.segments(page_text.clean(page))
    assert segment.line == 3
    assert segment.complete
    assert "<Op/>" in segment.xml


def test_cut_envelope_is_incomplete() -> None:
    (segment,) = page_text.segments("text\n<s:Envelope xmlns:s='x'><s:Body>")
    assert not segment.complete


def test_http_block() -> None:
    block = page_text.http_block(
        'POST /a/Service.asmx HTTP/1.1\nHost: h.example\nSOAPAction: "urn:act"\n'
    )
    assert (block.is_request, block.path, block.host, block.soap_action) == (
        True,
        "/a/Service.asmx",
        "h.example",
        "urn:act",
    )
    assert page_text.http_block("HTTP/1.1 200 OK\n").is_request is False


def test_mono_help_page_layout() -> None:
    """Mono's .asmx help pages print a sample on one source line split by <br>, indent with
    &nbsp; (also between an element's name and its attributes) and give the request line no
    HTTP version (tests/interop/test_mono_help_pages.py reads whole pages)."""
    page = (
        '<html><body><div class="code-xml">POST&nbsp;/S.asmx<br>SOAPAction:&nbsp;urn:s/Op<br>'
        "Host:&nbsp;<span class='literal-placeholder'>string</span><br><br>"
        '<span>&lt;</span><span>soap:Envelope&nbsp;xmlns:soap="<span>urn:s</span>"</span>'
        "<span>&gt;</span><br>&nbsp;&nbsp;&lt;soap:Body&gt;&lt;Op/&gt;&lt;/soap:Body&gt;"
        "&lt;/soap:Envelope&gt;</div></body></html>\n"
    )
    (segment,) = page_text.segments(page_text.clean(page))
    assert (
        segment.xml
        == '<soap:Envelope xmlns:soap="urn:s">   <soap:Body><Op/></soap:Body></soap:Envelope>'
    )
    block = page_text.http_block(segment.before)
    assert (block.is_request, block.path, block.host, block.soap_action) == (
        True,
        "/S.asmx",
        "string",  # a placeholder: the page reader takes no address from it
        "urn:s/Op",
    )
    # a path followed by a header line makes a request line; prose does not
    assert page_text.http_block("you POST the data: as below").is_request is None


@pytest.mark.parametrize(
    ("after", "announced"),
    [
        ("\nHTTP/1.1 200 OK\nContent-Type: text/xml\n", (200, 1)),  # cut after the headers
        ("\nHTTP/1.1 200 OK", (200, 1)),  # cut after the status line
        ("\n\nResponse:\n\nHTTP/1.0 200 OK\n", (200, 4)),  # behind a label
        ("\nHTTP/1.1 202 Accepted\n", None),  # one-way
        ("\nHTTP/1.1 500 Internal Server Error\n", None),  # a fault example
        (
            "\n## GetOrder (HTTP GET)\nGET /s.asmx/GetOrder?id=string HTTP/1.1\nHTTP/1.1 200 OK",
            None,
        ),
        ("\n" + "prose\n" * 4 + "HTTP/1.1 200 OK\n", None),  # too far to be this sample's
        ("", None),
    ],
)
def test_an_answer_announced_after_a_sample(after: str, announced: tuple[int, int] | None) -> None:
    assert page_text.announced_answer(after) == announced


def test_segments_know_what_follows_them() -> None:
    envelope = "<s:Envelope xmlns:s='x'><s:Body><Op/></s:Body></s:Envelope>"
    first, last = page_text.segments(f"{envelope}\nHTTP/1.1 200 OK\n{envelope}\ntail")
    assert (first.after, last.after) == ("\nHTTP/1.1 200 OK\n", "\ntail")


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("stock.example.org", None),
        ("10.1.2.3", None),
        ("localhost:8080", None),
        ("[::1]:8080", None),
        ("bücher.example", None),
        ("10.1.2.3..Content-Length", "not a host name: Empty Label"),  # lines run together
        ("10.1.2", "neither an IP address nor a name (a name does not end in a number)"),
        ("-edge.example", "not a host name: Label must not start or end with a hyphen"),
        ("example.org:70000", "port 70000 is out of range"),
        ("[fe80::zz]", "not an IPv6 address"),
    ],
)
def test_host_lines_are_checked(host: str, problem: str | None) -> None:
    assert page_text.host_problem(host) == problem


def test_a_host_line_that_is_not_a_host_gives_no_address() -> None:
    envelope = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<Ping xmlns="urn:p"><id>int</id></Ping></soap:Body></soap:Envelope>'
    )
    page = f"POST /p.asmx HTTP/1.1\nHost: 10.1.2.3..Content-Length: length\n\n{envelope}\n"
    result = read_pages([PageFile("ping.txt", page.encode())])
    assert result.addresses == []
    assert [w.message for w in result.warnings] == [
        "the Host line above this request, '10.1.2.3..Content-Length', is not a host name: "
        "Empty Label; no address is taken from it (set `address` in spec.toml)"
    ]
    fine = read_pages([PageFile("ping.txt", page.replace("..", "\n").encode())])
    assert fine.addresses == ["https://10.1.2.3/p.asmx"] and fine.warnings == []


def test_parameter_blocks() -> None:
    tables = read_tables(
        "Request Parameters\n\nPartitionId\nnonNegativeInteger\nA value is required\nThe id\n"
        "Response Parameters\n\nSessionId\nstring\nA token\n"
    )
    assert tables.request["PartitionId"].type == xs("nonNegativeInteger")
    assert tables.request["PartitionId"].required is True
    assert tables.response["SessionId"].required is None
    assert "PartitionId" not in tables.response


def test_docstring_cannot_be_closed_early() -> None:
    text = 'a """ b \\ c \x00 d"'
    literal = docstring(text)
    assert eval(literal) == text + " "  # a space keeps the closing quotes apart


def test_an_xsd_name_is_whitespace_collapsed_as_an_ncname() -> None:
    # xmlschema keeps `name="status "` as written; XSD collapses an NCName's whitespace
    assert split("{urn:a}status ") == QName("urn:a", "status")
    assert split(" data ") == QName("", "data")
    assert split(None) == QName("", "")


def test_namespace_prefixes_depend_on_the_namespace_alone() -> None:
    """Adding a namespace never renames the prefixes of the others (they were numbered in
    sorted order, so one namespace more renumbered every tag of every module)."""
    before = namespace_prefixes({"urn:b", "urn:c"})
    after = namespace_prefixes({"urn:a", "urn:b", "urn:c"})
    assert after["urn:b"] == before["urn:b"] and after["urn:c"] == before["urn:c"]
    assert len(set(after.values())) == 3
    assert all(re.fullmatch(r"ns[0-9a-f]{4}", p) for p in after.values())


def test_namespace_prefixes_that_share_their_digits_grow_until_they_differ() -> None:
    seen: dict[str, str] = {}
    for n in range(100_000):  # a birthday collision in four hex digits comes after ~300
        ns = f"urn:n{n}"
        short = namespace_prefixes({ns})[ns]
        if short in seen:
            break
        seen[short] = ns
    pair = {seen[short], ns}
    prefixes = namespace_prefixes(pair)
    assert len(set(prefixes.values())) == 2
    assert all(len(p) > len(short) and p.startswith(short) for p in prefixes.values())
    third = namespace_prefixes(pair | {"urn:other"})
    assert third["urn:other"] == namespace_prefixes({"urn:other"})["urn:other"]
