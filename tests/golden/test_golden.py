"""Golden cases: each folder of tests/golden/ holds `spec/` (pages and an optional spec.toml) and
either `expected/` (the model as JSON and the rendered package) or `expected_error.txt`.

A failure prints a unified diff.  To accept new output after a deliberate change:

    SOAPSMITH_UPDATE_GOLDEN=1 python -m pytest tests/golden/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from repo import GOLDEN
from values import written

from generator.config import ProjectSettings
from generator.errors import SoapsmithError
from generator.inspect_model import model_data
from generator.pipeline import build

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "spec").is_dir())
UPDATE = os.environ.get("SOAPSMITH_UPDATE_GOLDEN") == "1"
RUNTIME = (
    "_soap.py",
    "_server.py",
    "_hooks.py",
    "_wsse.py",
    "_verify.py",
    "_mime.py",
)  # copied verbatim


def _render(case: Path, tmp_path: Path) -> dict[str, bytes] | str:
    specs = tmp_path / "specs"
    shutil.copytree(case / "spec", specs / case.name)
    project = ProjectSettings(root=tmp_path, specs=specs, output=tmp_path / "generated")
    try:
        built = build(specs / case.name, project)
    except SoapsmithError as exc:
        return str(exc) + "\n"
    files = {k: v for k, v in built.files.items() if not k.endswith(RUNTIME)}
    model = json.dumps(model_data(built.model), indent=2, ensure_ascii=False) + "\n"
    files["model.json"] = model.encode("utf-8")
    return files


def _expected(case: Path) -> dict[str, bytes] | str | None:
    error = case / "expected_error.txt"
    if error.is_file():
        return error.read_text(encoding="utf-8")
    folder = case / "expected"
    if not folder.is_dir():
        return None
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _store(case: Path, got: dict[str, bytes] | str) -> None:
    shutil.rmtree(case / "expected", ignore_errors=True)
    (case / "expected_error.txt").unlink(missing_ok=True)
    if isinstance(got, str):
        (case / "expected_error.txt").write_text(got, encoding="utf-8")
        return
    for rel, content in got.items():
        path = case / "expected" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _diff(want: dict[str, bytes] | str, got: dict[str, bytes] | str) -> str:
    def as_files(value: dict[str, bytes] | str) -> dict[str, str]:
        if isinstance(value, str):
            return {"expected_error.txt": value}
        return {k: v.decode("utf-8") for k, v in value.items()}

    a, b = as_files(want), as_files(got)
    out: list[str] = []
    for name in sorted(set(a) | set(b)):
        out.extend(
            difflib.unified_diff(
                a.get(name, "").splitlines(keepends=True),
                b.get(name, "").splitlines(keepends=True),
                fromfile=f"expected/{name}",
                tofile=f"actual/{name}",
            )
        )
    return "".join(out)


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, tmp_path: Path) -> None:
    case = GOLDEN / name
    got = _render(case, tmp_path)
    want = _expected(case)
    if UPDATE or want is None:
        _store(case, got)
        if want is None:
            pytest.fail(f"{name}: no expected output yet; stored it, review and commit it")
        return
    if want != got:
        pytest.fail(
            f"{name} differs from its golden output:\n{_diff(want, got)}\n"
            "accept with: SOAPSMITH_UPDATE_GOLDEN=1 python -m pytest tests/golden/test_golden.py"
        )


def _generate_all(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    for name in CASES:
        if (GOLDEN / name / "expected").is_dir():
            shutil.copytree(GOLDEN / name / "spec", specs / name)
    from generator.pipeline import generate

    project = ProjectSettings(root=tmp_path, specs=specs, output=tmp_path / "generated")
    generate(None, project, project.output)
    return project.output


def test_golden_packages_pass_mypy_strict(tmp_path: Path) -> None:
    from mypy import api

    output = _generate_all(tmp_path)
    targets = [str(p / p.name) for p in sorted(output.iterdir()) if p.is_dir()]
    assert targets
    stdout, stderr, status = api.run(["--strict", "--no-incremental", *targets])
    assert status == 0, stdout + stderr


def test_hostile_names_stay_exact_on_the_wire(tmp_path: Path) -> None:
    import importlib
    import sys

    import httpx
    from lxml import etree

    output = _generate_all(tmp_path)
    sys.path.insert(0, str(output / "hostile_names"))
    try:
        package = importlib.import_module("hostile_names")
        sent: list[bytes] = []

        def handler(request: httpx.Request) -> httpx.Response:
            sent.append(request.content)
            body = (
                b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
                b'<returnResponse xmlns="urn:x:y"><yield>import</yield></returnResponse>'
                b"</soap:Body></soap:Envelope>"
            )
            return httpx.Response(200, content=body)

        http = httpx.Client(transport=httpx.MockTransport(handler))
        client = package.Client("http://x.test/", http=http)
        result = client.return_(
            class_="c", from_=1, item_id="i", name="N", name_2="n", имя="и", init=True,
            self_="s", list_="l", soap="_",
        )  # fmt: skip
        assert result is package.models.Yield_.IMPORT_
        body = etree.fromstring(sent[0])[0][0]
        assert body.tag == "{urn:x:y}return"
        names = [etree.QName(c).localname for c in body]
        assert names == [
            "class", "from", "item-id", "Name", "name", "Имя", "__init__", "self", "list", "_soap",
        ]  # fmt: skip
        assert [c.text for c in body] == ["c", "1", "i", "N", "n", "и", "true", "s", "l", "_"]
    finally:
        sys.path.remove(str(output / "hostile_names"))
        for name in [m for m in sys.modules if m.split(".")[0] == "hostile_names"]:
            del sys.modules[name]


def _import_golden(output: Path, name: str) -> object:
    import importlib
    import sys

    sys.path.insert(0, str(output / name))
    return importlib.import_module(name)


def test_wsdl_client_round_trips_inheritance_choice_any_header_and_fault(tmp_path: Path) -> None:
    import sys
    from datetime import datetime, timezone
    from decimal import Decimal

    import httpx
    from lxml import etree

    output = _generate_all(tmp_path)
    try:
        pkg: Any = _import_golden(output, "wsdl_doclit")
        m = pkg.models
        sent: list[httpx.Request] = []
        answer = (
            b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
            b'<GetOrderResponse xmlns="urn:example:orders" xmlns:c="urn:example:common">'
            b"<GetOrderResult><c:key>k1</c:key><placed>2024-01-02T03:04:05Z</placed>"
            b'<total currency="EUR">12.50</total><state>None</state>'
            b'<line item-id="a"><sku>S</sku><qty>2</qty></line>'
            b'<line item-id="b"><sku>T</sku><qty>3</qty></line><card>visa</card>'
            b'<extra xmlns="urn:other">kept</extra></GetOrderResult>'
            b"</GetOrderResponse></soap:Body></soap:Envelope>"
        )

        def handler(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            return httpx.Response(200, content=answer)

        client = pkg.Client(http=httpx.Client(transport=httpx.MockTransport(handler)))
        order = client.get_order(id=7, class_="x", auth=m.Auth(token="t"))
        assert client.address == "https://orders.example.com/Orders.asmx"
        assert sent[0].headers["SOAPAction"] == '"urn:example:orders/GetOrder"'
        request = etree.fromstring(sent[0].content)
        assert request.find(".//{urn:example:orders}Auth/{urn:example:orders}token").text == "t"
        assert [c.tag for c in request.find(".//{urn:example:orders}GetOrder")] == [
            "{urn:example:orders}id",
            "{urn:example:orders}class",
        ]
        assert order.key == "k1"
        assert order.placed == datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
        assert order.total.value == Decimal("12.50") and order.total.currency == "EUR"
        assert order.state is m.State.NONE
        assert [(x.item_id, x.qty) for x in order.line] == [("a", 2), ("b", 3)]
        assert order.card == "visa" and order.voucher is None
        assert [etree.QName(x).localname for x in order.any] == ["extra"]
        again = written(order, "{urn:example:orders}GetOrderResult", m)
        assert again.find("{urn:other}extra").text == "kept"
        assert again.find("{urn:example:orders}total").get("currency") == "EUR"

        fault = (
            b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
            b"<soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring><detail>"
            b'<OrderFault xmlns="urn:example:orders"><code>4</code></OrderFault>'
            b"</detail></soap:Fault></soap:Body></soap:Envelope>"
        )
        failing = pkg.Client(
            http=httpx.Client(
                transport=httpx.MockTransport(lambda r: httpx.Response(500, content=fault))
            )
        )
        with pytest.raises(m.OrderFaultError):
            failing.get_order(id=1)
    finally:
        for name in [k for k in sys.modules if k.split(".")[0] == "wsdl_doclit"]:
            del sys.modules[name]


@pytest.mark.parametrize(
    "name", [c for c in CASES if (GOLDEN / c / "expected" / c / "service.wsdl").is_file()]
)
def test_golden_emitted_wsdl_schemas_are_valid_xsd(name: str) -> None:
    import xmlschema
    from lxml import etree

    root = etree.parse(str(GOLDEN / name / "expected" / name / "service.wsdl")).getroot()
    sources = [
        etree.tostring(s).decode()
        for s in root.iterfind(".//{http://www.w3.org/2001/XMLSchema}schema")
    ]
    assert sources
    xmlschema.XMLSchema(sources, allow="none", defuse="always")
