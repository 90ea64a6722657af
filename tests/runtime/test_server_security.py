"""The generated server checks a UsernameToken through `verify=` and answers WS-Addressing
requests with RelatesTo and the answer's Action: against the generated client and zeep."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from lxml import etree
from served import Served
from wire import Load

WSA = "http://www.w3.org/2005/08/addressing"
USERS = {"alice": "s3cret"}


@pytest.fixture
def pkg(load: Load) -> Any:
    package = load("wsdl_policy")
    __import__("wsdl_policy.server")
    return package


def ledger(pkg: Any) -> Any:
    class Ledger(pkg.server.Handler):  # type: ignore[misc, name-defined]
        def post(self, *, amount: Any) -> str:
            return f"e-{amount}"

        def audit(self) -> None:
            return None

    return Ledger()


@pytest.fixture
def served(pkg: Any) -> Iterator[Served]:
    app = pkg.server.make_wsgi_app(ledger(pkg), verify=pkg.UsernameTokenVerifier(USERS.get))
    running = Served(app)
    yield running
    running.close()


def client(pkg: Any, url: str, *hooks: Any, version: str = "1.2") -> Any:
    return pkg.Client(url, soap_version=version, hooks=list(hooks))


def test_a_digest_token_is_accepted_and_a_wrong_one_refused(pkg: Any, served: Served) -> None:
    good = pkg.UsernameToken("alice", "s3cret", digest=True)
    assert client(pkg, served.url, good).post(amount=3) == "e-3"
    bad = pkg.UsernameToken("alice", "guess", digest=True)
    with pytest.raises(pkg.SoapFault, match="could not be authenticated") as caught:
        client(pkg, served.url, bad).post(amount=3)
    assert caught.value.code.endswith("Sender")
    with pytest.raises(pkg.SoapFault, match="UsernameToken is required"):
        client(pkg, served.url).post(amount=3)


def test_replayed_nonces_stale_tokens_and_expired_timestamps_are_refused(
    pkg: Any, served: Served
) -> None:
    same = pkg.UsernameToken("alice", "s3cret", digest=True, random=lambda n: b"n" * n)
    with client(pkg, served.url, same) as once:
        assert once.post(amount=1) == "e-1"
        with pytest.raises(pkg.SoapFault, match="nonce was used before"):
            once.post(amount=1)
    past = datetime.now(timezone.utc) - timedelta(minutes=10)
    stale = pkg.UsernameToken("alice", "s3cret", digest=True, clock=lambda: past)
    with pytest.raises(pkg.SoapFault, match="UsernameToken has expired"):
        client(pkg, served.url, stale).post(amount=1)
    expired = pkg.Timestamp(60, clock=lambda: past + timedelta(minutes=8))
    fresh = pkg.UsernameToken("alice", "s3cret")
    with pytest.raises(pkg.SoapFault, match="Timestamp has expired"):
        client(pkg, served.url, fresh, expired).post(amount=1)
    ahead = pkg.UsernameToken("alice", "s3cret", created=True, clock=lambda: past + timedelta(1))
    with pytest.raises(pkg.SoapFault, match="in the future"):
        client(pkg, served.url, ahead).post(amount=1)


def test_digest_only_refuses_a_plain_password(pkg: Any) -> None:
    verify = pkg.UsernameTokenVerifier(USERS.get, digest_only=True)
    app = pkg.server.make_wsgi_app(ledger(pkg), verify=verify)
    http = httpx.Client(transport=httpx.WSGITransport(app=app))
    plain = pkg.Client(http=http, hooks=[pkg.UsernameToken("alice", "s3cret")])
    with pytest.raises(pkg.SoapFault, match="could not be authenticated"):
        plain.post(amount=1)
    digest = pkg.Client(http=http, hooks=[pkg.UsernameToken("alice", "s3cret", digest=True)])
    assert digest.post(amount=1) == "e-1"


def test_zeeps_token_is_checked_the_same_way(pkg: Any, served: Served) -> None:
    zeep = pytest.importorskip("zeep")
    from zeep.wsse.username import UsernameToken

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for user, password, accepted in (("alice", "s3cret", True), ("alice", "no", False)):
            token = UsernameToken(user, password, use_digest=True)
            proxy = zeep.Client(served.url + "?wsdl", wsse=token).create_service(
                "{http://ledger.example.com/}Secure", served.url
            )
            if accepted:
                assert proxy.Post(amount=5) == "e-5"
            else:
                with pytest.raises(zeep.exceptions.Fault, match="could not be authenticated"):
                    proxy.Post(amount=5)


def test_addressing_requests_get_relates_to_and_the_reply_action(pkg: Any) -> None:
    history = pkg.History()
    app = pkg.server.make_wsgi_app(ledger(pkg))
    http = httpx.Client(transport=httpx.WSGITransport(app=app))
    answer = pkg.Client(http=http, soap_version="1.2", hooks=[history]).post(amount=2)
    assert answer == "e-2"
    sent = history.sent[-1].envelope.find(f".//{{{WSA}}}MessageID")
    header = history.received[-1].envelope[0]
    assert header.findtext(f"{{{WSA}}}RelatesTo") == sent.text
    assert header.findtext(f"{{{WSA}}}Action") == "http://ledger.example.com/ILedger/PostResponse"


def test_zeeps_addressing_is_answered_in_kind(pkg: Any, served: Served) -> None:
    zeep = pytest.importorskip("zeep")
    from zeep.plugins import HistoryPlugin
    from zeep.wsa import WsAddressingPlugin

    app = pkg.server.make_wsgi_app(ledger(pkg))
    running = Served(app)
    try:
        history = HistoryPlugin()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            proxy = zeep.Client(
                running.url + "?wsdl", plugins=[WsAddressingPlugin(), history]
            ).create_service("{http://ledger.example.com/}Basic", running.url)
            assert proxy.Post(amount=4) == "e-4"
        request_id = history.last_sent["envelope"].find(f".//{{{WSA}}}MessageID").text
        received = history.last_received["envelope"]
        assert received.findtext(f".//{{{WSA}}}RelatesTo") == request_id
        assert etree.QName(received).localname == "Envelope"
    finally:
        running.close()
