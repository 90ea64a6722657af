"""The schemas of a WSDL as one xmlschema bundle.

xmlschema does the XSD work (imports, includes, groups, derivation, facets).  Inline schemas
are handed over with the namespace declarations they inherit from `wsdl:definitions`;
imports between them resolve inside the bundle.  Files are read locally only, and a remote
import that spec.toml does not map is reported when something in it is needed.
"""

from __future__ import annotations

import copy
import warnings
from pathlib import Path
from typing import Any

import xmlschema
from lxml import etree

from ..errors import SpecError
from .wsdl_documents import XSD, Document, is_remote

_ENCODING = frozenset({"http://schemas.xmlsoap.org/soap/encoding/"})


def _standalone(schema: etree._Element) -> str:
    """The inline schema with every namespace it inherits declared on itself."""
    nsmap: dict[str | None, str] = {}
    for ancestor in reversed(list(schema.iterancestors())):
        nsmap.update(ancestor.nsmap)
    nsmap.update(schema.nsmap)
    element = etree.Element(schema.tag, nsmap=nsmap, attrib=dict(schema.attrib))
    imported = {i.get("namespace") for i in schema.iterfind(f"{{{XSD}}}import")}
    for namespace in sorted(_ENCODING & set(nsmap.values()) - imported):
        # rpc/encoded schemas use soapenc:Array without importing it; xmlschema knows it
        etree.SubElement(element, f"{{{XSD}}}import", namespace=namespace)
    for child in schema:
        element.append(copy.deepcopy(child))
    # As text, so that xmlschema sees the prefixes; it comes from a tree parsed with entities
    # and DTDs off, and xmlschema re-reads it with its defused parser.
    return etree.tostring(element, encoding="unicode")


def build_schema(
    documents: list[Document], folder: Path, locations: dict[str, str]
) -> xmlschema.XMLSchema10 | None:
    sources: list[Any] = []
    base = ""
    for document in documents:
        for schema in document.root.iter(f"{{{XSD}}}schema"):
            sources.append(_standalone(schema))
            if not base:
                relative = document.path.split("/", 1)[1] if "/" in document.path else ""
                base = (folder / relative).parent.resolve().as_uri() + "/"
    if not sources:
        return None
    mapped = {url: (folder / local).resolve().as_uri() for url, local in locations.items()}

    def uri_mapper(url: str) -> str:
        return mapped.get(url, url)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # no meta-schema check: most of the time of reading a large WSDL, and what it
            # finds that matters is found by schema_references, with the line
            bundle = xmlschema.XMLSchema10(
                sources,
                base_url=base,
                allow="local",
                defuse="always",
                validation="skip",
                uri_mapper=uri_mapper,
            )
        except (xmlschema.XMLSchemaException, AssertionError, ValueError, KeyError) as exc:
            raise SpecError(
                f"the WSDL's schemas cannot be read: {type(exc).__name__}: {str(exc)[:300]}",
                file=documents[0].path,
            ) from None
    bundle.soapsmith_warnings = [str(w.message) for w in caught]
    return bundle


def remote_imports(
    documents: list[Document], schema_roots: dict[str, etree._Element]
) -> list[tuple[str, int, str, str]]:
    """(file, line, namespace, location) of every import of a remote schema not mapped locally."""
    found = []
    trees = [(d.path, d.root) for d in documents] + list(schema_roots.items())
    for path, root in trees:
        for ref in root.iter(f"{{{XSD}}}import"):
            location = ref.get("schemaLocation") or ""
            if is_remote(location):
                found.append((path, ref.sourceline or 0, ref.get("namespace") or "", location))
    return found
