from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from wire import Load, loading


@pytest.fixture
def load(tmp_path: Path) -> Iterator[Load]:
    """Generate a golden case from its spec into tmp_path and import its package."""
    yield from loading(tmp_path)
