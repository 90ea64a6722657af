"""check_references: every type reference resolves (a failure is a reader's bug)."""

from __future__ import annotations

import pytest
from factories import SETTINGS, complex_type, field, model, operation, service

from generator.passes import run_passes


def test_passes_reject_a_dangling_reference() -> None:
    spec = model(
        types=(complex_type("A", field("x", "Missing")),),
        services=(service(operation("Op", "A", soap_action="x")),),
    )
    with pytest.raises(AssertionError, match="Missing"):
        run_passes(spec, SETTINGS)
