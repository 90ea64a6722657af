"""`soapsmith refresh`: the recorded sources fetched again, changes shown as a file diff and on
the wire, specs/ touched only with --write."""

from __future__ import annotations

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

NEW_FIELD = b"""          <s:element minOccurs="1" maxOccurs="1" name="Status" type="tns:Status" />
          <s:element minOccurs="1" maxOccurs="1" name="Channel" type="s:string" />"""


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    services(served)
    yield served
    served.close()


@pytest.fixture
def added(project: Path, site: Site) -> Path:
    result = run("add", "orders", f"{site.base}/orders/Orders.asmx")
    assert result.exit_code == 0, result.output
    return project / "specs" / "orders"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")}


def change_the_wsdl(site: Site) -> bytes:
    wsdl = site.text(FIXTURES / "asmx" / "Orders.wsdl")
    old = b"""          <s:element minOccurs="1" maxOccurs="1" name="Status" type="tns:Status" />"""
    assert old in wsdl
    changed = wsdl.replace(old, NEW_FIELD)
    site.serve("/orders/Orders.asmx?WSDL", changed)
    return changed


def test_nothing_changed(added: Path, site: Site) -> None:
    before = snapshot(added)
    hits = len(site.hits)
    result = run("refresh")
    assert result.exit_code == 0, result.output
    assert result.output == "specs/orders: unchanged\n"
    assert len(site.hits) > hits  # fetched again
    assert snapshot(added) == before


def test_a_change_is_shown_twice_and_not_written(added: Path, site: Site) -> None:
    before = snapshot(added)
    change_the_wsdl(site)
    result = run("refresh", "orders")
    assert result.exit_code == 1, result.output
    out = result.output
    assert "specs/orders: changed (not written; --write replaces it): Orders.wsdl" in out
    assert "--- a/Orders.wsdl\n+++ b/Orders.wsdl\n" in out
    assert '+          <s:element minOccurs="1" maxOccurs="1" name="Channel"' in out
    wire = out.split("on the wire: ", 1)[1]
    assert "GetOrder" in wire and "Channel" in wire and "breaking" in wire
    assert snapshot(added) == before
    assert not [p for p in added.parent.iterdir() if p.name.startswith(".")]


def test_write_replaces_the_files_keeping_settings_and_files_added_by_hand(
    added: Path, site: Site
) -> None:
    spec_toml = added / "spec.toml"
    spec_toml.write_text('package = "orders_api"\n\n' + spec_toml.read_text(), encoding="utf-8")
    (added / "notes.md").write_text("kept\n", encoding="utf-8")
    changed = change_the_wsdl(site)
    result = run("refresh", "--write")
    assert result.exit_code == 0, result.output
    assert "specs/orders: updated: Orders.wsdl" in result.output
    assert (added / "Orders.wsdl").read_bytes() == changed
    assert (added / "notes.md").read_text() == "kept\n"
    settings = tomllib.loads(spec_toml.read_text())
    assert settings["package"] == "orders_api"
    import hashlib

    recorded = settings["source"]["files"]["Orders.wsdl"]["sha256"]
    assert recorded == hashlib.sha256(changed).hexdigest()
    assert "notes.md" not in settings["source"]["files"]
    again = run("refresh")
    assert again.exit_code == 0 and again.output == "specs/orders: unchanged\n"


def test_a_failed_fetch_changes_nothing(added: Path, site: Site) -> None:
    before = snapshot(added)
    del site.routes["/orders/Orders.asmx?op=Ping"]
    result = run("refresh", "orders", "--write")
    assert result.exit_code == 2
    assert f"error: {site.base}/orders/Orders.asmx?op=Ping: HTTP 404" in result.output
    assert snapshot(added) == before


def test_a_spec_not_made_by_add(project: Path) -> None:
    (project / "specs" / "mine").mkdir()
    (project / "specs" / "mine" / "spec.toml").write_text('package = "mine"\n')
    result = run("refresh", "mine")
    assert result.exit_code == 2
    assert "has no [source] table" in result.output
    assert run("refresh").exit_code == 2


def test_what_a_killed_run_left_is_undone_by_the_next(added: Path, site: Site) -> None:
    specs = added.parent
    # killed between refresh's two renames: the old folder aside, none in its place
    aside = specs / ".soapsmith-fetch-killed1" / "previous"
    aside.mkdir(parents=True)
    added.rename(aside / "orders")
    (specs / ".soapsmith-fetch-killed2" / "half").mkdir(parents=True)  # killed while writing
    result = run("add", "greeter", f"{site.base}/api/metadata")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in specs.iterdir()) == ["greeter", "orders"]
    assert run("refresh", "orders").output == "specs/orders: unchanged\n"


def test_write_without_an_atomic_exchange_renames_twice(
    added: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.fetch.refresh as refreshing

    monkeypatch.setattr(refreshing, "exchange", lambda first, second: False)
    changed = change_the_wsdl(site)
    assert run("refresh", "--write").exit_code == 0
    assert (added / "Orders.wsdl").read_bytes() == changed
    assert sorted(p.name for p in added.parent.iterdir()) == ["orders"]
