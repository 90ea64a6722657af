"""Pipe, grid and tab tables: Markdown, ServiceStack metadata, Confluence, reStructuredText.

A run of lines with `|` (or grid rules `+---+`), or of tab-separated lines, is cut into
tables at its separator rows, the row above each separator being a header.  The name, type,
required and description columns are found by their header words in several languages, and
by content when the header is unknown or missing (the type column is the one whose cells
read as type names, the required column one of yes/no words).  A name cell may give a path
(`a/b/@x`, `a.b.x`): its parent is the parameter's owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import (
    CJK,
    FENCE,
    IDENT,
    MAX_LINE,
    NOTHING,
    fold,
    marked,
    parse_type,
    plain_text,
)
from .param import Param
from .vocabulary import (
    DOC_HEADERS,
    NAME_STRONG,
    NAME_WEAK,
    OCCURS_HEADERS,
    OPTIONAL_HEADERS,
    OTHER_HEADERS,
    REQUIRED_HEADERS,
    TYPE_HEADERS,
    Vocab,
    occurrences,
    yes_no,
)

_GRID_RULE = re.compile(r"^\+[-=+: ]*[-=]\+$")
_SEPARATOR_CELL = re.compile(r"^:?\s*[-=—–]{2,}\s*:?$")
# Answers that say the same under a column headed "Optional".
_ABSOLUTE = ("required", "optional", "mandatory", "not required")


def read_table_block(
    lines: list[str], start: int, side: str | None, owner: str | None
) -> tuple[list[Param], int]:
    """The parameters of the tables in the run of table lines at `start`, and its last line."""
    end = _block_end(lines, start)
    tabbed = "|" not in lines[start]
    if tabbed and end == start:
        return [], end
    rows = [(n + 1, _split_row(lines[n], tabbed)) for n in range(start, end + 1)]
    params: list[Param] = []
    for header, data in _segments(rows):
        params += _table(header, data, side, owner)
    return params, end


def _block_end(lines: list[str], start: int) -> int:
    """The last line of the run of table-looking lines that starts at `start`."""
    tabbed = "|" not in lines[start]
    end = start
    while end + 1 < len(lines):
        nxt = lines[end + 1]
        if not nxt.strip() or FENCE.match(nxt) or len(nxt) > MAX_LINE:
            break
        if tabbed and "\t" not in nxt.strip():
            break
        if not tabbed and "|" not in nxt and not _GRID_RULE.match(nxt.strip()):
            break
        end += 1
    return end


def _table(
    header: list[str] | None, data: list[tuple[int, list[str]]], side: str | None, owner: str | None
) -> list[Param]:
    if not data:
        return []
    roles = _columns(header, [cells for _, cells in data])
    if roles is None:
        return []
    params: list[Param] = []
    for line, cells in data:
        param = _row(cells, roles, line, side, owner)
        if param is not None:
            params.append(param)
    return params


# -- rows and segments --------------------------------------------------------------------


def _split_row(line: str, tabbed: bool) -> list[str]:
    text = line.strip()
    if tabbed:
        return [c.strip() for c in text.split("\t")]
    if _GRID_RULE.match(text):  # reStructuredText: `+===+` under the header, `+---+` between
        return ["---"] if "=" in text else []
    if text.startswith("||"):  # Confluence wiki header row: ||Name||Type||
        return [c.strip() for c in text.strip("|").split("||")]
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", text)]


def _is_separator(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


_Rows = list[tuple[int, list[str]]]


def _segments(rows: _Rows) -> list[tuple[list[str] | None, _Rows]]:
    """Split a block of rows into tables: the row above each separator row is a header."""
    rows = [r for r in rows if r[1]]  # grid rules between rows
    if not rows:
        return []
    separators = [k for k, (_, cells) in enumerate(rows) if k >= 1 and _is_separator(cells)]
    if not separators:
        rows = [r for r in rows if not _is_separator(r[1])]
        if rows and _header_roles(rows[0][1]):
            return [(rows[0][1], rows[1:])]
        return [(None, rows)]
    segments: list[tuple[list[str] | None, _Rows]] = []
    if separators[0] > 1:
        segments.append((None, rows[: separators[0] - 1]))
    for n, k in enumerate(separators):
        stop = separators[n + 1] - 1 if n + 1 < len(separators) else len(rows)
        data = [r for r in rows[k + 1 : stop] if not _is_separator(r[1])]
        segments.append((rows[k - 1][1], data))
    return segments


# -- columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Roles:
    name: int
    type: int | None
    required: int | None
    doc: int | None
    inverted: bool  # the required column is headed "Optional": yes means optional


_HEADER_CHECKS: tuple[tuple[Vocab, str, int], ...] = (
    (NAME_STRONG, "name", 3),
    (TYPE_HEADERS, "type", 3),
    (OCCURS_HEADERS, "occurs", 3),
    (OPTIONAL_HEADERS, "optional", 3),
    (REQUIRED_HEADERS, "required", 3),
    (DOC_HEADERS, "doc", 3),
    (OTHER_HEADERS, "other", 3),
    (NAME_WEAK, "name", 2),
)


def _header_role(cell: str) -> tuple[str, int] | None:
    """What a header cell names, and how surely: an exact word, its first word, a CJK part."""
    if len(cell) > 100:
        return None
    norm = fold(plain_text(cell))
    if not norm:
        return None
    for words, role, score in _HEADER_CHECKS:
        if norm in words:
            return role, score
    first = norm.split(" ", 1)[0]
    for words, role, score in _HEADER_CHECKS:
        if first in words:
            return role, score - 1
    if CJK.search(norm):
        for words, role, score in _HEADER_CHECKS:
            if any(len(w) > 1 and w in norm for w in words.cjk):
                return role, score - 1
    return None


def _header_roles(cells: list[str]) -> dict[int, tuple[str, int]]:
    """Roles of a header row with no separator below it, if it names a table of parameters."""
    roles = {n: r for n, c in enumerate(cells) if (r := _header_role(c)) is not None}
    kinds = {r for r, _ in roles.values()}
    if "name" in kinds and kinds & {"type", "required", "occurs", "optional"}:
        return roles
    return {}


def _fraction(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _looks_like_type_name(cell: str) -> bool:
    """A named type in a type cell: a link to its page, a code span or a capitalised name."""
    if marked(cell):
        return True
    plain = plain_text(cell)
    return bool(plain) and plain[0].isupper()


def _is_answer(cell: str) -> bool:
    """A yes/no word (not a number: a column of numbers is no required column)."""
    plain = plain_text(cell)
    return yes_no(plain) is not None and occurrences(plain) is None and not parse_type(plain).strong


def _columns(header: list[str] | None, rows: list[list[str]]) -> _Roles | None:
    width = max([len(header or [])] + [len(r) for r in rows])
    if width < 2 or width > 30:
        return None
    named = {n: r for n, c in enumerate(header or []) if (r := _header_role(c)) is not None}
    cols = [[r[n] for r in rows if n < len(r) and r[n].strip()] for n in range(width)]
    types = [[parse_type(c) for c in col] for col in cols]
    strong = [_fraction([t.strong for t in col]) for col in types]
    typeish = [
        _fraction(
            [
                t.strong or t.is_object or (bool(t.type_name) and _looks_like_type_name(c))
                for t, c in zip(col, cells, strict=True)
            ]
        )
        for col, cells in zip(types, cols, strict=True)
    ]
    idents = [_fraction([_name_cell(c) is not None for c in col]) for col in cols]

    def role(n: int) -> str | None:
        return named[n][0] if n in named else None

    def score(n: int) -> int:
        return named[n][1] if n in named else 0

    # The type column: by header when its cells look like types, else by content.
    type_col: int | None = None
    headed = [n for n in range(width) if role(n) == "type" and cols[n] and typeish[n] >= 0.5]
    if headed:
        type_col = max(headed, key=lambda n: (score(n), typeish[n], -n))
    else:
        content = [
            n
            for n in range(width)
            if cols[n] and strong[n] >= 0.5 and role(n) not in ("name", "doc", "other")
        ]
        if content:
            type_col = max(content, key=lambda n: (strong[n], -n))

    # The name column: by header ("Name" before "Parameter"), else the first of identifiers.
    name_col: int | None = None
    candidates = [n for n in range(width) if n != type_col and cols[n] and idents[n] >= 0.5]
    by_header = [n for n in candidates if role(n) == "name"]
    if by_header:
        name_col = max(by_header, key=lambda n: (score(n), -n))
    else:
        loose = [n for n in candidates if role(n) is None and strong[n] < 0.5 and idents[n] >= 0.6]
        name_col = loose[0] if loose else None
    if name_col is None:
        return None

    # The required column: by header, else (beside a type column) one of yes/no words.
    req_col: int | None = None
    inverted = False
    for n in range(width):
        if n not in (name_col, type_col) and role(n) in ("required", "optional", "occurs"):
            req_col, inverted = n, role(n) == "optional"
            break
    if req_col is None and type_col is not None:
        for n in range(width):
            if n in (name_col, type_col) or role(n) is not None or not cols[n]:
                continue
            if _fraction([_is_answer(c) for c in cols[n]]) >= 0.6 and 2 * len(cols[n]) >= len(rows):
                req_col = n
                break
    if type_col is None and req_col is None:
        return None

    doc_col = next((n for n in range(width) if role(n) == "doc"), None)
    if doc_col is None:
        free = [n for n in range(width) if n not in (name_col, type_col, req_col)]
        lengths = {
            n: sum(map(len, cols[n])) / len(cols[n]) for n in free if role(n) is None and cols[n]
        }
        long_enough = [n for n, size in lengths.items() if size >= 15]
        doc_col = max(long_enough, key=lambda n: lengths[n]) if long_enough else None
    return _Roles(name_col, type_col, req_col, doc_col, inverted)


# -- a row: one parameter ----------------------------------------------------------------


def _row(
    cells: list[str], roles: _Roles, line: int, side: str | None, owner: str | None
) -> Param | None:
    if roles.name >= len(cells):
        return None
    found = _name_cell(cells[roles.name])
    if found is None:
        return None
    name, path_owner, required = found
    cell = NOTHING
    if roles.type is not None and roles.type < len(cells):
        cell = parse_type(cells[roles.type])
    is_list = cell.is_list
    if roles.required is not None and roles.required < len(cells):
        value = plain_text(cells[roles.required])
        occurs = occurrences(value)
        if occurs is not None:
            required, many = occurs
            is_list = is_list or many
        else:
            answer = yes_no(value)
            if answer is not None:
                absolute = fold(value).startswith(_ABSOLUTE)
                required = (not answer) if roles.inverted and not absolute else answer
    doc = ""
    if roles.doc is not None and roles.doc < len(cells):
        doc = plain_text(cells[roles.doc])
    if not (cell.known or required is not None or doc):
        return None  # a name alone (a ragged row) says nothing
    return Param(
        name,
        cell.type,
        required,
        doc,
        line,
        side,
        is_list,
        cell.type_name,
        path_owner or owner,
        "table",
    )


_PATH_SPLIT = re.compile(r"\s*(?:/|\\|\u2192|->|>|\.)\s*")
_NAME_TRAILER = re.compile(
    r"^(?P<name>.*?)\s*(?:\((?P<a>[^()]*)\)|（(?P<b>[^（）]*)）|(?P<star>\*))$"
)


def _name_cell(cell: str) -> tuple[str, str | None, bool | None] | None:
    """The parameter a name cell names: (name, owner from a path, required marker).

    Reads `**x**`, `` `x` ``, `[x](x.md)`, `<a name=".."></a>x`, `a/b/@x`, `a.b.x`, `x *`
    and `x (required)`.
    """
    text = plain_text(cell).strip(" :：")
    required: bool | None = None
    trailer = _NAME_TRAILER.match(text)
    if trailer and trailer.group("name"):
        if trailer.group("star"):
            required = True
        else:
            required = yes_no(trailer.group("a") or trailer.group("b") or "")
            if required is None:
                return None  # "x (see below)": prose, not a name
        text = trailer.group("name").strip()
    if not text or len(text) > 120 or " " in text:
        return None
    parts = [p.lstrip("@") for p in _PATH_SPLIT.split(text) if p]
    if not parts or not all(IDENT.fullmatch(p) for p in parts):
        return None
    return parts[-1], (parts[-2] if len(parts) > 1 else None), required
