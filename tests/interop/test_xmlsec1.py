"""xmlsec1 (the XML Security Library's command) judges X.509 signatures both ways (issue 16): a
request a generated client signs verifies with `xmlsec1 --verify` and a tampered copy does not;
an answer xmlsec1 signs verifies in the client through VerifySignature, and a tampered one, or one
signed with another key, raises SignatureError."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from certificates import Pair, make_pair
from lxml import etree
from wire import Load, Wire, loading

pytestmark = pytest.mark.interop

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
SHOP = "http://shop.example.com/"
ANSWER = (
    f'<s:Envelope xmlns:s="{S11}"><s:Body><GetOrderResponse xmlns="{SHOP}"/></s:Body></s:Envelope>'
).encode()
# An answer for xmlsec1 to sign: the template of a signature over the Body, in wsse:Security,
# with the certificate written into KeyInfo (which VerifySignature must not trust).
TEMPLATE = f"""<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{S11}" xmlns:wsse="{WSSE}" xmlns:wsu="{WSU}"><s:Header><wsse:Security>
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<ds:Reference URI="#body-1"><ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>
</ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>
</ds:Signature></wsse:Security></s:Header><s:Body wsu:Id="body-1"><GetOrderResponse xmlns="{SHOP}">
<GetOrderResult><Number>7</Number></GetOrderResult></GetOrderResponse></s:Body></s:Envelope>
"""


@pytest.fixture(scope="module")
def xmlsec1() -> str:
    found = shutil.which("xmlsec1")
    if found is None:
        pytest.skip("xmlsec1 is not installed (apt-get install xmlsec1)")
    return found


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    loads = loading(tmp_path_factory.mktemp("generated"))
    load: Load = next(loads)
    yield load("asmx_two_pages")
    next(loads, None)


@pytest.fixture(scope="module")
def client_pair(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return make_pair(tmp_path_factory.mktemp("client"), "client")


@pytest.fixture(scope="module")
def server_pair(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return make_pair(tmp_path_factory.mktemp("server"), "server")


def id_attributes(envelope: str) -> list[str]:
    """xmlsec1 knows no wsu:Id: each element type whose Id it should resolve is named."""
    return [
        *("--id-attr:Id", f"{envelope}:Body"),
        *("--id-attr:Id", f"{WSU}:Timestamp"),
        *("--id-attr:Id", f"{WSSE}:BinarySecurityToken"),
    ]


def verify(xmlsec1: str, folder: Path, envelope: bytes, certificate: Path) -> tuple[bool, str]:
    """xmlsec1's verdict on a signed envelope, given the signer's certificate."""
    namespace = etree.QName(etree.fromstring(envelope)).namespace or S11
    message = folder / "signed.xml"
    message.write_bytes(envelope)
    done = subprocess.run(
        [xmlsec1, "--verify", "--pubkey-cert-pem", str(certificate),
         *id_attributes(namespace), str(message)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return done.returncode == 0, done.stdout + done.stderr


def signed_request(pkg: Any, hook: Any, version: str = "1.1") -> bytes:
    answer = ANSWER if version == "1.1" else ANSWER.replace(S11.encode(), S12.encode())
    wire = Wire((200, answer))
    pkg.Client(http=wire.http(), soap_version=version, hooks=[hook]).get_order(number=7)
    return wire.sent[-1].content


@pytest.mark.parametrize(
    ("version", "kind", "method"),
    [("1.1", "rsa", "rsa-sha256"), ("1.2", "rsa", "rsa-sha512"), ("1.1", "ec", "ecdsa-sha256")],
)
def test_a_signed_request_verifies_and_a_tampered_one_does_not(
    xmlsec1: str, pkg: Any, tmp_path: Path, version: str, kind: str, method: str
) -> None:
    pair = make_pair(tmp_path, kind, kind=kind)
    hook = pkg.Signature(pair.key_path, pair.certificate_path, signature_method=method)
    envelope = signed_request(pkg, hook, version)
    ok, output = verify(xmlsec1, tmp_path, envelope, pair.certificate_path)
    assert ok, output
    assert "SignedInfo References (ok/all): 2/2" in output  # the Timestamp and the Body
    tampered = envelope.replace(b">7</", b">8</")
    assert tampered != envelope
    ok, output = verify(xmlsec1, tmp_path, tampered, pair.certificate_path)
    assert not ok, output


def test_a_request_does_not_verify_with_another_certificate(
    xmlsec1: str, pkg: Any, tmp_path: Path, client_pair: Pair, server_pair: Pair
) -> None:
    envelope = signed_request(pkg, pkg.Signature(client_pair.key, client_pair.certificate))
    ok, output = verify(xmlsec1, tmp_path, envelope, server_pair.certificate_path)
    assert not ok, output


def sign(xmlsec1: str, folder: Path, pair: Pair, template: str = TEMPLATE) -> bytes:
    source, signed = folder / "template.xml", folder / "answer.xml"
    source.write_text(template, encoding="utf-8")
    subprocess.run(
        [xmlsec1, "--sign", "--privkey-pem", f"{pair.key_path},{pair.certificate_path}",
         *id_attributes(S11), "--output", str(signed), str(source)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return signed.read_bytes()


def test_an_answer_xmlsec1_signed_verifies_in_the_client(
    xmlsec1: str, pkg: Any, tmp_path: Path, server_pair: Pair, client_pair: Pair
) -> None:
    answer = sign(xmlsec1, tmp_path, server_pair)
    assert b"<ds:X509Certificate>" in answer and b"<ds:SignatureValue/>" not in answer
    hooks = [pkg.VerifySignature(server_pair.certificate_path)]
    result = pkg.Client(http=Wire((200, answer)).http(), hooks=hooks).get_order(number=7)
    assert result is not None and result.number == 7
    refused = {
        "tampered": answer.replace(b"<Number>7<", b"<Number>9<"),
        # a valid signature, with its certificate in KeyInfo, by a key the client does not trust
        "another key": sign(xmlsec1, tmp_path, client_pair),
    }
    for content in refused.values():
        client = pkg.Client(http=Wire((200, content)).http(), hooks=hooks)
        with pytest.raises(pkg.SignatureError, match="does not verify"):
            client.get_order(number=7)


def test_an_answer_signed_over_something_else_than_the_body_is_refused(
    xmlsec1: str, pkg: Any, tmp_path: Path, server_pair: Pair
) -> None:
    # xmlsec1 signs a header element: the signature verifies, but the Body is not covered
    template = TEMPLATE.replace('<s:Body wsu:Id="body-1">', "<s:Body>").replace(
        "<wsse:Security>",
        '<wsse:Security><wsu:Timestamp wsu:Id="body-1"><wsu:Created>2020-01-01T00:00:00Z'
        "</wsu:Created></wsu:Timestamp>",
    )
    answer = sign(xmlsec1, tmp_path, server_pair, template)
    hooks = [pkg.VerifySignature(server_pair.certificate)]
    with pytest.raises(pkg.SignatureError, match="Body is not signed"):
        pkg.Client(http=Wire((200, answer)).http(), hooks=hooks).get_order(number=7)
