"""Apache WSS4J judges the WS-Security header a generated client sends (issue 16): the
UsernameToken hook's PasswordDigest and PasswordText, with and without a Timestamp, over SOAP 1.1
and 1.2, and the refusals a wrong password or an old Created earn."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from wire import Load, Wire, loading

pytestmark = pytest.mark.interop

Verify = Callable[[bytes, str, str], tuple[bool, str]]
USER, PASSWORD = "alice", "correct horse \u00e9"
ANSWER = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
    b'<GetOrderResponse xmlns="http://shop.example.com/"/></s:Body></s:Envelope>'
)


@pytest.fixture
def load(tmp_path: Path) -> Iterator[Load]:
    yield from loading(tmp_path)


def sent(pkg: Any, hooks: list[Any], version: str = "1.1") -> bytes:
    answer = ANSWER
    if version == "1.2":
        answer = answer.replace(
            b"http://schemas.xmlsoap.org/soap/envelope/", b"http://www.w3.org/2003/05/soap-envelope"
        )
    wire = Wire((200, answer))
    pkg.Client(http=wire.http(), soap_version=version, hooks=hooks).get_order(number=7)
    return wire.sent[-1].content


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_password_digest_is_authenticated(load: Load, wss4j_verify: Verify, version: str) -> None:
    pkg = load("asmx_two_pages")
    envelope = sent(pkg, [pkg.UsernameToken(USER, PASSWORD, digest=True)], version)
    ok, message = wss4j_verify(envelope, USER, PASSWORD)
    assert ok, message
    assert "PasswordDigest" in message


def test_password_text_with_a_timestamp_is_authenticated(load: Load, wss4j_verify: Verify) -> None:
    pkg = load("asmx_two_pages")
    envelope = sent(pkg, [pkg.UsernameToken(USER, PASSWORD), pkg.Timestamp(120)])
    ok, message = wss4j_verify(envelope, USER, PASSWORD)
    assert ok, message
    assert "Timestamp" in message


def test_a_wrong_password_is_refused(load: Load, wss4j_verify: Verify) -> None:
    pkg = load("asmx_two_pages")
    envelope = sent(pkg, [pkg.UsernameToken(USER, "wrong", digest=True)])
    ok, message = wss4j_verify(envelope, USER, PASSWORD)
    assert not ok
    assert "could not be authenticated" in message


def test_an_old_token_and_an_expired_timestamp_are_refused(
    load: Load, wss4j_verify: Verify
) -> None:
    pkg = load("asmx_two_pages")
    past = datetime.now(timezone.utc) - timedelta(minutes=20)
    stale = pkg.UsernameToken(USER, PASSWORD, digest=True, clock=lambda: past)
    ok, message = wss4j_verify(sent(pkg, [stale]), USER, PASSWORD)
    assert not ok and "expired" in message
    expired = pkg.Timestamp(60, clock=lambda: past)
    fresh = pkg.UsernameToken(USER, PASSWORD, digest=True)
    ok, message = wss4j_verify(sent(pkg, [fresh, expired]), USER, PASSWORD)
    assert not ok and "expired" in message
