"""check_names: a name the generated code would write on the wire but XML cannot carry is a
SpecError naming where it was read, before any code is written."""

from __future__ import annotations

import pytest
from factories import NS, SETTINGS, complex_type, field, message, model, operation, service

from generator.errors import SpecError
from generator.model import ANY_ELEMENT, QName, Source
from generator.passes.check_names import check_names


def test_a_field_xml_cannot_name_is_an_error_naming_its_file_and_line() -> None:
    bad = complex_type("Op", field("ok"), field("a b", source=Source("t/s.wsdl", 7)))
    spec = model(types=(bad,), services=(service(operation("Op")),))
    with pytest.raises(SpecError, match="'a b' is not an XML name") as raised:
        check_names(spec, SETTINGS)
    assert (raised.value.file, raised.value.line) == ("t/s.wsdl", 7)


def test_a_message_element_xml_cannot_name_is_an_error() -> None:
    request = message(QName(NS, "1st"), "Op")
    spec = model(types=(complex_type("Op"),), services=(service(operation("Op", request)),))
    with pytest.raises(SpecError, match="'1st' is not an XML name"):
        check_names(spec, SETTINGS)


def test_text_content_and_wildcards_are_not_names_and_pass() -> None:
    holder = complex_type(
        "Op",
        field("", is_text=True),
        field(ANY_ELEMENT, wildcard="##other"),
        field("unqualified-dashed.name", namespace=""),
    )
    spec = model(types=(holder,), services=(service(operation("Op")),))
    assert check_names(spec, SETTINGS) is spec
