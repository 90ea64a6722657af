"""The emitted WSDL is checked before it is written (generator/render/wsdl_check.py): every
golden's WSDL passes, each kind of broken WSDL is refused as a soapsmith bug naming the spec,
a WSDL that passed is not compiled again, and the command reports a failure as an error."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import GOLDEN

from generator.cli import main
from generator.errors import SoapsmithBug
from generator.format import FormatCache
from generator.render import wsdl, wsdl_check

GOLDEN_WSDLS = sorted(GOLDEN.glob("*/expected/*/service.wsdl"))
ORDERS = GOLDEN / "wsdl_doclit" / "expected" / "wsdl_doclit" / "service.wsdl"


@pytest.mark.parametrize("path", GOLDEN_WSDLS, ids=lambda p: p.parts[-4])
def test_every_golden_wsdl_passes(path: Path) -> None:
    wsdl_check.check_wsdl(path.read_bytes(), path.parts[-4])


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            '<xs:complexType name="Order">',
            '<xs:complexType name="-- the derived type goes here --">',
            "xs:complexType name '-- the derived type goes here --' is not an XML name",
        ),
        (
            'type="tns:Line"',
            'type="tns:Nothing"',
            "'{urn:example:orders}Nothing' does not resolve to a(n) type definition",
        ),
        (
            'element="tns:GetOrder"/>',
            'element="tns:Missing"/>',
            "part 'parameters' of message 'GetOrderIn': element 'tns:Missing' is not declared",
        ),
        (
            'message="tns:GetOrderIn"/>',
            'message="tns:Elsewhere"/>',
            "operation 'GetOrder' names message 'tns:Elsewhere'",
        ),
        (
            'type="tns:OrdersPortType">',
            'type="tns:NoPortType">',
            "names port type 'tns:NoPortType'",
        ),
        ('part="Auth"', 'part="Nope"', "header part 'Nope' of 'tns:AuthHeader' is not declared"),
        ('<wsdl:port name="', '<wsdl:port name="1', "port name '1"),
    ],
)
def test_a_broken_wsdl_is_a_soapsmith_bug_naming_the_spec(old: str, new: str, problem: str) -> None:
    text = ORDERS.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(SoapsmithBug) as caught:
        wsdl_check.check_wsdl(text.replace(old, new, 1).encode(), "orders")
    assert caught.value.file == "orders"
    assert problem in caught.value.message
    assert "bug in soapsmith" in caught.value.hint


def test_names_of_the_fifth_edition_of_xml_pass() -> None:
    # libxml2's own NCName test is XML 1.0's fourth edition, which refuses these letters
    text = ORDERS.read_text(encoding="utf-8").replace('"Order"', '"Orderŉ"')
    text = text.replace('"tns:Order"', '"tns:Orderŉ"').replace("Line", "ĲLine")
    wsdl_check.check_wsdl(text.encode(), "orders")


def test_an_element_of_the_xml_schema_namespace_the_wsdl_declares_is_found() -> None:
    # ASP.NET DataSets: `<s:element ref="s:schema"/>`, the emitter declaring xs:schema
    text = ORDERS.read_text(encoding="utf-8")
    text = text.replace(
        '<xs:schema targetNamespace="urn:example:orders" elementFormDefault="qualified">\n'
        '      <xs:import namespace="urn:example:common"/>',
        '<xs:schema targetNamespace="http://www.w3.org/2001/XMLSchema">'
        '<xs:element name="schema" type="xs:anyType"/></xs:schema>'
        '<xs:schema targetNamespace="urn:example:orders" elementFormDefault="qualified">\n'
        '      <xs:import namespace="urn:example:common"/>'
        '<xs:import namespace="http://www.w3.org/2001/XMLSchema"/>',
    )
    text = text.replace(
        '<xs:element name="qty" type="xs:int" minOccurs="1" maxOccurs="1"/>',
        '<xs:element name="qty" type="xs:int" minOccurs="1" maxOccurs="1"/>'
        '<xs:element ref="xs:schema"/>',
    )
    assert text.count("xs:schema") >= 3
    wsdl_check.check_wsdl(text.encode(), "orders")


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        (r"[A-Z]{3}-\d{4000000000}", None),  # XSD allows what libxml2's expressions refuse
        ("((a{1000}){1000}){1000}", None),
        ("[", "pattern '[' is not an XSD regular expression"),
    ],
)
def test_patterns_are_judged_as_xmlschema_judges_them(pattern: str, problem: str | None) -> None:
    text = ORDERS.read_text(encoding="utf-8").replace(
        '<xs:enumeration value="open"/>', f'<xs:pattern value="{pattern}"/>'
    )
    if problem is None:
        wsdl_check.check_wsdl(text.encode(), "orders")
        return
    with pytest.raises(SoapsmithBug, match=re.escape(problem)):
        wsdl_check.check_wsdl(text.encode(), "orders")


def test_what_libxml2_alone_refuses_is_judged_by_xmlschema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wsdl_check, "_patterns", lambda schema: None)  # libxml2 sees them
    text = ORDERS.read_text(encoding="utf-8")
    counted = text.replace(
        '<xs:enumeration value="open"/>', r'<xs:pattern value="\d{4000000000}"/>'
    )
    wsdl_check.check_wsdl(counted.encode(), "orders")  # libxml2 refuses it, xmlschema does not
    broken = text.replace('<xs:enumeration value="open"/>', '<xs:pattern value="["/>')
    with pytest.raises(SoapsmithBug, match="not a valid regular expression"):
        wsdl_check.check_wsdl(broken.encode(), "orders")  # both refuse it


def test_a_wsdl_that_passed_is_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = FormatCache(tmp_path)
    data = ORDERS.read_bytes()
    wsdl_check.check_wsdl(data, "orders", cache)

    def compiled(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(wsdl_check, "_schema_problem", compiled)
    wsdl_check.check_wsdl(data, "orders", cache)
    with pytest.raises(AssertionError):  # another WSDL is checked
        wsdl_check.check_wsdl(data.replace(b"Order", b"Orders"), "orders", cache)


def test_the_commands_report_an_invalid_wsdl_as_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(GOLDEN / "wsdl_doclit" / "spec", tmp_path / "specs" / "orders")
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    real = wsdl._Emitter.document

    def broken(self: wsdl._Emitter) -> object:  # an emitter bug: a name that is no XML name
        root = real(self)
        root.find(f"{{{wsdl.WSDL}}}portType").set("name", "no name")
        return root

    monkeypatch.setattr(wsdl._Emitter, "document", broken)
    for command in (["generate"], ["wsdl", "orders"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: orders: the WSDL soapsmith emitted is invalid: ")
        assert "wsdl:portType name 'no name' is not an XML name" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "generated").exists()
