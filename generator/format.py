"""Black with one pinned mode; the result must compile before anything is written.

Black's time grows with a module's size, and a large WSDL makes modules of megabytes.  A
module is therefore formatted one top-level definition at a time: black's output for a
module is the outputs for its top-level statements joined by two blank lines, as long as
each piece starts with a `class`, `def` or decorator line (tests/test_format.py holds this
against whole-module black).  Pieces are formatted in parallel when there is much to do,
and remembered by content hash, so that regenerating an unchanged spec costs no black run.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

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
PARALLEL_CHARS = 400_000  # below this much unformatted text, worker start-up costs more
_BATCH_CHARS = 60_000
_STARTS_DEFINITION = re.compile(r"(?:@|class |def |async def )")
_KEY_SALT = f"black {metadata.version('black')} {MODE!r}".encode()

Progress = Callable[[str], None]


def split_top_level(source: str) -> list[str]:
    """The module cut before each top-level definition (a decorator starts its definition)."""
    pieces: list[list[str]] = [[]]
    decorated = False
    for line in source.splitlines(keepends=True):
        starts = bool(_STARTS_DEFINITION.match(line))
        if starts and not decorated and any(s.strip() for s in pieces[-1]):
            pieces.append([])
        if line[:1] not in ("", " ", "\t", "\n", "\r", ")", "]", "}"):
            decorated = line.startswith("@")
        pieces[-1].append(line)
    return ["".join(p) for p in pieces if any(s.strip() for s in p)]


def _black(piece: str) -> str:
    try:
        return black.format_str(piece, mode=MODE)
    except InvalidInput as exc:  # a template bug, never the user's input
        raise AssertionError(f"generated code is not valid Python: {exc}") from exc


def _black_batch(pieces: list[str]) -> list[str]:
    return [_black(p) for p in pieces]


class FormatCache:
    """Formatted pieces by the hash of their unformatted text (and black's version and mode)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def default() -> FormatCache | None:
        if os.environ.get("SOAPSMITH_NO_CACHE"):
            return None
        configured = os.environ.get("SOAPSMITH_CACHE_DIR")
        if configured:
            return FormatCache(Path(configured))
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return FormatCache(Path(base) / "soapsmith")

    def _path(self, piece: str) -> Path:
        key = hashlib.sha256(_KEY_SALT + piece.encode("utf-8")).hexdigest()
        return self.folder / "black" / key[:2] / f"{key[2:]}.py"

    def get(self, piece: str) -> str | None:
        try:
            return self._path(piece).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, piece: str, formatted: str) -> None:
        path = self._path(piece)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(formatted)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time


class Formatter:
    def __init__(
        self,
        cache: FormatCache | None,
        workers: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.cache = cache
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
        self.progress = progress

    def reporting(self, progress: Progress | None) -> Formatter:
        """The same formatter, telling `progress` what takes time."""
        return Formatter(self.cache, self.workers, progress)

    def format_modules(self, sources: dict[str, str]) -> dict[str, str]:
        """{filename: source} to {filename: formatted source}, each compiled once."""
        split = {name: split_top_level(source) for name, source in sources.items()}
        unique = list(dict.fromkeys(p for pieces in split.values() for p in pieces))
        done: dict[str, str] = {}
        if self.cache is not None:
            for piece in unique:
                cached = self.cache.get(piece)
                if cached is not None:
                    done[piece] = cached
        todo = [p for p in unique if p not in done]
        if todo and self.progress is not None:
            size = sum(len(p) for p in todo)
            self.progress(
                f"formatting {size / 1e6:.1f} MB with black "
                f"({len(unique) - len(todo)} of {len(unique)} pieces cached)"
            )
        for piece, formatted in zip(todo, self._run(todo), strict=True):
            done[piece] = formatted
            if self.cache is not None:
                self.cache.put(piece, formatted)
        result = {}
        for name, pieces in split.items():
            text = "\n\n".join(done[p] for p in pieces)
            compile(text, name, "exec", dont_inherit=True)
            result[name] = text
        return result

    def _run(self, todo: list[str]) -> Iterable[str]:
        if self.workers < 2 or sum(len(p) for p in todo) < PARALLEL_CHARS:
            return [_black(p) for p in todo]
        batches: list[list[str]] = [[]]
        size = 0
        for piece in todo:
            if size > _BATCH_CHARS:
                batches.append([])
                size = 0
            batches[-1].append(piece)
            size += len(piece)
        # fork where there is one: spawn would re-run the caller's unguarded __main__
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
            return [f for batch in pool.map(_black_batch, batches) for f in batch]
