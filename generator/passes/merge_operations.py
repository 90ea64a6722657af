"""Fold the drafts of one operation (SOAP 1.1 and 1.2 sections, several pages) into one."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..model import Diagnostic, Message, Model, Operation


def merge_operations(model: Model, settings: SpecSettings) -> Model:
    services = []
    warnings = list(model.warnings)
    for service in model.services:
        merged: dict[str, Operation] = {}
        for op in service.operations:
            have = merged.get(op.name)
            if have is None:
                merged[op.name] = op
                continue
            if have.input.element != op.input.element:
                warnings.append(
                    Diagnostic(
                        op.source,
                        f"operation {op.name!r} is shown with request element "
                        f"{op.input.element} here but {have.input.element} at {have.input.source}:"
                        " the first is kept",
                    )
                )
                continue
            merged[op.name] = replace(
                have,
                soap_action=have.soap_action or op.soap_action,
                addressing_action=have.addressing_action or op.addressing_action,
                doc=have.doc or op.doc,
                output=have.output or op.output,
                headers=_union(have.headers, op.headers),
                output_headers=_union(have.output_headers, op.output_headers),
                faults=tuple({f.name: f for f in (*have.faults, *op.faults)}.values()),
            )
        services.append(replace(service, operations=tuple(merged.values())))
    return replace(model, services=tuple(services), warnings=tuple(warnings))


def _union(a: tuple[Message, ...], b: tuple[Message, ...]) -> tuple[Message, ...]:
    seen = {m.element: m for m in a}
    for message in b:
        seen.setdefault(message.element, message)
    return tuple(seen.values())
