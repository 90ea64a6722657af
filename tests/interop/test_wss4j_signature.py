"""Apache WSS4J verifies the X.509 signature a generated client sends (issue 16) as a Java
service would: the key from the wsse:BinarySecurityToken the signature's SecurityTokenReference
points at (which xmlsec1, given the key, never looks at), trusted only as the service's one
trusted certificate; the Timestamp checked too.  A tampered body, a certificate the service does
not trust and an expired Timestamp are refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from certificates import Pair, make_pair
from wire import Load, Wire, loading
from wss4j import Wss4jVerifier

pytestmark = pytest.mark.interop

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
ANSWER = (
    f'<s:Envelope xmlns:s="{S11}"><s:Body><GetOrderResponse xmlns="http://shop.example.com/"/>'
    "</s:Body></s:Envelope>"
).encode()


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    loads = loading(tmp_path_factory.mktemp("generated"))
    load: Load = next(loads)
    yield load("asmx_two_pages")
    next(loads, None)


@pytest.fixture(scope="module")
def client_pair(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return make_pair(tmp_path_factory.mktemp("client"), "client")


def signed_request(pkg: Any, hooks: list[Any], version: str = "1.1") -> bytes:
    answer = ANSWER if version == "1.1" else ANSWER.replace(S11.encode(), S12.encode())
    wire = Wire((200, answer))
    pkg.Client(http=wire.http(), soap_version=version, hooks=hooks).get_order(number=7)
    return wire.sent[-1].content


@pytest.mark.parametrize(
    ("version", "method"),
    [("1.1", "rsa-sha256"), ("1.2", "rsa-sha256"), ("1.1", "rsa-sha512")],
)
def test_a_signed_request_is_verified_through_its_token(
    wss4j: Wss4jVerifier, pkg: Any, client_pair: Pair, version: str, method: str
) -> None:
    hook = pkg.Signature(client_pair.key, client_pair.certificate, signature_method=method)
    ok, message = wss4j.verify_signature(
        signed_request(pkg, [hook], version), client_pair.certificate_path
    )
    assert ok, message
    assert message.startswith("verified CN=client over Timestamp, Body (DIRECT_REF, ")
    assert message.endswith(f"#{method})")


def test_the_timestamp_hooks_timestamp_is_the_one_signed(
    wss4j: Wss4jVerifier, pkg: Any, client_pair: Pair
) -> None:
    hooks = [pkg.Timestamp(60), pkg.Signature(client_pair.key, client_pair.certificate)]
    ok, message = wss4j.verify_signature(signed_request(pkg, hooks), client_pair.certificate_path)
    assert ok, message
    assert "over Timestamp, Body" in message


def test_tampered_untrusted_and_expired_requests_are_refused(
    wss4j: Wss4jVerifier, pkg: Any, client_pair: Pair, tmp_path: Path
) -> None:
    envelope = signed_request(pkg, [pkg.Signature(client_pair.key, client_pair.certificate)])
    tampered = envelope.replace(b">7</", b">8</")
    assert tampered != envelope
    ok, message = wss4j.verify_signature(tampered, client_pair.certificate_path)
    assert not ok and "signature or decryption was invalid" in message
    stranger = make_pair(tmp_path, "stranger")
    ok, message = wss4j.verify_signature(envelope, stranger.certificate_path)
    assert not ok, message
    past = datetime.now(timezone.utc) - timedelta(minutes=20)
    old = pkg.Signature(client_pair.key, client_pair.certificate, timestamp=60, clock=lambda: past)
    ok, message = wss4j.verify_signature(signed_request(pkg, [old]), client_pair.certificate_path)
    assert not ok and "expired" in message
