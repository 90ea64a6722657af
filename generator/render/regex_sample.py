"""The shortest string an XSD pattern accepts, for sample values.

XSD regular expressions are translated to Python ones by elementpath (xmlschema's own
regex engine); the translation is walked
with the standard library's regex parser, taking the first alternative and the fewest
repetitions, and the result is checked against the pattern before it is used.
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
    out = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            found = _in(arg)
            if found is None:
                return None
            out.append(found)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, sub = arg
            part = _walk(list(sub), depth + 1)
            if part is None:
                return None
            out.append(part * low)
        elif name == "SUBPATTERN":
            part = _walk(list(arg[-1]), depth + 1)
            if part is None:
                return None
            out.append(part)
        elif name == "ATOMIC_GROUP":
            part = _walk(list(arg), depth + 1)
            if part is None:
                return None
            out.append(part)
        elif name == "BRANCH":
            part = _walk(list(arg[1][0]), depth + 1)
            if part is None:
                return None
            out.append(part)
        elif name == "CATEGORY":
            out.append(_CATEGORY.get(str(arg), "a"))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            return None
    return "".join(out)


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
