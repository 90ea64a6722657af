"""Values spelt as Python source, the way black spells them: what generated code and the
samples it holds are written with."""

from __future__ import annotations


def literal(value: str | bytes | float | tuple[str, ...]) -> str:
    """The Python literal of a value, spelt as black spells it (double quotes unless they
    need more escapes, no `+` in an exponent), so that black has nothing to change."""
    if isinstance(value, tuple):
        items = [literal(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(value, float):
        return repr(value).replace("e+", "e")
    text = repr(value)
    start = text.index(text[-1])
    prefix, quote, body = text[:start], text[-1], text[start + 1 : -1]
    raw = value if isinstance(value, str) else value.decode("latin-1")
    singles, doubles = raw.count("'"), raw.count('"')
    if quote == '"' or doubles > singles:
        return text
    if not singles and not doubles:
        return f'{prefix}"{body}"'
    # repr's single-quoted body: escape the double quotes, unescape the single ones
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            following = body[i + 1]
            out.append("'" if following == "'" else ch + following)
            i += 2
            continue
        out.append('\\"' if ch == '"' else ch)
        i += 1
    return f'{prefix}"{"".join(out)}"'
