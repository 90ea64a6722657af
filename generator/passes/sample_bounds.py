"""A warning for each type whose sample values cannot meet its facets.

Samples are bounded (see `generator.facet_samples`): a string of `length="200000000"` gets a
sample of MAX_CHARS characters anyway, so the mock answers it and `soapsmith sample` sends it.
The warning says so once per type, where the type was read; it also covers facets that no
bounded value can meet together (a pattern and a length that disagree) and a `fixed` value too
long to be a sample.
"""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..facet_samples import MAX_ITEMS, MAX_OCTETS, unmet_facets
from ..model import ComplexType, Diagnostic, Model, SimpleType
from ..regex_sample import MAX_CHARS


def sample_bounds(model: Model, settings: SpecSettings) -> Model:
    types = model.type_map()
    found: list[Diagnostic] = []
    for typedef in model.types:
        if isinstance(typedef, SimpleType):
            unmet = unmet_facets(types, typedef)
            if unmet:
                found.append(
                    Diagnostic(
                        typedef.source,
                        f"sample values of type {typedef.name.name} do not meet its facet(s) "
                        f"{', '.join(unmet)}: a sample is bounded (at most {MAX_CHARS} "
                        f"characters or digits, {MAX_OCTETS} octets, {MAX_ITEMS} list items) or "
                        "the facets disagree",
                    )
                )
        elif isinstance(typedef, ComplexType):
            for item in typedef.fields:
                if len(item.fixed) > MAX_CHARS:
                    found.append(
                        Diagnostic(
                            item.source,
                            f"the sample of {typedef.name.name}.{item.name} does not carry its "
                            f"fixed value: it is longer than {MAX_CHARS} characters",
                        )
                    )
    if not found:
        return model
    return replace(model, warnings=model.warnings + tuple(found))
