"""The shortest string an XSD pattern accepts, for sample values.

XSD regular expressions are translated to Python ones by elementpath (xmlschema's own
regex engine); the translation is walked
with the standard library's regex parser, taking the first alternative and the fewest
repetitions, and the result is checked against the pattern before it is used.

A sample is at most MAX_CHARS characters: the walk gives up as soon as its text would be
longer, before building it, so `((a{1000}){1000}){1000}` or `a{200000000}` cost as little as
`a`; each part of the pattern is visited once.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from elementpath.regex import translate_pattern

if sys.version_info >= (3, 11):
    from re import _parser as _p  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_parse as _p

MAX_CHARS = 256  # the longest sample value, in characters
_CANDIDATES = "a0A-_ .:/@"
_CATEGORY = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
}


def regex_sample(pattern: str) -> str | None:
    """A short string matching the XSD `pattern`, or None when none is found."""
    try:
        python = translate_pattern(
            pattern, back_references=False, lazy_quantifiers=False, anchors=False
        )
        compiled = re.compile(python)
        text = _walk(list(_p.parse(python)), 0)
    except Exception:  # a pattern the translator or the walk cannot take: no sample
        return None
    if text is None or compiled.fullmatch(text) is None:
        return None
    return text


def _walk(items: list[tuple[Any, Any]], depth: int) -> str | None:
    if depth > 50:
        return None
    out: list[str] = []
    size = 0
    for op, arg in items:
        part = _item(str(op), arg, depth)
        if part is None:
            return None
        size += len(part)
        if size > MAX_CHARS:
            return None
        out.append(part)
    return "".join(out)


def _item(name: str, arg: Any, depth: int) -> str | None:
    """The text one parsed item contributes (at most MAX_CHARS), or None."""
    if name == "LITERAL":
        return chr(arg)
    if name == "NOT_LITERAL":
        return "a" if chr(arg) != "a" else "b"
    if name == "ANY":
        return "a"
    if name == "IN":
        return _in(arg)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, sub = arg
        part = _walk(list(sub), depth + 1)
        if part is None or len(part) * low > MAX_CHARS:  # checked before it is built
            return None
        return str(part * low)
    if name == "SUBPATTERN":
        return _walk(list(arg[-1]), depth + 1)
    if name == "ATOMIC_GROUP":
        return _walk(list(arg), depth + 1)
    if name == "BRANCH":
        return _walk(list(arg[1][0]), depth + 1)
    if name == "CATEGORY":
        return _CATEGORY.get(str(arg), "a")
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return ""
    return None


def _in(items: list[tuple[Any, Any]]) -> str | None:
    if items and str(items[0][0]) == "NEGATE":
        for candidate in _CANDIDATES:
            if not any(_member(candidate, op, arg) for op, arg in items[1:]):
                return candidate
        return None
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            return _CATEGORY.get(str(arg), "a")
    return None


def _member(char: str, op: Any, arg: Any) -> bool:
    name = str(op)
    if name == "LITERAL":
        return char == chr(arg)
    if name == "RANGE":
        return bool(arg[0] <= ord(char) <= arg[1])
    if name == "CATEGORY":
        return bool(re.fullmatch(_CATEGORY_REGEX.get(str(arg), r"\w"), char))
    return True


_CATEGORY_REGEX = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_NOT_WORD": r"\W",
}
