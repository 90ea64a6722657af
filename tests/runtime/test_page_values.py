"""Values a documentation page prints, on the wire: `01 or 02 or 03` is an enumeration of codes
whose leading zeros are part of the value."""

from __future__ import annotations

from pathlib import Path

from repo import imported
from wire import Wire

from generator.config import ProjectSettings
from generator.pipeline import generate

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
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
