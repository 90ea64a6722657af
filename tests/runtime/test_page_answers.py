"""An operation whose page announces an answer (`HTTP/1.1 200 OK`) but stops before showing it
(tests/golden/asmx_status_only): the answer is unknown, not absent, so the client returns what
the answer holds as XML rather than dropping it; a `202 Accepted` stays one-way."""

from __future__ import annotations

import importlib

import httpx
from wire import Load, Wire

S11 = "http://schemas.xmlsoap.org/soap/envelope/"


def test_an_unknown_answer_is_returned_as_xml(load: Load) -> None:
    pkg = load("asmx_status_only")
    answer = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><GetQuoteResponse xmlns="urn:quotes">'
        "<GetQuoteResult>12.5</GetQuoteResult><Currency>EUR</Currency>"
        "</GetQuoteResponse></s:Body></s:Envelope>"
    ).encode()
    client = pkg.Client(http=Wire((200, answer)).http())
    got = client.get_quote(article_id=7)
    assert [(e.tag, e.text) for e in got] == [
        ("{urn:quotes}GetQuoteResult", "12.5"),
        ("{urn:quotes}Currency", "EUR"),
    ]
    assert client.notify(article_id=7) is None  # announced 202: one-way, as before


def test_the_mock_answers_an_unknown_answer_with_nothing_inside(load: Load) -> None:
    pkg = load("asmx_status_only")
    server = importlib.import_module("asmx_status_only.server")
    transport = httpx.WSGITransport(app=server.make_wsgi_app(server.MockHandler()))
    assert pkg.Client(http=httpx.Client(transport=transport)).get_quote(article_id=1) == []
