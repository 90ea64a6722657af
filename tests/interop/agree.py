"""Does a value a foreign stack returned carry the value that was sent?

Values are in the wire form of ``stacks/__init__.py``.  Stacks differ in how they *represent* a
value (PHP returns raw bytes for base64Binary where node-soap returns the base64 text; node-soap
returns rpc/encoded scalars as strings; PHP and node return floats for some decimals); they must
not differ in the *value*.  So a lexical form is read as the sent value's type before comparing,
numbers compare as numbers (``12.5`` agrees with ``12.50``, but a decimal that lost digits to a
float does not), instants compare as instants, the names of a SOAP-encoded array's items (which
carry no meaning) are not compared, attributes (``@name``) and simple content (``#text``) may
come back under each stack's own key for them, an array's wrapper without items may come back
as an empty object (PHP) or null (node-soap), and a subtype (``$xsiType``) is checked where
the stack says what type it read.  Everything else is exact: strings,
booleans, keys of structs, lengths of lists.
"""

from __future__ import annotations

import base64
import binascii
import math
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def disagreement(sent: Any, got: Any, path: str = "") -> str | None:
    """None when ``got`` carries the value ``sent``, else what differs and where."""
    where = path or "the value"
    if isinstance(got, dict) and "$xsiType" in got and not _typed_struct(sent):
        got = _untyped(got)  # the type a stack read matters only where a subtype was sent
    if isinstance(sent, dict) and len(sent) == 1 and next(iter(sent)).startswith("$"):
        kind, lexical = next(iter(sent.items()))
        return _typed(kind[1:], lexical, got, where)
    if isinstance(sent, list):
        if isinstance(got, dict) and len(got) == 1:
            got = next(iter(got.values()))  # a SOAP-encoded array as its one kind of item
            got = got if isinstance(got, list) else [got]
        if got is None and not sent:
            return None
        if not isinstance(got, list):
            return f"{where}: a list was sent, {got!r} came back"
        if len(got) != len(sent):
            return f"{where}: {len(sent)} items sent, {len(got)} came back"
        for index, (one, other) in enumerate(zip(sent, got, strict=True)):
            if (why := disagreement(one, other, f"{path}[{index}]")) is not None:
                return why
        return None
    if isinstance(sent, dict) and set(sent) == {"#text"} and not isinstance(got, dict):
        return disagreement(sent["#text"], got, path)  # simple content without its attributes
    if isinstance(sent, dict):
        if got is None and sent and all(value == [] for value in sent.values()):
            return None  # an array's wrapper without items, which node-soap reads as null
        if not isinstance(got, dict):
            return f"{where}: a struct was sent, {got!r} came back"
        seen = {"$xsiType"}
        for key, value in sent.items():
            if key == "$xsiType":
                why = _type_disagreement(value, got.get("$xsiType"), where)
                if why is not None:
                    return why
                continue
            found = next((name for name in _names(key) if name in got), None)
            if found is None and value == []:
                continue  # no items of a repeated element: nothing to name (PHP's empty object)
            if found is None:
                return f"{where}: {key!r} did not come back (keys: {sorted(got)})"
            seen.add(found)
            if (why := disagreement(value, got[found], f"{path}.{key}".lstrip("."))) is not None:
                return why
        extra = [key for key, value in got.items() if key not in seen and value not in (None, [])]
        return f"{where}: {extra} came back but were not sent" if extra else None
    if isinstance(sent, bool):
        value = BOOLEANS.get(got.strip()) if isinstance(got, str) else got
        return None if value is sent else f"{where}: sent {sent!r}, got {got!r}"
    if isinstance(sent, int):
        try:
            same = not isinstance(got, bool) and int(got) == sent and float(got) == sent
        except (TypeError, ValueError):
            same = False
        return None if same else f"{where}: sent {sent!r}, got {got!r}"
    if isinstance(sent, float):
        try:
            number = float(got)
        except (TypeError, ValueError):
            return f"{where}: sent {sent!r}, got {got!r}"
        same = not isinstance(got, bool) and (
            number == sent or (math.isnan(number) and math.isnan(sent))
        )
        return None if same else f"{where}: sent {sent!r}, got {got!r}"
    if sent is None:
        return None if got in (None, "", {}, []) else f"{where}: sent nothing, got {got!r}"
    return None if got == sent else f"{where}: sent {sent!r}, got {got!r}"


def _typed_struct(sent: Any) -> bool:
    return isinstance(sent, dict) and "$xsiType" in sent


def _untyped(got: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in got.items() if key != "$xsiType"}


def _local(name: str) -> str:
    return name.rpartition("}")[2].rpartition(":")[2]


def _type_disagreement(sent: str, got: Any, where: str) -> str | None:
    """A subtype sent (``{namespace}Name``) must come back as that type where the stack says
    what type it read (node-soap's ``xsi:type`` attribute, suds's class); PHP does not say."""
    if got is None or _local(str(got)) == _local(sent):
        return None
    return f"{where}: sent a {_local(sent)}, got a {_local(str(got))}"


def _names(key: str) -> tuple[str, ...]:
    """The names a stack may give a wire-form key: an attribute (``@name``) is a plain key in
    PHP and node-soap (as read back by its driver); simple content (``#text``) is PHP's ``_``,
    node-soap's ``$value`` and suds's ``value``."""
    if key.startswith("@"):
        return key, key[1:], f"_{key[1:]}"
    if key == "#text":
        return key, "_", "$value", "value"
    return (key,)


def _bytes_of(got: Any, decode: Any) -> bytes | None:
    if isinstance(got, dict) and set(got) == {"$bytes"}:
        return base64.b64decode(got["$bytes"])
    if isinstance(got, str):
        try:
            return bytes(decode(got.strip()))
        except (ValueError, binascii.Error):
            return None
    return None


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _typed(kind: str, lexical: str, got: Any, where: str) -> str | None:
    wrong = f"{where}: sent {kind} {lexical!r}, got {got!r}"
    if kind == "base64Binary":
        back = _bytes_of(got, lambda text: base64.b64decode(text, validate=True))
        return None if back == base64.b64decode(lexical) else wrong
    if kind == "hexBinary":
        return None if _bytes_of(got, bytes.fromhex) == bytes.fromhex(lexical) else wrong
    if kind == "decimal":
        try:
            same = not isinstance(got, bool) and Decimal(str(got).strip()) == Decimal(lexical)
        except InvalidOperation:
            same = False
        return None if same else wrong
    if kind == "long":
        try:
            same = not isinstance(got, bool) and int(str(got).strip()) == int(lexical)
        except ValueError:
            same = False
        return None if same else wrong
    if kind == "dateTime":
        sent, back = _instant(lexical), _instant(got) if isinstance(got, str) else None
        if sent is None or back is None or (sent.tzinfo is None) != (back.tzinfo is None):
            return wrong
        return None if sent == back else wrong
    raise ValueError(f"no comparison for the tagged type {kind!r}")


def answer_disagreement(expected: dict[str, Any], got: Any) -> str | None:
    """``expected`` is an answer's parts (an rpc answer's parts, a wrapped answer's children):
    stacks return a one-part answer as its value or as a map of one key, and nothing (or an empty
    map) for an answer without parts."""
    if isinstance(got, dict):
        got = _untyped(got)
    if not expected:
        return None if got in (None, "", {}, []) else f"nothing expected, got {got!r}"
    if isinstance(got, dict) and set(expected) <= set(got):
        return disagreement(expected, got)
    if len(expected) == 1:
        return disagreement(next(iter(expected.values())), got)
    return f"expected the parts {sorted(expected)}, got {got!r}"
