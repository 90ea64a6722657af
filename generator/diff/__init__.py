"""`soapsmith diff`: what a new version of a service changes on the wire, rated both ways."""

from __future__ import annotations

from .changes import Change, Kind, Rating, Side
from .compare import compare

__all__ = ["Change", "Kind", "Rating", "Side", "compare"]
