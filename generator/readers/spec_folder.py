"""A spec folder to a draft model: find its input files, recognise each by content, read them."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from ..config import ProjectSettings, SpecSettings
from ..errors import SpecError
from ..model import (
    Binding,
    ComplexType,
    Diagnostic,
    Model,
    Requirement,
    Service,
    SoapVersion,
    Source,
)
from ..xmlsafe import parse_bytes, usable_namespace
from .files import PageFile, spec_files
from .schema_references import Unresolved, unresolved
from .standard_schemas import standard_schema
from .wsdl_documents import WSDL, XSD, load_wsdl, schema_files
from .wsdl_reader import WsdlReader
from .wsdl_schema import build_schema, remote_imports

_WSDL_ROOT = re.compile(rb"<(?:[\w.-]+:)?definitions\b[^>]*schemas\.xmlsoap\.org/wsdl/", re.S)
_SERVICE = re.compile(rb"<(?:[\w.-]+:)?service\b")
_IMPORTED = re.compile(rb"<(?:[\w.-]+:)?import\b[^>]*\blocation=[\"']([^\"']+)[\"']")
_MAX_NOTES = 10  # references that resolve to nothing, named one by one


def read_spec(
    folder: Path,
    project: ProjectSettings,
    settings: SpecSettings,
    files: list[PageFile] | None = None,
) -> Model:
    """The model of a spec folder, from `files` where the caller has read them already (so
    that what is hashed is what was read)."""
    if files is None:
        files = spec_files(folder, project)
    wsdls = [f for f in files if _WSDL_ROOT.search(f.data[:65536])]
    if wsdls:
        return _read_wsdl(folder, files, wsdls, settings, project)
    from .page_reader import read_pages  # its import is paid for by page specs alone

    result = read_pages(files)
    versions = sorted(
        {v for found in result.versions.values() for v in found},
        key=lambda v: list(SoapVersion).index(v),
    )
    warnings = list(result.warnings)
    address = result.addresses[0] if result.addresses else ""  # `address` is a pass's
    first = result.operations[0]
    # what the pages show; spec.toml's `service` and `description` are applied by a pass
    name = _service_name(result.addresses, folder.name)
    suffix = {SoapVersion.SOAP11: "Soap", SoapVersion.SOAP12: "Soap12"}
    service = Service(
        name=name,
        namespace=first.input.element.namespace or f"urn:{folder.name}",
        bindings=tuple(
            Binding(
                f"{name}{suffix[v]}",
                v,
                address,
                _in_order(result.requires.get(v, set())),
                result.addressing.get(v, ""),
            )
            for v in versions
        ),
        operations=tuple(result.operations),
        source=Source(files[0].path, 0),
    )
    return Model(folder.name, (service,), tuple(result.builder.build()), tuple(warnings))


def _in_order(found: set[Requirement]) -> tuple[Requirement, ...]:
    return tuple(r for r in Requirement if r in found)


def _main_wsdl(wsdls: list[PageFile], settings: SpecSettings, folder: Path) -> PageFile:
    if settings.wsdl:
        wanted = f"{folder.name}/{settings.wsdl}"
        for candidate in wsdls:
            if candidate.path == wanted:
                return candidate
        raise SpecError(
            f"spec.toml names wsdl {settings.wsdl!r}, which is not a WSDL of the folder",
            file=f"{folder.name}/spec.toml",
        )
    with_service = [w for w in wsdls if _SERVICE.search(w.data)]
    imported = {m.decode("utf-8", "replace") for w in wsdls for m in _IMPORTED.findall(w.data)}
    roots = [w for w in (with_service or wsdls) if w.path.rsplit("/", 1)[-1] not in imported]
    return (roots or with_service or wsdls)[0]


def _read_wsdl(
    folder: Path,
    files: list[PageFile],
    wsdls: list[PageFile],
    settings: SpecSettings,
    project: ProjectSettings,
) -> Model:
    main = _main_wsdl(wsdls, settings, folder)
    by_path = {f.path: f.data for f in files}
    locations = effective_locations(by_path, settings.locations)
    documents = load_wsdl(main.path, by_path, spec=folder.name, locations=locations)
    local_schemas = schema_files(documents, by_path, spec=folder.name, locations=locations)
    remote = [
        r
        for r in remote_imports(documents, local_schemas)
        if r.location not in locations and standard_schema(r.location) is None
    ]
    if remote and (settings.remote_imports or project.remote_imports) == "refuse":
        first = remote[0]
        others = sorted({r.location for r in remote[1:]} - {first.location})
        raise SpecError(
            f"imports the remote schema {first.location!r}, which is never fetched"
            + (f" (and {len(others)} more: {', '.join(others)})" if others else ""),
            file=first.file,
            line=first.line,
            hint="map it to a local file under [locations] in spec.toml, or set "
            'remote-imports = "skip" there to read what needs it as any content',
        )
    schema = build_schema(documents, folder, locations, by_path, local_schemas)
    model = WsdlReader(documents, schema, folder.name).read(folder.name)
    _check_namespaces(model, [*((d.path, d.root) for d in documents), *local_schemas.items()])
    trees = [(d.path, s) for d in documents for s in d.root.iter(f"{{{XSD}}}schema")]
    missing = unresolved([*trees, *local_schemas.items()], schema) if schema is not None else []
    # A remote schema is never fetched: what needs it is read as "any content" and said so.
    notes = [
        Diagnostic(
            Source(f, line),
            f"remote schema {location!r} is not fetched (map it to a local file under "
            f"[locations] in spec.toml){_needs(namespace, missing)}",
        )
        for f, line, namespace, location in remote
    ]
    remote_namespaces = {r.namespace for r in remote}
    # what resolves to nothing is read as any content (or ignored): say so, rather than let
    # a field quietly lose its type
    unread = [m for m in missing if m.namespace not in remote_namespaces]
    notes += [
        Diagnostic(
            Source(m.file, m.line),
            m.message if m.namespace is None else f"{m.message}: read as any content",
        )
        for m in unread[:_MAX_NOTES]
    ]
    if len(unread) > _MAX_NOTES:
        notes.append(
            Diagnostic(Source(main.path), f"{len(unread) - _MAX_NOTES} more such references")
        )
    return replace(model, warnings=model.warnings + tuple(notes))


def _check_namespaces(model: Model, trees: list[tuple[str, etree._Element]]) -> None:
    """A namespace lxml cannot declare (an rpc `soap:body namespace="urn:a b"`) cannot be
    read or written by the generated code: an error where the WSDL gives it."""
    bad = sorted(n for n in _namespaces(model) if n and not usable_namespace(n))
    if not bad:
        return
    file, line = next(
        (
            (path, el.sourceline or 0)
            for path, root in trees
            for el in root.iter()
            if bad[0] in el.values()
        ),
        (trees[0][0], 0),
    )
    raise SpecError(
        f"namespace {bad[0]!r} is not a valid URI: no message in it can be written or read",
        file=file,
        line=line,
    )


def _namespaces(model: Model) -> set[str]:
    """Every namespace a message of the model can carry (those the emitted WSDL declares)."""
    found = {s.namespace for s in model.services}
    for service in model.services:
        for op in service.operations:
            messages = [op.input, op.output, *op.headers, *op.output_headers]
            found.update(m.element.namespace for m in messages if m is not None)
            found.update(f.element.namespace for f in op.faults)
    for typedef in model.types:
        found.add(typedef.name.namespace)
        if isinstance(typedef, ComplexType):
            found.update(f.namespace for f in typedef.fields)
            found.update(m.element.namespace for f in typedef.fields for m in f.substitutes)
    return found


def _needs(namespace: str, missing: list[Unresolved]) -> str:
    needs = [m for m in missing if m.namespace == namespace]
    if not needs:
        return "; nothing the services use needs it"
    return "; its definitions are read as any content: " + "; ".join(
        f"{m.message} ({m.file}:{m.line})" for m in needs[:3]
    )


def effective_locations(files: dict[str, bytes], locations: dict[str, str]) -> dict[str, str]:
    """`[locations]` keys are import locations or imported namespaces: both to locations."""
    found = dict(locations)
    if not locations:
        return found
    for path, data in sorted(files.items()):
        if not path.lower().endswith((".wsdl", ".xsd", ".xml")):
            continue
        try:
            root = parse_bytes(data, file=path)
        except SpecError:
            continue  # reported where the file is really read
        for ref in root.iter(f"{{{XSD}}}import", f"{{{WSDL}}}import"):
            location = ref.get("schemaLocation") or ref.get("location") or ""
            namespace = ref.get("namespace") or ""
            if location and location not in found and namespace in locations:
                found[location] = locations[namespace]
    return found


def _service_name(addresses: list[str], folder: str) -> str:
    for address in addresses:
        last = address.rstrip("/").rsplit("/", 1)[-1]
        stem, dot, _ = last.partition(".")
        if dot and re.match(r"^[A-Za-z]\w*$", stem):  # Service.asmx, Service.svc
            return stem
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", folder) if part)
