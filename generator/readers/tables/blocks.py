"""Parameters written over several lines: parameter blocks and labelled lines.

* parameter blocks: a name line, a type line (`nonNegativeInteger`, or `Type X.`), then
  markers ("A value is required", "Multiple values allowed") and a description in any
  order (Convio / Luminate and Blackbaud reference pages);
* labelled lines: "Input parameter name: x" followed by "Input parameter type: xsd:string";
  a side word in the label ("Input", "Output") gives the side.
"""

from __future__ import annotations

import re

from .bullets import BULLET
from .cells import FENCE, CellType, fold, name_line, parse_type, plain_text
from .headings import is_section_title
from .param import REQUEST, RESPONSE, Param
from .vocabulary import (
    NAME_STRONG,
    NAME_WEAK,
    PARAMETER_WORDS,
    REQUEST_WORDS,
    REQUIRED_HEADERS,
    RESPONSE_WORDS,
    TYPE_HEADERS,
    word_set,
    yes_no,
)


class ParamBlocks:
    """The parameter blocks of one page: `read` the one whose name line is line `i`."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._heads: dict[int, tuple[str, CellType, int] | None] = {}

    def read(self, i: int, side: str | None, owner: str | None) -> tuple[int, Param | None]:
        """The lines the block at `i` takes and its parameter, or (0, None) if none starts here."""
        head = self._block_head(i)
        if head is None:
            return 0, None
        name, cell, k = head
        required: bool | None = None
        is_list = cell.is_list
        doc = ""
        while (nxt := _next_filled(self.lines, k)) is not None:
            text = self.lines[nxt].strip()
            if text.startswith(("<", "|")) or self._block_head(nxt) is not None:
                break
            mark = _marker(text)
            if mark is not None:
                if mark[0] == "required":
                    required = mark[1]
                else:
                    is_list = True
                k = nxt
                continue
            if doc or is_section_title(text) or BULLET.match(self.lines[nxt]):
                break
            doc = plain_text(text)
            k = nxt
        param = Param(
            name,
            cell.type,
            required,
            doc,
            i + 1,
            side,
            is_list,
            cell.type_name,
            owner,
            "block",
        )
        return k - i + 1, param

    def _block_head(self, i: int) -> tuple[str, CellType, int] | None:
        """A name line followed by a type line: (name, type, index of the type line)."""
        if i not in self._heads:
            self._heads[i] = self._find_block_head(i)
        return self._heads[i]

    def _find_block_head(self, i: int) -> tuple[str, CellType, int] | None:
        name = name_line(self.lines[i])
        if name is None or self.lines[i].rstrip().endswith((":", "：")):
            return None  # "Response:" is a label, not a parameter's name
        j = _next_filled(self.lines, i)
        if j is None:
            return None
        type_line = self.lines[j].strip()
        if len(type_line) > 100 or FENCE.match(type_line) or type_line.endswith((":", "：")):
            return None
        sentence = _TYPE_SENTENCE.match(plain_text(type_line))
        if sentence:
            cell = parse_type(sentence.group("type"))
            return (name, cell, j) if cell.known else None
        if len(type_line.split()) > 3 or _marker(type_line) is not None:
            return None
        cell = parse_type(type_line)
        if cell.strong:
            return name, cell, j
        if (cell.type_name or cell.is_object) and name_line(type_line) and self._marker_follows(j):
            return name, cell, j  # a named type (`Record`), as the marker lines confirm
        return None

    def _marker_follows(self, j: int, lines: int = 2) -> bool:
        k: int | None = j
        for _ in range(lines):
            k = _next_filled(self.lines, k) if k is not None else None
            if k is None:
                return False
            if _marker(self.lines[k]) is not None:
                return True
        return False


_TYPE_SENTENCE = re.compile(
    r"^(?:data\s*type|type|typ|tipo|tipi|tip|тип|类型|型|データ型)\s*(?:is\s+)?[:：]?\s*"
    r"(?P<type>[^\s.,;:：][^,;]{0,60}?)\s*[.。]?$",
    re.I,
)
_REQUIRED_MARKERS = word_set(
    "a value is required;value is required;required;mandatory;this value is required;"
    "this field is required;this element is required;this parameter is required;"
    "is required;must be specified;must be provided;",
    "valeur obligatoire;obligatoire;requis;erforderlich;pflichtfeld;obligatorio;requerido;"
    "obrigatorio;zorunlu;zorunlu alan;bu alan zorunludur;обязательный;обязательно;"
    "обязательный параметр;必填;必须;必須",
)
_OPTIONAL_MARKERS = word_set(
    "optional;a value is optional;value is optional;not required;may be omitted;"
    "this value is optional;this field is optional;facultatif;optionnel;opcional;"
    "istege bagli;opsiyonel;необязательный;необязательно;可选;选填;任意;省略可",
)
_LIST_MARKERS = word_set(
    "multiple values allowed;multiple values are allowed;multiple values permitted;"
    "repeatable;repeating;may repeat;can repeat;may be repeated;can be repeated;zero or more;"
    "one or more;plusieurs valeurs autorisees;mehrere werte erlaubt;"
    "se permiten varios valores;permite varios valores;birden fazla deger;"
    "допускается несколько значений;允许多个值;可多值;複数指定可",
)


def _marker(text: str) -> tuple[str, bool] | None:
    """A marker line of a parameter block: ("required", bool) or ("list", True)."""
    if len(text) > 120:
        return None
    norm = fold(plain_text(text))
    if norm in _LIST_MARKERS:
        return "list", True
    if norm in _REQUIRED_MARKERS:
        return "required", True
    if norm in _OPTIONAL_MARKERS:
        return "required", False
    return None


# -- labelled lines ("Input parameter name: x") -------------------------------------------


class LabelledLines:
    """The labelled lines of one page: `read` the parameter whose name label is line `i`."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def read(self, i: int, side: str | None, owner: str | None) -> tuple[int, Param | None]:
        """The lines the labels at `i` take and their parameter, or (0, None) if none start here."""
        label = _label(self.lines[i])
        if label is None or label[1] != "name":
            return 0, None
        named_side = label[0]
        name = name_line(label[2])
        if name is None:
            return 0, None
        cell: CellType | None = None
        required: bool | None = None
        k = i
        for _ in range(4):
            nxt = _next_filled(self.lines, k)
            other = _label(self.lines[nxt]) if nxt is not None else None
            if nxt is None or other is None or other[1] == "name":
                break
            k = nxt
            named_side = named_side or other[0]
            if other[1] == "type":
                cell = parse_type(other[2])
            else:
                required = yes_no(other[2])
        if cell is None or not cell.known:
            return 0, None
        param = Param(
            name,
            cell.type,
            required,
            "",
            i + 1,
            named_side or side,
            cell.is_list,
            cell.type_name,
            owner,
            "label",
        )
        return k - i + 1, param


_LABEL = re.compile(r"^\s*(?P<label>[^\W\d][^:：=|<>]{0,40}?)\s*[:：]\s*(?P<value>\S.{0,200}?)\s*$")


def _label(line: str) -> tuple[str | None, str, str] | None:
    """`Input parameter type: xsd:string` -> (REQUEST, "type", "xsd:string")."""
    if len(line) > 300:
        return None
    match = _LABEL.match(plain_text(line))
    if match is None:
        return None
    side: str | None = None
    named_parameter = False
    rest: list[str] = []
    for token in fold(match.group("label")).split():
        if token in RESPONSE_WORDS:
            side = RESPONSE
        elif token in REQUEST_WORDS:
            side = REQUEST
        else:
            named_parameter = named_parameter or token in PARAMETER_WORDS or token in NAME_WEAK
            rest.append(token)
    if side is None and not named_parameter:
        return None  # "Name: x" alone is prose; a label names a parameter or a side
    role_text = " ".join(rest)
    if role_text in NAME_STRONG or role_text in NAME_WEAK:
        kind = "name"
    elif role_text in TYPE_HEADERS:
        kind = "type"
    elif role_text in REQUIRED_HEADERS:
        kind = "required"
    else:
        return None
    return side, kind, match.group("value")


def _next_filled(lines: list[str], i: int, blanks: int = 2) -> int | None:
    """The next non-blank line after `i`, skipping at most `blanks` blank lines."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        if j - i > blanks:
            return None
        j += 1
    return j if j < len(lines) else None
