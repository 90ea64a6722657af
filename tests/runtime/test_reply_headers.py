"""Declared response headers come back typed: the generated server writes what a handler sets,
the generated client reads them, and zeep (an independent client) reads the server's too."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from served import Served
from wire import Load, Wire

SESSION = "urn:example:session"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"


@pytest.fixture
def pkg(load: Load) -> Any:
    package = load("wsdl_headers")
    importlib.import_module("wsdl_headers.server")
    return package


@pytest.fixture
def served(pkg: Any) -> Iterator[Served]:
    server, models = pkg.server, pkg.models

    class Bank(server.Handler):  # type: ignore[misc, name-defined]
        def login(self, *, user: str, password: str) -> Any:
            session = models.Session(id=f"s-{user}")
            return models.LoginAnswer(result=password == "pw", session=session, trace="t-1")

        def get_balance(self, *, account: str, session: Any = None) -> Any:
            amount = Decimal("12.50") if session is not None else Decimal("0")
            result = models.GetBalanceResponse(amount=amount, currency=account)
            return models.GetBalanceAnswer(result=result, remaining=41)

        def logout(self, *, session: Any = None) -> Any:
            return models.LogoutAnswer()

    running = Served(server.make_wsgi_app(Bank()))
    yield running
    running.close()


def test_the_client_reads_what_the_server_set(pkg: Any, served: Served) -> None:
    with pkg.Client(served.url) as client:
        login = client.login(user="ann", password="pw")
        assert login.result is True
        assert login.session == pkg.models.Session(id="s-ann")
        assert login.trace == "t-1"
        balance = client.get_balance(account="EUR", session=login.session)
        assert balance.result.amount == Decimal("12.50") and balance.remaining == 41
        assert client.logout(session=login.session) == pkg.models.LogoutAnswer(trace=None)


def test_async_client_reads_them_too(pkg: Any, served: Served) -> None:
    import asyncio

    async def run() -> Any:
        async with pkg.AsyncClient(served.url) as client:
            return await client.login(user="bo", password="no")

    login = asyncio.run(run())
    assert (login.result, login.session.id, login.trace) == (False, "s-bo", "t-1")


def test_headers_are_found_by_name_among_others_and_absent_ones_are_none(pkg: Any) -> None:
    answer = (
        f'<s:Envelope xmlns:s="{S11}" xmlns:x="{SESSION}"><s:Header>'
        '<o:Other xmlns:o="urn:other">ignored</o:Other><x:Trace>t-9</x:Trace>'
        "</s:Header><s:Body><x:LoginResponse><x:ok>true</x:ok></x:LoginResponse></s:Body>"
        "</s:Envelope>"
    ).encode()
    login = pkg.Client(http=Wire((200, answer)).http()).login(user="a", password="b")
    assert (login.result, login.session, login.trace) == (True, None, "t-9")


def test_the_mock_answers_an_answer_class(pkg: Any) -> None:
    mock = pkg.server.MockHandler()
    assert isinstance(mock.login(user="u", password="p"), pkg.models.LoginAnswer)
    transport = httpx.WSGITransport(app=pkg.server.make_wsgi_app(mock))
    client = pkg.Client(http=httpx.Client(transport=transport))
    assert client.get_balance(account="x").result.currency == "sample"


def test_zeep_reads_the_headers_the_server_wrote(served: Served) -> None:
    zeep = pytest.importorskip("zeep")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = zeep.Client(served.url + "?wsdl")
        binding = next(iter(client.wsdl.bindings))
        answer = client.create_service(binding, served.url).Login(user="zed", password="pw")
    assert answer.body.ok is True
    assert answer.header.Session.id == "s-zed"
    assert answer.header.Trace == "t-1"
