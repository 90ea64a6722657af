"""apply_settings: what spec.toml chooses (the address, SOAPActions) wins over the input."""

from __future__ import annotations

from dataclasses import replace

from factories import SETTINGS, binding, complex_type, model, operation, service, settings

from generator.model import Model, Origin, SoapVersion
from generator.passes.apply_settings import apply_settings


def test_apply_settings_sets_the_address_of_every_binding() -> None:
    bindings = (binding(address="http://old/"), binding(SoapVersion.SOAP12))
    spec = model(
        types=(complex_type("Op"),),
        services=(service(operation("Op", soap_action="x"), bindings=bindings),),
    )
    applied = apply_settings(spec, settings(address="https://new.example/svc"))
    assert [b.address for b in applied.services[0].bindings] == ["https://new.example/svc"] * 2
    assert apply_settings(spec, SETTINGS).services[0].bindings == bindings


def test_apply_settings_warns_where_pages_show_no_address() -> None:
    spec = model(
        types=(complex_type("Op"),),
        services=(service(operation("Op", soap_action="x")),),
        origin=Origin.PAGES,
    )
    said = [w.message for w in apply_settings(spec, SETTINGS).warnings]
    assert any("no endpoint address is shown" in m for m in said)
    chosen = settings(address="https://new.example/svc")
    assert not any("address" in w.message for w in apply_settings(spec, chosen).warnings)


def _pages_service(name: str = "Read") -> Model:
    bindings = (binding(name=f"{name}Soap"), binding(SoapVersion.SOAP12, name=f"{name}Soap12"))
    return model(
        types=(complex_type("Op"),),
        services=(service(operation("Op", soap_action="x"), name=name, bindings=bindings),),
        origin=Origin.PAGES,
    )


def test_apply_settings_names_and_describes_the_service_the_pages_make() -> None:
    chosen = settings(service="Chosen", description="What it does.")
    applied = apply_settings(_pages_service(), chosen).services[0]
    assert applied.name == "Chosen"
    assert [b.name for b in applied.bindings] == ["ChosenSoap", "ChosenSoap12"]
    assert applied.doc == "What it does."


def test_apply_settings_keeps_what_the_pages_show_without_settings() -> None:
    kept = apply_settings(_pages_service(), SETTINGS).services[0]
    assert (kept.name, kept.doc) == ("Read", "")
    assert [b.name for b in kept.bindings] == ["ReadSoap", "ReadSoap12"]


def test_apply_settings_renames_only_bindings_named_after_the_service() -> None:
    spec = model(
        types=(complex_type("Op"),),
        services=(service(operation("Op"), name="Read", bindings=(binding(name="Port"),)),),
    )
    applied = apply_settings(spec, settings(service="Chosen")).services[0]
    assert [b.name for b in applied.bindings] == ["Port"]


def test_apply_settings_leaves_a_wsdl_its_own_service_names_and_says_so() -> None:
    spec = replace(_pages_service(), origin=Origin.WSDL)
    applied = apply_settings(spec, settings(service="Chosen", description="What it does."))
    assert applied.services == spec.services
    assert [w.message for w in applied.warnings] == [
        "`service` is not used: a WSDL names its services itself"
    ]
    assert applied.warnings[0].source.file == "t/spec.toml"
