"""The wide statements of a styled module, as jobs for black that many statements share.

A *styled* module is what the templates write: black's style throughout, except that
every statement stands on one line however wide.  Black only has work where a line is
wider than the line length, so each wide statement is given to black alone, dedented,
with the line length reduced by its indentation (black measures a line with its
indentation, so this is the layout it gives the statement in place).

Black's layout of a statement depends on its tokens' kinds and widths, not on what the
names and strings spell: `_w(f"<ns0:Name>{_esc(self.name)}</ns0:Name>")` and a statement with
other names and strings of the same widths are split at the same places.  So a statement
goes to black as its *shape* (each name and string's content replaced by as many `x`), and
the names and strings are put back into black's layout of the shape; a service with
thousands of wide statements has a few hundred shapes.  An `elif` header, and an element
of a call or display written one element per line, go to black inside a wrapper that
makes them a statement (black lays out such elements one by one).

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
_STRING = r"""[rbufRBUF]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
# what is not code: docstrings (the only triple-quoted strings written), strings, comments
_DOCSTRINGS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""')
_STRINGS = re.compile(rf"{_STRING}|#[^\n]*")
_ONLY_STRINGS = re.compile(_STRING)
_TOKEN = re.compile(rf"(?P<string>{_STRING})|(?P<name>\b[A-Za-z_][A-Za-z_0-9]*\b)")
_STRING_PARTS = re.compile(r"""^([rbufRBUF]{0,2})(["'])(.*)\2$""", re.S)
_HEADER = re.compile(r"(?:async +def|def|class|for|while|with|if) ")
_DEF = re.compile(r"(?:async +)?def ")
_BRACKETS = re.compile(r"[()\[\]{}]")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_AFTER = (",", "(", "[", "{")  # what ends the line before an element
# a call's or display's element alone, as black lays it out in the call or display
_WRAPPERS = {"(": ("f(\n", "\n)"), "[": ("x = [\n", "\n]"), "{": ("x = {\n", "\n}")}


@dataclass(frozen=True)
class Wide:
    """A wide statement (or element of a call or display written one per line): black's job
    for its shape, in a wrapper that makes it a statement, and the names and strings to put
    back."""

    job: str
    tokens: tuple[str, ...]
    depth: int  # black's line length is reduced by this many indentations
    text: str  # the body as written, dedented
    head: str = ""  # the wrapper around the body in the job, as black leaves it
    tail: str = ""
    inset: int = 0  # the body's indentation inside the wrapper
    indent: int = 0  # the body's indentation in the module
    laid: str = ""  # the statement as black lays it out, where that is known without black

    def plain(self) -> str:
        """The job with the body's own names and strings, for black to lay out alone."""
        lines = self.text.split("\n")
        body = "\n".join(" " * self.inset + line if line else line for line in lines)
        return f"{self.head}{body}{self.tail}"


def is_wide(line: str, limit: int) -> bool:
    return (len(line) if line.isascii() else str_width(line)) > limit


def _wide_lines(piece: str, lines: list[str], limit: int) -> list[int]:
    """The indexes of `lines` (the piece's) wider than `limit`."""
    if piece.isascii():  # a width is a length: no call per line
        return [i for i, line in enumerate(lines) if len(line) > limit]
    return [i for i, line in enumerate(lines) if is_wide(line, limit)]


def wide_statements(piece: str, limit: int) -> dict[tuple[int, int], Wide] | None:
    """{(first, last) line index: Wide} for each statement of a styled piece with a line
    wider than `limit` (or, in a statement written one element per line, for the element);
    None where the scan cannot isolate one (format the whole piece)."""
    lines = piece.split("\n")
    wide = _wide_lines(piece, lines, limit)
    if not wide:
        return {}
    laid = {i: text for i in wide if (text := _laid_out(lines[i], limit)) is not None}
    calls = _calls_only(piece, lines, wide, laid)
    if calls is not None:
        return calls
    scanned = _scan(piece)
    if scanned is None:
        return None
    spans, code, stacks = scanned
    firsts = [first for first, _ in spans]
    found: dict[tuple[int, int], Wide] = {}
    done: set[int] = set()
    for i in wide:
        first, last = spans[max(bisect.bisect_right(firsts, i) - 1, 0)] if spans else (0, -1)
        if not first <= i <= last or i in done:
            continue  # a docstring's or a comment's line (black leaves it), or done
        if (len(lines[first]) - len(lines[first].lstrip(" "))) % 4:
            return None  # not black's indentation: depth would be guessed
        element = _element(i, first, last, code, stacks)
        if element is not None:
            start, end, wrapper = element
            head, tail = wrapper
            found[(start, end)] = _wide(lines[start : end + 1], head, tail, inset=4)
            done.update(range(start, end + 1))
            continue
        if first == last and first in laid:
            found[(first, last)] = Wide("", (), 0, laid[first], laid=laid[first])
            done.add(first)
            continue
        text = "\n".join(lines[first : last + 1])
        stripped = text.lstrip(" ")
        if stripped.startswith("@"):
            return None  # a decorator is not a statement on its own
        head, tail = "", ""
        if stripped.endswith(":"):
            if stripped.startswith("elif "):
                head = "if x:\n    pass\n"  # an elif needs its if
            elif not _HEADER.match(stripped):
                return None  # else, try...: not a statement on their own
            tail = "\n    pass"
        found[(first, last)] = _wide(lines[first : last + 1], head, tail, inset=0)
        done.update(range(first, last + 1))
    return found


def _laid_out(line: str, limit: int) -> str | None:
    return lay_out_call(line, limit) or lay_out_comparison(line, limit)


def _calls_only(
    piece: str, lines: list[str], wide: list[int], laid: dict[int, str]
) -> dict[tuple[int, int], Wide] | None:
    """Where every wide line is a statement laid out without black (`laid`), their layouts,
    found without scanning the piece (most pieces of a large service: a class whose only
    wide line is the constructor call of `_read`); None otherwise.

    In a styled piece a line inside brackets follows a line that opens one or ends an
    element with a comma, so a line after any other line starts a statement, unless it is
    in a docstring."""
    found: dict[tuple[int, int], Wide] = {}
    for i in wide:
        before = i - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        if before >= 0 and lines[before].rstrip()[-1:] in ("(", "[", "{", ",", "\\"):
            return None
        if i not in laid or (len(lines[i]) - len(lines[i].lstrip(" "))) % 4:
            return None
        found[(i, i)] = Wide("", (), 0, laid[i], laid=laid[i])
    if '"""' in piece and not _docstring_lines(piece).isdisjoint(wide):
        return None
    return found


def _docstring_lines(piece: str) -> set[int]:
    """The indexes of the lines of the piece's docstrings."""
    found: set[int] = set()
    line, counted = 0, 0
    for match in _DOCSTRINGS.finditer(piece):
        line += piece.count("\n", counted, match.start())
        counted = match.start()
        found.update(range(line, line + match.group(0).count("\n") + 1))
    return found


def _wide(lines: list[str], head: str, tail: str, inset: int) -> Wide:
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    text = "\n".join(line[indent:] for line in lines)
    depth = indent // 4 - inset // 4
    tokens, shaped = shape(text)
    body = "\n".join(" " * inset + line if line else line for line in shaped.split("\n"))
    job = f"{MARK}{depth}{MARK}{head}{body}{tail}"
    return Wide(job, tokens, depth, text, head, tail, inset, indent)


def _element(
    i: int, first: int, last: int, code: list[str], stacks: list[str]
) -> tuple[int, int, tuple[str, str]] | None:
    """(first, last line, wrapper) of the innermost element around line `i` of a call or
    display written one element per line, each ending with a comma."""
    for level in range(len(stacks[i]), 0, -1):
        start = i
        while len(stacks[start]) >= level and start > first:
            if len(stacks[start]) == level and code[start - 1].rstrip()[-1:] in _AFTER:
                break
            start -= 1
        else:
            continue  # no element at this level: the statement's first line, or shallower
        end = i
        while end < last and not _ends(end, level, code, stacks):
            end += 1
        if not _ends(end, level, code, stacks) or any(
            len(stacks[j]) < level for j in range(start, end + 1)
        ):
            continue
        bracket = stacks[start][level - 1]
        if bracket == "(" and level == 1 and _DEF.match(code[first].lstrip()):
            return start, end, ("def f(\n", "\n):\n    pass")
        return start, end, _WRAPPERS[bracket]
    return None


def _ends(j: int, level: int, code: list[str], stacks: list[str]) -> bool:
    """Line `j` ends an element at `level`: back at that level after a comma."""
    after = len(stacks[j + 1]) if j + 1 < len(stacks) else 0
    return code[j].rstrip().endswith(",") and after == level


def _scan(piece: str) -> tuple[list[tuple[int, int]], list[str], list[str]] | None:
    """(first, last) line index of every statement outside docstrings, in order; each
    line's code (strings and comments removed); the brackets open where each line starts."""
    code = _STRINGS.sub("", _DOCSTRINGS.sub(_line_breaks, piece)).split("\n")
    spans: list[tuple[int, int]] = []
    stacks: list[str] = []
    stack = ""
    first = 0
    for i, line in enumerate(code):
        stacks.append(stack)
        if not line or line.isspace():
            continue
        if '"' in line or "'" in line or line.endswith("\\"):
            return None  # a string the templates do not write, or a continued line
        if not stack:
            first = i
            if _balanced(line):  # most lines: a statement of its own
                spans.append((i, i))
                continue
        for bracket in _BRACKETS.findall(line):
            if bracket in "([{":
                stack += bracket
            elif not stack or _PAIRS[stack[-1]] != bracket:
                return None
            else:
                stack = stack[:-1]
        if not stack:
            spans.append((first, i))
    stacks.append(stack)
    return None if stack else (spans, code, stacks)


def _balanced(line: str) -> bool:
    """As many closing as opening brackets of each kind, the last one closing (the order
    within a line is Python's to check: the source is compiled)."""
    if line.count("(") != line.count(")"):
        return False
    # most lines have no other brackets: `in` is cheaper than counting
    if ("[" in line or "]" in line) and line.count("[") != line.count("]"):
        return False
    if ("{" in line or "}" in line) and line.count("{") != line.count("}"):
        return False
    return line.rstrip()[-1:] not in ("(", "[", "{")


def _line_breaks(match: re.Match[str]) -> str:
    """A docstring as its line breaks; another triple-quoted string as a quote, which makes
    the scan give up."""
    text, start, end = match.string, match.start(), match.end()
    before = text[text.rfind("\n", 0, start) + 1 : start]
    if before.strip() or text[end : end + 1] not in ("", "\n"):
        return "'"
    return "\n" * match.group(0).count("\n")


def shape(text: str) -> tuple[tuple[str, ...], str]:
    """The text with every name and string's content replaced by as many `x`, and what
    was replaced; the text itself where that cannot be done."""
    if not text.isascii() or "#" in _ONLY_STRINGS.sub("", text):
        return (), text  # widths are not lengths; a comment is not put back
    tokens: list[str] = []

    def stand_in(match: re.Match[str]) -> str:
        token = match.group(0)
        if match.group("string"):
            prefix, quote, body = _STRING_PARTS.match(token).groups()  # type: ignore[union-attr]
            tokens.append(token)
            return f"{prefix}{quote}{'x' * len(body)}{quote}"
        if token in _KEEP:
            return token
        tokens.append(token)
        return "x" * len(token)

    shaped = _TOKEN.sub(stand_in, text)
    return tuple(tokens), shaped


def fill(formatted: str, wide: Wide) -> str | None:
    """Black's layout of the job, out of its wrapper, with the names and strings put back,
    at the body's indentation; None if the layout does not hold them one for one."""
    if not (formatted.startswith(wide.head) and formatted.endswith(wide.tail)):
        return None
    body = formatted[len(wide.head) : len(formatted) - len(wide.tail)]
    lines = body.split("\n")
    if any(line and not line.startswith(" " * wide.inset) for line in lines):
        return None
    body = "\n".join(line[wide.inset :] for line in lines)
    if wide.tokens:
        tokens = iter(wide.tokens)
        failed = False

        def put_back(match: re.Match[str]) -> str:
            nonlocal failed
            token = match.group(0)
            if match.group("name") and token in _KEEP:
                return token
            original = next(tokens, None)
            if original is None or len(original) != len(token):
                failed = True
                return token
            return original

        body = _TOKEN.sub(put_back, body)
        if failed or next(tokens, None) is not None:
            return None
    indent = " " * wide.indent
    return "\n".join(indent + line if line else line for line in body.split("\n"))


# -- pre-layout: what black would do, done without black ------------------------------------

_CALL_HEAD = re.compile(r"(?:return |(?:[A-Za-z_][\w.]* = )?(?:await )?)[A-Za-z_][\w.]*")
_TRAILER_AT_END = re.compile(
    r"""(?<=\))\.[A-Za-z_]\w*\((?:[^()"']|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')*\)$"""
)
_QUOTES_OR_BRACKETS = re.compile(rf"{_STRING}|[()\[\]{{}},]")
# an argument black cannot split: a string or a name, perhaps as a keyword's value
_ATOM = re.compile(rf"(?:[A-Za-z_]\w*=)?(?:{_STRING}|[A-Za-z_][\w.]*)")
_COMPARISON = re.compile(rf"( *)(if|elif) ([A-Za-z_]\w*) == ({_STRING}):")
# a line that may end a docstring too wide for its closing quotes (a character is at most
# two columns wide: a shorter line cannot be)
_LONG_DOCSTRING_END = re.compile(r'^[^\n]{40,}"""$', re.M)


def lay_out(piece: str, limit: int) -> str:
    """The piece with a multi-line docstring's closing quotes on a line of their own where
    the last line would be too long with them, as black puts them (the scan that finds wide
    statements leaves docstrings alone)."""
    if _LONG_DOCSTRING_END.search(piece) is None:
        return piece
    return _DOCSTRINGS.sub(lambda m: _closing_quotes(m, limit), piece)


def _closing_quotes(match: re.Match[str], limit: int) -> str:
    text = match.group(0)
    if "\n" not in text:
        return text
    start = match.string.rfind("\n", 0, match.start()) + 1
    indent = match.string[start : match.start()]
    last = text[text.rfind("\n") + 1 : -3]
    if last.endswith('" '):  # the space black puts between a quote and the closing quotes
        last = last[:-1]
    if len(last) + 3 <= limit or (indent and not indent.isspace()):
        return text
    return f"{text[:-3]}\n{indent}{text[-3:]}"


def lay_out_call(line: str, limit: int) -> str | None:
    """A wide one-line statement `callee(a, b, ...)rest` as black writes it, where that is
    certain: the arguments on one line of their own where they fit there, else one per line
    with a trailing comma (a lone argument without one), as long as no argument too wide for
    its line is one black would split further; None for any other line (black lays it out).
    Black working that out for every long call was most of formatting a large service."""
    if not is_wide(line, limit):
        return None
    indent = len(line) - len(line.lstrip(" "))
    head = _CALL_HEAD.match(line, indent)
    if head is None or line[head.end() : head.end() + 1] != "(":
        return None
    trailer = _TRAILER_AT_END.search(line, head.end())
    rest = trailer.group(0) if trailer is not None else ""
    inner = line[head.end() + 1 : len(line) - len(rest) - 1]
    if line[len(line) - len(rest) - 1] != ")" or not inner.strip():
        return None
    if is_wide(line[: head.end() + 1], limit):
        return None  # black splits elsewhere first (an assignment's value in brackets)
    if rest and not is_wide(line[: len(line) - len(rest) + rest.index("(") + 1], limit):
        return None  # black splits at the trailer's brackets first
    if is_wide(f"{' ' * indent}){rest}", limit):
        return None  # and splits them too where they do not fit after the call
    args: list[str] | None
    if _QUOTES_OR_BRACKETS.search(inner.replace(",", "")) is None:  # most: names and keywords
        args = [arg.strip() for arg in inner.split(",")]
    else:
        args = _arguments(inner)
    if args is None or not all(args):
        return None
    pad, start = " " * indent, line[: head.end()]
    if not is_wide(f"{pad}    {inner}", limit):
        return f"{start}(\n{pad}    {inner}\n{pad}){rest}"
    if any(is_wide(f"{pad}    {arg},", limit) and not _ATOM.fullmatch(arg) for arg in args):
        return None  # black would split that argument too
    if len(args) == 1:
        return f"{start}(\n{pad}    {args[0]}\n{pad}){rest}"
    body = "".join(f"\n{pad}    {arg}," for arg in args)
    return f"{start}({body}\n{pad}){rest}"


def lay_out_comparison(line: str, limit: int) -> str | None:
    """A wide `if name == "text":` (or `elif`) as black writes it: the comparison in
    brackets of its own, split at `==` where it does not fit on one line there."""
    found = _COMPARISON.fullmatch(line)
    if found is None or not is_wide(line, limit):
        return None
    pad, keyword, name, text = found.groups()
    if not is_wide(f"{pad}    {name} == {text}", limit):
        return f"{pad}{keyword} (\n{pad}    {name} == {text}\n{pad}):"
    return f"{pad}{keyword} (\n{pad}    {name}\n{pad}    == {text}\n{pad}):"


def _arguments(inner: str) -> list[str] | None:
    """The arguments of a call, split at its top-level commas; None where a bracket of
    `inner` closes the call early."""
    args: list[str] = []
    depth, start = 0, 0
    for token in _QUOTES_OR_BRACKETS.finditer(inner):
        mark = token.group(0)
        if mark in "([{":
            depth += 1
        elif mark in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif mark == "," and depth == 0:
            args.append(inner[start : token.start()].strip())
            start = token.end()
    if depth:
        return None
    return [*args, inner[start:].strip()]
