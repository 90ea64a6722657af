"""A file of a spec folder as the readers take it: its path for messages, its bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageFile:
    path: str  # relative to the spec folder, used in every message
    data: bytes
