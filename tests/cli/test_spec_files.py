"""A file where a spec folder is expected (issue 20 item 1): `soapsmith generate Service.wsdl`
reads the file and the local files it imports, nothing else of its folder, and generates what
the same files placed in a spec folder by hand generate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from repo import GOLDEN

from generator.cli import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (no specs/) as the current directory, and a downloads folder beside it
    holding the Orders WSDL, the schema it imports, and files that have nothing to do with it."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    downloads = tmp_path / "downloads"
    shutil.copytree(GOLDEN / "wsdl_doclit" / "spec", downloads)
    (downloads / "broken.wsdl").write_text("<definitions", encoding="utf-8")
    (downloads / "notes.txt").write_text("POST /x HTTP/1.1\n", encoding="utf-8")
    shutil.copyfile(GOLDEN / "asmx_two_pages" / "spec" / "GetOrder.txt", downloads / "GetOrder.txt")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_generate_a_wsdl_file_reads_it_and_its_imports_only(project: Path) -> None:
    result = run("generate", "../downloads/Orders.wsdl", "-o", "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Orders: updated"), result.stdout
    by_file = tree(project / "out" / "Orders")
    # the same two files placed in a spec folder by hand, named as the file is
    by_hand = project.parent / "by-hand" / "Orders"
    by_hand.mkdir(parents=True)
    for name in ("Orders.wsdl", "common.xsd"):
        shutil.copyfile(project.parent / "downloads" / name, by_hand / name)
    assert run("generate", str(by_hand), "-o", "hand").exit_code == 0
    assert by_file == tree(project / "hand" / "Orders")
    assert "orders/models.py" in by_file


def test_every_command_takes_a_file(project: Path) -> None:
    wsdl = "../downloads/Orders.wsdl"
    inspected = run("inspect", wsdl)
    assert inspected.exit_code == 0, inspected.output
    assert "GetOrder" in inspected.stdout
    sample = run("sample", wsdl, "GetOrder")
    assert sample.exit_code == 0, sample.output
    assert ":GetOrder>" in sample.stdout
    emitted = run("wsdl", wsdl)
    assert emitted.exit_code == 0, emitted.output
    assert "definitions" in emitted.stdout and "urn:example:orders" in emitted.stdout
    same = run("diff", wsdl, wsdl)
    assert same.exit_code == 0, same.output
    page = run("inspect", "../downloads/GetOrder.txt")
    assert page.exit_code == 0, page.output
    assert "GetOrder" in page.stdout


def test_an_import_missing_beside_the_file_is_named(project: Path) -> None:
    (project.parent / "downloads" / "common.xsd").unlink()
    result = run("generate", "../downloads/Orders.wsdl", "-o", "out")
    assert result.exit_code == 2, result.output
    assert "common.xsd" in result.stderr and "Traceback" not in result.output
    assert not (project / "out").exists()


def test_an_import_outside_the_files_folder_is_not_read(project: Path) -> None:
    downloads = project.parent / "downloads"
    wsdl = (downloads / "Orders.wsdl").read_text(encoding="utf-8")
    (downloads / "sub").mkdir()
    (downloads / "sub" / "Orders.wsdl").write_text(
        wsdl.replace('schemaLocation="common.xsd"', 'schemaLocation="../common.xsd"'),
        encoding="utf-8",
    )
    result = run("generate", "../downloads/sub/Orders.wsdl", "-o", "out")
    assert result.exit_code == 2, result.output
    assert "../common.xsd" in result.stderr, result.stderr
