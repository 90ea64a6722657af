"""What the generator knows about XSD builtin types, in one table.

Each builtin maps to the Python annotation used in generated code and to the runtime
converter family (`_soap.read_<family>` / `_soap.<family>_text`).  Documentation pages
print the same names as placeholders, so the page reader reads them from here too.
"""

from __future__ import annotations

from .model import MS_TYPES, XSD, QName

# builtin local name -> (python annotation, converter family)
BUILTINS: dict[str, tuple[str, str]] = {
    "string": ("str", "str"),
    "normalizedString": ("str", "str"),
    "token": ("str", "str"),
    "language": ("str", "str"),
    "Name": ("str", "str"),
    "NCName": ("str", "str"),
    "NMTOKEN": ("str", "str"),
    "NMTOKENS": ("str", "str"),
    "ID": ("str", "str"),
    "IDREF": ("str", "str"),
    "IDREFS": ("str", "str"),
    "ENTITY": ("str", "str"),
    "ENTITIES": ("str", "str"),
    "anyURI": ("str", "str"),
    "QName": ("str", "str"),
    "NOTATION": ("str", "str"),
    "duration": ("str", "str"),
    "gYear": ("str", "str"),
    "gYearMonth": ("str", "str"),
    "gMonth": ("str", "str"),
    "gMonthDay": ("str", "str"),
    "gDay": ("str", "str"),
    "anySimpleType": ("str", "str"),
    "boolean": ("bool", "bool"),
    "int": ("int", "int"),
    "integer": ("int", "int"),
    "long": ("int", "int"),
    "short": ("int", "int"),
    "byte": ("int", "int"),
    "nonNegativeInteger": ("int", "int"),
    "nonPositiveInteger": ("int", "int"),
    "positiveInteger": ("int", "int"),
    "negativeInteger": ("int", "int"),
    "unsignedLong": ("int", "int"),
    "unsignedInt": ("int", "int"),
    "unsignedShort": ("int", "int"),
    "unsignedByte": ("int", "int"),
    "decimal": ("Decimal", "decimal"),
    "float": ("float", "float"),
    "double": ("float", "float"),
    "dateTime": ("datetime", "datetime"),
    "date": ("date", "date"),
    "time": ("time", "time"),
    "base64Binary": ("bytes", "base64"),
    "hexBinary": ("bytes", "hex"),
    "anyType": ("etree._Element", "any"),
}

# XSD's integer types -> (suffix of their runtime converters, `_soap.read_<suffix>` and
# `_soap.<suffix>_text`; lowest value; highest value), None where XSD sets no bound.
# The runtime's `_soap.INTEGERS` is the same table (tests hold them equal); its open
# ends are `_soap.INTEGER_MAX`.
INTEGERS: dict[str, tuple[str, int | None, int | None]] = {
    "byte": ("int8", -(2**7), 2**7 - 1),
    "short": ("int16", -(2**15), 2**15 - 1),
    "int": ("int32", -(2**31), 2**31 - 1),
    "long": ("int64", -(2**63), 2**63 - 1),
    "unsignedByte": ("uint8", 0, 2**8 - 1),
    "unsignedShort": ("uint16", 0, 2**16 - 1),
    "unsignedInt": ("uint32", 0, 2**32 - 1),
    "unsignedLong": ("uint64", 0, 2**64 - 1),
    "integer": ("int", None, None),
    "positiveInteger": ("positive", 1, None),
    "nonNegativeInteger": ("non_negative", 0, None),
    "negativeInteger": ("negative", None, -1),
    "nonPositiveInteger": ("non_positive", None, 0),
}

# Well-known named simple types outside the XSD namespace that deserve a real Python type.
KNOWN_SIMPLE: dict[QName, tuple[QName, str, str, tuple[tuple[str, str], ...]]] = {
    QName(MS_TYPES, "guid"): (
        QName(XSD, "string"),
        "UUID",
        "uuid",
        (
            (
                "pattern",
                "[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}",
            ),
        ),
    ),
    QName(MS_TYPES, "char"): (QName(XSD, "unsignedShort"), "int", "int", ()),
}


def is_builtin(name: QName) -> bool:
    return name.namespace == XSD and name.name in BUILTINS
