"""The generated types are dataclasses made at first use (issue 21 item 2): importing a package
defines classes without compiling their methods; the first use of a class makes it exactly what
`dataclasses.dataclass(kw_only=True)` makes, bases first, from any thread, through any door."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import threading
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
from wire import Load


@pytest.fixture
def models(load: Load) -> ModuleType:
    """The package generated and imported afresh: no class of it used yet."""
    return load("wsdl_derived_types").models  # type: ignore[no-any-return]


def settled(cls: type[Any]) -> bool:
    return "_soapsmith_dataclass" not in cls.__dict__


def test_importing_makes_no_dataclass_until_a_class_is_used(models: ModuleType) -> None:
    classes = [
        c for c in vars(models).values() if isinstance(c, type) and c.__module__ == models.__name__
    ]
    marked = [c for c in classes if not settled(c)]
    assert len(marked) >= 5 and all("__init__" in c.__dict__ for c in marked)
    assert all(c.__hash__ is None for c in marked)  # unhashable before, as after
    models.RecordRef(internal_id="7")
    assert settled(models.RecordRef) and not settled(models.Contact)


@pytest.mark.parametrize(
    "door",
    ["make", "repr", "eq", "fields", "is_dataclass", "replace", "asdict", "subclass"],
)
def test_every_first_use_makes_the_class_what_dataclass_makes(
    models: ModuleType, door: str
) -> None:
    Contact, Record = models.Contact, models.Record
    # made without __init__ (as a pickle or copy does), so that the door below is the first use
    contact = object.__new__(Contact)
    contact.__dict__.update(internal_id="1", email="a@b", company=None)
    if door == "make":
        contact = Contact(internal_id="1", email="a@b")
    elif door == "repr":
        assert repr(contact) == "Contact(internal_id='1', email='a@b', company=None)"
    elif door == "eq":
        assert contact == Contact(internal_id="1", email="a@b") and contact != object()
    elif door == "fields":
        assert [f.name for f in dataclasses.fields(Contact)] == ["internal_id", "email", "company"]
    elif door == "is_dataclass":
        assert dataclasses.is_dataclass(contact)
    elif door == "replace":
        assert dataclasses.replace(contact, email="c@d").email == "c@d"
    elif door == "asdict":
        assert dataclasses.asdict(contact)["email"] == "a@b"
    else:  # a user's subclass of a generated type, with an __init__ of its own

        class Mine(Contact):
            def __init__(self, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                self.mine = True

        mine = Mine(internal_id="1", email="a@b")
        assert mine.mine and mine.email == "a@b"
    assert settled(Contact) and settled(Record)  # the base first
    assert dataclasses.is_dataclass(Contact) and Contact.__hash__ is None
    params = inspect.signature(Contact).parameters
    assert [(p.name, p.kind) for p in params.values()] == [
        (name, inspect.Parameter.KEYWORD_ONLY) for name in ("internal_id", "email", "company")
    ]
    with pytest.raises(TypeError):
        Contact("1", "a@b")  # keyword-only, as before
    with pytest.raises(TypeError):
        hash(Contact(internal_id="1", email="a@b"))


def test_values_copy_pickle_and_compare_before_and_after(models: ModuleType) -> None:
    customer = models.Customer(internal_id="9", credit_limit=Decimal("1.50"))
    assert copy.deepcopy(customer) == customer
    assert pickle.loads(pickle.dumps(customer)) == customer
    partner = models.Partner(internal_id="9", credit_limit=Decimal("1.50"), commission=Decimal(1))
    assert customer != partner


def test_threads_making_instances_at_once_settle_each_class_once(models: ModuleType) -> None:
    gate = threading.Barrier(8)
    made: list[Any] = []
    errors: list[BaseException] = []

    def make() -> None:
        try:
            gate.wait(timeout=30)
            made.append(models.Partner(internal_id="x", commission=Decimal("0.5")))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors and len(made) == 8 and all(m == made[0] for m in made)
    assert [f.name for f in dataclasses.fields(models.Partner)][:1] == ["internal_id"]
