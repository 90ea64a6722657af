"""A list of changes as text for a terminal, Markdown for a pull request, or JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable

from .changes import Change, Rating
from .python_api import ApiChange

_MARK = {Rating.BREAKING: "BREAKING", Rating.MAYBE: "maybe", Rating.SAFE: "safe"}
_COLOUR = {Rating.BREAKING: "red", Rating.MAYBE: "yellow", Rating.SAFE: "green"}

Style = Callable[[str, str], str]  # (text, colour) -> text, as click.style


def as_json(changes: list[Change]) -> str:
    """The documented stable shape: a list of objects, one per change."""
    return json.dumps(
        [
            {
                "operation": c.operation,
                "side": c.side.value,
                "path": c.path,
                "kind": c.kind.value,
                "old": c.old,
                "new": c.new,
                "old_client_new_server": c.old_client_new_server.value,
                "new_client_old_server": c.new_client_old_server.value,
                "message": c.message,
                "also_in": list(c.also),
            }
            for c in changes
        ],
        indent=2,
        ensure_ascii=False,
    )


def as_text(
    changes: list[Change], style: Style = lambda text, colour: text, counts: bool = True
) -> str:
    """Grouped by operation, after a line of counts unless `counts` is false."""
    if not changes:
        return "no changes on the wire\n"
    lines = [summary(changes), ""] if counts else []
    for operation, group in _by_operation(changes).items():
        lines.append(f"{operation or '(service)'}:")
        for c in group:
            worst = c.worst
            mark = style(f"{_MARK[worst]:>8}", _COLOUR[worst])
            lines.append(f"  {mark}  {c.side.value} {c.path or '-'}: {c.kind.value}{_values(c)}")
            lines.append(
                f"            old client -> new server: {c.old_client_new_server.value}; "
                f"new client -> old server: {c.new_client_old_server.value} ({c.message})"
            )
            if c.also:
                lines.append(f"            also in {_also(c.also)}")
        lines.append("")
    return "\n".join(lines)


def as_markdown(changes: list[Change]) -> str:
    if not changes:
        return "No changes on the wire.\n"
    lines = [f"**{summary(changes)}**", ""]
    lines += [
        "| operation | side | path | change | old client → new server | new client → old server "
        "| why |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in changes:
        cells = [
            c.operation or "(service)",
            c.side.value,
            f"`{c.path}`" if c.path else "",
            c.kind.value + _values(c),
            c.old_client_new_server.value,
            c.new_client_old_server.value,
            c.message,
        ]
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return "\n".join(lines) + "\n"


def _also(operations: tuple[str, ...]) -> str:
    shown = ", ".join(operations[:5])
    return shown + (f" and {len(operations) - 5} more" if len(operations) > 5 else "")


def summary(changes: list[Change]) -> str:
    counts = {r: sum(1 for c in changes if c.worst is r) for r in Rating}
    return (
        f"{len(changes)} change(s): {counts[Rating.BREAKING]} breaking, "
        f"{counts[Rating.MAYBE]} maybe breaking, {counts[Rating.SAFE]} safe"
    )


def _by_operation(changes: list[Change]) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for c in changes:
        found.setdefault(c.operation, []).append(c)
    return found


def _values(c: Change) -> str:
    if c.old and c.new:
        return f" ({_short(c.old)} -> {_short(c.new)})"
    if c.old or c.new:
        return f" ({_short(c.old or c.new)})"
    return ""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# -- the Python API view ---------------------------------------------------------------------


def api_as_json(changes: list[ApiChange]) -> str:
    """The documented stable shape: a list of objects, one per changed name."""
    return json.dumps(
        [
            {
                "name": c.name,
                "kind": c.kind.value,
                "old": c.old,
                "new": c.new,
                "rating": c.rating.value,
                "message": c.message,
            }
            for c in changes
        ],
        indent=2,
        ensure_ascii=False,
    )


def api_as_text(changes: list[ApiChange], style: Style = lambda text, colour: text) -> str:
    if not changes:
        return "no changes to the generated Python API\n"
    lines = [api_summary(changes), ""]
    for c in changes:
        mark = style(f"{_MARK[c.rating]:>8}", _COLOUR[c.rating])
        lines.append(f"  {mark}  {c.name}: {c.kind.value}{_api_values(c)}")
        lines.append(f"            {c.message}")
    return "\n".join(lines) + "\n"


def api_as_markdown(changes: list[ApiChange]) -> str:
    if not changes:
        return "No changes to the generated Python API.\n"
    lines = [f"**{api_summary(changes)}**", "", "| name | change | rating | why |"]
    lines.append("| --- | --- | --- | --- |")
    for c in changes:
        cells = [f"`{c.name}`", c.kind.value + _api_values(c), c.rating.value, c.message]
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return "\n".join(lines) + "\n"


def api_summary(changes: list[ApiChange]) -> str:
    counts = {r: sum(1 for c in changes if c.rating is r) for r in Rating}
    return (
        f"{len(changes)} Python API change(s): {counts[Rating.BREAKING]} breaking, "
        f"{counts[Rating.MAYBE]} maybe breaking, {counts[Rating.SAFE]} safe"
    )


def _api_values(c: ApiChange) -> str:
    if c.old and c.new:
        return f" ({_short(c.old)} -> {_short(c.new)})"
    return f" ({_short(c.old or c.new)})" if c.old or c.new else ""


def printed(changes: list[Change], shape: str, style: Style) -> str:
    """The wire view in a format of `soapsmith diff --format`."""
    if shape == "json":
        return as_json(changes) + "\n"
    return as_markdown(changes) if shape == "markdown" else as_text(changes, style)


def api_printed(changes: list[ApiChange], shape: str, style: Style) -> str:
    """The Python API view in a format of `soapsmith diff --format`."""
    if shape == "json":
        return api_as_json(changes) + "\n"
    return api_as_markdown(changes) if shape == "markdown" else api_as_text(changes, style)
