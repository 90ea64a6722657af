"""An .asmx (or ServiceStack) list of operations beside the operations' own pages: passed
over, as it shows no envelope; alone, a clear error saying what to add."""

from __future__ import annotations

from pathlib import Path

import pytest
from repo import TESTS

from generator.errors import SpecError
from generator.readers.files import PageFile
from generator.readers.page_reader import read_pages

ASMX = TESTS / "fixtures" / "sites" / "asmx"
STACK = TESTS / "fixtures" / "sites" / "servicestack"


def page(path: Path) -> PageFile:
    return PageFile(f"spec/{path.name}", path.read_bytes())


@pytest.mark.parametrize(
    ("folder", "index"), [(ASMX, "Orders.asmx.html"), (STACK, "metadata.html")]
)
def test_a_list_of_operations_is_passed_over(folder: Path, index: str) -> None:
    pages = sorted(p for p in folder.glob("*.html") if p.name != index)
    alone = read_pages([page(p) for p in pages])
    with_list = read_pages([page(folder / index), *(page(p) for p in pages)])
    assert [o.name for o in with_list.operations] == [o.name for o in alone.operations]
    assert with_list.warnings == alone.warnings


def test_a_list_alone_says_what_is_missing() -> None:
    with pytest.raises(SpecError, match=r"a list of operations: it links each operation's page"):
        read_pages([page(ASMX / "Orders.asmx.html")])


def test_a_page_with_an_envelope_and_op_links_is_still_read() -> None:
    # an operation's page links the others' in some layouts: its own sample still counts
    data = (
        (ASMX / "Orders.Ping.html")
        .read_bytes()
        .replace(
            b'<a href="Orders.asmx">here</a>', b'<a href="Orders.asmx?op=GetOrder">GetOrder</a>'
        )
    )
    assert {o.name for o in read_pages([PageFile("spec/p.html", data)]).operations} == {"Ping"}
