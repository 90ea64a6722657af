"""Apply what spec.toml says over what the input says: the service's name and description, the
endpoint address and SOAPActions chosen by the user.

It runs before any pass that uses names: a service's name is its client's class name and the
stem of its bindings' names."""

from __future__ import annotations

from dataclasses import replace

from ..config import SpecSettings
from ..errors import ConfigError
from ..model import Diagnostic, Model, Origin, Service, Source


def apply_settings(model: Model, settings: SpecSettings) -> Model:
    names = {op.name for service in model.services for op in service.operations}
    unknown = sorted(set(settings.actions) - names)
    if unknown:
        raise ConfigError(
            f"[actions] names operation(s) the spec does not have: {', '.join(unknown)}",
            file=_spec_toml(settings),
        )
    warnings = list(model.warnings)
    services = []
    for service in model.services:
        service = _addressed(_named(service, model, settings), model, settings, warnings)
        services.append(_with_actions(service, model, settings, warnings))
    if settings.service and model.origin == Origin.WSDL:
        warnings.append(
            Diagnostic(
                Source(_spec_toml(settings)),
                "`service` is not used: a WSDL names its services itself",
            )
        )
    return replace(model, services=tuple(services), warnings=tuple(warnings))


def _spec_toml(settings: SpecSettings) -> str:
    return f"{settings.folder.name}/spec.toml"


def _named(service: Service, model: Model, settings: SpecSettings) -> Service:
    """Pages make one service and show neither a good name for it nor a description: the
    ones spec.toml gives win.  A WSDL names its services (it may have several) and its
    description is the distribution's summary only, so its services keep what it says."""
    if model.origin != Origin.PAGES:
        return service
    if settings.service:
        service = _renamed(service, settings.service)
    return replace(service, doc=settings.description or service.doc)


def _renamed(service: Service, name: str) -> Service:
    """The service called `name`; a binding named after it (`<Service>Soap12`) follows."""
    bindings = tuple(
        (
            replace(b, name=name + b.name[len(service.name) :])
            if b.name.startswith(service.name)
            else b
        )
        for b in service.bindings
    )
    return replace(service, name=name, bindings=bindings)


def _addressed(
    service: Service, model: Model, settings: SpecSettings, warnings: list[Diagnostic]
) -> Service:
    if settings.address:
        bindings = tuple(replace(b, address=settings.address) for b in service.bindings)
        return replace(service, bindings=bindings)
    if model.origin == Origin.PAGES and service.operations and not service.address:
        warnings.append(
            Diagnostic(
                service.operations[0].source,
                "no endpoint address is shown: pass one to Client(address=...) or set "
                "`address` in spec.toml",
            )
        )
    return service


def _with_actions(
    service: Service, model: Model, settings: SpecSettings, warnings: list[Diagnostic]
) -> Service:
    operations = []
    for op in service.operations:
        action = settings.actions.get(op.name, op.soap_action)
        if not action and model.origin == Origin.PAGES:  # a WSDL that declares none means none
            warnings.append(
                Diagnostic(
                    op.source,
                    f"no SOAPAction is shown for {op.name!r}: none is sent; set it under "
                    "[actions] in spec.toml if the service needs one",
                )
            )
        operations.append(replace(op, soap_action=action))
    return replace(service, operations=tuple(operations))
