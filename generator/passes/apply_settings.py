"""Apply what spec.toml says over what the input says: the endpoint address and SOAPActions
chosen by the user."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..errors import ConfigError
from ..model import Diagnostic, Model


def apply_settings(model: Model, settings: SpecSettings) -> Model:
    names = {op.name for service in model.services for op in service.operations}
    unknown = sorted(set(settings.actions) - names)
    if unknown:
        raise ConfigError(
            f"[actions] names operation(s) the spec does not have: {', '.join(unknown)}",
            file=f"{settings.folder.name}/spec.toml",
        )
    warnings = list(model.warnings)
    services = []
    for service in model.services:
        if settings.address:
            bindings = tuple(replace(b, address=settings.address) for b in service.bindings)
            service = replace(service, bindings=bindings)
        elif model.origin == "pages" and service.operations and not service.address:
            warnings.append(
                Diagnostic(
                    service.operations[0].source,
                    "no endpoint address is shown: pass one to Client(address=...) or set "
                    "`address` in spec.toml",
                )
            )
        operations = []
        for op in service.operations:
            action = settings.actions.get(op.name, op.soap_action)
            if not action and model.origin == "pages":  # a WSDL that declares none means none
                warnings.append(
                    Diagnostic(
                        op.source,
                        f"no SOAPAction is shown for {op.name!r}: none is sent; set it under "
                        "[actions] in spec.toml if the service needs one",
                    )
                )
            operations.append(replace(op, soap_action=action))
        services.append(replace(service, operations=tuple(operations)))
    return replace(model, services=tuple(services), warnings=tuple(warnings))
