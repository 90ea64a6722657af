"""apply_settings: what spec.toml chooses (the address, SOAPActions) wins over the input."""

from __future__ import annotations

from factories import SETTINGS, binding, complex_type, model, operation, service, settings

from generator.model import SoapVersion
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
        origin="pages",
    )
    said = [w.message for w in apply_settings(spec, SETTINGS).warnings]
    assert any("no endpoint address is shown" in m for m in said)
    chosen = settings(address="https://new.example/svc")
    assert not any("address" in w.message for w in apply_settings(spec, chosen).warnings)
