"""`soapsmith diff` end to end: folders, files and git revisions, the three formats, --fail-on,
and a WSDL whose prefixes and declaration order change but nothing on the wire."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import GOLDEN

from generator.cli import main

ORDERS = GOLDEN / "wsdl_doclit" / "spec"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    return result.exit_code, result.output


def reprefixed(text: str) -> str:
    """The same WSDL with other prefixes and its two first schema elements swapped."""
    text = text.replace("xmlns:tns=", "xmlns:orders=").replace('"tns:', '"orders:')
    text = text.replace("<s:", "<xsd:").replace("</s:", "</xsd:").replace("xmlns:s=", "xmlns:xsd=")
    text = re.sub(r'type="s:', 'type="xsd:', text)
    text = re.sub(r'base="s:', 'base="xsd:', text)
    first = text.index('      <xsd:element name="GetOrder">')
    second = text.index('      <xsd:element name="GetOrderResponse">')
    third = text.index('      <xsd:complexType name="Order">')
    return text[:first] + text[second:third] + text[first:second] + text[third:]


def test_prefixes_and_order_mean_nothing(project: Path) -> None:
    old, new = project / "specs" / "old", project / "specs" / "new"
    shutil.copytree(ORDERS, old)
    shutil.copytree(ORDERS, new)
    wsdl = new / "Orders.wsdl"
    changed = reprefixed(wsdl.read_text(encoding="utf-8"))
    assert changed != wsdl.read_text(encoding="utf-8")
    wsdl.write_text(changed, encoding="utf-8")
    assert run("old", "new", "--fail-on", "maybe") == (0, "no changes on the wire\n")


def test_a_required_field_fails_the_build_and_prints_each_format(project: Path) -> None:
    old, new = project / "specs" / "old", project / "specs" / "new"
    shutil.copytree(ORDERS, old)
    shutil.copytree(ORDERS, new)
    wsdl = new / "Orders.wsdl"
    text = wsdl.read_text(encoding="utf-8")
    wsdl.write_text(
        text.replace(
            '<s:element name="class" type="s:string" minOccurs="0"/>',
            '<s:element name="class" type="s:string" minOccurs="0"/>'
            '<s:element name="channel" type="s:string"/>',
        ),
        encoding="utf-8",
    )
    code, out = run("old", "new", "--format", "json", "--fail-on", "breaking")
    assert code == 1
    (found,) = json.loads(out)
    assert found == {
        "operation": "GetOrder",
        "side": "request",
        "path": "GetOrder/channel",
        "kind": "required-field-added",
        "old": "",
        "new": "xs:string",
        "old_client_new_server": "breaking",
        "new_client_old_server": "maybe",
        "message": "old clients do not send it; old servers may refuse what they lack",
        "also_in": [],
    }
    code, out = run("old", "new", "--format", "markdown")
    assert code == 0 and "| GetOrder | request | `GetOrder/channel` |" in out
    code, out = run("old", "new")
    assert code == 0 and "BREAKING  request GetOrder/channel: required-field-added" in out


def test_a_folder_at_a_git_revision(project: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    spec = project / "specs" / "orders"
    shutil.copytree(ORDERS, spec)

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=project,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "v1")
    wsdl = spec / "Orders.wsdl"
    wsdl.write_text(
        wsdl.read_text(encoding="utf-8").replace('<s:enumeration value="shipped"/>', ""),
        encoding="utf-8",
    )
    code, out = run("specs/orders@HEAD", "orders", "--format", "json")
    assert code == 0, out
    kinds = {(c["kind"], c["old"]) for c in json.loads(out)}
    assert kinds == {("enumeration-value-removed", "shipped")}
    assert run("orders@HEAD", "orders", "--format", "json")[1] == out  # a name under specs/
    code, out = run("specs/orders@no-such-revision", "orders")
    assert code == 2 and "git archive" in out


def test_an_unknown_side_is_an_error(project: Path) -> None:
    code, out = run("nothing-here", "either")
    assert code == 2 and "not a spec folder, a file, or FOLDER@REVISION" in out
