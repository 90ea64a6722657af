"""The default bounds of a fetch: apart from limits.py so that the command line can show them
without importing httpx (a fifth of a no-change `generate`'s start)."""

from __future__ import annotations

MAX_FILES = 200
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_REDIRECTS = 5
SECONDS = 120.0
