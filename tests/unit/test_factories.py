"""The model factories of tests/factories.py build what their defaults promise, and a model
built with them is one the passes accept."""

from __future__ import annotations

from factories import (
    NS,
    REQUIRED,
    SRC,
    complex_type,
    enum_type,
    field,
    model,
    operation,
    service,
    settings,
    simple_type,
)

from generator.model import Message, QName, SoapVersion, xs
from generator.passes import run_passes


def test_a_type_named_by_a_string_is_of_ns_and_a_builtin_is_given_as_such() -> None:
    assert field("a").type == xs("string")
    assert field("a", "T").type == QName(NS, "T")
    assert field("a", xs("int"), optionality=REQUIRED).optionality is REQUIRED
    assert (field("a").namespace, field("a", namespace="").namespace) == (NS, "")
    assert simple_type("S", facets=(("maxLength", "3"),)).base == xs("string")


def test_an_operation_is_named_after_its_request_element_and_one_way_unless_told() -> None:
    op = operation("Get")
    assert op.input == Message(QName(NS, "Get"), QName(NS, "Get"), SRC)
    assert (op.output, op.soap_action) == (None, "")
    answered = operation("Get", response="GetResponse", soap_action="urn:get")
    assert answered.output == Message(QName(NS, "GetResponse"), QName(NS, "GetResponse"), SRC)
    assert answered.soap_action == "urn:get"
    (binding,) = service(op).bindings
    assert (binding.version, binding.address) == (SoapVersion.SOAP11, "")


def test_a_model_built_with_the_factories_goes_through_every_pass() -> None:
    colour = enum_type("Colour", "red", "green")
    spec = model(
        types=(
            complex_type("GetResponse", field("colour", "Colour")),
            complex_type("Unused"),
            colour,
            complex_type("Get", field("id", xs("int"), optionality=REQUIRED)),
        ),
        services=(service(operation("Get", response="GetResponse", soap_action="urn:get")),),
    )
    passed = run_passes(spec, settings(address="https://a.example/"))
    assert [t.name.name for t in passed.types] == ["Colour", "Get", "GetResponse"]
    assert passed.services[0].address == "https://a.example/"
    assert passed.warnings == ()
