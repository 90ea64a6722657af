"""The tests' own reading of the seed pages: independent of the generator's reader on purpose.

The seeds are clean enough for a few regular expressions; this is the oracle the generated
code is checked against, so it must not share code with `generator.readers`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
MS = "http://microsoft.com/wsdl/types/"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
VERSIONS = {SOAP11: "1.1", SOAP12: "1.2"}

# What each placeholder of an .asmx page stands for, and a value of it that survives a
# round trip textually.
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "string": (f"{{{XSD}}}string", "some text"),
    "int": (f"{{{XSD}}}int", "42"),
    "long": (f"{{{XSD}}}long", "9007199254740993"),
    "boolean": (f"{{{XSD}}}boolean", "true"),
    "dateTime": (f"{{{XSD}}}dateTime", "2024-05-06T07:08:09Z"),
    "decimal": (f"{{{XSD}}}decimal", "12.50"),
    "base64Binary": (f"{{{XSD}}}base64Binary", "aGVsbG8gd29ybGQ="),
    "guid": (f"{{{MS}}}guid", str(uuid.UUID(int=0x1234567890ABCDEF))),
}
XSD_VALUES = {f"{{{XSD}}}{name}": value for name, (_, value) in PLACEHOLDERS.items()}


@dataclass
class Sample:
    envelope: etree._Element
    version: str
    is_request: bool
    soap_action: str | None  # the SOAPAction header line printed above a request, if any


def page_samples(path: Path) -> list[Sample]:
    text = path.read_text(encoding="utf-8").replace("?&gt;", "?>")
    text = re.sub(r"<\?xml[^>]*\?>", "", text)
    found: list[Sample] = []
    last = 0
    for match in re.finditer(r"<([\w-]+):Envelope\b.*?</\1:Envelope>", text, re.S):
        before = text[last : match.start()]
        last = match.end()
        root = etree.fromstring(match.group(0))
        body = root.find(f"{{{etree.QName(root).namespace}}}Body")
        assert body is not None
        name = etree.QName(body[0]).localname
        action = re.findall(r'SOAPAction: "([^"]*)"', before)
        found.append(
            Sample(
                envelope=root,
                version=VERSIONS[etree.QName(root).namespace],
                is_request=not name.endswith("Response"),
                soap_action=action[-1] if action else None,
            )
        )
    return found


def split_envelope(envelope: etree._Element) -> tuple[list[etree._Element], etree._Element]:
    """(header entries, body content); entries printed directly under Envelope count as headers."""
    ns = etree.QName(envelope).namespace
    headers: list[etree._Element] = []
    body = None
    for child in envelope:
        if child.tag == f"{{{ns}}}Body":
            body = child[0]
        elif child.tag == f"{{{ns}}}Header":
            headers.extend(child)
        else:
            headers.append(child)
    assert body is not None
    return headers, body


def resolve(element: etree._Element, qname_text: str) -> str:
    prefix, _, local = qname_text.rpartition(":")
    return f"{{{element.nsmap[prefix or None]}}}{local}"


def skeleton(element: etree._Element) -> tuple[object, ...]:
    """Tag, resolved xsi:type and children's skeletons, repeated siblings counted once."""
    hint = element.get(f"{{{XSI}}}type")
    children: list[tuple[object, ...]] = []
    for child in element:
        shape = skeleton(child)
        if not children or children[-1] != shape:
            children.append(shape)
    return (element.tag, resolve(element, hint) if hint else None, tuple(children))


def leaf_expectations(
    element: etree._Element, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], str, str]]:
    """(path of Clark names below the body element, what the page says, its kind) per typed leaf.

    kind is "builtin" (a placeholder or an xsd: xsi:type: the value is a type's Clark name),
    "enum" (an `A or B` placeholder: the value is the `|`-joined values) or "named" (an xsi:type
    outside XSD: the value is the named type's Clark name).
    """
    found = []
    for child in element:
        here = (*path, child.tag)
        if len(child):
            found.extend(leaf_expectations(child, here))
            continue
        text = (child.text or "").strip()
        hint = child.get(f"{{{XSI}}}type")
        if hint:
            name = resolve(child, hint)
            found.append((here, name, "builtin" if name.startswith(f"{{{XSD}}}") else "named"))
        elif text in PLACEHOLDERS:
            found.append((here, PLACEHOLDERS[text][0], "builtin"))
        elif " or " in text:
            found.append((here, "|".join(p.strip() for p in text.split(" or ")), "enum"))
    return found


def fill_placeholders(envelope: etree._Element) -> etree._Element:
    """A copy of a documented envelope with every placeholder replaced by a valid value."""
    copy = etree.fromstring(etree.tostring(envelope))
    for element in copy.iter():
        if len(element) or not isinstance(element.tag, str):
            continue
        text = (element.text or "").strip()
        hint = element.get(f"{{{XSI}}}type")
        if text in PLACEHOLDERS:
            element.text = PLACEHOLDERS[text][1]
        elif " or " in text:
            element.text = text.split(" or ")[-1].strip()
        elif hint and not text and resolve(element, hint) in XSD_VALUES:
            element.text = XSD_VALUES[resolve(element, hint)]
    return copy
