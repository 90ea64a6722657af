"""Inputs that are not what they claim: empty, binary, wrongly encoded, truncated, hostile or
huge WSDL files end in one clear error naming the file (and line where there is one), exit code
2 and no traceback; the size limit can be raised. (Pages: tests/cli/test_cli_errors.py.)"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from repo import SPECS

from generator.config import ProjectSettings, project_settings
from generator.errors import SoapsmithError
from generator.pipeline import generate

WSDL_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x">\n'
)
BAD_WSDLS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty"),
    "binary": (b"\x00\x01\x02\xff\xfe" * 50, ""),
    "truncated": ((WSDL_HEAD + "  <wsdl:types><xs:schema").encode(), "not well-formed"),
    "latin-1 declared utf-8": (
        (WSDL_HEAD + "  <wsdl:documentation>caf\xe9</wsdl:documentation>\n").encode("latin-1"),
        "",
    ),
    "entity bomb": (
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            b'<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">&b;'
            b"</wsdl:definitions>\n"
        ),
        "",
    ),
    "external entity": (
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            b'<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">&x;'
            b"</wsdl:definitions>\n"
        ),
        "",
    ),
}


def _project(tmp_path: Path, name: str, data: bytes, limit: int | None = None) -> ProjectSettings:
    table = "[tool.soapsmith]\n" + (f"max-input-bytes = {limit}\n" if limit else "")
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    folder = tmp_path / "specs" / "svc"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    return project_settings(tmp_path)


@pytest.mark.parametrize("case", sorted(BAD_WSDLS))
def test_a_bad_wsdl_is_one_clear_error_naming_the_file(tmp_path: Path, case: str) -> None:
    data, words = BAD_WSDLS[case]
    project = _project(tmp_path, "service.wsdl", data)
    with pytest.raises(SoapsmithError) as caught:
        generate(None, project, project.output)
    assert "svc/service.wsdl" in str(caught.value)
    assert words in str(caught.value)
    assert "passwd" not in str(caught.value) and "root:" not in str(caught.value)
    assert not project.output.exists()


def test_the_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    _project(tmp_path, "service.wsdl", BAD_WSDLS["entity bomb"][0])
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "svc/service.wsdl" in done.stderr


def test_a_huge_input_is_refused_until_the_limit_is_raised(tmp_path: Path) -> None:
    page = SPECS.rglob("*.txt")
    text = next(iter(sorted(page))).read_bytes()
    padded = text + b"\n" + b" " * 3000  # the page, with trailing blank space
    project = _project(tmp_path, "page.txt", padded, limit=2000)
    with pytest.raises(SoapsmithError) as caught:
        generate(None, project, project.output)
    assert "svc/page.txt" in str(caught.value) and "2000-byte input limit" in str(caught.value)
    assert "max-input-bytes" in str(caught.value)
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.soapsmith]\nmax-input-bytes = {len(padded) + 1}\n", encoding="utf-8"
    )
    project = project_settings(tmp_path)
    written, _ = generate(None, project, project.output)
    assert written


# -- the generated client's limits ---------------------------------------------------------


def _answering(body: bytes, chunks: list[int]) -> httpx.Client:
    """An HTTP client whose server answers `body` in pieces, counting what was read."""

    def stream() -> Iterator[bytes]:
        for start in range(0, len(body), 1000):
            chunks.append(start)
            yield body[start : start + 1000]

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=stream(), headers={"Content-Type": "text/xml"})

    return httpx.Client(transport=httpx.MockTransport(answer))


def _client(http: httpx.Client, limits: Any) -> Any:
    from repo import load_package

    package = load_package("worketc_veetro")
    return package.Client("https://x.invalid/", http=http, limits=limits)


def test_the_client_stops_reading_an_answer_over_its_size_limit() -> None:
    from repo import load_package

    soap = load_package("worketc_veetro")._soap
    endless = b"<a>" + b" " * 100_000
    read: list[int] = []
    with _client(_answering(endless, read), soap.Limits(max_bytes=5000)) as client:
        with pytest.raises(soap.ParseError, match="over the 5000-byte limit"):
            client.set_outlook_sync_record()
    assert len(read) <= 6  # not the whole answer


def test_the_client_bounds_the_depth_of_an_answer() -> None:
    from repo import load_package

    soap = load_package("worketc_veetro")._soap
    deep = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        + b"<a>" * 40
        + b"</a>" * 40
        + b"</s:Body></s:Envelope>"
    )
    with _client(_answering(deep, []), soap.Limits(max_depth=20)) as client:
        with pytest.raises(soap.ParseError, match="deeper than 20") as caught:
            client.set_outlook_sync_record()
    assert caught.value.path.startswith("/Envelope/Body/a/a")
