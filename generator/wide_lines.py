"""The wide statements of a styled module, as jobs for black that many statements share.

A *styled* module is what the templates write: black's style throughout, except that
every statement stands on one line however wide.  Black only has work where a line is
wider than the line length, so each wide statement is given to black alone, dedented,
with the line length reduced by its indentation (black measures a line with its
indentation, so this is the layout it gives the statement in place).

Black's layout of a statement depends on its tokens' kinds and widths, not on what the
names and strings spell: `_sub(_el, "{urn:a}Name").text = self.name` and a statement with
other names and strings of the same widths are split at the same places.  So a statement
goes to black as its *shape* (each name and string's content replaced by as many `x`), and
the names and strings are put back into black's layout of the shape; a service with
thousands of wide statements has a few hundred shapes.

Lines are followed with a small scanner rather than a parser, which is enough because
the templates write every string through `literal()` or `docstring()`; where the scan does
not add up, the caller formats the whole definition instead.
"""

from __future__ import annotations

import bisect
import keyword
import re
from dataclasses import dataclass

from black.strings import str_width

MARK = "\0"  # starts a statement job: never in generated source
_KEEP = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)
_STRING = r"""[rbuRBU]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
# what is not code: docstrings (the only triple-quoted strings written), strings, comments
_DOCSTRINGS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""')
_STRINGS = re.compile(rf"{_STRING}|#[^\n]*")
_TOKEN = re.compile(rf"(?P<string>{_STRING})|(?P<name>\b[A-Za-z_][A-Za-z_0-9]*\b)|#")
_STRING_PARTS = re.compile(r"""^([rbuRBU]{0,2})(["'])(.*)\2$""", re.S)
_HEADER = re.compile(r"(?:async +def|def|class|for|while|with|if) ")
_WITHOUT_OPENERS = str.maketrans("", "", "([{")
_WITHOUT_CLOSERS = str.maketrans("", "", ")]}")


@dataclass(frozen=True)
class Wide:
    """A wide statement: black's job for its shape, and the names and strings to put back."""

    job: str
    tokens: tuple[str, ...]
    depth: int
    text: str  # the statement itself, dedented


def is_wide(line: str, limit: int) -> bool:
    return (len(line) if line.isascii() else str_width(line)) > limit


def wide_statements(piece: str, limit: int) -> dict[tuple[int, int], Wide] | None:
    """{(first, last) line index: Wide} for each statement of a styled piece with a line
    wider than `limit`; None where the scan cannot isolate one (format the whole piece)."""
    lines = piece.split("\n")
    wide = [i for i, line in enumerate(lines) if is_wide(line, limit)]
    if not wide:
        return {}
    spans = _statement_spans(piece)
    if spans is None:
        return None
    firsts = [first for first, _ in spans]
    found: dict[tuple[int, int], Wide] = {}
    for i in wide:
        first, last = spans[max(bisect.bisect_right(firsts, i) - 1, 0)] if spans else (0, -1)
        if not first <= i <= last:
            continue  # a docstring's or a comment's line: black leaves it as it is
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        if indent % 4:
            return None
        text = "\n".join(line[indent:] for line in lines[first : last + 1])
        if text.startswith("@"):
            return None  # a decorator is not a statement on its own
        if text.endswith(":"):
            if not _HEADER.match(text):
                return None  # elif, else, try...: not a statement on their own
            text += "\n    pass"
        found[(first, last)] = shape(text, indent // 4)
    return found


def _statement_spans(piece: str) -> list[tuple[int, int]] | None:
    """(first, last) line index of every statement outside docstrings, in order."""
    code = _STRINGS.sub("", _DOCSTRINGS.sub(_line_breaks, piece)).split("\n")
    spans: list[tuple[int, int]] = []
    depth = 0
    first = 0
    for i, line in enumerate(code):
        if not line or line.isspace():
            continue
        if '"' in line or "'" in line or line.endswith("\\"):
            return None  # a string the templates do not write, or a continued line
        if depth == 0:
            first = i
        depth += len(line.translate(_WITHOUT_CLOSERS)) - len(line.translate(_WITHOUT_OPENERS))
        if depth < 0:
            return None
        if depth == 0:
            spans.append((first, i))
    return None if depth else spans


def _line_breaks(match: re.Match[str]) -> str:
    """A docstring as its line breaks; another triple-quoted string as a quote, which makes
    the scan give up."""
    text, start, end = match.string, match.start(), match.end()
    alone = (
        text[text.rfind("\n", 0, start) + 1 : start].isspace()
        or start == 0
        or (text[start - 1] == "\n")
    )
    if not alone or text[end : end + 1] not in ("", "\n"):
        return "'"
    return "\n" * match.group(0).count("\n")


def shape(text: str, depth: int) -> Wide:
    """The statement with every name and string's content replaced by as many `x`."""
    tokens: list[str] = []
    if not text.isascii():
        return Wide(f"{MARK}{depth}{MARK}{text}", (), depth, text)  # widths are not lengths

    def stand_in(match: re.Match[str]) -> str:
        token = match.group(0)
        if match.group("string"):
            prefix, quote, body = _STRING_PARTS.match(token).groups()  # type: ignore[union-attr]
            tokens.append(token)
            return f"{prefix}{quote}{'x' * len(body)}{quote}"
        if match.group("name") and token not in _KEEP:
            tokens.append(token)
            return "x" * len(token)
        if token == "#":
            raise _Unshaped
        return token

    try:
        shaped = _TOKEN.sub(stand_in, text)
    except _Unshaped:
        return Wide(f"{MARK}{depth}{MARK}{text}", (), depth, text)
    return Wide(f"{MARK}{depth}{MARK}{shaped}", tuple(tokens), depth, text)


class _Unshaped(Exception):
    pass


def fill(formatted: str, wide: Wide) -> str | None:
    """Black's layout of the shape with the statement's own names and strings put back, at
    its indentation; None if the layout does not hold them one for one."""
    if wide.tokens:
        tokens = iter(wide.tokens)
        failed = False

        def put_back(match: re.Match[str]) -> str:
            nonlocal failed
            token = match.group(0)
            if match.group("name") and token in _KEEP or token == "#":
                return token
            original = next(tokens, None)
            if original is None or len(original) != len(token):
                failed = True
                return token
            return original

        formatted = _TOKEN.sub(put_back, formatted)
        if failed or next(tokens, None) is not None:
            return None
    if wide.job.endswith("\n    pass"):
        if not formatted.endswith("\n    pass"):
            return None
        formatted = formatted.removesuffix("\n    pass")
    indent = "    " * wide.depth
    return "\n".join(indent + line if line else line for line in formatted.split("\n"))
