"""Where things are in the repository, and how tests import a committed generated package."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
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
