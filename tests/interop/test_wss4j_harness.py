"""The WSS4J harness judged on tokens from zeep, an independent client (issue 16).

Before soapsmith's own UsernameToken is checked against WSS4J, these tests prove the judge: what
zeep sends with the right password authenticates, and a wrong password, an unknown user, an
expired wsu:Timestamp or a stale token are refused with WSS4J's own words.  The last tests pin
what WSS4J 1.6 demands of a token's form, which soapsmith's token must meet as well.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree
from wss4j import classpath, find_jar
from zeep import ns
from zeep.wsse import utils
from zeep.wsse.username import UsernameToken

pytestmark = pytest.mark.interop

Verify = Callable[[bytes, str, str], tuple[bool, str]]

USER, PASSWORD = "alice", "correct horse"
NOT_AUTHENTICATED = "The security token could not be authenticated or authorized"
EXPIRED = "The message has expired"
INVALID_TOKEN = "An invalid security token was provided"
ENVELOPE = (
    b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    b'<soap:Body><Ping xmlns="urn:example:ping"/></soap:Body></soap:Envelope>'
)


def secured(token: UsernameToken) -> bytes:
    """An envelope with zeep's wsse:Security header, as zeep's client would send it."""
    envelope = etree.fromstring(ENVELOPE)
    envelope, _ = token.apply(envelope, {})
    return etree.tostring(envelope)


def timestamp(created: datetime, lifetime: timedelta) -> etree._Element:
    return utils.WSU.Timestamp(
        utils.WSU.Created(utils.get_timestamp(created, zulu_timestamp=True)),
        utils.WSU.Expires(utils.get_timestamp(created + lifetime, zulu_timestamp=True)),
    )


def now() -> datetime:
    return datetime.now(timezone.utc)


@pytest.mark.parametrize(
    ("use_digest", "kind"), [(True, "PasswordDigest"), (False, "PasswordText")]
)
def test_the_right_password_authenticates(
    wss4j_verify: Verify, use_digest: bool, kind: str
) -> None:
    token = UsernameToken(USER, PASSWORD, use_digest=use_digest)
    assert wss4j_verify(secured(token), USER, PASSWORD) == (True, f"authenticated {USER} ({kind})")


@pytest.mark.parametrize("use_digest", [True, False], ids=["digest", "text"])
def test_a_wrong_password_is_refused(wss4j_verify: Verify, use_digest: bool) -> None:
    token = UsernameToken(USER, "wrong " + PASSWORD, use_digest=use_digest)
    assert wss4j_verify(secured(token), USER, PASSWORD) == (False, NOT_AUTHENTICATED)


def test_an_unknown_user_is_refused(wss4j_verify: Verify) -> None:
    token = UsernameToken("mallory", PASSWORD, use_digest=True)
    assert wss4j_verify(secured(token), USER, PASSWORD) == (False, NOT_AUTHENTICATED)


def test_a_fresh_timestamp_is_processed(wss4j_verify: Verify) -> None:
    stamp = timestamp(now(), timedelta(minutes=5))
    token = UsernameToken(USER, PASSWORD, use_digest=True, timestamp_token=stamp)
    ok, message = wss4j_verify(secured(token), USER, PASSWORD)
    assert (ok, message) == (True, f"authenticated {USER} (PasswordDigest, Timestamp)")


def test_an_expired_timestamp_is_refused(wss4j_verify: Verify) -> None:
    stamp = timestamp(now() - timedelta(minutes=10), timedelta(minutes=5))
    token = UsernameToken(USER, PASSWORD, use_digest=True, timestamp_token=stamp)
    ok, message = wss4j_verify(secured(token), USER, PASSWORD)
    assert not ok
    assert message.startswith(EXPIRED), message


def test_a_stale_digest_is_refused(wss4j_verify: Verify) -> None:
    """A digest token's own wsu:Created is held to five minutes (WSS4J's default), so a token
    captured and replayed later fails even without a wsu:Timestamp."""
    token = UsernameToken(USER, PASSWORD, use_digest=True, created=now() - timedelta(minutes=10))
    assert wss4j_verify(secured(token), USER, PASSWORD) == (False, EXPIRED)


def test_an_envelope_without_a_security_header_is_refused(wss4j_verify: Verify) -> None:
    ok, message = wss4j_verify(ENVELOPE, USER, PASSWORD)
    assert not ok
    assert "wsse:Security" in message


# What WSS4J 1.6 demands by default (its WS-I Basic Security Profile checks are on), beyond a
# right password: a Password says its Type, a digest's Nonce says it is Base64, and a digest
# comes with both its Nonce and its Created.
@pytest.mark.parametrize(
    ("use_digest", "child", "attribute"),
    [
        (False, f"{{{ns.WSSE}}}Password", "Type"),
        (True, f"{{{ns.WSSE}}}Nonce", "EncodingType"),
        (True, f"{{{ns.WSSE}}}Nonce", None),
        (True, f"{{{ns.WSU}}}Created", None),
    ],
    ids=["password-type", "nonce-encoding-type", "nonce", "created"],
)
def test_wss4j_demands_of_a_token(
    wss4j_verify: Verify, use_digest: bool, child: str, attribute: str | None
) -> None:
    """Each case drops one attribute (or, where None, the whole child) from zeep's token."""
    envelope = etree.fromstring(secured(UsernameToken(USER, PASSWORD, use_digest=use_digest)))
    element = envelope.find(f".//{{{ns.WSSE}}}UsernameToken/{child}")
    assert element is not None
    if attribute is None:
        element.getparent().remove(element)  # type: ignore[union-attr]
    else:
        del element.attrib[attribute]
    ok, message = wss4j_verify(etree.tostring(envelope), USER, PASSWORD)
    assert not ok
    assert message.startswith(INVALID_TOKEN), message


def test_jars_are_found_by_name_whatever_their_version(tmp_path: Path) -> None:
    for name in ("wss4j-1.6.9.jar", "wss4j-1.6.19.jar", "wss4j-extra-2.0.jar", "xmlsec-2.1.7.jar"):
        (tmp_path / name).touch()
    assert find_jar("wss4j", tmp_path) == tmp_path / "wss4j-1.6.19.jar"
    assert find_jar("slf4j-nop", tmp_path) is None
    (tmp_path / "xmlsec.jar").touch()
    assert find_jar("xmlsec", tmp_path) == tmp_path / "xmlsec.jar"


def test_missing_jars_skip_naming_them(tmp_path: Path) -> None:
    (tmp_path / "wss4j-1.6.19.jar").touch()
    with pytest.raises(pytest.skip.Exception, match=r"xmlsec\.jar.*slf4j-nop\.jar.* not in "):
        classpath(tmp_path)
