"""`soapsmith add` of each layout real services use, served on 127.0.0.1: the folder it makes
generates exactly what the same files placed by hand generate."""

from __future__ import annotations

import hashlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sites import FIXTURES, Site, services

from generator.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    services(served)
    yield served
    served.close()


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def generated(project: Path, name: str) -> dict[str, bytes]:
    result = run("generate", name, "-o", "out", "--no-progress")
    assert result.exit_code == 0, result.output
    return files(project / "out")


def by_hand(project: Path, name: str, placed: dict[str, bytes]) -> dict[str, bytes]:
    """What the same files placed by hand in a project of their own generate."""
    other = project / "by-hand"
    (other / "specs" / name).mkdir(parents=True)
    (other / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    for relative, data in placed.items():
        path = other / "specs" / name / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(other)
        return generated(other, name)


def check_added(project: Path, name: str, placed: dict[str, bytes]) -> dict[str, bytes]:
    """The spec folder `add` made holds `placed` (and spec.toml) and generates what they do."""
    folder = project / "specs" / name
    made = files(folder)
    spec_toml = made.pop("spec.toml").decode()
    assert made == placed
    source = tomllib.loads(spec_toml)["source"]
    assert sorted(source["files"]) == sorted(placed)
    for file, origin in source["files"].items():
        assert origin["sha256"] == hashlib.sha256(placed[file]).hexdigest()
        assert origin["url"].startswith(("http://127.0.0.1:", "file://"))
    mine = generated(project, name)
    assert mine and mine == by_hand(project, name, placed)
    assert not [p for p in (project / "specs").iterdir() if p.name.startswith(".")]
    return made


def test_wsdl_with_schemas_in_folders_keeps_them_byte_for_byte(project: Path, site: Site) -> None:
    result = run("add", "inventory", f"{site.base}/svc/Inventory.wsdl")
    assert result.exit_code == 0, result.output
    assert "3 file(s), 1 operation(s)" in result.output
    placed = files(FIXTURES / "wsdl")  # no location needed rewriting: the bytes as served
    check_added(project, "inventory", placed)


def test_asmx_service_keeps_its_pages_and_its_wsdl(project: Path, site: Site) -> None:
    result = run("add", "orders", f"{site.base}/orders/Orders.asmx")
    assert result.exit_code == 0, result.output
    asmx = FIXTURES / "asmx"
    placed = {
        "Orders.html": site.text(asmx / "Orders.asmx.html"),
        "Orders.GetOrder.html": site.text(asmx / "Orders.GetOrder.html"),
        "Orders.Ping.html": site.text(asmx / "Orders.Ping.html"),
        "Orders.wsdl": site.text(asmx / "Orders.wsdl"),
    }
    check_added(project, "orders", placed)
    assert "/orders/Orders.asmx?WSDL" in site.hits


def test_asmx_service_without_wsdl_is_read_from_its_pages(project: Path, site: Site) -> None:
    result = run("add", "legacy", f"{site.base}/legacy/Orders.asmx")
    assert result.exit_code == 0, result.output
    assert "2 operation(s)" in result.output
    asmx = FIXTURES / "asmx"
    placed = {
        "Orders.html": site.text(asmx / "Orders.asmx.html"),
        "Orders.GetOrder.html": site.text(asmx / "Orders.GetOrder.html"),
        "Orders.Ping.html": site.text(asmx / "Orders.Ping.html"),
    }
    check_added(project, "legacy", placed)


def test_servicestack_metadata_brings_each_soap_page(project: Path, site: Site) -> None:
    result = run("add", "greeter", f"{site.base}/api/metadata")
    assert result.exit_code == 0, result.output
    stack = FIXTURES / "servicestack"
    placed = {p.name: site.text(p) for p in sorted(stack.glob("*.soap1*.html"))}
    check_added(project, "greeter", placed)
    assert "/api/json/metadata?op=Hello" not in site.hits  # only the SOAP pages


def test_wcf_wsdl_imports_are_fetched_and_rewritten(project: Path, site: Site) -> None:
    result = run("add", "calc", f"{site.base}/wcf/Calc.svc")
    assert result.exit_code == 0, result.output
    placed = {p.name: site.text(p) for p in sorted((FIXTURES / "wcf" / "by-hand").iterdir())}
    check_added(project, "calc", placed)
    assert "/wcf/Calc.svc?singleWsdl" in site.hits  # asked first; this one has none
    assert site.hits.count("/wcf/Calc.svc?xsd=xsd1") == 1  # imported twice, fetched once


def test_wcf_single_wsdl_is_preferred(project: Path, site: Site) -> None:
    result = run("add", "single", f"{site.base}/single/Orders.svc")
    assert result.exit_code == 0, result.output
    check_added(project, "single", {"Orders.wsdl": site.text(FIXTURES / "asmx" / "Orders.wsdl")})
    assert "/single/Orders.svc?wsdl" not in site.hits


def test_single_page_url_and_local_file_together(project: Path, site: Site) -> None:
    page = FIXTURES / "servicestack" / "Farewell.soap11.html"
    local = project / "downloads" / "Hello.soap11.html"
    local.parent.mkdir()
    shutil.copy(FIXTURES / "servicestack" / "Hello.soap11.html", local)
    result = run(
        "add",
        "mixed",
        f"{site.base}/api/soap11/metadata?op=Farewell",
        str(local.relative_to(project)),
    )
    assert result.exit_code == 0, result.output
    placed = {"metadata.Farewell.html": site.text(page), "Hello.soap11.html": local.read_bytes()}
    check_added(project, "mixed", placed)
    given = tomllib.loads((project / "specs/mixed/spec.toml").read_text())["source"]["given"]
    assert given == [f"{site.base}/api/soap11/metadata?op=Farewell", str(local.resolve())]


def test_an_existing_spec_folder_is_refused(project: Path, site: Site) -> None:
    (project / "specs" / "orders").mkdir()
    result = run("add", "orders", f"{site.base}/orders/Orders.asmx")
    assert result.exit_code == 2
    assert "exists already" in result.output and "refresh" in result.output
    assert site.hits == []


@pytest.mark.parametrize("name", ["../escape", ".hidden", "a/b", ""])
def test_a_spec_name_that_is_not_a_plain_folder_name_is_refused(project: Path, name: str) -> None:
    result = run("add", name, "http://127.0.0.1:9/x.wsdl")
    assert result.exit_code == 2
    assert "is not a spec folder name" in result.output
    assert list((project / "specs").iterdir()) == []


def test_imports_outside_the_first_documents_folder_are_flattened(
    project: Path, site: Site
) -> None:
    inventory = FIXTURES / "wsdl"
    site.serve("/deep/svc/Main.wsdl", (inventory / "Inventory.wsdl").read_bytes())
    schema = (inventory / "schemas" / "inventory.xsd").read_bytes()
    moved = schema.replace(b'schemaLocation="common.xsd"', b'schemaLocation="../../common.xsd"')
    site.serve("/deep/svc/schemas/inventory.xsd", moved)
    site.serve("/deep/common.xsd", (inventory / "schemas" / "common.xsd").read_bytes())
    result = run("add", "deep", f"{site.base}/deep/svc/Main.wsdl")
    assert result.exit_code == 0, result.output
    folder = project / "specs" / "deep"
    assert (folder / "Main.wsdl").read_bytes() == (inventory / "Inventory.wsdl").read_bytes()
    rewritten = (folder / "schemas" / "inventory.xsd").read_text()
    assert 'schemaLocation="../common.xsd"' in rewritten
    assert (folder / "common.xsd").is_file()
    assert generated(project, "deep")


def test_refresh_of_a_local_file_reads_it_again(project: Path) -> None:
    local = project / "Hello.soap11.html"
    local.write_bytes((FIXTURES / "servicestack" / "Hello.soap11.html").read_bytes())
    assert run("add", "hello", "Hello.soap11.html").exit_code == 0
    assert run("refresh", "hello").output == "specs/hello: unchanged\n"
    page = local.read_bytes()
    local.write_bytes(
        page.replace(b"&lt;Name&gt;String&lt;/Name&gt;", b"&lt;Nom&gt;String&lt;/Nom&gt;")
    )
    changed = run("refresh", "hello")
    assert changed.exit_code == 1
    assert (
        "-      &lt;Name&gt;String&lt;/Name&gt;\n+      &lt;Nom&gt;String&lt;/Nom&gt;"
        in changed.output
    )
    assert "Hello/Nom: " in changed.output  # and on the wire
