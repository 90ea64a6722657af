"""Last pass: every type reference resolves. A failure here is a bug in a reader, not bad input."""

from __future__ import annotations

from ..config import SpecSettings
from ..model import ComplexType, Model
from ..xsdtypes import is_builtin


def check_references(model: Model, settings: SpecSettings) -> Model:
    names = {t.name for t in model.types}
    refs = [r for t in model.types if isinstance(t, ComplexType) for f in t.fields for r in f.types]
    refs += [t.base for t in model.types if isinstance(t, ComplexType) and t.base is not None]
    for service in model.services:
        for op in service.operations:
            refs.append(op.input.type)
            if op.output is not None:
                refs.append(op.output.type)
            refs.extend(h.type for h in (*op.headers, *op.output_headers))
    missing = sorted({str(r) for r in refs if r not in names and not is_builtin(r)})
    if missing:
        raise AssertionError(f"unresolved type references: {missing}")
    return model
