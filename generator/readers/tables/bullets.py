"""Bullet lists that give a type, and lines that open with a name and its type.

"- `siteId` - the site *(integer)*", "* **id** (string, required): ..."; a nested bullet
belongs to the one above it.  Bullets with no type ("* **connection:** The connection to
save.") are prose, not parameters.  A line with no bullet is a parameter only when a type
follows its name at once ("`id` (integer): the id").
"""

from __future__ import annotations

import re

from .cells import NOTHING, CellType, fold, marked, name_line, parse_type, plain_text
from .param import Param
from .vocabulary import ONE_LETTER, yes_no

BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+•●▪◦]|\d{1,2}[.)])[ \t]+(?P<rest>\S.*)$")
_BULLET_NAME = re.compile(
    r"^(?:`(?P<code>[^`]+)`|\*\*(?P<bold>[^*]+?)\*\*|\*(?P<em>[^*]+?)\*|__(?P<under>[^_]+?)__"
    r"|(?P<bare>[^\W\d][\w.\-]*)(?=\s*(?:[:：(（\[]|\s[-–—]\s)))"
)
_GROUP = re.compile(r"^[\s*_]*[(（\[]\s*[*_`]*(?P<inner>[^()（）\[\]]{1,80}?)[*_`]*\s*[)）\]]")
_TRAILING_GROUP = re.compile(
    r"[(（\[]\s*[*_`]*(?P<inner>[^()（）\[\]]{1,80}?)[*_`]*\s*[)）\]][\s*_]*[.。]?\s*$"
)
_DASH = re.compile(r"^\s*(?:[:：]|[-–—]+|=)\s*")
_LEADING_CODE = re.compile(
    r"^\s*(?:`(?P<code>[^`]+)`|\*(?P<em>[^*\s()][^*()]*)\*|_(?P<u>[^_\s]+)_)"
)


class BulletLists:
    """The bullet lists of one page, read line by line: the open bullets give owners."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.open: list[tuple[int, str]] = []  # (indent, name) of the open parent bullets

    def close(self) -> None:
        """The list has ended (prose or a heading): a new bullet has no parent."""
        self.open = []

    def read(self, i: int, side: str | None, owner: str | None) -> tuple[int, Param | None]:
        """The lines the bullet at `i` takes (0 if none) and the parameter it gives, if any."""
        match = BULLET.match(self.lines[i])
        if match is None:
            return self._definition(i, side, owner)
        indent = len(match.group("indent").replace("\t", "    "))
        while self.open and self.open[-1][0] >= indent:
            self.open.pop()
        found = _bullet_param(match.group("rest"))
        if found is None:
            if indent == 0:
                self.open = []
            return 1, None
        name, cell, required, doc = found
        param = Param(
            name,
            cell.type,
            required,
            doc,
            i + 1,
            side,
            cell.is_list,
            cell.type_name,
            self.open[-1][1] if self.open else owner,
            "bullet",
        )
        self.open.append((indent, name))
        return 1, param

    def _definition(self, i: int, side: str | None, owner: str | None) -> tuple[int, Param | None]:
        """A line that starts with a name and its type in brackets, with no bullet before it."""
        line = self.lines[i]
        if len(line) > 400:
            return 0, None
        found = _bullet_param(line.strip(), leading_only=True)
        if found is None:
            return 0, None
        name, cell, required, doc = found
        param = Param(
            name,
            cell.type,
            required,
            doc,
            i + 1,
            side,
            cell.is_list,
            cell.type_name,
            owner,
            "bullet",
        )
        return 1, param


def _group_parts(inner: str) -> tuple[CellType, bool | None] | None:
    """`(integer)`, `(string, required)`, `(optional)`: a type and a required flag."""
    cell = NOTHING
    required: bool | None = None
    for part in re.split(r"[,;/|、，]", inner):
        part = part.strip()
        if not part:
            continue
        parsed = parse_type(part)
        if not parsed.strong and fold(part) not in ONE_LETTER:
            answer = yes_no(part)
            if answer is not None:
                required = answer
                continue
        if parsed.strong or parsed.is_object or (parsed.type_name and marked(part)):
            if not cell.strong:
                cell = parsed
            continue
        return None  # prose in brackets: "(say, no more than 1000 rows)"
    return cell, required


def _bullet_param(
    rest: str, leading_only: bool = False
) -> tuple[str, CellType, bool | None, str] | None:
    """`` `siteId` - the site *(integer)* `` -> ("siteId", int, None, "the site")."""
    match = _BULLET_NAME.match(rest)
    if match is None:
        return None
    raw_name = next(g for g in match.groups() if g is not None)
    name = name_line(raw_name)
    if name is None:
        return None
    tail = rest[match.end() :].lstrip("*_ :：")
    cell = NOTHING
    required: bool | None = None
    if group := _GROUP.match(tail):  # `id` (string, required): ...
        parts = _group_parts(group.group("inner"))
        if parts is not None:
            cell, required = parts
            tail = tail[group.end() :].lstrip("*_ ")
    tail = _DASH.sub("", tail, count=1)
    if not cell.known and (code := _LEADING_CODE.match(tail)):  # `id` - *int* - ...
        parsed = parse_type(code.group("code") or code.group("em") or code.group("u") or "")
        if parsed.strong:
            cell = parsed
            tail = _DASH.sub("", tail[code.end() :], count=1)
    if leading_only and not cell.known:
        return None  # without a bullet, only a type right after the name makes a parameter
    if trailing := _TRAILING_GROUP.search(tail):  # `id` - the id *(integer)*
        parts = _group_parts(trailing.group("inner"))
        if parts is not None:
            cell = cell if cell.known else parts[0]
            required = parts[1] if required is None else required
            tail = tail[: trailing.start()]
    if not cell.known:
        return None  # a name and prose, no type: not a parameter list
    return name, cell, required, plain_text(tail).strip(" -–—:*_")
