"""The parts of generator/fetch on their own: local names, the [source] table, spec.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.config import spec_settings
from generator.errors import ConfigError
from generator.fetch.names import Names, stem_of
from generator.fetch.sources import Saved, read_source, source_table, toml_text, with_source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.mark.parametrize(
    ("url", "stem"),
    [
        ("http://h/a/Service.svc?wsdl", "Service"),
        ("http://h/a/Service.svc?singleWsdl", "Service"),
        ("http://h/a/Service.svc?wsdl=wsdl0", "Service.wsdl0"),
        ("http://h/a/Service.svc?xsd=xsd0", "Service.xsd0"),
        ("http://h/Service.asmx?WSDL", "Service"),
        ("http://h/Service.asmx?op=GetOrder", "Service.GetOrder"),
        ("http://h/", "h"),
        ("http://h/a/%2e%2e%2f%2e%2e%2fetc/passwd?x=../../y", "passwd.y"),
        ("http://h/a/b.xsd?name=..%2F..%2Fspec.toml", "b.spec_toml"),
    ],
)
def test_stems(url: str, stem: str) -> None:
    assert stem_of(url) == stem


def test_names_are_unique_ignoring_case_and_never_spec_toml() -> None:
    names = Names()
    assert names.name("http://h/spec", "toml") == "spec-2.toml"
    assert names.name("http://h/x/A.svc?wsdl", "wsdl") == "A.wsdl"
    assert names.name("http://h/y/a.svc?wsdl", "wsdl") == "a-2.wsdl"
    assert names.name("http://h/x/A.svc?wsdl", "wsdl") == "A.wsdl"  # the same URL, once


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("http://h/svc/schemas/common.xsd", "schemas/common.xsd"),
        ("http://h/svc/schemas/common.xsd?x=1", "common.1.xsd"),  # a query: flat
        ("http://h/other/common.xsd", "common.xsd"),  # not below: flat
        ("http://h/svc/.hidden/common.xsd", "common.xsd"),
        ("http://h/svc/a/b/c/d/e/f.xsd", "f.xsd"),  # too deep
        ("http://h/svc/%2e%2e/common.xsd", "common.xsd"),
    ],
)
def test_only_plain_paths_below_the_first_document_keep_their_folders(url: str, name: str) -> None:
    assert Names().name(url, "xsd", None, "http://h/svc/") == name


def test_the_source_table_reads_back_and_leaves_other_settings_alone(tmp_path: Path) -> None:
    saved = [
        Saved("b.wsdl", b"<b/>", "http://h/b?wsdl", "2026-12-05T12:00:00Z"),
        Saved('a "q".html', b"a", "http://h/a", "2026-12-05T12:00:01Z"),
    ]
    table = source_table(["http://h/b", "/tmp/é.wsdl"], saved, ["cdn.example.com"])
    text = 'package = "kept"\n\n[actions]\nGo = "urn:go"\n'
    written = with_source(text, table)
    raw = tomllib.loads(written)
    assert raw["package"] == "kept" and raw["actions"] == {"Go": "urn:go"}
    assert read_source(raw["source"], "spec.toml") == table
    assert with_source(written, table) == written  # written again: the same text
    folder = tmp_path / "svc"
    folder.mkdir()
    (folder / "spec.toml").write_text(written, encoding="utf-8")
    assert spec_settings(folder).source == table
    assert tomllib.loads(toml_text(table))["source"]["allow-hosts"] == ["cdn.example.com"]


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('[source]\ngiven = "http://h/x"\n', ".given must be a list"),
        ("[source]\nwhere = 1\n", "unknown key(s) where"),
        (
            '[source.files]\n"a.wsdl" = { url = "u" }\n',
            "must be a table of url, fetched and sha256",
        ),
        (
            '[source.files]\n"a.wsdl" = { url = "u", fetched = "yesterday", sha256 = "'
            + "0" * 64
            + '" }\n',
            "is not a UTC time",
        ),
        (
            '[source.files]\n"a.wsdl" = { url = "u", fetched = "2026-12-05T12:00:00Z", '
            'sha256 = "xyz" }\n',
            "is not 64 lower-case hex digits",
        ),
    ],
)
def test_a_wrong_source_table_is_a_settings_error(tmp_path: Path, table: str, says: str) -> None:
    (tmp_path / "spec.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError, match="source") as caught:
        spec_settings(tmp_path)
    assert says in str(caught.value)
