"""The plan stage on models built in memory: each decision is made once, as data."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from factories import (
    NS,
    OPTIONAL,
    REQUIRED,
    SRC,
    complex_type,
    field,
    message,
    model,
    operation,
    service,
)

from generator.model import Fault, QName, xs
from generator.naming import RESERVED_MODULE
from generator.plan import plan_package
from generator.plan.models import DISPATCH_FROM, ELIF_LIMIT, _dispatch
from generator.plan.nodes import LIST
from generator.plan.nodes import OPTIONAL as EACH_OPTIONAL
from generator.plan.nodes import REQUIRED as EACH_REQUIRED
from generator.python_imports import IMPORTABLE, import_sections


def _lines(sections: tuple[tuple[str, ...], ...]) -> list[str]:
    return [line for section in sections for line in section]


def _one_class(*fields_: object) -> object:
    plan = plan_package(model(types=(complex_type("T", *fields_),)))  # type: ignore[arg-type]
    (cls,) = plan.models.classes
    return cls


def test_a_required_integer_is_required_in_python_and_range_checked_when_written() -> None:
    cls = _one_class(field("Count", xs("int"), optionality=REQUIRED))
    (declared,) = cls.fields  # type: ignore[attr-defined]
    assert (declared.name, declared.annotation, declared.default) == ("count", "int", "")
    assert declared.required and declared.wire == '"Count"' and declared.kind == "element"
    (write,) = cls.content  # type: ignore[attr-defined]
    assert write.each == EACH_REQUIRED and write.value == "self.count"
    (emit,) = write.emits
    assert emit.guard is not None
    assert (emit.guard.value, emit.guard.low, emit.guard.high) == (
        "self.count",
        "-2147483648",
        "2147483647",
    )
    assert cls.always  # type: ignore[attr-defined]
    assert [c.local for c in cls.checks] == ["count"]  # type: ignore[attr-defined]


def test_an_optional_string_is_none_by_default_and_written_when_given() -> None:
    cls = _one_class(field("Note", optionality=OPTIONAL))
    (declared,) = cls.fields  # type: ignore[attr-defined]
    assert (declared.annotation, declared.default, declared.required) == (
        "str | None",
        " = None",
        False,
    )
    (write,) = cls.content  # type: ignore[attr-defined]
    assert write.each == EACH_OPTIONAL and write.emits[0].guard is None
    assert not cls.always and not cls.checks  # type: ignore[attr-defined]


def test_a_list_is_written_item_by_item_and_brings_the_field_import() -> None:
    plan = plan_package(model(types=(complex_type("T", field("Item", is_list=True)),)))
    (cls,) = plan.models.classes
    (write,) = cls.content
    assert write.each == LIST and write.value == "_item_item"
    assert cls.fields[0].default == " = field(default_factory=list)"
    assert "from dataclasses import field" in _lines(plan.models.imports)


def test_a_nillable_required_element_writes_xsi_nil_for_none() -> None:
    cls = _one_class(field("When", xs("dateTime"), optionality=REQUIRED, nillable=True))
    (write,) = cls.content  # type: ignore[attr-defined]
    assert write.each == EACH_OPTIONAL
    assert "xsi:nil" in write.nil


def test_a_wide_class_reads_a_child_by_its_index_in_short_chains() -> None:
    many = [field(f"F{i}", optionality=OPTIONAL) for i in range(40)]
    assert not _one_class(*many[: DISPATCH_FROM - 1]).groups  # type: ignore[attr-defined]
    cls: Any = _one_class(*many)
    assert cls.children == tuple(f'"{{{NS}}}F{i}"' for i in range(40))
    assert [len(g.branches) for g in cls.groups] == [7, 7, 7, 7, 7, 5]  # ceil(sqrt(40))
    assert [g.test for g in cls.groups] == [f"_at < {7 * n}" for n in range(1, 7)]
    tests = [b.test for g in cls.groups for b in g.branches]
    assert tests == [f"_at == {i}" for i in range(40)]
    assert [b.local for g in cls.groups for b in g.branches] == [b.local for b in cls.branches]
    imports = plan_package(model(types=(complex_type("T", *many),))).models.imports
    assert "from typing import ClassVar" in _lines(imports)  # of _CHILDREN


def test_a_long_chain_is_read_by_index_and_otherwise_by_separate_ifs() -> None:
    many = [field(f"F{i}", optionality=OPTIONAL) for i in range(ELIF_LIMIT + 2)]
    cls: Any = _one_class(*many)
    assert cls.groups and not cls.flat
    # a branch that tests more than a tag cannot be looked up: then separate ifs
    odd = [*cls.branches[:-1], dataclasses.replace(cls.branches[-1], tag="")]
    assert _dispatch(odd) == ([], ())
    items = [field(f"F{i}", is_list=True) for i in range(ELIF_LIMIT + 2)]
    array = complex_type("T", *items, array_of=QName(NS, "Item"))  # items of any name
    (encoded,) = plan_package(model(types=(array,))).models.classes  # type: ignore[arg-type]
    assert encoded.flat and not encoded.groups  # type: ignore[attr-defined]
    assert _dispatch(list(cls.branches))[0] == list(cls.branches)
    # of two branches of one tag the first is kept, as the chain reaches only it
    twice = [*cls.branches, dataclasses.replace(cls.branches[0], local="again")]
    assert "again" not in {b.local for g in _dispatch(twice)[1] for b in g.branches}


def _service_model() -> object:
    request = complex_type("Get", field("Amount", xs("decimal"), optionality=REQUIRED))
    response = complex_type("GetResponse", field("Result", "Item", optionality=OPTIONAL))
    item = complex_type("Item", field("When", xs("date"), optionality=OPTIONAL))
    detail = complex_type("Problem", field("Why", optionality=REQUIRED))
    fault = Fault("Problem", QName(NS, "Problem"), QName(NS, "Problem"), SRC)
    op = operation("Get", response="GetResponse", faults=(fault,))
    return model(types=(request, response, item, detail), services=(service(op),))


def test_each_module_imports_what_its_plan_uses() -> None:
    plan = plan_package(_service_model())  # type: ignore[arg-type]
    assert "from decimal import Decimal" in _lines(plan.models.imports)
    assert "from datetime import date" in _lines(plan.models.imports)
    # the client names the request's decimal parameter; the item's date is the models' business
    assert plan.client.imports == (
        ("from __future__ import annotations",),
        (
            "from collections.abc import Sequence",
            "from decimal import Decimal",
            "from types import TracebackType",
            "from typing import ClassVar",
        ),
        ("import httpx",),
        ("from . import _soap",),
    )
    assert plan.client.model_names == ("Get", "GetResponse", "Item", "ProblemError")
    assert plan.server is not None
    assert "from decimal import Decimal" in _lines(plan.server.imports)
    assert "ProblemError" in plan.server.model_names  # a sample fault of the mock


def test_a_response_of_one_element_is_answered_by_wrapping_the_handlers_value() -> None:
    plan = plan_package(_service_model())  # type: ignore[arg-type]
    (client,) = plan.client.clients
    (method,) = client.methods
    assert method.returns == "Item | None"
    assert method.result == "GetResponse._read(_soap.result(_response)).result"
    assert (method.answer.kind, method.answer.cls, method.answer.attribute) == (
        "wrap",
        "GetResponse",
        "result",
    )
    assert "GetResponse" in method.serves
    assert [p.name for p in method.params] == ["amount"]


def test_the_plan_is_frozen() -> None:
    plan = plan_package(_service_model())  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.models.classes[0].name = "Other"  # type: ignore[misc]


def test_import_lines_are_laid_out_as_isort_lays_them_out() -> None:
    sections = import_sections(["etree", "httpx", "UUID", "date", "time", "_soap", "Any", "Nope"])
    assert sections == (
        ("from datetime import date, time", "from typing import Any", "from uuid import UUID"),
        ("import httpx", "from lxml import etree"),
        ("from . import _soap",),
    )


def test_a_type_may_not_take_a_name_a_module_imports() -> None:
    assert set(IMPORTABLE) <= RESERVED_MODULE
    assert "Optional" not in RESERVED_MODULE  # nothing imports it: a type may be called so


def test_a_part_named_like_the_calls_extra_headers_is_renamed() -> None:
    request = complex_type("Get", field("soap_headers", optionality=REQUIRED))
    built = model(types=(request,), services=(service(operation("Get")),))
    plan = plan_package(built)
    (client,) = plan.client.clients
    (method,) = client.methods
    (param,) = method.params
    assert param.name != "soap_headers" and param.name.startswith("soap_headers")
    assert client.extra_headers == "soap_headers"


def test_a_header_class_is_found_by_type_only_where_it_is_one_element() -> None:
    types = (
        complex_type("Get"),
        complex_type("Auth", field("User")),
        complex_type("Trace", field("Id")),
    )
    one = operation("Get", headers=(message("AuthHeader", "Auth"),))
    two = operation(
        "Put",
        request=message("Get", "Get"),
        headers=(message("TraceA", "Trace"), message("TraceB", "Trace")),
    )
    plan = plan_package(model(types=types, services=(service(one, two),)))
    (client,) = plan.client.clients
    assert [cls for cls, _ in client.header_tags] == ["Auth"]
    assert client.header_tags[0][1].endswith(':AuthHeader"')
