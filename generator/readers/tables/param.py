"""One parameter as a page documents it, and the two sides it can belong to.

Every layout (pipe tables, parameter blocks, labelled lines, bullets) reads `Param`s;
`read_tables` ranks them into a request table and a response table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import QName
from ..type_builder import TableEntry

REQUEST = "request"
RESPONSE = "response"

# Descriptions of pipe-table rows reach `Param.doc`; with this set they also reach
# `TableEntry.doc` (field docstrings).  Off for now: it changes existing golden output.
TABLE_DOCS = False


@dataclass(frozen=True)
class Param:
    """One parameter as a page documents it."""

    name: str
    type: QName | None  # the builtin leaf type (the item type of a list), if the page says
    required: bool | None
    doc: str
    line: int  # 1-based line of the page
    side: str | None = None  # REQUEST, RESPONSE, or None: the page does not say
    is_list: bool = False  # many values: the element repeats, or it wraps repeated items
    type_name: str | None = None  # a named non-builtin type the page gives (`CustomerRole`)
    owner: str | None = None  # the element or type it belongs to, when the page shows nesting
    layout: str = "block"  # "table", "block", "bullet" or "label"

    def entry(self) -> TableEntry:
        doc = self.doc if TABLE_DOCS or self.layout != "table" else ""
        return TableEntry(self.type, self.required, doc, self.line)
