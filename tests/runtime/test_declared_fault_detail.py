"""A declared fault without a typed value (Convio's SynchronizationFault, named by a page's
prose) raised by a handler reaches the client as that fault: the server writes its detail
element, empty, since that element is all that tells the declared faults apart.  Before, the
detail was left out and every client (the generated one, PHP, node-soap, suds) saw a bare
Server fault (found by tests/interop, issue 18)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from lxml import etree
from repo import load_package
from served import Served

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
CONVIO = "urn:soap.convio.com"


@pytest.fixture
def served() -> Iterator[Served]:
    load_package("convio_sync")
    server = importlib.import_module("convio_sync.server")
    models = importlib.import_module("convio_sync.models")

    class Refusing(server.Handler):  # type: ignore[misc, name-defined]
        def end_synchronization(self, **arguments: Any) -> Any:
            raise models.SynchronizationFault("Server", "no session")

    running = Served(server.make_wsgi_app(Refusing()))
    yield running
    running.close()


def test_the_fault_carries_its_detail_element(served: Served) -> None:
    body = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><EndSynchronization xmlns="{CONVIO}">'
        "<PartitionId>1</PartitionId></EndSynchronization></s:Body></s:Envelope>"
    )
    answer = httpx.post(served.url, content=body, headers={"Content-Type": "text/xml"})
    assert answer.status_code == 500
    detail = etree.fromstring(answer.content).find(f"{{{S11}}}Body/{{{S11}}}Fault/detail")
    assert detail is not None
    assert [child.tag for child in detail] == [f"{{{CONVIO}}}SynchronizationFault"]


def test_the_generated_client_raises_the_declared_class(served: Served) -> None:
    package = load_package("convio_sync")
    models = importlib.import_module("convio_sync.models")
    with package.Client(served.url) as client, pytest.raises(models.SynchronizationFault) as raised:
        client.end_synchronization(partition_id=1)
    assert raised.value.reason == "no session"
