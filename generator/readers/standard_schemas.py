"""Standard schemas real WSDLs import by URL, read from soapsmith's own copies.

About one real WSDL in six imports a W3C or OASIS schema by its remote URL (xmlmime, XOP, the
SOAP 1.2 envelope, WS-Addressing, WS-Security, xml.xsd).  Nothing is ever fetched, so such an
import used to stop generation until the user mapped it.  These are read instead, before any
refusal; `[locations]` in spec.toml still wins, and an unknown remote import is refused as
before.  The copies in `standard/` were written from the specifications named in each; the
SOAP 1.1 envelope and encoding, WSDL 1.1, XML namespace and XML Signature schemas are
xmlschema's own (it reads them for those namespaces anyway).
"""

from __future__ import annotations

from pathlib import Path

import xmlschema

STANDARD = Path(__file__).resolve().parent / "standard"
_XMLSCHEMA = Path(xmlschema.__file__).resolve().parent / "schemas"

_FILES: dict[str, Path] = {
    "www.w3.org/2005/05/xmlmime": STANDARD / "xmlmime.xsd",
    "www.w3.org/2004/08/xop/include": STANDARD / "xop-include.xsd",
    "www.w3.org/2003/05/soap-envelope": STANDARD / "soap12-envelope.xsd",
    "www.w3.org/2005/08/addressing": STANDARD / "ws-addr.xsd",
    "www.w3.org/2005/08/addressing/ws-addr.xsd": STANDARD / "ws-addr.xsd",
    "www.w3.org/2006/03/addressing/ws-addr.xsd": STANDARD / "ws-addr.xsd",
    "docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd": (
        STANDARD / "wss-utility-1.0.xsd"
    ),
    "docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd": (
        STANDARD / "wss-secext-1.0.xsd"
    ),
    "schemas.xmlsoap.org/soap/encoding": _XMLSCHEMA / "WSDL" / "soap-encoding.xsd",
    "schemas.xmlsoap.org/soap/envelope": _XMLSCHEMA / "WSDL" / "soap-envelope.xsd",
    "schemas.xmlsoap.org/wsdl": _XMLSCHEMA / "WSDL" / "wsdl.xsd",
    "www.w3.org/2001/xml.xsd": _XMLSCHEMA / "XML" / "xml.xsd",
    "www.w3.org/2009/01/xml.xsd": _XMLSCHEMA / "XML" / "xml.xsd",
    "www.w3.org/XML/1998/namespace": _XMLSCHEMA / "XML" / "xml.xsd",
    "www.w3.org/TR/xmldsig-core/xmldsig-core-schema.xsd": (
        _XMLSCHEMA / "DSIG" / "xmldsig-core-schema.xsd"
    ),
    "www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd": (
        _XMLSCHEMA / "DSIG" / "xmldsig-core-schema.xsd"
    ),
}


def standard_schema(location: str) -> Path | None:
    """soapsmith's copy of the standard schema at a remote `location`, if it has one: the
    scheme (http or https), a `www.` and a final slash do not matter."""
    text = location.strip()
    for scheme in ("https://", "http://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
            break
    else:
        return None
    text = text.rstrip("/")
    if not text.startswith("www.") and text.startswith("w3.org/"):
        text = "www." + text
    return _FILES.get(text)


def is_standard_file(path: Path) -> bool:
    """Whether `path` is one of the copies `standard_schema` gives (they may be opened)."""
    return path in set(_FILES.values())
