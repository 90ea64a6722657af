"""Every name a generated module may import, with where it comes from: the one table the
plan's import lines come from (a module imports the names its plan uses, so none is unused)
and the names a schema's types may not take (so none is shadowed)."""

from __future__ import annotations

from collections.abc import Iterable

FUTURE, STANDARD, THIRD_PARTY, LOCAL = range(4)  # isort's sections, in order

# name -> (module, section)
IMPORTABLE: dict[str, tuple[str, int]] = {
    "annotations": ("__future__", FUTURE),
    "Callable": ("collections.abc", STANDARD),
    "Iterator": ("collections.abc", STANDARD),
    "Sequence": ("collections.abc", STANDARD),
    "dataclass": ("dataclasses", STANDARD),
    "field": ("dataclasses", STANDARD),
    "date": ("datetime", STANDARD),
    "datetime": ("datetime", STANDARD),
    "time": ("datetime", STANDARD),
    "Decimal": ("decimal", STANDARD),
    "Enum": ("enum", STANDARD),
    "resources": ("importlib", STANDARD),
    "TracebackType": ("types", STANDARD),
    "Any": ("typing", STANDARD),
    "ClassVar": ("typing", STANDARD),
    "UUID": ("uuid", STANDARD),
    "httpx": ("httpx", THIRD_PARTY),
    "etree": ("lxml", THIRD_PARTY),
    "_server": (".", LOCAL),
    "_soap": (".", LOCAL),
    "_stream": (".", LOCAL),
}
WHOLE = frozenset({"httpx"})  # imported as modules: `import httpx`


def import_sections(names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """The import lines binding those of `names` that are importable, in isort's layout:
    sections in order, in each the whole-module imports first, then one `from` line per
    module, modules and names sorted."""
    sections: dict[int, dict[str, set[str]]] = {}
    for name in names:
        if name in IMPORTABLE:
            module, section = IMPORTABLE[name]
            sections.setdefault(section, {}).setdefault(module, set()).add(name)
    found = []
    for section in sorted(sections):
        modules = sections[section]
        whole = [f"import {m}" for m in sorted(modules) if modules[m] & WHOLE]
        parts = [
            f"from {m} import {', '.join(sorted(modules[m] - WHOLE))}"
            for m in sorted(modules)
            if modules[m] - WHOLE
        ]
        found.append(tuple(whole + parts))
    return tuple(found)
