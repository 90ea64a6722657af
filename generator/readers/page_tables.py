"""Parameter tables of documentation pages: the strongest evidence a page gives about a field.

Two layouts are read:

* parameter blocks, one line each: a name, a type name, an optional "A value is required"
  and a description (Convio / Luminate reference pages);
* pipe tables (Markdown, ServiceStack metadata) with a header row naming a name column and
  a type column, and optionally a required column.

Each table belongs to the request or the response after the nearest heading before it that
says which; a table with no such heading counts for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import QName
from .page_samples import PLACEHOLDERS, placeholder_type
from .type_builder import Table, TableEntry

_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")
_REQUIRED = re.compile(r"\b(a value is required|required)\b", re.I)
_RESPONSE_HEADING = re.compile(r"\b(response|output|returns?)\b", re.I)
_REQUEST_HEADING = re.compile(r"\b(request|input|parameters)\b", re.I)
_NAME_HEADERS = ("name", "element", "parameter name", "field")
_TYPE_HEADERS = ("data type", "type", "datatype")
_REQUIRED_HEADERS = ("required", "mandatory", "optional")


def table_type(text: str) -> QName | None:
    """A type named by a parameter table: a placeholder name, any case, `xsd:` allowed."""
    text = re.sub(r"^(xsd?|s):", "", text.strip())
    return placeholder_type(text) or _BY_LOWER_NAME.get(_ALIASES.get(text.lower(), text.lower()))


_ALIASES = {"bool": "boolean", "datetime": "datetime"}
_BY_LOWER_NAME: dict[str, QName] = {name.lower(): qname for name, qname in PLACEHOLDERS.items()}


@dataclass
class PageTables:
    request: Table
    response: Table


def read_tables(text: str) -> PageTables:
    tables = PageTables({}, {})
    lines = text.split("\n")
    side: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("<") or not line:
            i += 1
            continue
        if "|" in line and _is_header_row(line):
            i = _pipe_table(lines, i, _targets(tables, side))
            continue
        if _is_heading(line):
            if _RESPONSE_HEADING.search(line):
                side = "response"
            elif _REQUEST_HEADING.search(line):
                side = "request"
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _NAME.match(line) and table_type(nxt) is not None:
            after = lines[i + 2].strip() if i + 2 < len(lines) else ""
            required = True if after.lower().startswith("a value is required") else None
            doc_at = i + 3 if required else i + 2
            doc = lines[doc_at].strip() if doc_at < len(lines) else ""
            if _NAME.match(doc) and table_type(
                lines[doc_at + 1] if doc_at + 1 < len(lines) else ""
            ):
                doc = ""
            entry = TableEntry(table_type(nxt), required, doc, i + 1)
            for target in _targets(tables, side):
                target.setdefault(line, entry)
            i += 2
            continue
        i += 1
    return tables


def _targets(tables: PageTables, side: str | None) -> list[Table]:
    if side == "request":
        return [tables.request]
    if side == "response":
        return [tables.response]
    return [tables.request, tables.response]


def _is_heading(line: str) -> bool:
    return len(line) < 60 and not line.endswith(".")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_header_row(line: str) -> bool:
    cells = [c.lower() for c in _cells(line)]
    return any(c in _TYPE_HEADERS for c in cells) and any(c in _NAME_HEADERS for c in cells)


def _pipe_table(lines: list[str], start: int, targets: list[Table]) -> int:
    header = [c.lower() for c in _cells(lines[start])]
    name_col = next(i for i, c in enumerate(header) if c in _NAME_HEADERS)
    type_col = next(i for i, c in enumerate(header) if c in _TYPE_HEADERS)
    req_col = next((i for i, c in enumerate(header) if c in _REQUIRED_HEADERS), None)
    i = start + 1
    while i < len(lines) and "|" in lines[i]:
        cells = _cells(lines[i])
        i += 1
        if len(cells) <= max(name_col, type_col) or set(cells[name_col]) <= set("-: "):
            continue
        name = cells[name_col].strip("`* ")
        if not _NAME.match(name):
            continue
        required: bool | None = None
        if req_col is not None and req_col < len(cells):
            flag = cells[req_col].strip().lower()
            if flag in ("yes", "true", "required", "y"):
                required = header[req_col] != "optional"
            elif flag in ("no", "false", "optional", "n"):
                required = header[req_col] == "optional"
        entry = TableEntry(table_type(cells[type_col]), required, "", i)
        for target in targets:
            target.setdefault(name, entry)
    return i
