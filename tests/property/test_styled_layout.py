"""The renderer writes black's style itself; black only lays out wide statements (hypothesis).

`literal()` and `docstring()` give what black leaves as it is, the format stage's
pre-layout (`lay_out`, `lay_out_call`) writes what black would, and a styled module
formatted by its wide statements' shapes is byte for byte whole-module black, whatever the
lengths of the names and strings in it (black's layout changes with every length, so these
are drawn).
"""

from __future__ import annotations

import ast
import dataclasses
import math

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.format import LINE_LENGTH, MODE, Formatter
from generator.plan.expressions import docstring, fstring
from generator.python_text import literal
from generator.wide_lines import (
    fill,
    lay_out,
    lay_out_call,
    lay_out_comparison,
    wide_statements,
)

EXAMPLES = settings(max_examples=40, derandomize=True, deadline=None)
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,40}", fullmatch=True).filter(
    lambda n: n.isidentifier() and not __import__("keyword").iskeyword(n)
)
# what makes quoting and docstrings hard, mixed into any text
characters = st.one_of(
    st.sampled_from("\"'\\ \t\n#{}()x"), st.characters(exclude_categories=("Cs",))
)
texts = st.text(characters, max_size=60)


def _stable(source: str) -> bool:
    return black.format_str(source, mode=MODE) == source


@EXAMPLES
@given(st.one_of(texts, st.binary(max_size=30), st.floats(allow_nan=False, allow_infinity=False)))
def test_a_literal_is_what_black_writes_and_means_the_value(value: object) -> None:
    assert isinstance(value, (str, bytes, float))
    text = literal(value)
    assert _stable(f"x = {text}\n")
    back = ast.literal_eval(text)
    assert back == value or (
        isinstance(value, float) and math.copysign(1, back) == math.copysign(1, value)
    )


@EXAMPLES
@given(
    st.text(characters, min_size=1, max_size=300),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=120),
)
def test_a_docstring_is_what_black_writes(text: str, depth: int, pad: int) -> None:
    # a long last line, at some depth, is where black moves the closing quotes
    text = text + "\n" + "w" * pad if pad % 2 else text
    head = "".join("    " * d + f"class C{d}:\n" for d in range(depth + 1))
    source = head + "    " * (depth + 1) + docstring(text, "    " * (depth + 1)) + "\n"
    source = lay_out(source, LINE_LENGTH)  # the format stage places the closing quotes
    assert _stable(source)
    tree = ast.parse(source)
    while isinstance(tree.body[0], ast.ClassDef):
        tree = tree.body[0]  # type: ignore[assignment]
    assert len(tree.body) == 1  # the text stays inside the docstring


@EXAMPLES
@given(
    st.lists(names, min_size=0, max_size=30, unique=True),
    st.integers(min_value=0, max_value=3),
    names,
    st.sampled_from(
        ["return {}", "_out = await {}", "{}", "_value = {}", "a_rather_long_name" * 4 + " = {}"]
    ),
    st.one_of(st.just(""), texts.map(lambda tag: f"._write(_body, {literal(tag)})")),
    st.one_of(st.just(""), st.text(characters, min_size=60, max_size=120)),
)
def test_a_call_too_wide_for_its_arguments_is_laid_out_as_black_lays_it_out(
    fields: list[str], depth: int, callee: str, statement: str, rest: str, long: str
) -> None:
    args = [f"{f}={f}" for f in fields]
    if long:  # an argument too wide for a line of its own, which black cannot split
        if len(args) % 2:  # positional, so first
            args.insert(0, literal(long))
        else:
            args.append(f"{callee}_long={literal(long)}")
    if not args:
        return
    head = "".join("    " * d + f"async def f{d}():\n" for d in range(depth + 1))
    call = statement.format(callee) + f"({', '.join(args)}){rest}"
    one_line = head + "    " * (depth + 1) + call + "\n"
    laid = lay_out_call("    " * (depth + 1) + call, LINE_LENGTH)
    expected = black.format_str(one_line, mode=MODE)
    if laid is not None:  # laid out without black: as black would
        assert head + laid + "\n" == expected
    formatted = Formatter(cache=None, workers=1).format_modules({"m.py": one_line}, styled=True)
    assert formatted["m.py"] == expected


@EXAMPLES
@given(
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["if", "elif"]),
    names,
    st.text(characters, min_size=40, max_size=140),
)
def test_a_wide_comparison_is_laid_out_as_black_lays_it_out(
    depth: int, keyword: str, name: str, text: str
) -> None:
    head = "".join("    " * d + f"def f{d}(x):\n" for d in range(depth + 1))
    pad = "    " * (depth + 1)
    before = f"{pad}if x:\n{pad}    pass\n" if keyword == "elif" else ""
    line = f"{pad}{keyword} {name} == {literal(text)}:"
    source = f"{head}{before}{line}\n{pad}    pass\n"
    laid = lay_out_comparison(line, LINE_LENGTH)
    expected = black.format_str(source, mode=MODE)
    if laid is not None:
        assert f"{head}{before}{laid}\n{pad}    pass\n" == expected
    formatted = Formatter(cache=None, workers=1).format_modules({"m.py": source}, styled=True)
    assert formatted["m.py"] == expected


@st.composite
def styled_modules(draw: st.DrawFn) -> str:
    """Classes whose methods hold the statements the templates write wide."""
    out = []
    for c in range(draw(st.integers(min_value=1, max_value=3))):
        cls = draw(names)
        out.append(f"class {cls}{c}:\n    {docstring(draw(texts) or 'x', '    ')}\n")
        attributes = draw(st.integers(min_value=0, max_value=2))
        out.append("\n" if attributes else "")  # black's blank line after a class docstring
        for _ in range(attributes):
            out.append(f"    {draw(names)}: ClassVar[str] = {literal(draw(texts))}\n")
        for m in range(draw(st.integers(min_value=1, max_value=3))):
            params = draw(st.lists(names, min_size=1, max_size=8, unique=True))
            signature = ", ".join(f"{p}: {draw(names)} | None = None" for p in params)
            out.append(f"\n    def {draw(names)}{m}(self, *, {signature}) -> {draw(names)}:\n")
            for _ in range(draw(st.integers(min_value=1, max_value=6))):
                tag, attr, other = draw(texts), draw(names), draw(names)
                start, end = f"<ns0:{other}>", f"</ns0:{other}>"
                typed = f'<ns0:{other} xsi:type="xsd:{attr}">'
                statement = draw(
                    st.sampled_from(
                        [
                            f"_w({fstring(start, f'_esc(self.{attr})', end)})",
                            f"_w({fstring(typed, f'int(self.{attr})', end)})",
                            f"_w({literal(start + 'true' + end)} if self.{attr} else "
                            f"{literal(start + 'false' + end)})",
                            f"self.{attr}._write(_o, {literal(tag)})",
                            f"_sub(_el, {literal(tag)}).text = str(int(self.{attr}))",
                            f"{attr} = _soap.attr(_el, {literal(tag)}, {other}._read)",
                            f"if _t == {literal(tag)}:",
                        ]
                    )
                )
                nested = statement.endswith(":") or draw(st.booleans())
                if nested and not statement.endswith(":"):
                    out.append(f"        if self.{other} is not None:\n")
                out.append(
                    ("            " if nested and not statement.endswith(":") else "        ")
                    + statement
                    + "\n"
                )
                if statement.endswith(":"):
                    out.append(f"            {attr} = _c.text or {literal(tag)}\n")
                    if draw(st.booleans()):
                        out.append(f"        elif _t == {literal(draw(texts))}:\n")
                        out.append(f"            {other} = _soap.read_int(_c)\n")
            args = [f"{p}={p}" for p in params]
            out.append(f"        return cls({', '.join(args)})")
            out.append("\n")
        out.append("\n\n")
    # displays written one element per line, whose wide elements black lays out alone
    out.append("ROUTES = [\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        tag, other, handler = draw(texts), draw(texts), draw(names)
        if draw(st.booleans()):
            out.append(f"    _server.Route(\n        {literal(tag)},\n        {handler},\n")
            out.append(f"        ({literal(other)},),\n    ),\n")
        else:
            out.append(f"    {handler}({literal(tag)}, {literal(other)}, {draw(names)}),\n")
    out.append("]\n\n\nSAMPLES = {\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        faults = [f"{draw(names)}.of({draw(names)}(code={literal(draw(texts))}))" for _ in "ab"]
        out.append(f"    {literal(draw(texts))}: [{', '.join(faults)}],\n")
    out.append("}\n")
    return "".join(out).rstrip("\n") + "\n"


@settings(max_examples=40, derandomize=True, deadline=None)
@given(styled_modules())
def test_a_styled_module_formatted_by_shapes_is_whole_module_black(source: str) -> None:
    formatted = Formatter(cache=None, workers=1).format_modules({"m.py": source}, styled=True)
    assert formatted["m.py"] == black.format_str(source, mode=MODE)


def test_statements_of_one_shape_share_one_black_job() -> None:
    first = '_sub(_el, "{urn:example:names:extended}PhoneAreaOrCityCode").text = self.area_code_v'
    second = '_sub(_el, "{urn:other:spaces:ext_more}ShippingDetailsKinds").text = self.s_details_v'
    assert len(first) == len(second)
    head = "class A:\n    def f(self) -> None:\n        if x:\n            if y:\n"
    head += "                for z in w:\n"
    pieces = [f"{head}                    {s}\n" for s in (first, second)]
    assert len(pieces[0].split("\n")[5]) > 100
    plans = [wide_statements(p, 100) for p in pieces]
    [(span_a, a)], [(span_b, b)] = (plan.items() for plan in plans)  # type: ignore[union-attr]
    assert span_a == span_b == (5, 5)
    assert a.job == b.job and a.tokens != b.tokens and a.depth == 5
    laid_out = black.format_str(
        a.job.split("\0")[2] + "\n", mode=dataclasses.replace(MODE, line_length=80)
    )
    for piece, wide in zip(pieces, (a, b), strict=True):
        lines = black.format_str(piece, mode=MODE).rstrip("\n").split("\n")
        assert fill(laid_out.rstrip("\n"), wide) == "\n".join(lines[5:])


@pytest.mark.parametrize(
    "piece",
    [
        # a wide decorator cannot stand alone; a string the templates never write (triple
        # quotes in code) and an unbalanced bracket make the scan give up
        "@decorate(" + "x" * 100 + ")\ndef f():\n    pass\n",
        'def f():\n    x = """' + "y" * 100 + '"""\n',
        "def f():\n    x = (" + "y" * 100 + "\n",
    ],
    ids=["decorator", "triple-quoted", "unbalanced"],
)
def test_what_the_scan_cannot_isolate_goes_to_black_whole(piece: str) -> None:
    assert wide_statements(piece, 100) is None


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_every_width_around_the_line_length_is_laid_out_as_black_does(depth: int) -> None:
    """Black's choices change with a line's width near the line length: each width there, for
    a statement, a header and an element of a display, at several depths."""
    pad = "    " * depth
    head = "".join("    " * d + f"def f{d}():\n" for d in range(depth))
    for width in range(90, 130):
        name = "n" * max(1, width - len(pad) - 40)
        source = (
            head
            + f"{pad}_sub(_el, {literal('{urn:a}' + name)}).text = self.attribute_name_x\n"
            + f"{pad}_w({fstring(f'<ns0:{name}>', '_esc(self.x)', f'</ns0:{name[:8]}>')})\n"
            + f"{pad}if _t == {literal(name + 'x' * 12)}:\n{pad}    pass\n"
            + f"{pad}elif _t == {literal(name + 'y' * 10)}:\n{pad}    pass\n"
            + f"{pad}x = [\n{pad}    handler_name({literal(name)}, {literal('t' * 9)}),\n{pad}]\n"
        )
        formatted = Formatter(cache=None, workers=1).format_modules({"m.py": source}, styled=True)
        assert formatted["m.py"] == black.format_str(source, mode=MODE), width
