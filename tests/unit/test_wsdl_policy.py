"""What WS-Policy attached to a binding asks of a client, read from small WSDL fragments."""

from __future__ import annotations

from lxml import etree

from generator.model import Requirement
from generator.readers.wsdl_documents import Document
from generator.readers.wsdl_policy import Policies, addressing_action

HEAD = (
    '<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"'
    ' xmlns:wsp="http://www.w3.org/ns/ws-policy"'
    ' xmlns:old="http://schemas.xmlsoap.org/ws/2004/09/policy"'
    ' xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"'
    ' xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"'
    ' xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl"'
    ' xmlns:sp="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy"'
    ' xmlns:other="urn:not-a-policy">'
)


def requirements(body: str, binding: str = "B") -> tuple[Requirement, ...]:
    root = etree.fromstring(HEAD + body + "</definitions>")
    policies = Policies([Document("s/x.wsdl", root)])
    found = root.find(f"{{http://schemas.xmlsoap.org/wsdl/}}binding[@name='{binding}']")
    assert found is not None
    port = root.find(".//{http://schemas.xmlsoap.org/wsdl/}port")
    return policies.requirements(found, port)


def test_nothing_attached_asks_nothing() -> None:
    assert requirements('<wsp:Policy wsu:Id="P"><wsaw:UsingAddressing/></wsp:Policy>'
                        '<binding name="B"/>') == ()  # fmt: skip


def test_references_nest_and_cycles_end() -> None:
    body = (
        '<wsp:Policy wsu:Id="A"><wsp:PolicyReference URI="#B"/><sp:TransportBinding/>'
        "</wsp:Policy>"
        '<wsp:Policy wsu:Id="B"><wsp:PolicyReference URI="#A"/>'
        "<sp:SignedSupportingTokens><wsp:Policy><sp:UsernameToken/></wsp:Policy>"
        "</sp:SignedSupportingTokens></wsp:Policy>"
        '<binding name="B"><wsp:PolicyReference URI="#A"/></binding>'
    )
    assert requirements(body) == (Requirement.USERNAME_TOKEN, Requirement.TRANSPORT)


def test_policies_on_operations_messages_ports_and_by_uri_attribute() -> None:
    body = (
        '<old:Policy wsu:Id="In"><sp:AsymmetricBinding/></old:Policy>'
        '<old:Policy Name="Stamp"><sp:IncludeTimestamp/></old:Policy>'
        '<wsp:Policy wsu:Id="Port"><wsam:Addressing wsp:Optional="true"/></wsp:Policy>'
        '<binding name="B"><operation name="Op"><input old:PolicyURIs="#In Stamp"/>'
        "</operation></binding>"
        '<service name="S"><port name="P" binding="B"><wsp:PolicyReference URI="#Port"/>'
        "</port></service>"
    )
    assert requirements(body) == (
        Requirement.ADDRESSING,
        Requirement.TIMESTAMP,
        Requirement.X509,
    )


def test_using_addressing_in_the_binding_itself_and_foreign_names_ignored() -> None:
    body = (
        '<binding name="B"><wsaw:UsingAddressing/><wsp:Policy><other:UsernameToken/>'
        "</wsp:Policy></binding>"
    )
    assert requirements(body) == (Requirement.ADDRESSING,)


def test_an_inputs_addressing_action() -> None:
    element = etree.fromstring(
        '<input xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"'
        ' wsam:Action=" urn:do "/>'
    )
    assert addressing_action(element) == "urn:do"
    assert addressing_action(etree.fromstring("<input/>")) == ""
    assert addressing_action(None) == ""


def test_the_2004_submission_policy_names_its_namespace() -> None:
    root = etree.fromstring(
        HEAD.replace("<definitions ", '<definitions xmlns:wsap="http://schemas.xmlsoap.org/ws/2004/08'
                     '/addressing/policy" ')
        + '<wsp:Policy wsu:Id="P"><wsap:UsingAddressing/></wsp:Policy>'
        '<binding name="B"><wsp:PolicyReference URI="#P"/></binding>'
        '<binding name="C"><wsaw:UsingAddressing/></binding></definitions>'
    )  # fmt: skip
    policies = Policies([Document("s/x.wsdl", root)])
    old, new = root.findall("{http://schemas.xmlsoap.org/wsdl/}binding")
    assert policies.requirements(old) == (Requirement.ADDRESSING,)
    assert policies.addressing(old) == "http://schemas.xmlsoap.org/ws/2004/08/addressing"
    assert policies.requirements(new) == (Requirement.ADDRESSING,)
    assert policies.addressing(new) == ""
