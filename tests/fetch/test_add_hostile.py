"""`soapsmith add` against hostile and broken sites: every failure is one clear message naming
the URL, exit code 2, no traceback, and nothing written to specs/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sites import ERROR_PAGE, FIXTURES, HTML, Site, huge, services, slow, stalled

from generator.cli import main


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    services(served)
    yield served
    served.close()


def refused(project: Path, *args: str) -> str:
    """The error `add` prints; the run wrote nothing to specs/."""
    result: Result = CliRunner().invoke(main, ["add", "spec", *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")
    assert list((project / "specs").iterdir()) == []
    return result.output


def test_redirect_loop(project: Path, site: Site) -> None:
    site.redirect("/a.wsdl", "/b.wsdl")
    site.redirect("/b.wsdl", f"{site.base}/a.wsdl")
    message = refused(project, f"{site.base}/a.wsdl")
    assert f"error: {site.base}/a.wsdl: redirect loop" in message


def test_redirects_are_counted(project: Path, site: Site) -> None:
    for n in range(5):
        site.redirect(f"/hop{n}", f"/hop{n + 1}")
    message = refused(project, f"{site.base}/hop0", "--max-redirects", "2")
    assert "over 2 redirects" in message


def test_a_redirect_to_another_host_is_checked_as_the_first_request(
    project: Path, site: Site
) -> None:
    elsewhere = site.base.replace("127.0.0.1", "localhost")
    site.redirect("/moved.wsdl", f"{elsewhere}/svc/Inventory.wsdl")
    message = refused(project, f"{site.base}/moved.wsdl")
    assert "host localhost is not one of the sources' hosts" in message
    assert "--allow-host localhost" in message
    allowed = CliRunner().invoke(
        main, ["add", "spec", f"{site.base}/moved.wsdl", "--allow-host", "localhost"]
    )
    assert allowed.exit_code == 0, allowed.output
    spec_toml = (project / "specs" / "spec" / "spec.toml").read_text()
    assert 'allow-hosts = ["localhost"]' in spec_toml  # so that `refresh` may go there too
    assert CliRunner().invoke(main, ["refresh", "spec"]).exit_code == 0


def test_a_redirect_to_another_scheme_is_refused(project: Path, site: Site) -> None:
    site.redirect("/ftp.wsdl", "ftp://127.0.0.1/x.wsdl")
    assert "not http(s): refused" in refused(project, f"{site.base}/ftp.wsdl")


def test_a_huge_answer_is_cut(project: Path, site: Site) -> None:
    site.routes["/huge.wsdl"] = huge(5 * 1024 * 1024)
    message = refused(project, f"{site.base}/huge.wsdl", "--max-file-bytes", "100000")
    assert "the answer is over the 100000-byte limit per file" in message


def test_a_huge_announced_answer_is_not_read(project: Path, site: Site) -> None:
    site.routes["/declared.wsdl"] = huge(5 * 1024 * 1024, declared=True)
    message = refused(project, f"{site.base}/declared.wsdl", "--max-file-bytes", "100000")
    assert "announces 5242880 bytes, over the 100000-byte limit" in message


def test_total_bytes_are_bounded(project: Path, site: Site) -> None:
    message = refused(project, f"{site.base}/orders/Orders.asmx", "--max-total-bytes", "5000")
    assert "over 5000 bytes fetched in all" in message


def test_files_are_counted(project: Path, site: Site) -> None:
    message = refused(project, f"{site.base}/orders/Orders.asmx", "--max-files", "2")
    assert "over 2 files to fetch" in message


def test_a_slow_answer_meets_the_deadline(project: Path, site: Site) -> None:
    site.routes["/slow.wsdl"] = slow(0.05, 400)  # 20 s in all, a byte each 50 ms
    started = time.monotonic()
    message = refused(project, f"{site.base}/slow.wsdl", "--timeout", "1")
    assert time.monotonic() - started < 5
    assert "the fetch took over 1 seconds in all" in message


def test_a_stalled_answer_meets_the_deadline(project: Path, site: Site) -> None:
    site.routes["/stalled.wsdl"] = stalled(4)
    started = time.monotonic()
    message = refused(project, f"{site.base}/stalled.wsdl", "--timeout", "1")
    assert time.monotonic() - started < 3.5
    assert "over 1 seconds" in message or "no answer for" in message


def test_an_operation_link_to_another_host_is_refused(project: Path, site: Site) -> None:
    index = (FIXTURES / "asmx" / "Orders.asmx.html").read_bytes()
    evil = index.replace(
        b'href="Orders.asmx?op=Ping"', b'href="http://elsewhere.invalid/x/Orders.asmx?op=Ping"'
    ).replace(
        b'href="Orders.asmx?op=GetOrder"', b'href="http://elsewhere.invalid/Orders.asmx?op=X"'
    )
    site.serve("/evil/Orders.asmx", evil, HTML)
    message = refused(project, f"{site.base}/evil/Orders.asmx")
    assert "on another host" in message and "elsewhere.invalid" in message


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("http://elsewhere.invalid/types.xsd", "on host elsewhere.invalid, not one of"),
        ("file:///etc/passwd", "which is not an http(s) location"),
        ("missing.xsd", "HTTP 404"),
    ],
)
def test_an_import_that_cannot_be_fetched_is_named(
    project: Path, site: Site, location: str, says: str
) -> None:
    wsdl = (FIXTURES / "wsdl" / "Inventory.wsdl").read_bytes()
    site.serve("/bad/Inventory.wsdl", wsdl.replace(b"schemas/inventory.xsd", location.encode()))
    message = refused(project, f"{site.base}/bad/Inventory.wsdl")
    assert says in message
    if "404" not in says:  # the importing document and its line
        assert f"{site.base}/bad/Inventory.wsdl:8:" in message


def test_an_error_page_where_a_wsdl_was_asked_for(project: Path, site: Site) -> None:
    site.serve("/error.wsdl", ERROR_PAGE, HTML)
    message = refused(project, f"{site.base}/error.wsdl")
    assert "expected a WSDL or an XML schema, got an HTML page" in message


def test_an_error_status_on_an_operation_page(project: Path, site: Site) -> None:
    site.serve("/orders/Orders.asmx?op=Ping", ERROR_PAGE, HTML, 500)
    message = refused(project, f"{site.base}/orders/Orders.asmx")
    assert f"{site.base}/orders/Orders.asmx?op=Ping: HTTP 500" in message


def test_a_page_that_is_no_spec_is_not_added(project: Path, site: Site) -> None:
    site.serve("/about", b"<html><body><p>About us</p></body></html>", HTML)
    message = refused(project, f"{site.base}/about")
    assert "fetched, but not readable as a spec" in message


def test_only_http_urls_and_existing_files(project: Path) -> None:
    assert "only http:// and https://" in refused(project, "ftp://127.0.0.1/x.wsdl")
    assert "no such file" in refused(project, "nowhere/Service.wsdl")


def test_credentials_in_a_url_are_refused_and_not_shown(project: Path) -> None:
    message = refused(project, "http://me:secret@127.0.0.1:9/Service.wsdl")
    assert "credentials" in message and "secret" not in message


def test_a_server_that_is_not_there(project: Path) -> None:
    assert "cannot fetch" in refused(project, "http://127.0.0.1:9/Service.wsdl")
