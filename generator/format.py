"""Black with one pinned mode; the result must compile before anything is written.

Black's time grows with a module's size, and a large WSDL makes modules of megabytes, so
black runs on as little as it can:

- The templates write black's style, except that every statement stands on one line
  (tests/unit/test_format.py holds the goldens' and seeds' modules byte for byte against
  whole-module black; the corpus tests hold every generated module's definitions to
  black's output).  In such a *styled* module only statements wider than the line length
  need work: those whose layout is certain (a call's arguments on lines of their own, a
  tag comparison, a docstring's closing quotes) are laid out here, the rest go to black by
  their shapes (see wide_lines.py).  A wide line the scan cannot isolate sends its whole
  definition to black.
- Any other module is formatted one top-level definition at a time: black's output for a
  module is the outputs for its top-level statements joined by two blank lines, as long
  as each piece starts with a `class`, `def` or decorator line.

Work is spread over processes when there is much of it, and remembered by content hash,
so that regenerating an unchanged spec costs no black run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import re
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from .cache import Store
from .wide_lines import MARK, Wide, fill, lay_out, wide_statements

LINE_LENGTH = 100
MODE = Mode(
    target_versions={TargetVersion.PY310},
    line_length=LINE_LENGTH,
    string_normalization=True,
    magic_trailing_comma=True,
    preview=False,
)
PARALLEL_CHARS = 60_000  # below this much work (see _cost), worker start-up costs more
_BATCH_CHARS = 30_000
_COMPILE_SHARE = 30  # a character costs compile() about a thirtieth of what it costs black
_STARTS_DEFINITION = re.compile(r"(?:@|class |def |async def )")
_KEY_SALT = f"black {metadata.version('black')} {MODE!r}".encode()
_COMPILED = f"\0compiled by Python {sys.version}\0"  # a cache key no black job has

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


def _black(piece: str, mode: Mode = MODE) -> str:
    try:
        return black.format_str(piece, mode=mode)
    except InvalidInput as exc:  # a template bug, never the user's input
        raise AssertionError(f"generated code is not valid Python: {exc}") from exc


def _black_statements(depth: int, texts: list[str]) -> list[str]:
    """Statements that stood at `depth`, each laid out as black lays it out there (at no
    indentation: `wide_lines.fill` puts it back)."""
    mode = dataclasses.replace(MODE, line_length=MODE.line_length - 4 * depth)
    # two blank lines between them are what black keeps (and puts around a `def`)
    out = _black("\n\n\n".join(texts) + "\n", mode).rstrip("\n").split("\n\n\n")
    if len(out) != len(texts):
        out = [_black(t + "\n", mode).rstrip("\n") for t in texts]
    return out


def _black_batch(jobs: list[str]) -> list[str]:
    done: dict[str, str] = {}
    by_depth: dict[int, list[str]] = {}
    for job in jobs:
        if job.startswith(MARK):
            by_depth.setdefault(int(job[1:].partition(MARK)[0]), []).append(job)
        else:
            done[job] = _black(job)
    for depth, group in by_depth.items():
        texts = [j[1:].partition(MARK)[2] for j in group]
        done.update(zip(group, _black_statements(depth, texts), strict=True))
    return [done[j] for j in jobs]


def _compile_batch(checks: list[tuple[str, str]]) -> list[str]:
    """The modules of `checks` with a definition that does not compile."""
    failed = []
    for name, piece in checks:
        try:
            compile(piece, name, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            failed.append(name)
    return failed


T = TypeVar("T")


def _batches(items: Iterable[T], cost: Callable[[T], int], share: int) -> list[list[T]]:
    """`items` in consecutive batches of about `share` cost each."""
    batches: list[list[T]] = [[]]
    size = 0
    for item in items:
        if size > share:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += cost(item)
    return [b for b in batches if b]


def _assemble(piece: str, plan: dict[tuple[int, int], Wide] | None, done: dict[str, str]) -> str:
    if plan is None:
        return done[piece]
    lines = piece.rstrip("\n").split("\n")
    for (first, last), wide in sorted(plan.items(), reverse=True):
        text = wide.laid or fill(done[wide.job], wide)
        if text is None:  # the shape's layout did not fit the statement: black it alone
            text = fill(
                _black_statements(wide.depth, [wide.plain()])[0],
                dataclasses.replace(wide, tokens=()),
            )
            assert text is not None, wide.text
        lines[first : last + 1] = [text]
    return "\n".join(lines) + "\n"


def _cost(job: str) -> int:
    # a wide statement costs black about three times a definition of the same length
    return len(job) * (3 if job.startswith(MARK) else 1)


class FormatCache:
    """Black's results by the hash of their job (and black's version and mode), and which
    sources compiled, in the cache's `black` table."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store = Store(folder)

    @staticmethod
    def default() -> FormatCache | None:
        store = Store.default()
        return None if store is None else FormatCache(store.folder)

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(_KEY_SALT + text.encode("utf-8")).hexdigest()

    def compiled(self, sources: Iterable[str]) -> set[str]:
        """The sources that compiled before (on this Python: what compiles depends on it)."""
        marks = {_COMPILED + source: source for source in sources}
        return {marks[mark] for mark in self.get_many(marks)}

    def remember_compiled(self, sources: Iterable[str]) -> None:
        self.put_many({_COMPILED + source: "" for source in sources})

    def get_many(self, jobs: Iterable[str]) -> dict[str, str]:
        """{job: formatted} for the jobs the cache holds."""
        by_key = {self._key(job): job for job in jobs}
        found = self.store.get_many("black", by_key)
        return {by_key[key]: text for key, text in found.items()}

    def put_many(self, done: dict[str, str]) -> None:
        self.store.put_many("black", {self._key(job): text for job, text in done.items()})


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

    def format_modules(self, sources: dict[str, str], *, styled: bool = False) -> dict[str, str]:
        """{filename: source} to {filename: formatted source}, each compiled once; `styled`
        sources are in black's style but for their wide statements (see the module's doc).

        A styled source is compiled as it comes, while black works on its wide statements:
        black keeps a statement's meaning, and the layouts are put back one for one."""
        split = {name: split_top_level(source) for name, source in sources.items()}
        if styled:  # what black would do to a wide line, done where it is cheap and certain
            split = {
                name: [lay_out(p, LINE_LENGTH) for p in pieces] for name, pieces in split.items()
            }
            sources = {name: "".join(pieces) for name, pieces in split.items()}
        plans: dict[str, dict[tuple[int, int], Wide] | None] = {}
        for pieces in split.values():
            for piece in pieces:
                if piece not in plans:
                    plans[piece] = wide_statements(piece, LINE_LENGTH) if styled else None
        unique = list(
            dict.fromkeys(
                job
                for piece, plan in plans.items()
                for job in ([piece] if plan is None else [w.job for w in plan.values() if w.job])
            )
        )
        done = self.cache.get_many(unique) if self.cache is not None else {}
        todo = [p for p in unique if p not in done]
        if todo and self.progress is not None:
            size = sum(len(p) for p in todo)
            self.progress(
                f"formatting {size / 1e6:.1f} MB with black "
                f"({len(unique) - len(todo)} of {len(unique)} pieces cached)"
            )

        known = (
            self.cache.compiled(sources.values()) if self.cache is not None and styled else set()
        )
        # a styled source is compiled definition by definition, beside black's jobs
        checks = [
            (name, piece)
            for name, source in sources.items()
            if styled and source not in known
            for piece in split[name]
        ]
        formatted, failed = self._run(todo, checks)
        for name in failed:  # compiled whole, for the error's line in the module
            compile(sources[name], name, "exec", dont_inherit=True)
        if self.cache is not None:
            self.cache.remember_compiled({sources[name] for name, _ in checks})
        fresh = dict(zip(todo, formatted, strict=True))
        done.update(fresh)
        if self.cache is not None and fresh:
            self.cache.put_many(fresh)
        result = {}
        for name, pieces in split.items():
            text = "\n\n".join(_assemble(p, plans[p], done) for p in pieces)
            if not styled:
                compile(text, name, "exec", dont_inherit=True)
            result[name] = text
        return result

    def _run(self, todo: list[str], checks: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
        """Black's results for `todo`, and the modules of which a definition of `checks`
        ((module, definition) pairs, compiled meanwhile) does not compile."""
        total = sum(_cost(p) for p in todo) + sum(len(p) for _, p in checks) // _COMPILE_SHARE
        if self.workers < 2 or total < PARALLEL_CHARS:
            return _black_batch(todo), _compile_batch(checks)
        # jobs of one depth together make one black call; a few batches a worker balance
        # the load without a pickle per job
        order = sorted(range(len(todo)), key=lambda i: todo[i])
        share = max(_BATCH_CHARS, total // (4 * self.workers))
        batches = _batches(order, lambda i: _cost(todo[i]), share)
        compiles = _batches(checks, lambda c: len(c[1]) // _COMPILE_SHARE, share)
        # fork where there is one: spawn would re-run the caller's unguarded __main__
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
            compiled = pool.map(_compile_batch, compiles)
            results = pool.map(_black_batch, [[todo[i] for i in batch] for batch in batches])
            done = dict(zip(order, (f for batch in results for f in batch), strict=True))
            failed = list(dict.fromkeys(name for names in compiled for name in names))
            return [done[i] for i in range(len(todo))], failed
