"""`soapsmith diff --api`: the generated methods, dataclasses and enums whose signature changes,
rated for code written against the old package (issue 19, item 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from repo import GOLDEN

from generator.cli import main

ORDERS = GOLDEN / "wsdl_doclit" / "spec"


def versions(project: Path, *edits: tuple[str, str]) -> None:
    old, new = project / "specs" / "old", project / "specs" / "new"
    shutil.copytree(ORDERS, old)
    shutil.copytree(ORDERS, new)
    wsdl = new / "Orders.wsdl"
    text = wsdl.read_text(encoding="utf-8")
    for before, after in edits:
        assert before in text
        text = text.replace(before, after, 1)
    wsdl.write_text(text, encoding="utf-8")


def api(*args: str) -> tuple[int, list[dict[str, str]]]:
    result = CliRunner().invoke(main, ["diff", "--api", "--format", "json", "old", "new", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def by_name(found: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    return {c["name"]: (c["kind"], c["rating"]) for c in found}


def test_arguments_and_fields(project: Path) -> None:
    versions(
        project,
        (
            '<s:element name="class" type="s:string" minOccurs="0"/>',
            '<s:element name="channel" type="s:string"/><s:element name="note" type="s:string" '
            'minOccurs="0"/>',
        ),
        ('<s:element name="qty" type="s:int"/>', '<s:element name="qty" type="s:decimal"/>'),
    )
    code, found = api("--fail-on", "breaking")
    assert code == 1
    changes = by_name(found)
    assert changes["Client.get_order(channel=)"] == ("argument-added", "breaking")
    assert changes["Client.get_order(note=)"] == ("argument-added", "safe")
    assert changes["Client.get_order(class_=)"] == ("argument-removed", "breaking")
    assert changes["Line(qty=)"] == ("annotation-changed", "maybe")
    qty = next(c for c in found if c["name"] == "Line(qty=)")
    assert (qty["old"], qty["new"]) == ("int", "Decimal")


def test_enumeration_members_and_classes(project: Path) -> None:
    versions(
        project,
        ('<s:enumeration value="shipped"/>', '<s:enumeration value="billed"/>'),
        ('<s:element name="parent" type="tns:Order" minOccurs="0" nillable="true"/>', ""),
    )
    code, found = api("--fail-on", "maybe")
    assert code == 1
    changes = by_name(found)
    assert changes["State.BILLED"] == ("member-added", "safe")
    assert changes["State.SHIPPED"] == ("member-removed", "breaking")
    assert changes["Order(parent=)"] == ("argument-removed", "breaking")


def test_nothing_changed_and_the_text_view(project: Path) -> None:
    versions(project)
    assert api("--fail-on", "maybe") == (0, [])
    result = CliRunner().invoke(main, ["diff", "--api", "old", "new"])
    assert result.output == "no changes to the generated Python API\n"


def test_the_wire_view_counts_the_api_changes(project: Path) -> None:
    versions(
        project,
        ('<s:element name="class" type="s:string" minOccurs="0"/>', ""),
    )
    result = CliRunner().invoke(main, ["diff", "old", "new"])
    assert result.exit_code == 0
    assert "optional-field-removed" in result.output
    assert result.output.rstrip().endswith(
        # the method and the request's class each lose `class_`
        "2 Python API change(s): 2 breaking, 0 maybe breaking, 0 safe; `--api` lists them"
    )
