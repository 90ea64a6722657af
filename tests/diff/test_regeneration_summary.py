"""`generate` and `check` say what a spec change does on the wire (issue 19, item 4): one line of
counts per changed package from `generate` (the changes with -v), the changes beside the file
diff from `check`; nothing where the spec did not change on the wire."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
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


def test_each_emitted_wsdl_is_read_back_once_and_kept_bounded(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generation's new WSDL is the next one's old: read back once, from the cache after."""
    import generator.pipeline as pipeline
    from generator.diff import regenerated

    monkeypatch.setenv("SOAPSMITH_CACHE_DIR", str(tmp_path / "cache"))
    read: list[bytes] = []
    real = pipeline.load_model

    def counted(folder: Path, *args: Any, **kwargs: Any) -> Any:
        read.append((folder / regenerated.EMITTED).read_bytes())
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(pipeline, "load_model", counted)
    monkeypatch.setattr(regenerated, "KEPT", 3)
    shutil.copytree(ORDERS, project / "specs" / "orders")
    assert run("generate")[0] == 0
    for name in ("channel", "region", "season"):
        field = f'<s:element name="{name}" type="s:string"/>'
        edit(project, CLASS_FIELD, CLASS_FIELD + field)
        code, out = run("generate")
        assert code == 0 and "orders: on the wire, " in out, out
        edit(project, field, "")
    assert len(read) == len(set(read)) == 4  # the first WSDL, then each new one once
    kept = list((tmp_path / "cache" / "wire").iterdir())
    assert len(kept) == 3 and all(p.suffix == ".pickle" for p in kept)
    # a damaged entry is read again, not trusted
    for entry in kept:
        entry.write_bytes(b"not a pickle")
    edit(project, CLASS_FIELD, "")
    code, out = run("generate")
    assert code == 0 and "orders: on the wire, " in out, out
    assert len(read) == 6
