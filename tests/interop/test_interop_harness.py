"""The interop harness itself: what counts as the same value coming back (agree.py), and a
missing stack skipping rather than failing.  No foreign stack is needed here."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from agree import answer_disagreement, disagreement
from stacks import StackMissing, wsdl_services, wsdl_soap_versions, wsdl_style
from stacks import mono as mono_stack
from stacks import node as node_stack
from stacks import php as php_stack

RAW = b"\x00\xff\xfeSOAP"


@pytest.mark.parametrize(
    ("sent", "got"),
    [
        (
            {"$base64Binary": base64.b64encode(RAW).decode()},
            {"$bytes": base64.b64encode(RAW).decode()},
        ),
        ({"$base64Binary": base64.b64encode(RAW).decode()}, base64.b64encode(RAW).decode()),
        ({"$hexBinary": RAW.hex()}, RAW.hex().upper()),
        ({"$decimal": "12.50"}, 12.5),
        ({"$decimal": "12.50"}, "12.5"),
        ({"$dateTime": "1999-12-31T23:59:58Z"}, "1999-12-31T23:59:58.000Z"),
        ({"$dateTime": "1999-12-31T23:59:58Z"}, "2000-01-01T00:59:58+01:00"),
        (-7, "-7"),
        (False, "false"),
        (0.125, "0.125"),
        (["a", "b"], {"item": ["a", "b"]}),  # a SOAP-encoded array, its items' name aside
        ({"a": 1}, {"a": 1, "b": None}),
        ([], None),
        ({"@id": "7", "#text": "x"}, {"id": "7", "_": "x"}),  # PHP's attribute and content
        ({"@id": "7"}, {"_id": "7"}),  # suds's attribute
        ({"#text": {"$decimal": "0.01"}}, "0.01"),  # simple content without its attributes
        ({"$xsiType": "{urn:r}Partner", "a": 1}, {"$xsiType": "rel:Partner", "a": 1}),
        ({"$xsiType": "{urn:r}Partner", "a": 1}, {"a": 1}),  # PHP does not say the type
        ({"a": 1}, {"$xsiType": "Thing", "a": 1}),
        ({"$long": "9223372036854775807"}, "9223372036854775807"),
        ({"$long": "-9223372036854775808"}, -9223372036854775808),
        ({"string": []}, {}),  # an array's wrapper without items: PHP's empty object
        ({"string": []}, None),  # node-soap's null for an empty complex element
    ],
)
def test_the_same_value_in_another_representation_agrees(sent: object, got: object) -> None:
    assert disagreement(sent, got) is None


@pytest.mark.parametrize(
    ("sent", "got"),
    [
        (
            {"$base64Binary": base64.b64encode(RAW).decode()},
            {"$bytes": base64.b64encode(b"x").decode()},
        ),
        ({"$decimal": "12345678901234567890.123456789"}, 12345678901234567000),
        ({"$dateTime": "1999-12-31T23:59:58Z"}, "1999-12-31T23:59:58"),  # the zone was lost
        ({"$dateTime": "1999-12-31T23:59:58Z"}, ""),
        (-7, -7.5),
        (-7, True),
        (False, None),
        (False, "0x"),
        ("grün", "gr?n"),
        ("", None),
        (["a", "b"], ["a"]),
        (["a", "b"], ["b", "a"]),
        ({"a": 1}, {"a": 1, "b": 2}),
        ({"a": 1}, {"A": 1}),
        (0.125, 0.12),
        ({"$xsiType": "{urn:r}Partner", "a": 1}, {"$xsiType": "rel:Customer", "a": 1}),
        ({"@id": "7"}, {"id": "8"}),
        ({"$long": "9223372036854775807"}, 9223372036854775808),  # read into a double
        ({"string": ["a"]}, None),
        ({"list": {"string": []}}, {}),  # the wrapper itself absent
    ],
)
def test_a_different_value_disagrees(sent: object, got: object) -> None:
    assert disagreement(sent, got) is not None


def test_an_answer_of_one_part_may_come_bare_or_named() -> None:
    assert answer_disagreement({"return": "x"}, "x") is None
    assert answer_disagreement({"return": "x"}, {"return": "x"}) is None
    assert answer_disagreement({"return": "x"}, {"return": "y"}) is not None
    assert answer_disagreement({}, None) is None
    assert answer_disagreement({}, "x") is not None


def test_the_wsdl_layout_and_style_are_read(tmp_path: Path) -> None:
    wsdl = Path(__file__).parent / "soapbuilders" / "rpc_encoded" / "InteropTest.wsdl"
    services = wsdl_services(wsdl)
    assert list(services) == ["InteropTest"]
    assert services["InteropTest"]["InteropTestPort"][:2] == ["echoString", "echoStringArray"]
    assert wsdl_style(wsdl.read_bytes()) == "rpc"
    assert wsdl_soap_versions(wsdl) == {"1.1"}


def test_a_mono_contract_method_over_many_lines_is_made_concrete() -> None:
    contract = """\
public abstract partial class Sync : System.Web.Services.WebService {
    [System.Web.Services.WebMethodAttribute()]
    public abstract void Attach(
                string token,
                [System.Xml.Serialization.XmlElementAttribute(DataType="base64Binary")] byte[] data,
                [System.Xml.Serialization.XmlIgnoreAttribute()] bool dataSpecified,
                out Result Result);
    public abstract int Count(string[] items);
}
"""
    concrete, classes = mono_stack._concrete(contract)
    assert classes == ["Sync"]
    assert "public abstract" not in concrete
    assert "{ Handler.Attach(this, token, data, dataSpecified, out Result); }" in concrete
    assert "{ return Handler.Count(this, items); }" in concrete


def test_a_missing_stack_is_named_with_its_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    php_stack.php.cache_clear()
    node_stack.node.cache_clear()
    try:
        with pytest.raises(StackMissing, match="php-soap"):
            php_stack.php()
        with pytest.raises(StackMissing, match="nodejs"):
            node_stack.node()
    finally:
        php_stack.php.cache_clear()
        node_stack.node.cache_clear()
