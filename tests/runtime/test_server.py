"""The generated server: the generated client against it over real HTTP on 127.0.0.1, typed
faults, bad requests answered with SOAP Faults (and the server keeps serving), zeep as an
independent client, and the `sample` / `serve` commands."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from lxml import etree
from repo import GOLDEN, ROOT, SEEDS, imported, load_package
from served import Served

from generator.cli import main
from generator.config import ProjectSettings
from generator.pipeline import generate

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"


@pytest.fixture
def serve() -> Iterator[Any]:
    running: list[Served] = []

    def start(app: Any) -> Served:
        running.append(Served(app))
        return running[-1]

    yield start
    for served in running:
        served.close()


def _post(url: str, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(
        url, content=body, headers=headers or {"Content-Type": "text/xml"}, timeout=10
    )


def _fault(response: httpx.Response) -> tuple[str, str]:
    root = etree.fromstring(response.content)
    ns = etree.QName(root).namespace
    fault = root.find(f"{{{ns}}}Body/{{{ns}}}Fault")
    assert fault is not None, response.text
    if ns == S12:
        return (
            fault.findtext(f"{{{S12}}}Code/{{{S12}}}Value") or "",
            fault.findtext(f"{{{S12}}}Reason/{{{S12}}}Text") or "",
        )
    return fault.findtext("faultcode") or "", fault.findtext("faultstring") or ""


# -- the seeds: client against server over HTTP, every operation, every SOAP version --------


@pytest.mark.parametrize("name", SEEDS)
def test_generated_client_round_trips_every_operation_through_the_mock(
    name: str, serve: Any
) -> None:
    package = load_package(name)
    server = importlib.import_module(f"{name}.server")
    mock = server.MockHandler()
    served = serve(server.make_wsgi_app(mock))
    calls = 0
    for version in package.Client.SOAP_VERSIONS:
        with package.Client(served.url, soap_version=version) as client:
            for method, kwargs in server.MockHandler.sample_requests().items():
                got = getattr(client, method)(**kwargs)
                assert got == getattr(mock, method)(**kwargs), (method, version)
                calls += 1
    assert calls >= 1


def test_handler_values_and_arguments_cross_the_wire_typed(serve: Any) -> None:
    name = "superoffice_erpsync"
    package = load_package(name)
    server = importlib.import_module(f"{name}.server")
    seen: dict[str, Any] = {}
    base = server.MockHandler

    class Recording(base):  # type: ignore[misc, valid-type]
        pass

    methods = list(base.sample_requests())
    for method in methods:

        def answer(self: Any, _m: str = method, **kwargs: Any) -> Any:
            seen[_m] = kwargs
            return getattr(base, _m)(self, **kwargs)

        setattr(Recording, method, answer)
    served = serve(server.make_wsgi_app(Recording()))
    with package.Client(served.url) as client:
        for method, kwargs in base.sample_requests().items():
            getattr(client, method)(**kwargs)
            for key, value in kwargs.items():
                assert seen[method][key] == value, (method, key)


# -- a WSDL with a declared fault and a header ------------------------------------------------


@pytest.fixture(scope="module")
def orders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("orders")
    shutil.copytree(GOLDEN / "wsdl_doclit" / "spec", root / "specs" / "wsdl_doclit")
    project = ProjectSettings(root=root, specs=root / "specs", output=root / "generated")
    generate(None, project, project.output)
    sys.path.insert(0, str(project.output / "wsdl_doclit"))
    try:
        yield importlib.import_module("wsdl_doclit")
    finally:
        sys.path.remove(str(project.output / "wsdl_doclit"))
        for loaded in [m for m in sys.modules if m.split(".")[0] == "wsdl_doclit"]:
            del sys.modules[loaded]


def _orders_handler(orders: ModuleType) -> Any:
    server = importlib.import_module("wsdl_doclit.server")
    m = orders.models

    class Orders(server.Handler):  # type: ignore[misc, name-defined]
        def get_order(self, *, id: int, class_: str | None = None, auth: Any = None) -> Any:
            if id == 404:
                raise m.OrderFaultError.of(m.OrderFault(code=404), reason="no such order")
            if id == 500:
                raise RuntimeError("a bug in the handler")
            if id == 501:  # text XML cannot carry: the fault is sent all the same
                raise m.OrderFaultError.of(m.OrderFault(code=1), reason="no\x00 <order> & \ud800")
            if id == 502:  # a value XML cannot carry in the answer: the handler's bug
                return m.Order(key="\x01", placed=datetime(2024, 1, 2), state=m.State.SHIPPED)
            return m.Order(
                key=f"{id}/{class_}/{auth.token if auth else '-'}",
                placed=datetime(2024, 1, 2, 3, 4, 5),
                total=m.Money(value=Decimal("12.50"), currency="EUR"),
                state=m.State.SHIPPED,
            )

    return server.make_wsgi_app(Orders())


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_declared_fault_raised_by_the_handler_is_caught_as_its_class(
    orders: ModuleType, serve: Any, version: str
) -> None:
    served = serve(_orders_handler(orders))
    m = orders.models
    with orders.Client(served.url, soap_version=version) as client:
        order = client.get_order(id=7, class_="c", auth=m.Auth(token="t"))
        assert order.key == "7/c/t" and order.total.value == Decimal("12.50")
        with pytest.raises(m.OrderFaultError) as caught:
            client.get_order(id=404)
        assert caught.value.reason == "no such order"
        assert caught.value.value == m.OrderFault(code=404)
        with pytest.raises(orders.SoapFault) as bug:
            client.get_order(id=500)
        assert bug.value.reason == "internal server error"
        assert "RuntimeError" not in str(bug.value)
        with pytest.raises(m.OrderFaultError) as unprintable:
            client.get_order(id=501)
        assert unprintable.value.reason == "no\ufffd <order> & \ufffd"
        with pytest.raises(orders.SoapFault) as bad_value:
            client.get_order(id=502)
        assert bad_value.value.reason == "internal server error"
        assert client.get_order(id=8).key == "8/None/-"  # still serving


# -- faults whose detail is of a simple type ------------------------------------------------


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_simple_typed_fault_details_cross_the_wire_typed(
    tmp_path: Path, serve: Any, version: str
) -> None:
    shutil.copytree(GOLDEN / "wsdl_simple_fault" / "spec", tmp_path / "specs" / "stock")
    project = ProjectSettings(root=tmp_path, specs=tmp_path / "specs", output=tmp_path / "out")
    generate(None, project, project.output)
    with imported(project.output / "stock", "stock") as stock:
        _simple_faults(stock, importlib.import_module("stock.server"), serve, version)


def _simple_faults(stock: ModuleType, server: Any, serve: Any, version: str) -> None:
    m = stock.models
    # every declared fault has a sample, simple details included
    samples = server.MockHandler.sample_faults()["reserve"]
    assert [type(f) for f in samples] == [m.UnknownSku, m.Available, m.Blocked, m.BusyError]
    raised = {"sku": m.UnknownSku.of("X-1"), "few": m.Available.of(3, reason="only 3")}
    raised |= {
        "recalled": m.Blocked.of(m.Reason.AUDIT),
        "busy": m.BusyError.of(m.Busy(retry_after=5)),
    }
    raised["huge"] = m.Available.of(2**40)  # out of xs:int: the handler's bug, not a detail

    class Stock(server.Handler):  # type: ignore[misc, name-defined]
        def reserve(self, *, sku: str, quantity: int) -> str:
            if sku in raised:
                raise raised[sku]
            return f"{sku}:{quantity}"

    served = serve(server.make_wsgi_app(Stock()))
    with stock.Client(served.url, soap_version=version) as client:
        assert client.reserve(sku="ok", quantity=1) == "ok:1"
        for sku, cls, value in [
            ("sku", m.UnknownSku, "X-1"),
            ("few", m.Available, 3),
            ("recalled", m.Blocked, m.Reason.AUDIT),
            ("busy", m.BusyError, m.Busy(retry_after=5)),
        ]:
            with pytest.raises(cls) as caught:
                client.reserve(sku=sku, quantity=1)
            assert type(caught.value) is cls and caught.value.value == value
        assert caught.value.reason == "Busy"
        with pytest.raises(stock.SoapFault) as bug:
            client.reserve(sku="huge", quantity=1)
        assert type(bug.value) is stock.SoapFault
        assert bug.value.reason == "internal server error"
    # what a client that is not ours reads in the detail: the element with its text
    answer = _post(
        served.url,
        (
            f'<s:Envelope xmlns:s="{S11}"><s:Body><t:Reserve xmlns:t="urn:example:stock">'
            "<t:sku>few</t:sku><t:quantity>1</t:quantity></t:Reserve></s:Body></s:Envelope>"
        ).encode(),
    )
    detail = etree.fromstring(answer.content).find(".//detail/{urn:example:stock}Available")
    assert detail is not None and detail.text == "3"


def test_wsdl_is_served_on_get(orders: ModuleType, serve: Any) -> None:
    served = serve(_orders_handler(orders))
    answer = httpx.get(served.url + "?wsdl", timeout=10)
    assert answer.status_code == 200
    root = etree.fromstring(answer.content)
    assert root.tag == "{http://schemas.xmlsoap.org/wsdl/}definitions"
    assert httpx.get(served.url, timeout=10).status_code == 404
    assert httpx.put(served.url, content=b"x", timeout=10).status_code == 405


GOOD = (
    f'<soap:Envelope xmlns:soap="{S11}"><soap:Body>'
    '<GetOrder xmlns="urn:example:orders"><id>ID</id></GetOrder></soap:Body></soap:Envelope>'
)
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    f'<soap:Envelope xmlns:soap="{S11}"><soap:Body>&lol2;</soap:Body></soap:Envelope>'
)


@pytest.mark.parametrize(
    "body, headers, code, reason",
    [
        (b"not xml at all", None, "soap:Client", "not well-formed"),
        (BOMB.encode(), None, "soap:Client", "DTD"),
        (b"<a>plain</a>", None, "soap:Client", "not a SOAP envelope"),
        (
            f'<e:Envelope xmlns:e="{S12}"><e:Body/></e:Envelope>'.encode(),
            None,
            "soap:VersionMismatch",
            "SOAP 1.1",
        ),
        (
            GOOD.replace("GetOrder", "Unknown").replace("ID", "1").encode(),
            None,
            "soap:Client",
            "no operation takes",
        ),
        (GOOD.replace("ID", "abc").encode(), None, "soap:Client", "GetOrder/id"),
        (GOOD.replace("<id>ID</id>", "").encode(), None, "soap:Client", "id"),
        (f'<soap:Envelope xmlns:soap="{S11}"/>'.encode(), None, "soap:Client", "no Body"),
        (b"", None, "soap:Client", "no body"),
    ],
    ids=[
        "not-xml", "entity-bomb", "not-envelope", "wrong-version", "unknown-operation",
        "bad-value", "missing-value", "no-body", "empty",
    ],  # fmt: skip
)
def test_bad_requests_get_a_client_fault_and_the_server_keeps_serving(
    orders: ModuleType,
    serve: Any,
    body: bytes,
    headers: dict[str, str] | None,
    code: str,
    reason: str,
) -> None:
    server = importlib.import_module("wsdl_doclit.server")
    app = server.make_wsgi_app(server.MockHandler())
    app.versions = ("1.1",)  # a SOAP 1.1-only service for the version check
    served = serve(app)
    answer = _post(served.url, body, headers)
    assert answer.status_code == 500
    got_code, got_reason = _fault(answer)
    assert got_code == code
    assert reason in got_reason
    assert "Traceback" not in answer.text
    ok = _post(served.url, GOOD.replace("ID", "1").encode())
    assert ok.status_code == 200, ok.text


def test_a_body_over_the_limit_is_refused(orders: ModuleType, serve: Any) -> None:
    server = importlib.import_module("wsdl_doclit.server")
    served = serve(server.make_wsgi_app(server.MockHandler(), max_bytes=1000))
    padded = GOOD.replace("ID", "1").replace("<soap:Body>", "<soap:Body>" + " " * 2000)
    answer = _post(served.url, padded.encode())
    size = len(padded.encode())
    assert _fault(answer) == ("soap:Client", f"request of {size} bytes is over the 1000-byte limit")


def test_soap12_sender_faults_are_400(orders: ModuleType, serve: Any) -> None:
    server = importlib.import_module("wsdl_doclit.server")
    served = serve(server.make_wsgi_app(server.MockHandler()))
    answer = _post(
        served.url,
        f'<e:Envelope xmlns:e="{S12}"><e:Body><x/></e:Body></e:Envelope>'.encode(),
        {"Content-Type": "application/soap+xml; charset=utf-8"},
    )
    assert answer.status_code == 400
    assert _fault(answer)[0] == "soap:Sender"


# -- zeep, an independent client, against the served mock -------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_zeep_calls_the_served_mock_and_gets_typed_results(name: str, serve: Any) -> None:
    import zeep

    server = importlib.import_module(f"{load_package(name).__name__}.server")
    served = serve(server.make_wsgi_app(server.MockHandler()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = zeep.Client(served.url + "?wsdl")
        service = next(iter(client.wsdl.services.values()))
        port = next(iter(service.ports.values()))
        proxy = client.create_service(port.binding.name, served.url)
        operations = sorted(port.binding._operations)[:3]
        assert operations
        for operation in operations:
            bound = port.binding._operations[operation]
            arguments = _zeep_value(bound.input.body.type)
            answer = getattr(proxy, operation)(**arguments)
            if bound.output is not None and bound.output.body is not None:
                assert answer is not None or not bound.output.body.type.elements, operation


def _zeep_value(xsd_type: Any) -> Any:
    """A value zeep accepts for a type: its required elements and attributes, filled."""
    from zeep.xsd import ComplexType

    if isinstance(xsd_type, ComplexType):
        found = {}
        for name, element in xsd_type.elements:
            if not element.is_optional and getattr(element, "type", None) is not None:
                found[name] = _zeep_value(element.type)
        for name, attribute in xsd_type.attributes:
            if getattr(attribute, "required", False):
                found[name] = _zeep_value(attribute.type)
        return found
    accepted = getattr(xsd_type, "accepted_types", None) or [str]
    samples = {
        bool: False,
        int: 0,
        float: 0.0,
        Decimal: Decimal("0"),
        datetime: datetime(2001, 1, 1),
    }
    for kind in accepted:
        if kind in samples:
            return samples[kind]
    return "sample"


# -- the commands -------------------------------------------------------------------------------


def test_sample_prints_the_request_and_the_response(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    request = runner.invoke(main, ["sample", "convio_sync", "--soap", "1.1"])
    assert request.exit_code == 0, request.output
    root = etree.fromstring(request.stdout.encode())
    assert root.tag == f"{{{S11}}}Envelope"
    response = runner.invoke(main, ["sample", "superoffice_erpsync", "--response"])
    assert response.exit_code == 0, response.output
    assert etree.fromstring(response.stdout.encode()).find(f"{{{S12}}}Body") is not None
    unknown = runner.invoke(main, ["sample", "superoffice_erpsync", "NoSuchOperation"])
    assert unknown.exit_code == 2
    assert "no operation 'NoSuchOperation'" in unknown.stderr
    assert "Traceback" not in unknown.output
    version = runner.invoke(main, ["sample", "superoffice_erpsync", "--soap", "1.1"])
    assert version.exit_code == 2
    assert "speaks SOAP 1.2, not 1.1" in version.stderr


def test_serve_runs_the_mock_until_stopped(tmp_path: Path) -> None:
    executable = shutil.which("soapsmith")
    if executable is None:
        pytest.skip("the soapsmith console script is not installed")
    process = subprocess.Popen(
        [executable, "serve", str(ROOT / "generated" / "convio_sync"), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith("serving ConvioSync (mock) on http://127.0.0.1:"), line
        url = line.split(" on ", 1)[1].split(" ", 1)[0]
        assert httpx.get(url + "?wsdl", timeout=10).status_code == 200
        logged = process.stderr.readline()
        assert "GET /?wsdl" in logged, logged
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()
