"""One soapsmith run at a time on an output folder.

The lock is an advisory `flock` on the folder that holds the output folder: that folder stays
put while the output folder itself is exchanged with its rebuilt sibling, and the kernel drops
the lock when its process ends, however it ends, so a killed run never leaves it stuck and no
lock file is left behind.  A second run waits for the first (an editor's hook and a terminal,
two pre-commit runs), saying so once, and gives up with an error after `WAIT_SECONDS`.
Taking the lock again in a process that holds it is a no-op, so the pipeline can hold it across
rendering and writing while `write()` still takes it for callers that use it alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no advisory locks to take
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = float(os.environ.get("SOAPSMITH_LOCK_WAIT", "600"))
POLL_SECONDS = 0.05

_held: dict[Path, tuple[int, bool]] = {}  # folder -> (descriptor, exclusive) of this process


@contextmanager
def locked(
    output: Path, *, shared: bool = False, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock of `output` (exclusive to write, shared to read) for the block; a
    writer makes the folder that holds `output` where it is not there yet."""
    folder = output.resolve().parent
    if not shared:
        folder.mkdir(parents=True, exist_ok=True)
    held = _held.get(folder)
    if held is not None and (held[1] or shared):
        yield
        return
    if held is not None:
        raise OutputError("a shared lock cannot become exclusive", file=str(output))
    if fcntl is None or not folder.is_dir():  # a reader of nothing written yet: no guard
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        _acquire(descriptor, shared, output, waiting)
        _held[folder] = (descriptor, not shared)
        try:
            yield
        finally:
            del _held[folder]
    finally:
        os.close(descriptor)  # releases the lock


def _acquire(
    descriptor: int, shared: bool, output: Path, waiting: Callable[[str], None] | None
) -> None:
    assert fcntl is not None
    kind = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + WAIT_SECONDS
    told = False
    while True:
        try:
            fcntl.flock(descriptor, kind | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not told and waiting is not None:
            waiting(f"waiting for another soapsmith run to finish writing {output.name}/")
            told = True
        if time.monotonic() > deadline:
            raise OutputError(
                f"another soapsmith run has been writing this folder for over "
                f"{WAIT_SECONDS:.0f} seconds",
                file=str(output),
                hint="wait for it to end, or stop it (a stopped run leaves nothing behind)",
            )
        time.sleep(POLL_SECONDS)
