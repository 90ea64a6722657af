"""Model-to-model passes, one transformation each.  The order is written down here only."""

from __future__ import annotations

from collections.abc import Callable

from ..config import SpecSettings
from ..model import Model
from .apply_settings import apply_settings
from .check_names import check_names
from .check_references import check_references
from .copy_element_classes import copy_element_classes
from .merge_operations import merge_operations
from .prune_types import prune_types
from .required_cycles import required_cycles
from .sample_bounds import sample_bounds
from .sample_size import sample_size
from .settle_bases import settle_bases
from .settle_substitution_groups import settle_substitution_groups
from .unite_shapes import unite_shapes

Pass = Callable[[Model, SpecSettings], Model]

PASSES: tuple[Pass, ...] = (
    unite_shapes,  # a page's samples become types and get their names (first: they warn first)
    merge_operations,  # SOAP 1.1 / 1.2 sections and pages of one operation become one
    apply_settings,  # spec.toml's choices win over what the input shows
    settle_bases,  # a type inherits the base it claims where its fields start with the base's
    settle_substitution_groups,  # the elements that may stand for a group's head, and their classes
    copy_element_classes,  # a substitution group member's own class gets its type's content
    prune_types,  # drop unreachable types, sort the rest
    check_references,  # every reference resolves
    check_names,  # every name written on the wire is an XML name
    required_cycles,  # no type requires itself: the element closing a cycle becomes optional
    sample_bounds,  # a warning where a bounded sample cannot meet a type's facets
    sample_size,  # a warning where a smallest sample has more elements than a sample may
)


def run_passes(model: Model, settings: SpecSettings) -> Model:
    for step in PASSES:
        model = step(model, settings)
    return model
