"""Comparing generated values in tests."""

from __future__ import annotations

from typing import Any


def comparable(value: Any) -> Any:
    """A value with its XML elements as their content, canonical (elements compare by
    identity; an anyType value is an element's content, whatever the element's name)."""
    import dataclasses
    import enum

    from lxml import etree

    if isinstance(value, etree._Element):
        children = [etree.tostring(c, method="c14n", exclusive=True) for c in value]
        return (dict(value.attrib), (value.text or "").strip(), children)
    if type(value).__name__ == "Attachment" and isinstance(value, tuple):
        # a MIME part: what it carries; its type and Content-ID are filled in on the way
        return ("Attachment", value.content)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: comparable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return (type(value).__name__, fields)
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.value)
    return value


def written(value: Any, tag: str, models: Any) -> Any:
    """`value` written by its `_write` as the element `tag` (Clark notation), parsed back
    under a root that declares the package's prefixes, as the Envelope does."""
    from lxml import etree

    namespaces = {"xsi": "http://www.w3.org/2001/XMLSchema-instance", **models.NSMAP}
    namespace, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    prefix = next((p for p, uri in namespaces.items() if uri == namespace), "")
    out: list[str] = []
    value._write(out, f"{prefix}:{local}" if namespace else local)
    declared = "".join(f' xmlns:{p}="{uri}"' for p, uri in namespaces.items())
    return etree.fromstring(f"<root{declared}>{''.join(out)}</root>")[0]
