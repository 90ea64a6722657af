"""Property-based round trips of generated types (hypothesis).

For every operation of the seeds and of the smaller corpus services: the mock's valid sample
request and answer get random values drawn for every leaf whose type is a plain XSD builtin
(strings of any XML character, integers over the builtin's whole range, decimals, floats,
dateTimes with and without offsets, dates, times, booleans, bytes, enumeration members), and
random absence for optional fields outside choices. The generated client sends the request to
the generated server over a WSGI transport, the server's handler gets exactly the same values,
answers the random response, and the client gets exactly that back; both messages validate
against the service's schema (the emitted WSDL for pages, the ORIGINAL WSDL for WSDLs), and
each is byte for byte what lxml writes for the tree it parses to (the generated code writes
text, not a tree: this holds its escaping and namespaces to lxml's), but for an empty string:
`<a></a>`, which parses to what lxml writes `<a/>`.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from corpus_original import Original
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from repo import GENERATED, SEEDS, SHARED, SPECS, imported
from served import Recording, operation_of
from values import comparable

from generator.config import ProjectSettings
from generator.mock import handlers, wsgi_transport
from generator.model import ComplexType, Field, Model, Optionality
from generator.naming import assign
from generator.pipeline import generate, load_model

XSD = "http://www.w3.org/2001/XMLSchema"
CORPUS = SHARED / "corpus" / "wsdl"
_EMPTY = re.compile(rb"<([^\s<>/]+)([^<>]*)></\1>")  # markup only: text holds no `<`
CORPUS_MAX_BYTES = 40_000  # the smaller corpus services: a sample, to bound the suite's time

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t "),
    max_size=12,
)
_ZONES = st.none() | st.sampled_from(
    [timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
_RANGES = {
    "byte": (-(2**7), 2**7 - 1),
    "short": (-(2**15), 2**15 - 1),
    "int": (-(2**31), 2**31 - 1),
    "long": (-(2**63), 2**63 - 1),
    "integer": (-(10**30), 10**30),
    "unsignedByte": (0, 2**8 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "nonNegativeInteger": (0, 10**30),
    "positiveInteger": (1, 10**30),
    "nonPositiveInteger": (-(10**30), 0),
    "negativeInteger": (-(10**30), -1),
}
BUILTIN_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "string": _TEXT,
    "boolean": st.booleans(),
    "decimal": st.decimals(min_value=-(10**12), max_value=10**12, places=4),
    "double": st.floats(allow_nan=False),
    "float": st.floats(allow_nan=False, width=32),
    "dateTime": st.datetimes(timezones=_ZONES),
    "date": st.dates(),
    "time": st.times(),
    "base64Binary": st.binary(max_size=12),
    "hexBinary": st.binary(max_size=12),
    **{name: st.integers(low, high) for name, (low, high) in _RANGES.items()},
}


@dataclasses.dataclass
class Service:
    """A generated package with what the test needs of its model."""

    name: str
    server: ModuleType
    fields: dict[str, dict[str, Field]]  # class name -> field name -> the model's field
    wrappers: dict[str, str]  # client method -> the class whose fields are its arguments
    check: Callable[[str, str, Any], None]  # (operation, "input" | "output", body element)


def _model_fields(model: Model) -> tuple[dict[str, dict[str, Field]], dict[str, str]]:
    names = assign(model)
    fields: dict[str, dict[str, Field]] = {}
    for typedef in model.types:
        if isinstance(typedef, ComplexType):
            fields[names.types[typedef.name]] = {
                names.fields[(typedef.name, i)]: f for i, f in enumerate(typedef.fields)
            }
    wrappers = {
        names.methods[(service.name, op.name)]: names.types[op.input.type]
        for service in model.services
        for op in service.operations
        if op.input.type in names.types
    }
    return fields, wrappers


def _vary(value: Any, field: Field | None, fields: dict[str, dict[str, Field]], draw: Any) -> Any:
    """`value` with random values in every leaf of a plain builtin type, and random absence
    of optional fields that sit in no choice."""
    if isinstance(value, list):
        return [_vary(item, field, fields, draw) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        own = fields.get(type(value).__name__, {})
        changes = {}
        for item in dataclasses.fields(value):
            current = getattr(value, item.name)
            declared = own.get(item.name)
            if current is None or declared is None:
                continue
            optional = declared.optionality is not Optionality.REQUIRED and not declared.is_list
            if (
                optional
                and declared.choice is None
                and not declared.is_text
                and draw(st.booleans())
            ):
                changes[item.name] = None
            else:
                changes[item.name] = _vary(current, declared, fields, draw)
        return dataclasses.replace(value, **changes)
    if isinstance(value, enum.Enum):
        return draw(st.sampled_from(list(type(value))))
    if field is None or field.type.namespace != XSD or field.type.name not in BUILTIN_VALUES:
        return value  # a restricted type: its facets are the sample's business
    if field.fixed:
        return value
    return draw(BUILTIN_VALUES[field.type.name])


@contextmanager
def _server(parent: Path, package: str) -> Iterator[ModuleType]:
    with imported(parent, package) as module:
        if (parent / package / "server.py").is_file():
            module = importlib.import_module(f"{package}.server")
        yield module  # a types-only WSDL's package has no server


def _emitted_schema(package_dir: Path) -> Any:
    import xmlschema

    root = etree.parse(str(package_dir / "service.wsdl")).getroot()
    sources = [etree.tostring(s).decode() for s in root.iterfind(f".//{{{XSD}}}schema")]
    return xmlschema.XMLSchema(sources, allow="none", defuse="always", validation="lax")


def _seed_service(name: str) -> Iterator[Service]:
    model, settings = load_model(SPECS / name, ProjectSettings(SPECS.parent, SPECS, GENERATED))
    schema = _emitted_schema(GENERATED / name / settings.package)

    def check(operation: str, direction: str, element: Any) -> None:
        if str(element.tag) in schema.maps.elements:
            schema.validate(etree.tostring(element).decode())

    with _server(GENERATED / name, settings.package) as server:
        yield Service(name, server, *_model_fields(model), check)


def _corpus_service(name: str, scratch: Path) -> Iterator[Service]:
    specs = scratch / "specs"
    shutil.copytree(CORPUS / name, specs / name)
    project = ProjectSettings(scratch, specs, scratch / "generated", remote_imports="skip")
    generate(None, project, project.output)
    model, settings = load_model(specs / name, project)
    original = Original.load(CORPUS / name)
    with _server(project.output / name, settings.package) as server:
        yield Service(name, server, *_model_fields(model), original.validate_body)


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _corpus_names() -> list[str]:
    if not CORPUS.is_dir():
        return []
    small = [
        p.name for p in sorted(CORPUS.iterdir()) if p.is_dir() and _size(p) <= CORPUS_MAX_BYTES
    ]
    return [f"corpus:{name}" for name in small]


@pytest.fixture(scope="module", params=[f"seed:{s}" for s in SEEDS] + _corpus_names())
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    kind, name = str(request.param).split(":", 1)
    if kind == "seed":
        yield from _seed_service(name)
    else:
        yield from _corpus_service(name, tmp_path_factory.mktemp("roundtrip"))


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_values_round_trip_between_client_and_server(
    service: Service, data: st.DataObject
) -> None:
    if not hasattr(service.server, "make_wsgi_app"):
        pytest.skip("a types-only WSDL: no service")
    found = handlers(service.server)
    if not found:
        pytest.skip("no service")
    leaves: list[object] = []  # values drawn for builtin-typed fields

    def draw(strategy: st.SearchStrategy[Any]) -> Any:
        value = data.draw(strategy)
        if any(strategy is known for known in BUILTIN_VALUES.values()):
            leaves.append(value)
        return value

    for _, client_cls, mock in found:
        requests = mock.sample_requests()
        for method, sample in requests.items():
            arguments = service.fields.get(service.wrappers.get(method, ""), {})
            varied = {
                k: _vary(v, arguments.get(k), service.fields, draw) for k, v in sample.items()
            }
            sent = {k: v for k, v in varied.items() if v is not None}
            answer = _vary(getattr(mock(), method)(**sample), None, service.fields, draw)
            received: list[dict[str, Any]] = []

            def serve(
                self: Any, _answer: Any = answer, _into: Any = received, **arguments: Any
            ) -> Any:
                _into.append(arguments)
                return _answer

            echo = type("Echo", (mock,), {method: serve})
            transport = Recording(wsgi_transport(service.server.make_wsgi_app(echo())))
            with client_cls(
                "http://roundtrip.invalid/", http=httpx.Client(transport=transport)
            ) as client:
                got = getattr(client, method)(**sent)
            given_ = {k: v for k, v in received[-1].items() if v is not None}  # absent: None
            assert comparable(given_) == comparable(sent), method
            assert comparable(got) == comparable(answer), method
            operation = operation_of(service.server, method)
            request, response = transport.exchanged[-1]
            for direction, message in (("input", request), ("output", response)):
                if message.strip():
                    parsed = etree.fromstring(message)
                    service.check(operation, direction, parsed[-1][0])
                    # written as text, the message is what lxml writes for its tree
                    again = etree.tostring(parsed, xml_declaration=True, encoding="utf-8")
                    assert again == _EMPTY.sub(rb"<\1\2/>", message), method
    if service.name in SEEDS:  # every seed has leaves of builtin types: something must vary
        assert leaves, "no leaf was drawn: the model's fields were not matched to the classes"
