"""Parameter tables of documentation pages: the strongest evidence a page gives about a field.

Layouts are recognised by the rules of their families, never by one page's wording, each
family in its own module:

* `pipe`: pipe tables (Markdown, ServiceStack metadata, Confluence copies), grid tables and
  tab-separated tables, their columns found by header words or by content;
* `blocks`: parameter blocks (a name line, a type line, markers; Convio / Luminate and
  Blackbaud reference pages) and labelled lines ("Input parameter name: x");
* `bullets`: bullet lists that give a type ("- `siteId` - the site *(integer)*"), a nested
  bullet belonging to the one above it.

Under them, `cells` reads the text of cells and the types they name (`parse_type`),
`vocabulary` the header, yes/no and side words in nine languages (`heading_side`), and
`headings` the lines that open a section.

This module walks the page.  Each parameter belongs to the request or the response after
the nearest heading before it that says which (English, German, French, Spanish, Portuguese,
Turkish, Russian, Chinese, Japanese); one with no such heading counts for both, except that
among side-less tables the later ones speak for the response first, as pages list the
request before the response.

Text in, tables out: a page that shows no table gives empty tables, and no page makes the
reader fail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..type_builder import Table
from .blocks import LabelledLines, ParamBlocks
from .bullets import BulletLists
from .cells import FENCE, MAX_LINE, CellType, parse_type, table_type
from .headings import owner_of, read_heading
from .param import REQUEST, RESPONSE, TABLE_DOCS, Param
from .pipe import read_table_block
from .vocabulary import heading_side

__all__ = [
    "REQUEST",
    "RESPONSE",
    "TABLE_DOCS",
    "CellType",
    "PageTables",
    "Param",
    "heading_side",
    "parse_type",
    "read_tables",
    "table_type",
]


@dataclass
class PageTables:
    """What a page documents about its parameters, per side.

    `request` / `response` map an element's local name to what the page says of it;
    `request_lists` / `response_lists` hold the names a page marks as holding many values
    (`List`, `X[]`, "Multiple values allowed", occurrences `0..n`); `params` keeps every
    parameter read, in page order, with the owner that headings or nesting gave it.
    """

    request: Table
    response: Table
    request_lists: set[str] = field(default_factory=set)
    response_lists: set[str] = field(default_factory=set)
    params: list[Param] = field(default_factory=list)

    def lists(self, side: str) -> set[str]:
        return self.response_lists if side == RESPONSE else self.request_lists

    def owned(self, owner: str) -> Table:
        """Entries of the parameters listed under `owner` (a heading, a parent bullet, a path)."""
        table: Table = {}
        for param in self.params:
            if param.owner == owner:
                table.setdefault(param.name, param.entry())
        return table


# -- the reader ---------------------------------------------------------------------------


def read_tables(text: str) -> PageTables:
    """Read every parameter table, block, list and labelled line of a (cleaned) page."""
    reader = _Reader(text.split("\n"))
    reader.run()
    return _assemble(reader.params)


def _assemble(params: list[Param]) -> PageTables:
    tables = PageTables({}, {}, params=list(params))

    def ranked(side: str) -> Iterable[Param]:
        sided = [p for p in params if p.side == side]
        sideless = [p for p in params if p.side is None]
        if side == RESPONSE:
            sideless.reverse()  # the later of two side-less tables is the response's
        # Stable sorts: what a side's own table says first, then parameters with no owner.
        return sorted(sided, key=lambda p: p.owner is not None) + sorted(
            sideless, key=lambda p: p.owner is not None
        )

    for side, table, lists in (
        (REQUEST, tables.request, tables.request_lists),
        (RESPONSE, tables.response, tables.response_lists),
    ):
        for param in ranked(side):
            if param.name not in table:
                table[param.name] = param.entry()
                if param.is_list:
                    lists.add(param.name)
    return tables


class _Reader:
    """One walk down a page: the side and owner the headings give, and what each line starts."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.params: list[Param] = []
        self.side: str | None = None
        self.owner: str | None = None
        self.bullets = BulletLists(lines)
        self.blocks = ParamBlocks(lines)
        self.labels = LabelledLines(lines)

    def run(self) -> None:
        lines = self.lines
        fence: str | None = None
        no_table_until = -1
        i = 0
        while i < len(lines):
            raw = lines[i]
            line = raw.strip()
            opening = FENCE.match(raw)
            if fence is not None:  # code: samples and snippets, never parameter lists
                if (opening and opening.group(1) == fence) or line.endswith(fence):
                    fence = None
                i += 1
                continue
            if opening:
                fence = opening.group(1)
                if line.count(fence) >= 2 and len(line) > 6:
                    fence = None  # ```one line```
                i += 1
                continue
            if not line or len(line) > MAX_LINE:
                i += 1
                continue
            if i > no_table_until and ("|" in line or "\t" in line):
                params, end = read_table_block(lines, i, self.side, self.owner)
                if params:
                    self.params += params
                    i = end + 1
                    continue
                no_table_until = end
            if line.startswith("<") and not line.lower().startswith("<a "):
                i += 1
                continue
            i += self._line(i) or 1

    def _line(self, i: int) -> int:
        """Read line `i` as a bullet, a parameter block, a label or a heading: lines taken."""
        for read in (self.bullets.read, self.blocks.read, self.labels.read):
            step, param = read(i, self.side, self.owner)
            if param is not None:
                self.params.append(param)
            if step:
                return step
        return self._heading(i)

    def _heading(self, i: int) -> int:
        heading = read_heading(self.lines[i])
        if heading is None:
            if not self.lines[i][:1].isspace():
                self.bullets.close()  # prose ends a bullet list
            return 0
        side = heading_side(heading.text)
        if side is not None:
            self.side = side
        if heading.strong:
            self.owner = owner_of(heading)
            self.bullets.close()
        return 1
