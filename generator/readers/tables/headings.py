"""Headings: the lines that say which side, and which owner, the parameters below belong to.

A Markdown heading, a bold line or a `===` separator is a strong heading: it may name the
type the parameters below describe (`PieceDetail Object`).  A short line that reads as no
sentence is a weak heading: it may still name a side ("Response Parameters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import HTML_TAG, IDENT, fold, plain_text
from .vocabulary import EXAMPLE_WORDS, PARAMETER_WORDS, heading_side

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(?P<text>.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].{0,100}?)(\*\*|__)\s*[:：]?\s*$")
_RULE_HEADING = re.compile(r"^\s*={2,}\s*(?P<text>[^=]*?)\s*=*\s*$")
_CODE_NAME = re.compile(r"`(?P<code>[^`\s]+)`|(?<![\w.])(?P<word>[^\W\d][\w]*)")
_SENTENCE_END = (".", ",", ";", "。", "，", "!", "?", "…", "？")


@dataclass(frozen=True)
class Heading:
    text: str
    strong: bool  # Markdown, a bold line or a `===` separator: it may name an owner


def read_heading(line: str) -> Heading | None:
    """The heading a line is, if it reads as one: strong by its markup, weak by its shape."""
    if len(line) > 200:
        return None
    for pattern in (_MD_HEADING, _BOLD_LINE, _RULE_HEADING):
        match = pattern.match(line)
        if match and match.group("text").strip():
            return Heading(match.group("text"), True)
    text = line.strip().rstrip(":：")
    if (
        not text
        or len(text) > 60
        or len(text.split()) > 8
        or text.endswith(_SENTENCE_END)
        or text[0] in "-*+•<|>{}[(\"'"
        or any(c in text for c in "<>|={}:：")
    ):
        return None
    return Heading(text, False)


def is_section_title(text: str) -> bool:
    """A line that opens a new part of the page ("Response Parameters", "Example request")."""
    heading = read_heading(text)
    if heading is None:
        return False
    if heading.strong:
        return True
    norm = fold(plain_text(heading.text))
    return heading_side(heading.text) is not None and (
        len(norm.split()) <= 3 or PARAMETER_WORDS.found_in(norm) or EXAMPLE_WORDS.found_in(norm)
    )


def owner_of(heading: Heading) -> str | None:
    """A code-like name in a Markdown heading (`PieceDetail Object`): the type it describes."""
    if not heading.strong or heading_side(heading.text):
        return None
    for match in _CODE_NAME.finditer(HTML_TAG.sub(" ", heading.text)):
        code, word = match.group("code"), match.group("word")
        if code and IDENT.fullmatch(code):
            return code
        if word and re.search(r"[a-z0-9][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]", word):
            return word
    return None
