"""Mono's .asmx help pages read into the model the service's own WSDL gives (issue 18, item 4).

The services are C# written for this (mono_pages/*.cs: complex types, enumerations, arrays,
nullable values, attributes, binary, headers both ways, an out parameter); mono_pages/refresh.py
serves them with Mono and saves each one's ``?WSDL`` and its operations' "Message Layout" help
pages (``X.asmx?page=op&tab=msg&op=NAME&bnd=XSoap``).  Mono's layout is not Microsoft's: each
sample is one source line split by ``<br>`` and indented with ``&nbsp;``, the request line has
no HTTP version, header values print their type (``Host: string``), enumerations print
``string``, a SOAP header's ``xs:anyAttribute`` prints ``custom-attribute="value"``, and the
SOAP 1.2 tab repeats the SOAP 1.1 sample (so only SOAP 1.1 pages are saved).

soapsmith's diff compares the two models: the pages must change nothing on the wire except what
a page cannot show -- the SOAP 1.2 binding, whether an element may be left out (minOccurs) or
be nil (nillable), and an enumeration's values (Mono prints ``string``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import ProjectSettings
from generator.diff import compare
from generator.diff.changes import Change, Kind
from generator.model import EnumType, Model, Optionality
from generator.pipeline import load_model

HERE = Path(__file__).resolve().parent / "mono_pages"
SERVICES = sorted(p.name for p in HERE.iterdir() if (p / "pages").is_dir())


def _load(folder: Path, tmp_path: Path) -> Model:
    project = ProjectSettings(root=tmp_path, specs=folder.parent, output=tmp_path / "out")
    return load_model(folder, project)[0]


def _cannot_show(found: Change, wsdl: Model) -> bool:
    """Is the change one a Mono help page cannot show?"""
    if found.kind is Kind.VERSION_REMOVED:
        return found.old == "1.2"  # the SOAP 1.2 tab repeats the SOAP 1.1 sample
    if found.kind is Kind.BECAME_OPTIONAL:
        return found.new == Optionality.UNKNOWN.value  # minOccurs is never shown
    if found.kind is Kind.BECAME_NOT_NILLABLE:
        return True  # nillable is never shown
    if found.kind is Kind.TYPE_WIDENED:  # an enumeration prints "string"
        enums = {t.name.name for t in wsdl.type_map().values() if isinstance(t, EnumType)}
        return found.old in enums and found.new == "xs:string"
    return False


def test_the_services_have_fixtures() -> None:
    assert SERVICES == ["Accounts", "Catalog"]


@pytest.mark.parametrize("service", SERVICES)
def test_mono_help_pages_read_as_the_wsdl_says(service: str, tmp_path: Path) -> None:
    wsdl = _load(HERE / service / "wsdl", tmp_path)
    pages = _load(HERE / service / "pages", tmp_path)
    # Mono prints `Host: string` (a placeholder): the pages show no address (the WSDL's does
    # not count in the comparison, which leaves addresses out)
    assert [s.address for s in pages.services] == [""]
    operations = {op.name for s in wsdl.services for op in s.operations}
    assert {op.name for s in pages.services for op in s.operations} == operations
    changes = compare(wsdl, pages)
    shown = [
        f"{c.operation} {c.side.value} {c.path}: {c.kind.value} ({c.old} -> {c.new})"
        for c in changes
        if not _cannot_show(c, wsdl)
    ]
    assert shown == []
    # what the pages cannot show was met, so the comparison did look at it
    kinds = {c.kind for c in changes}
    assert {Kind.VERSION_REMOVED, Kind.BECAME_OPTIONAL, Kind.TYPE_WIDENED} <= kinds
