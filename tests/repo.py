"""Where things are in the repository, and how tests import a committed generated package."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parent  # the helpers; test modules sit in folders below
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"  # one folder per golden case, beside tests/golden/test_golden.py
SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
SHARED = ROOT.parent / "shared"
SEEDS = sorted(p.name for p in SPECS.iterdir() if p.is_dir())


def load_package(name: str) -> ModuleType:
    """Import a committed generated package (generated/<name>/<name>)."""
    path = str(GENERATED / name)
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module(name)


@contextmanager
def imported(parent: Path, package: str) -> Iterator[ModuleType]:
    """A generated package imported from the folder that holds it, forgotten afterwards (so
    that the next package of the same name is imported afresh)."""
    importlib.invalidate_caches()
    sys.path.insert(0, str(parent))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(parent))
        for loaded in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[loaded]
