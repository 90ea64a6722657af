"""suds (suds-community), a Python client independent of soapsmith, run in this process.

Install: ``pip install suds-community`` (the ``test`` extra has it).  suds has no server.
"""

from __future__ import annotations

import base64
import datetime
import decimal
from pathlib import Path
from typing import Any

from stacks import Outcome, StackMissing

NAME = "suds"
INSTALL = "pip install suds-community"


def _suds() -> Any:
    try:
        import suds.client
    except ImportError:
        raise StackMissing(f"suds is not installed ({INSTALL})") from None
    return suds


def version() -> str:
    return f"suds-community {_suds().__version__}"


def native(value: Any, client: Any) -> Any:
    """Wire form as suds sends it: suds has no codec for the binary types or decimals and writes
    a string as it is, so every tagged value goes as its lexical form; attributes are keys
    prefixed with ``_``, simple content is ``value``, and a subtype (``$xsiType``) is an object
    of that type from suds's factory, which writes its xsi:type."""
    if isinstance(value, list):
        return [native(item, client) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and next(iter(value)).startswith("$"):
        return next(iter(value.values()))
    fields = {_suds_name(key): native(item, client) for key, item in value.items()}
    typed = fields.pop("$xsiType", None)
    if typed is None:
        return fields
    namespace, _, local = typed[1:].partition("}")
    prefix = next(p for p, uri in client.sd[0].prefixes if uri == namespace)
    instance = client.factory.create(f"{prefix}:{local}")
    for name, item in fields.items():
        setattr(instance, name, item)
    return instance


def _suds_name(key: str) -> str:
    if key.startswith("@"):
        return f"_{key[1:]}"
    return "value" if key == "#text" else key


def plain(value: Any) -> Any:
    """What suds returned, as JSON: its objects as maps (their metadata left out)."""
    from suds.sudsobject import Object

    if isinstance(value, Object):
        # the class of a suds object is named after the XML type it read (its xsi:type)
        return {"$xsiType": type(value).__name__} | {key: plain(item) for key, item in value}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, str):
        return str(value)  # suds's Text is a str subclass with its own attributes
    return value


def call(
    wsdl_url: str,
    location: str,
    calls: list[dict[str, Any]],
    folder: Path,
    *,
    style: str,
    soap_version: str = "1.1",
) -> list[Outcome]:
    """A suds client from ``wsdl_url`` making ``calls`` against ``location`` (arguments by
    name, for rpc and wrapped document/literal alike)."""
    suds = _suds()
    if soap_version != "1.1":
        return [{"error": "suds speaks SOAP 1.1 only"} for _ in calls]
    try:
        client = suds.client.Client(wsdl_url, location=location, cache=None, timeout=60)
    except Exception as error:  # the WSDL did not load: every call fails the same way
        return [{"error": f"WSDL: {type(error).__name__}: {error}"} for _ in calls]
    outcomes: list[Outcome] = []
    for job in calls:
        # suds takes the headers the binding declares by part name (the emitted WSDL names each
        # part after its element)
        headers = {h["name"]: native(h["value"], client) for h in job.get("headers", [])}
        client.set_options(soapheaders=headers)
        try:
            method = getattr(client.service, job["operation"])
            outcomes.append({"result": plain(method(**native(job["arguments"], client)))})
        except suds.WebFault as error:
            fault = error.fault
            outcomes.append(
                {
                    "fault": {
                        "code": str(getattr(fault, "faultcode", "")),
                        "string": str(getattr(fault, "faultstring", "")),
                        "detail": plain(getattr(fault, "detail", None)),
                    }
                }
            )
        except Exception as error:
            outcomes.append({"error": f"{type(error).__name__}: {error}"})
    return outcomes
