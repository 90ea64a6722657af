"""soapsmith's cache: one SQLite file of tables keyed by content hashes.

Everything in it can be made again, so a cache that cannot be read or written costs time and
never changes a result.  It lives in `~/.cache/soapsmith` (`XDG_CACHE_HOME` is honoured,
`SOAPSMITH_CACHE_DIR` moves it, `SOAPSMITH_NO_CACHE` turns it off).  One file, not a file per
entry: thousands of lookups cost one open and one query.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

# black's results by job (format.py); build stamps by the key of a build's inputs (stamps.py)
TABLES = ("black", "stamps")
_CHUNK = 500  # keys per query, under SQLite's limit on parameters


class Store:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def default() -> Store | None:
        if os.environ.get("SOAPSMITH_NO_CACHE"):
            return None
        configured = os.environ.get("SOAPSMITH_CACHE_DIR")
        if configured:
            return Store(Path(configured))
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Store(Path(base) / "soapsmith")

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.folder / "cache.sqlite3", timeout=30)
        for table in TABLES:
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value TEXT)")
        return db

    def get_many(self, table: str, keys: Iterable[str]) -> dict[str, str]:
        """{key: value} for the keys the table holds."""
        assert table in TABLES
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        try:
            with contextlib.closing(self._connect()) as db:
                for at in range(0, len(wanted), _CHUNK):
                    chunk = wanted[at : at + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, value FROM {table} WHERE key IN ({marks})"
                    found.update(db.execute(query, chunk))
        except (OSError, sqlite3.Error):
            return {}
        return found

    def put_many(self, table: str, rows: dict[str, str]) -> None:
        assert table in TABLES
        try:
            with contextlib.closing(self._connect()) as db, db:
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows.items())
        except (OSError, sqlite3.Error):
            pass
