"""Headers the service does not declare, hooks on both messages, and WS-Security tokens, through
a generated client on a mock wire (sync and async alike)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from lxml import etree
from wire import Load, Wire

from generator.runtime import _wsse

SHOP = "http://shop.example.com/"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
WSSE = _wsse.WSSE
WSU = _wsse.WSU
ANSWER = (
    f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><GetOrderResponse xmlns="{SHOP}">'
    "<GetOrderResult><Number>7</Number></GetOrderResult></GetOrderResponse></soap:Body>"
    "</soap:Envelope>"
).encode()


def header_children(wire: Wire, index: int = -1) -> list[etree._Element]:
    envelope = wire.envelope(index)
    header = envelope.find(f"{{{etree.QName(envelope).namespace}}}Header")
    return [] if header is None else list(header)


def tag(element: etree._Element) -> str:
    return str(element.tag)


def session(value: str) -> etree._Element:
    element = etree.Element("{urn:session}Session", nsmap={"s": "urn:session"})
    element.text = value
    return element


def test_client_headers_then_declared_then_the_calls_own(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    auth = pkg.models.AuthHeader(user="u", password="p")
    client = pkg.Client(http=wire.http(), headers=[session("s-1"), auth])
    result = client.get_order(
        number=7, auth_header=pkg.models.AuthHeader(user="v"), soap_headers=[session("s-2")]
    )
    assert result is not None and result.number == 7
    found = header_children(wire)
    assert [tag(e) for e in found] == [
        "{urn:session}Session",
        f"{{{SHOP}}}AuthHeader",
        f"{{{SHOP}}}AuthHeader",
        "{urn:session}Session",
    ]
    assert [e.findtext(f"{{{SHOP}}}User") for e in found[1:3]] == ["u", "v"]
    assert (found[0].text, found[3].text) == ("s-1", "s-2")


def test_an_undeclared_header_object_is_refused_by_name(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    client = pkg.Client(http=wire.http())
    # a WriteError (a ValueError) since issue 17 item 5, the TypeError its cause
    with pytest.raises(pkg.WriteError, match="GetOrder is not a header this service declares"):
        client.get_order(number=1, soap_headers=[pkg.models.GetOrder(number=1)])
    assert wire.sent == []


def test_hooks_change_the_request_and_see_the_answer(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER.replace(b"<Number>7</Number>", b"<Number>x</Number>")))
    seen: list[Any] = []

    class Rewrite(pkg.Hook):  # type: ignore[misc, name-defined]
        def outgoing(self, message: Any) -> None:
            message.add_header(session("abc"))
            message.http_headers["X-Trace"] = "t-1"
            message.address = "https://elsewhere.example/svc"
            seen.append((message.operation, message.action))

        def incoming(self, message: Any) -> None:
            seen.append((message.status_code, message.http_headers["content-length"]))
            message.envelope.find(f".//{{{SHOP}}}Number").text = "8"  # a fix-up of the answer

    history = pkg.History()
    client = pkg.Client(http=wire.http(), hooks=[Rewrite(), history])
    result = client.get_order(number=7)
    assert result is not None and result.number == 8
    request = wire.sent[0]
    assert str(request.url) == "https://elsewhere.example/svc"
    assert request.headers["X-Trace"] == "t-1"
    assert [e.text for e in header_children(wire)] == ["abc"]
    assert seen[0] == ("GetOrder", "http://shop.example.com/GetOrder")
    assert seen[1][0] == 200
    # the history holds the request as sent and the answer as the hooks left it
    assert history.sent[-1].content == request.content
    assert b"<Number>8</Number>" in history.received[-1].content


def test_hooks_run_in_the_async_client_too(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    history = pkg.History(size=2)

    async def run() -> Any:
        async with pkg.AsyncClient(http=wire.async_http(), hooks=[history]) as client:
            await client.get_order(number=1, soap_headers=[session("a")])
            return await client.get_order(number=2)

    assert asyncio.run(run()).number == 7
    assert len(history.sent) == len(history.received) == 2
    assert [e.text for e in header_children(wire, 0)] == ["a"]
    assert header_children(wire, 1) == []


def test_hooks_see_faults_before_they_are_raised(load: Load) -> None:
    pkg = load("asmx_two_pages")
    fault = (
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Body><soap:Fault><faultcode>soap:Server'
        "</faultcode><faultstring>down</faultstring></soap:Fault></soap:Body></soap:Envelope>"
    ).encode()
    history = pkg.History()
    client = pkg.Client(http=Wire((500, fault)).http(), hooks=[history])
    with pytest.raises(pkg.SoapFault, match="down"):
        client.get_order(number=1)
    assert history.received[-1].status_code == 500


def test_messages_are_logged_at_debug_level(load: Load, caplog: pytest.LogCaptureFixture) -> None:
    pkg = load("asmx_two_pages")
    client = pkg.Client(http=Wire((200, ANSWER)).http())
    with caplog.at_level(logging.DEBUG, logger="asmx_two_pages._soap"):
        client.get_order(number=7)
    sent, received = (r.getMessage() for r in caplog.records)
    assert sent.startswith("GetOrder: POST https://shop.example.com/shop/OrderService.asmx\n")
    assert "<ns56f2:number>7</ns56f2:number>" in sent
    assert received.startswith("GetOrder: HTTP 200\n") and "<Number>7</Number>" in received


# -- WS-Security --------------------------------------------------------------------------------

NOW = datetime(2026, 12, 4, 21, 30, 5, 123456, tzinfo=timezone.utc)


def test_password_digest_token_is_what_the_profile_says(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    token = pkg.UsernameToken(
        "alice", "s3cr\u00e9t", digest=True, clock=lambda: NOW, random=lambda n: b"\x01" * n
    )
    pkg.Client(http=wire.http(), hooks=[token]).get_order(number=7)
    (security,) = header_children(wire)
    assert tag(security) == f"{{{WSSE}}}Security"
    assert security.get(f"{{{S11}}}mustUnderstand") == "1"
    (element,) = security
    created = element.findtext(f"{{{WSU}}}Created")
    assert created == "2026-12-04T21:30:05.123Z"
    nonce = element.find(f"{{{WSSE}}}Nonce")
    assert nonce is not None and base64.b64decode(nonce.text or "") == b"\x01" * 16
    assert nonce.get("EncodingType", "").endswith("#Base64Binary")
    password = element.find(f"{{{WSSE}}}Password")
    assert password is not None and password.get("Type", "").endswith("#PasswordDigest")
    expected = hashlib.sha1(b"\x01" * 16 + created.encode() + "s3cr\u00e9t".encode()).digest()
    assert password.text == base64.b64encode(expected).decode()
    assert element.findtext(f"{{{WSSE}}}Username") == "alice"


def test_password_digest_matches_zeep_for_the_same_nonce_and_created() -> None:
    username = pytest.importorskip("zeep.wsse.username")
    envelope = etree.fromstring(
        f'<soap:Envelope xmlns:soap="{S11}"><soap:Header/><soap:Body/></soap:Envelope>'.encode()
    )
    theirs = username.UsernameToken(
        "bob", "pa ss", use_digest=True, nonce="0123456789abcdef", created=NOW
    )
    theirs.apply(envelope, {})
    token = envelope.find(f".//{{{WSSE}}}UsernameToken")
    assert token is not None
    created = token.findtext(f"{{{WSU}}}Created") or ""
    nonce = base64.b64decode(token.findtext(f"{{{WSSE}}}Nonce") or "")
    ours = _wsse.UsernameToken("bob", "pa ss", digest=True).token(nonce, created)
    assert ours.findtext(f"{{{WSSE}}}Password") == token.findtext(f"{{{WSSE}}}Password")


def test_password_text_timestamp_and_soap12(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER.replace(S11.encode(), S12.encode())))
    hooks = [
        pkg.UsernameToken("alice", "pw"),
        pkg.Timestamp(60, clock=lambda: NOW),
    ]
    pkg.Client(http=wire.http(), soap_version="1.2", hooks=hooks).get_order(number=7)
    (security,) = header_children(wire)
    assert security.get(f"{{{S12}}}mustUnderstand") == "true"
    stamp, token = security
    assert tag(stamp) == f"{{{WSU}}}Timestamp"
    assert stamp.findtext(f"{{{WSU}}}Created") == "2026-12-04T21:30:05.123Z"
    expires = _wsse.created_text(NOW + timedelta(seconds=60))
    assert stamp.findtext(f"{{{WSU}}}Expires") == expires
    password = token.find(f"{{{WSSE}}}Password")
    assert password is not None and password.text == "pw"
    assert password.get("Type", "").endswith("#PasswordText")
    assert token.find(f"{{{WSSE}}}Nonce") is None and token.find(f"{{{WSU}}}Created") is None


def test_each_request_gets_a_fresh_nonce(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    client = pkg.Client(http=wire.http(), hooks=[pkg.UsernameToken("a", "b", digest=True)])
    client.get_order(number=1)
    client.get_order(number=2)
    nonces = {e.findtext(f".//{{{WSSE}}}Nonce") for e in (wire.envelope(0), wire.envelope(1))}
    assert len(nonces) == 2


def test_must_understand_can_be_left_off(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    token = pkg.UsernameToken("a", "b", must_understand=False)
    pkg.Client(http=wire.http(), hooks=[token]).get_order(number=1)
    (security,) = header_children(wire)
    assert security.get(f"{{{S11}}}mustUnderstand") is None


# -- WS-Addressing ------------------------------------------------------------------------------

WSA = "http://www.w3.org/2005/08/addressing"
LEDGER_ANSWER = (
    f'<s:Envelope xmlns:s="{S12}"><s:Body><PostResponse xmlns="http://ledger.example.com/">'
    "<id>e-1</id></PostResponse></s:Body></s:Envelope>"
).encode()


def addressing(wire: Wire, index: int = -1) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in header_children(wire, index):
        if etree.QName(element).namespace == WSA:
            local = etree.QName(element).localname
            assert local not in found, f"wsa:{local} twice"
            found[local] = element.findtext(f"{{{WSA}}}Address") or element.text or ""
    return found


def test_a_binding_using_addressing_sends_each_header_once(load: Load) -> None:
    pkg = load("wsdl_policy")
    wire = Wire((200, LEDGER_ANSWER))
    client = pkg.Client(http=wire.http(), soap_version="1.2")
    assert client.post(amount=1) == "e-1"
    sent = addressing(wire)
    assert sent.keys() == {"Action", "MessageID", "ReplyTo", "To"}
    # its own action, not the SOAPAction
    assert sent["Action"] == "http://ledger.example.com/ILedger/PostEntry"
    assert sent["To"] == "https://ledger.example.com/secure"
    assert sent["ReplyTo"] == f"{WSA}/anonymous"
    assert sent["MessageID"].startswith("urn:uuid:")
    content_type = wire.sent[-1].headers["content-type"]
    assert 'action="http://ledger.example.com/ILedger/Post"' in content_type
    client.audit()
    assert addressing(wire)["Action"] == "http://ledger.example.com/ILedger/Audit"  # the default
    assert addressing(wire)["MessageID"] != sent["MessageID"]


def test_an_addressing_hook_of_ones_own_replaces_the_default(load: Load) -> None:
    pkg = load("wsdl_policy")
    wire = Wire((200, LEDGER_ANSWER))
    to = etree.Element(f"{{{WSA}}}To")
    to.text = "urn:ledger:logical"
    own = pkg.Addressing(message_id=lambda: "urn:uuid:fixed")
    client = pkg.Client(http=wire.http(), soap_version="1.2", hooks=[own], headers=[to])
    client.post(amount=1)
    sent = addressing(wire)  # asserts each is there once: the given To is kept, not doubled
    assert (sent["To"], sent["MessageID"]) == ("urn:ledger:logical", "urn:uuid:fixed")
    assert client.hooks == [own]


def test_a_service_without_addressing_sends_none(load: Load) -> None:
    pkg = load("asmx_two_pages")
    wire = Wire((200, ANSWER))
    pkg.Client(http=wire.http()).get_order(number=1)
    assert header_children(wire) == []
    pkg.Client(http=wire.http(), hooks=[pkg.Addressing(to="urn:x")]).get_order(number=1)
    assert addressing(wire)["To"] == "urn:x"
    assert addressing(wire)["Action"] == "http://shop.example.com/GetOrder"


AVAILABILITY = (
    f'<s:Envelope xmlns:s="{S11}"><s:Body><AvailabilityResponse xmlns="http://bridge.example.com'
    '/2011A"><Accepted>true</Accepted></AvailabilityResponse></s:Body></s:Envelope>'
).encode()


def test_a_page_of_the_2004_member_submission_gets_its_addressing(load: Load) -> None:
    pkg = load("asmx_addressing")
    wire = Wire((200, AVAILABILITY))
    wsa = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
    pkg.Client(http=wire.http()).availability(hotel_code="H", rooms=2)
    found = {etree.QName(e).localname: e for e in header_children(wire)}
    assert set(found) == {"Action", "MessageID", "ReplyTo", "To"}
    assert {etree.QName(e).namespace for e in found.values()} == {wsa}
    assert found["ReplyTo"].findtext(f"{{{wsa}}}Address") == f"{wsa}/role/anonymous"
    assert found["Action"].text == "http://bridge.example.com/2011A/ARIService/Availability"


def test_a_page_showing_addressing_gets_the_hook_and_no_token_parameter(load: Load) -> None:
    pkg = load("asmx_addressing")
    wire = Wire((200, AVAILABILITY))
    client = pkg.Client(http=wire.http(), hooks=[pkg.UsernameToken("u", "p")])
    assert isinstance(client.hooks[0], pkg.Addressing)
    client.availability(hotel_code="H", rooms=2, trace="t")
    tags = [etree.QName(e).localname for e in header_children(wire)]
    assert tags == ["Trace", "Action", "MessageID", "ReplyTo", "To", "Security"]
