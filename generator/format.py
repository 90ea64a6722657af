"""Black with one pinned mode, in process; the result must compile before anything is written."""

from __future__ import annotations

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

MODE = Mode(
    target_versions={TargetVersion.PY310},
    line_length=100,
    string_normalization=True,
    magic_trailing_comma=True,
    preview=False,
)


def format_python(source: str, filename: str) -> str:
    try:
        formatted = black.format_str(source, mode=MODE)
    except InvalidInput as exc:  # a template bug, never the user's input
        raise AssertionError(f"generated {filename} is not valid Python: {exc}") from exc
    compile(formatted, filename, "exec", dont_inherit=True)
    return formatted
