"""A wide class's `_read` finds a child's branch by a dict lookup of its tag (issue 21 item 4).

From plan.models.DISPATCH_FROM children on, a class maps each child's tag to its index in
`_CHILDREN` and tests the index in two short chains instead of comparing the tag with every
field's in one long chain (NetSuite's classes have up to 364 children).  The two forms must
read alike: the same service (golden case wsdl_wide_record) is generated both ways, and every
message of a fuzzed set (fields in and out of order, repeated, missing, nil, unknown elements,
comments, substitution group members, wildcard content) reads to the same values, the same
kept unknown content (written back the same) and the same refusals.  A class as wide makes
its instance without its constructor's keyword matching: the same value, fields in order.
"""

from __future__ import annotations

import dataclasses
import importlib
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from lxml import etree
from repo import GOLDEN

import generator.plan.models as plan_models
from generator.config import ProjectSettings
from generator.pipeline import generate

NS = "urn:wide"
OTHER = "urn:other"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
WIDTH = 40  # simple fields (f0..f39) of each wide class of the spec
SPEC = GOLDEN / "wsdl_wide_record" / "spec" / "Wide.wsdl"


def _package(root: Path, name: str) -> ModuleType:
    specs = root / "specs"
    (specs / name).mkdir(parents=True)
    shutil.copy(SPEC, specs / name / SPEC.name)
    project = ProjectSettings(root=root, specs=specs, output=root / "generated")
    generate(None, project, project.output)
    sys.path.insert(0, str(project.output / name))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, ModuleType]]:
    root = tmp_path_factory.mktemp("wide")
    dispatched = _package(root / "a", "wide_dispatched")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_models, "DISPATCH_FROM", 10**9)
        chained = _package(root / "b", "wide_chained")
    yield dispatched, chained
    packages = ("wide_dispatched", "wide_chained")
    for module in [m for m in sys.modules if m.split(".")[0] in packages]:
        del sys.modules[module]


def test_wide_classes_are_dispatched_and_narrow_ones_chained(
    both: tuple[ModuleType, ModuleType],
) -> None:
    dispatched, chained = both
    source = Path(dispatched.models.__file__).read_text(encoding="utf-8")
    assert "_CHILDREN" in vars(dispatched.models.Wide)
    assert "_CHILDREN" in vars(dispatched.models.Open)
    assert "_CHILDREN" not in vars(dispatched.models.Part)  # one child: a chain
    assert "_CHILDREN" not in vars(chained.models.Wide)
    # the second f3 is unreachable, as in the chain: the first of a tag wins
    children = dispatched.models.Wide._CHILDREN
    assert children[f"{{{NS}}}f3"] == 3 and len(children) == WIDTH + 3
    assert {children[f"{{{NS}}}big"], children[f"{{{NS}}}part"]} == {WIDTH, WIDTH + 1}
    assert source.count("_at = _index(_child.tag, -1)") == 3  # Wide, Wider, Open


def test_a_wide_instance_holds_its_fields_in_the_constructors_order(
    both: tuple[ModuleType, ModuleType],
) -> None:
    dispatched, _ = both
    classes = [c for c in vars(dispatched.models).values() if isinstance(c, type)]
    wide = [c for c in classes if "_CHILDREN" in vars(c)]
    assert {c.__name__ for c in wide} == {"Wide", "Open", "Wider"}
    for cls in wide:
        with dispatched._soap.Reading(False):
            value = cls._read(etree.fromstring(f'<w:x xmlns:w="{NS}"><w:f0>1</w:f0></w:x>'))
        assert list(vars(value)) == [f.name for f in dataclasses.fields(cls)]
        assert value.f0 == 1


def _child(rng: random.Random, name: str) -> str:
    index = int(name[1:]) if name[1:].isdigit() else -1
    if rng.random() < 0.1 and index % 3 == 2:
        return f'<w:{name} xsi:nil="true"/>'
    if name == "part":
        return "<w:part><w:code>p</w:code></w:part>"
    if name == "big":
        return "<w:big><w:code>b</w:code><w:weight>1.5</w:weight></w:big>"
    if name == "nested":
        return "<w:nested><w:code>n</w:code></w:nested>"
    value = [str(rng.randint(-9, 9)), f"t{rng.randint(0, 9)}", rng.choice(["true", "0"])]
    if rng.random() < 0.05:
        value[0] = "not-a-number"
    return f"<w:{name}>{value[index % 3] if index >= 0 else 'x'}</w:{name}>"


def _message(rng: random.Random, tag: str) -> etree._Element:
    names = [f"f{i}" for i in range(WIDTH)] + ["part", "big", "nested"]
    chosen = [n for n in names if rng.random() < 0.6]
    if rng.random() < 0.5:
        rng.shuffle(chosen)
    chosen += rng.sample(names, 3)  # repeated
    parts = [_child(rng, n) for n in chosen]
    for _ in range(rng.randint(0, 3)):
        parts.insert(
            rng.randint(0, len(parts)),
            rng.choice(
                ["<w:stranger>s</w:stranger>", "<o:elsewhere>e</o:elsewhere>", "<!-- note -->"]
            ),
        )
    attribute = ' id="7" extra="e"' if rng.random() < 0.3 else ""
    return etree.fromstring(
        f'<w:{tag} xmlns:w="{NS}" xmlns:o="{OTHER}" xmlns:xsi="{XSI}"{attribute}>'
        + "".join(parts)
        + f"</w:{tag}>"
    )


def _read(package: ModuleType, cls: str, element: etree._Element, strict: bool) -> Any:
    try:
        with package._soap.Reading(strict):
            value = getattr(package.models, cls)._read(element)
    except (package.UnexpectedContent, package.ParseError) as exc:
        return ("refused", f"{type(exc).__name__}: {exc}")
    # made without its constructor, the value is what the constructor makes of its fields
    remade = dataclasses.replace(value)
    assert remade == value and type(remade) is type(value)
    assert list(vars(remade)) == [k for k in vars(value) if k != "_soapsmith_unknown"]
    written: list[str] = []
    try:
        value._write(written, "w:out", f' xmlns:w="{NS}" xmlns:o="{OTHER}" xmlns:xsi="{XSI}"')
    except (TypeError, package.WriteError) as exc:  # read leniently without a required value
        written = [f"{type(exc).__name__}: {exc}"]
    return _plain(value), "".join(written)


def _plain(value: Any) -> Any:
    """A value with its classes' names left out, to compare two packages' values."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, etree._Element):
        return etree.tostring(value)
    if hasattr(value, "__dataclass_fields__") or hasattr(value, "_read"):
        fields = {k: _plain(v) for k, v in vars(value).items()}
        return type(value).__name__, fields
    if hasattr(value, "_value_"):
        return value._value_
    return value


@pytest.mark.parametrize("cls", ["Wide", "Open"])
@pytest.mark.parametrize("strict", [False, True])
def test_dispatch_reads_every_message_as_the_chain_does(
    both: tuple[ModuleType, ModuleType], cls: str, strict: bool
) -> None:
    dispatched, chained = both
    rng = random.Random(f"{cls}-{strict}")
    outcomes = set()
    for _ in range(300):
        message = _message(rng, cls.lower())
        ours = _read(dispatched, cls, message, strict)
        assert ours == _read(chained, cls, message, strict), etree.tostring(message)
        outcomes.add(ours[0] == "refused")
    assert outcomes == {False, True}  # values read, and values refused
