"""The `[source]` table of spec.toml: what `add` was given, and where each file came from.

```toml
[source]
given = ["http://h/S.asmx"]   # fetched again, as a whole, by `refresh`

[source.files]
"S.wsdl" = { url = "http://h/S.asmx?WSDL", fetched = "2026-12-05T12:00:00Z", sha256 = "…" }
```

The table is data about the inputs, never an input: it does not change what is generated.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_HEADER = re.compile(r"^\s*\[")
_OWN_HEADER = re.compile(r"^\s*\[\s*source\s*(?:\]|\.)")


@dataclass(frozen=True)
class Saved:
    """A file of the spec folder and where it came from."""

    name: str  # inside the spec folder, `/`-separated
    data: bytes
    url: str  # http(s) URL, or the file: URL of a local file
    fetched: str  # when, UTC, ISO 8601 to the second

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Origin:
    url: str
    fetched: str
    sha256: str


@dataclass(frozen=True)
class SourceTable:
    given: tuple[str, ...]
    files: dict[str, Origin]
    allow_hosts: tuple[str, ...] = ()  # hosts besides the given URLs' (--allow-host)


def source_table(given: list[str], saved: list[Saved], allow_hosts: list[str]) -> SourceTable:
    files = {s.name: Origin(s.url, s.fetched, s.sha256) for s in sorted(saved, key=_key)}
    return SourceTable(tuple(given), files, tuple(sorted(set(allow_hosts))))


def _key(saved: Saved) -> str:
    return saved.name


def _string(text: str) -> str:
    # a JSON string is a TOML basic string (same escapes, \\uXXXX included)
    return json.dumps(text, ensure_ascii=False)


def toml_text(table: SourceTable) -> str:
    lines = [
        "# written by `soapsmith add`; `soapsmith refresh` fetches `given` again",
        "[source]",
        f"given = [{', '.join(_string(g) for g in table.given)}]",
        *(
            [f"allow-hosts = [{', '.join(map(_string, table.allow_hosts))}]"]
            if table.allow_hosts
            else []
        ),
        "",
        "[source.files]",
    ]
    for name, origin in sorted(table.files.items()):
        lines.append(
            f"{_string(name)} = {{ url = {_string(origin.url)}, fetched = "
            f"{_string(origin.fetched)}, sha256 = {_string(origin.sha256)} }}"
        )
    return "\n".join(lines) + "\n"


def without_source(text: str) -> str:
    """spec.toml's text less its `[source]` tables (and the comment line `add` writes above),
    the rest as it was."""
    kept: list[str] = []
    inside = False
    for line in text.splitlines(keepends=True):
        if _HEADER.match(line):
            inside = bool(_OWN_HEADER.match(line))
            if inside and kept and kept[-1].startswith("# written by `soapsmith add`"):
                kept.pop()
        if not inside:
            kept.append(line)
    rest = "".join(kept).rstrip("\n")
    return rest + "\n" if rest.strip() else ""


def with_source(text: str, table: SourceTable) -> str:
    """spec.toml's text with `table` as its `[source]`, at the end."""
    rest = without_source(text)
    return (rest + "\n" if rest else "") + toml_text(table)


def read_source(raw: Any, file: str) -> SourceTable | None:
    """The table as spec.toml holds it, checked; None where there is none."""
    if raw is None:
        return None

    def wrong(what: str) -> ConfigError:
        return ConfigError(f"[source]{what}", file=file)

    if not isinstance(raw, dict):
        raise wrong(" must be a table")
    unknown = sorted(set(raw) - {"given", "files", "allow-hosts"})
    if unknown:
        raise wrong(f" has unknown key(s) {', '.join(unknown)}; known: allow-hosts, files, given")
    given = raw.get("given", [])
    if not isinstance(given, list) or not all(isinstance(g, str) and g for g in given):
        raise wrong(".given must be a list of URLs or file paths")
    hosts = raw.get("allow-hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise wrong(".allow-hosts must be a list of host names")
    files = raw.get("files", {})
    if not isinstance(files, dict):
        raise wrong(".files must be a table")
    origins: dict[str, Origin] = {}
    for name, entry in files.items():
        if not isinstance(entry, dict) or set(entry) != {"url", "fetched", "sha256"}:
            raise wrong(f".files.{name!r} must be a table of url, fetched and sha256")
        url, fetched, sha = entry["url"], entry["fetched"], entry["sha256"]
        if not all(isinstance(v, str) for v in (url, fetched, sha)):
            raise wrong(f".files.{name!r}: url, fetched and sha256 are strings")
        if not _SHA256.match(sha):
            raise wrong(f".files.{name!r}.sha256 is not 64 lower-case hex digits")
        if not _TIME.match(fetched):
            raise wrong(f".files.{name!r}.fetched is not a UTC time like 2026-12-05T12:00:00Z")
        origins[name] = Origin(url, fetched, sha)
    return SourceTable(tuple(given), origins, tuple(hosts))
