"""merge_operations: the drafts of one operation (SOAP 1.1 and 1.2 sections, several pages)
become one."""

from __future__ import annotations

from factories import SETTINGS, binding, complex_type, model, operation, service

from generator.model import SoapVersion
from generator.passes.merge_operations import merge_operations


def test_merge_operations_keeps_the_first_action() -> None:
    drafts = (operation("Op"), operation("Op", soap_action="urn:a/Op"))
    bindings = (binding(), binding(SoapVersion.SOAP12))
    spec = model(types=(complex_type("Op"),), services=(service(*drafts, bindings=bindings),))
    merged = merge_operations(spec, SETTINGS)
    (op,) = merged.services[0].operations
    assert op.soap_action == "urn:a/Op"
