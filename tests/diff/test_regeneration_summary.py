"""`generate` and `check` say what a spec change does on the wire (issue 19, item 4): one line of
counts per changed package from `generate` (the changes with -v), the changes beside the file
diff from `check`; nothing where the spec did not change on the wire."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from repo import GOLDEN

from generator.cli import main

ORDERS = GOLDEN / "wsdl_doclit" / "spec"
CLASS_FIELD = '<s:element name="class" type="s:string" minOccurs="0"/>'


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def edit(project: Path, old: str, new: str) -> None:
    wsdl = project / "specs" / "orders" / "Orders.wsdl"
    text = wsdl.read_text(encoding="utf-8")
    assert old in text
    wsdl.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_generate_counts_the_changes_and_lists_them_with_v(project: Path) -> None:
    shutil.copytree(ORDERS, project / "specs" / "orders")
    code, first = run("generate")
    assert code == 0, first
    assert "on the wire" not in first  # nothing was generated before

    edit(project, CLASS_FIELD, CLASS_FIELD + '<s:element name="channel" type="s:string"/>')
    code, out = run("generate")
    assert code == 0, out
    assert "orders: on the wire, 1 change(s): 1 breaking, 0 maybe breaking, 0 safe" in out
    assert "required-field-added" not in out  # the list is for -v

    edit(project, '<s:element name="channel" type="s:string"/>', "")
    code, out = run("generate", "-v")
    assert code == 0, out
    assert "orders: on the wire, 1 change(s)" in out
    assert "required-field-removed" in out and "GetOrder" in out

    code, out = run("generate")  # the same spec again: nothing to say
    assert code == 0 and "on the wire" not in out, out


def test_a_change_off_the_wire_says_so(project: Path) -> None:
    shutil.copytree(ORDERS, project / "specs" / "orders")
    assert run("generate")[0] == 0
    wsdl = project / "specs" / "orders" / "Orders.wsdl"
    text = wsdl.read_text(encoding="utf-8")
    # other prefixes mean the same on the wire; the emitted WSDL may still differ in nothing
    wsdl.write_text(text.replace("xmlns:tns=", "xmlns:t2=").replace('"tns:', '"t2:'), "utf-8")
    code, out = run("generate")
    assert code == 0 and "on the wire, " not in out, out


def test_check_prints_the_changes_next_to_the_file_diff(project: Path) -> None:
    shutil.copytree(ORDERS, project / "specs" / "orders")
    assert run("generate")[0] == 0
    edit(project, CLASS_FIELD, "")
    code, out = run("check")
    assert code == 1
    summary = out.index("orders: on the wire, 1 change(s)")
    assert "optional-field-removed" in out
    assert summary < out.index("--- a/generated/orders/")
