"""Values a documentation page prints, on the wire: `01 or 02 or 03` is an enumeration of codes
whose leading zeros are part of the value; an xsi:type that is prose is a placeholder, and the
derived types the page's comments name are subclasses sent with their xsi:type."""

from __future__ import annotations

import importlib
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import zeep
from repo import imported
from wire import Load, Wire
from xmlschema.extras.wsdl import Wsdl11Document

from generator.config import ProjectSettings
from generator.pipeline import generate

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ENVELOPE = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    "<soap:Body>{}</soap:Body></soap:Envelope>"
)
PAGE = (
    'POST /Ship.asmx HTTP/1.1\nHost: ship.example.org\nSOAPAction: "urn:ship/Ship"\n\n'
    + ENVELOPE.format('<Ship xmlns="urn:ship"><ServiceCode>01 or 02 or 10</ServiceCode></Ship>')
    + "\nHTTP/1.1 200 OK\n\n"
    + ENVELOPE.format(
        '<ShipResponse xmlns="urn:ship"><ShipResult>01 or 02 or 10</ShipResult></ShipResponse>'
    )
    + "\n"
)


def test_digit_codes_are_an_enumeration_that_keeps_leading_zeros(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "ship"
    spec.mkdir(parents=True)
    (spec / "Ship.txt").write_text(PAGE, encoding="utf-8")
    project = ProjectSettings(root=tmp_path, specs=tmp_path / "specs", output=tmp_path / "out")
    generate(None, project, project.output)
    with imported(project.output / "ship", "ship") as ship:
        codes = ship.models.ServiceCode
        assert [c.value for c in codes] == ["01", "02", "10"]
        answer = ENVELOPE.format(
            '<ShipResponse xmlns="urn:ship"><ShipResult>02</ShipResult></ShipResponse>'
        )
        wire = Wire((200, answer.encode()))
        got = ship.Client(http=wire.http()).ship(service_code=codes("01"))
        assert wire.body().findtext("{urn:ship}ServiceCode") == "01"
        assert got is codes("02")  # one enumeration: the same values both ways


def test_an_xsi_type_placeholder_names_no_type_and_the_named_derived_types_are_sent(
    load: Load,
) -> None:
    pkg = load("xsi_type_placeholder")
    models = pkg.models
    assert issubclass(models.Book, models.Item) and issubclass(models.Disc, models.Item)
    answer = ENVELOPE.format(
        '<AddItemResponse xmlns="urn:catalog"><AddItemResult>4</AddItemResult></AddItemResponse>'
    )
    wire = Wire((200, answer.encode()))
    client = pkg.Client(http=wire.http())
    assert client.add_item(item=models.Book(title="Dune", price=Decimal("9.5"))) == 4
    item = wire.body().find("{urn:catalog}item")
    assert item is not None
    prefix, _, local = item.get(f"{{{XSI}}}type", "").partition(":")
    assert (item.nsmap[prefix], local) == ("urn:catalog", "Book")
    # what the generated server reads back is the derived class
    server = importlib.import_module("xsi_type_placeholder.server")
    got: list[Any] = []

    class Catalog(server.Handler):  # type: ignore[misc, name-defined]
        def add_item(self, *, item: Any = None) -> int:
            got.append(item)
            return 1

    transport = httpx.WSGITransport(app=server.make_wsgi_app(Catalog()))
    pkg.Client(http=httpx.Client(transport=transport)).add_item(item=models.Disc(title="x"))
    assert got == [models.Disc(title="x")] and type(got[0]) is models.Disc


def test_the_emitted_wsdl_of_an_xsi_type_placeholder_loads_in_zeep_and_xmlschema(
    load: Load,
) -> None:
    pkg = load("xsi_type_placeholder")
    wsdl = Path(pkg.__file__).parent / "service.wsdl"
    Wsdl11Document(str(wsdl))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        client = zeep.Client(str(wsdl))
    assert client.get_type("{urn:catalog}Book").name == "Book"
