"""Python expressions of generated code: how a value of each XML type is read and written.

Every string that came from a spec reaches generated code through `literal()` (a Python
repr), `fstring()` or `docstring()`, never raw.  Statements are the templates' business:
what this module gives is expressions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..model import Field
from ..python_text import literal
from ..xsdtypes import INTEGERS

_MARKUP = re.compile('[&<>"\t\n\r\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]')
_NOT_MARKUP = re.compile("['{}\\\\]")
_NOT_EXPRESSION = re.compile("['\"{}\\\\]")
_FORBIDDEN = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f", "\x85"}
# in a docstring, as escapes: what would end a line or the string early, or hide text
_DOC_ESCAPES = {ord(ch): f"\\x{ord(ch):02x}" for ch in _FORBIDDEN} | {
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
XSI_NIL = ' xsi:nil="true"'


def needs_escaping(text: str) -> bool:
    """Whether XML text needs escaping (or refusing) before it is written as it is."""
    return bool(_MARKUP.search(text))


def fstring(*parts: str) -> str:
    """The literal of an f-string of texts and expressions (alternating, a text first).
    The texts are XML names and markup (no backslash, brace or single quote); the
    expressions hold no quotes.  Quoted as black quotes: double unless the text has some."""
    texts, exprs = parts[0::2], parts[1::2]
    if not exprs:
        return literal(texts[0])
    for text in texts:
        if _NOT_MARKUP.search(text):
            raise ValueError(f"not XML markup: {text!r}")
    for expr in exprs:
        if _NOT_EXPRESSION.search(expr):
            raise ValueError(f"not a plain expression: {expr!r}")
    quote = "'" if any('"' in text for text in texts) else '"'
    # repr() escapes what a name may hold that does not print (U+200C is a name character)
    pieces = [repr(p)[1:-1] if i % 2 == 0 else "{" + p + "}" for i, p in enumerate(parts)]
    return f"f{quote}{''.join(pieces)}{quote}"


def docstring(text: str, indent: str = "") -> str:
    """A triple-quoted docstring that no text can close early or turn into code, its lines
    stripped and indented as black writes them (where the closing quotes go is the format
    stage's business)."""
    text = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    text = text.translate(_DOC_ESCAPES)
    lines = [line.strip() for line in text.split("\n")]
    body = "\n".join(indent + line if line else "" for line in lines).removeprefix(indent)
    if body.startswith('"'):
        body = " " + body
    if body.endswith('"'):
        body += " "
    return f'"""{body or " "}"""'


class Kind(str, Enum):
    """What a codec reads and writes."""

    LEAF = "leaf"  # a builtin value, written as text
    ENUM = "enum"
    COMPLEX = "complex"  # a class with its own `_write` and `_read`
    ANY = "any"  # xs:anyType: an element kept as it came
    LIST = "list"  # an xs:list of leaves or enumerations, written as one text
    UNION = "union"  # a field's substitutes: one of several classes


@dataclass(frozen=True)
class Codec:
    """How values of one XML type are annotated, read and written in generated code."""

    annotation: str
    kind: Kind
    family: str = ""  # runtime converter family for leaves
    cls: str = ""  # class for enums and complex types
    polymorphic: bool = False  # a complex type that others extend: read by xsi:type
    item: Codec | None = None  # an xs:list's item (Kind.LIST)
    plain: bool = False  # an enumeration whose values XML carries as they are
    integer: str = ""  # the XSD integer type of the family "int": its range is checked
    uses: frozenset[str] = frozenset()  # names the annotation needs: classes, imports

    @property
    def converter(self) -> str:
        """The name of a leaf's runtime converters: `_soap.read_<it>`, `_soap.<it>_text`."""
        return INTEGERS[self.integer][0] if self.integer in INTEGERS else self.family

    def reader(self, element: str) -> str:
        if self.kind is Kind.COMPLEX:
            method = "_read_any" if self.polymorphic else "_read"
            return f"{self.cls}.{method}({element})"
        if self.kind is Kind.ENUM:
            return f"_soap.read_enum({element}, {self.cls})"
        if self.item is not None:
            return f"_soap.read_list({element}, {self.item.reader_ref()})"
        if self.family == "str":  # inline: a call per element is a tenth of a parse
            return f'{element}.text or ""'
        return f"_soap.read_{self.converter}({element})"

    def reader_ref(self) -> str:
        if self.kind is Kind.COMPLEX:
            return f"{self.cls}.{'_read_any' if self.polymorphic else '_read'}"
        if self.kind is Kind.ENUM or self.item is not None:
            return f"lambda _item: {self.reader('_item')}"
        return f"_soap.read_{self.converter}"

    def text_ref(self) -> str:
        return "_soap.enum_text" if self.kind is Kind.ENUM else f"_soap.{self.converter}_text"

    def text(self, value: str, escape: str = "_esc") -> str:
        """An expression: `value` as XML text, escaped by `escape` where it may need it."""
        if self.family == "bool" and self.item is None:
            return f'"true" if {value} else "false"'
        if self.family == "int" and self.item is None:
            return f"str(int({value}))"
        return self.inner(value, escape)

    def inner(self, value: str, escape: str = "_esc") -> str:
        """The same, inside an f-string's braces (no quotes: Python 3.11); not for bool."""
        if self.item is not None:
            return f"{escape}(_soap.list_text({value}, {self.item.text_ref()}))"
        # the commonest conversions inline: a call per value is a tenth of a write
        if self.kind is Kind.ENUM:  # `_value_`: `value` is a property, 15 times slower to get
            return f"{value}._value_" if self.plain else f"{escape}({value}._value_)"
        if self.family == "str":
            return f"{escape}({value})"
        if self.family == "int":
            return f"int({value})"
        # the other families' texts are digits, letters and punctuation XML leaves as is
        return f"{self.text_ref()}({value})"


@dataclass(frozen=True)
class Guard:
    """An integer's range, checked before it is written: `if not low <= value <= high:
    raise error` (a comparison inline, since a call per value costs about as much as
    writing it)."""

    value: str
    low: str
    high: str
    error: str  # the expression raised


def int_guard(codec: Codec, value: str, name: str) -> Guard | None:
    """The check that refuses an integer its XSD type cannot carry; `name` names the value
    in the error where `value` is not an attribute of `self`."""
    if codec.family != "int" or codec.integer not in INTEGERS:
        return None
    _, low, high = INTEGERS[codec.integer]
    kind = literal(codec.integer)
    if value.startswith("self."):  # the class is known at run time: a line short of black's
        error = f"_soap.field_out_of_range(self, {literal(value[len('self.'):])}, {kind})"
    else:
        error = f"_soap.out_of_range({value}, {kind}, {literal(name)})"
    return Guard(
        value,
        "-_soap.INTEGER_MAX" if low is None else str(low),
        "_soap.INTEGER_MAX" if high is None else str(high),
        error,
    )


def xsi_type(qname: str) -> str:
    """The xsi:type attribute naming `qname` (prefixed), as written in a start tag."""
    return f' xsi:type="{qname}"' if qname else ""


def put(
    codec: Codec,
    out: str,
    clark: str,
    tag: str,
    value: str,
    hint: str = "",
    in_write: bool = False,
) -> str:
    """A call that writes a non-complex value as an element into the list `out`; `tag` is
    its name as written, `hint` an xsi:type."""
    # models.py's `_write` has `_add = _xml.append` and the module `_esc = _soap.text`
    write, escape = ("_add", "_esc") if in_write else (f"{out}.append", "_soap.text")
    if codec.kind is Kind.ANY:
        extra = f", {literal(hint)}" if hint else ""
        return f"_soap.write_any({out}, {literal(clark)}, {value}{extra})"
    start = f"<{tag}{xsi_type(hint)}>"
    if codec.family == "bool" and codec.item is None:
        written = (literal(f"{start}true</{tag}>"), literal(f"{start}false</{tag}>"))
        return f"{write}({written[0]} if {value} else {written[1]})"
    return f"{write}({fstring(start, codec.inner(value, escape), f'</{tag}>')})"


def attribute(codec: Codec, name: str, value: str) -> str:
    """A call of `_write` that writes an attribute."""
    if codec.family == "bool" and codec.item is None:
        written = (literal(f' {name}="true"'), literal(f' {name}="false"'))
        return f"_add({written[0]} if {value} else {written[1]})"
    return f"_add({fstring(f' {name}=' + chr(34), codec.inner(value, '_soap.attr_text'), chr(34))})"


def maybe(annotation: str, item: Field | None) -> str:
    """The annotation of a value that may be None (absent), and NIL where that differs."""
    return f"{annotation} | _soap.Nil | None" if item and item.nil_apart else f"{annotation} | None"
