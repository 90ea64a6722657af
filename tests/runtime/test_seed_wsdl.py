"""The WSDL emitted for each seed loads in xmlschema and zeep and types leaves as the page does."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import zeep
from lxml import etree
from repo import GENERATED, SEEDS, SPECS
from samples import leaf_expectations, page_samples, split_envelope
from xmlschema.extras.wsdl import Wsdl11Document
from xmlschema.validators import XsdElement

SOAP12_LIMIT = "missing soap:binding element"  # xmlschema reads SOAP 1.1 bindings only


def wsdl_path(seed: str) -> Path:
    return GENERATED / seed / seed / "service.wsdl"


def load_xmlschema(seed: str) -> Wsdl11Document:
    document = Wsdl11Document(str(wsdl_path(seed)), validation="lax")
    problems = [str(e) for e in document.errors if SOAP12_LIMIT not in str(e)]
    assert problems == []
    return document


@pytest.mark.parametrize("seed", SEEDS)
def test_wsdl_loads_in_xmlschema_and_zeep(seed: str) -> None:
    document = load_xmlschema(seed)
    assert document.messages
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zeep warns about things unrelated to the document
        client = zeep.Client(str(wsdl_path(seed)))
    operations = {
        name
        for service in client.wsdl.services.values()
        for port in service.ports.values()
        for name in port.binding._operations
    }
    requests = [s for s in page_samples(next((SPECS / seed).glob("*.txt"))) if s.is_request]
    assert {etree.QName(split_envelope(r.envelope)[1]).localname for r in requests} == operations


def _descend(element: XsdElement, path: tuple[str, ...]) -> XsdElement:
    for name in path:
        content = element.type.content
        matches = [e for e in content.iter_elements() if e.name == name]
        assert matches, f"{element.name} has no child {name}"
        element = matches[0]
    return element


def _typed_leaves() -> list[tuple[str, tuple[str, ...], str, str]]:
    found: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
    for seed in SEEDS:
        for sample in page_samples(next((SPECS / seed).glob("*.txt"))):
            _, body = split_envelope(sample.envelope)
            for path, expected, kind in leaf_expectations(body):
                found[(seed, (body.tag, *path))] = (expected, kind)
    return [
        (seed, path, expected, kind) for (seed, path), (expected, kind) in sorted(found.items())
    ]


TYPED_LEAVES = _typed_leaves()


def test_the_seeds_have_89_leaves_typed_by_placeholder_or_builtin_hint() -> None:
    assert len([leaf for leaf in TYPED_LEAVES if leaf[3] != "named"]) == 89
    assert len([leaf for leaf in TYPED_LEAVES if leaf[3] == "named"]) == 2


@pytest.mark.parametrize("seed", SEEDS)
def test_every_typed_leaf_has_the_page_type_in_the_wsdl(seed: str) -> None:
    schema = load_xmlschema(seed).schema
    checked = 0
    for leaf_seed, path, expected, kind in TYPED_LEAVES:
        if leaf_seed != seed:
            continue
        element = _descend(schema.maps.elements[path[0]], path[1:])
        if kind == "enum":
            assert element.type.enumeration == expected.split("|"), path
        else:
            assert element.type.name == expected, path
        checked += 1
    if seed != "convio_sync":  # its page shows real values and a parameter table, no placeholders
        assert checked > 0


def test_parameter_table_types_reach_the_wsdl() -> None:
    schema = load_xmlschema("convio_sync").schema
    xs = "{http://www.w3.org/2001/XMLSchema}"
    ns = "{urn:soap.convio.com}"
    request = schema.maps.elements[f"{ns}EndSynchronization"]
    assert _descend(request, (f"{ns}PartitionId",)).type.name == f"{xs}nonNegativeInteger"
    assert _descend(request, (f"{ns}PartitionId",)).min_occurs == 1  # "A value is required"
    result = _descend(schema.maps.elements[f"{ns}EndSynchronizationResponse"], (f"{ns}Result",))
    for name, type_name in [
        ("Start", "dateTime"),
        ("End", "dateTime"),
        ("SyncId", "nonNegativeInteger"),
    ]:
        assert _descend(result, (f"{ns}{name}",)).type.name == f"{xs}{type_name}"
