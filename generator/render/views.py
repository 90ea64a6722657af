"""Model to template views: every name, annotation, literal and line of code, computed here.

Templates only lay these out.  Every string that came from a spec reaches generated code
through `literal()` (a Python repr) or `docstring()`, never raw.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ..format import LINE_LENGTH
from ..model import (
    ANY_ELEMENT,
    XSD,
    ComplexType,
    EnumType,
    Field,
    Message,
    Model,
    Operation,
    Optionality,
    QName,
    Service,
    SimpleType,
    TypeDef,
)
from ..naming import Names, Scope, namespace_prefixes, snake
from ..python_text import literal as literal
from ..wide_lines import is_wide
from ..xsdtypes import ANNOTATION_IMPORTS, BUILTINS, INTEGERS, KNOWN_SIMPLE

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SUMMARY_FIELDS = 8  # fields a class's docstring names; "and N more" says the rest
SUMMARY_WIDTH = 88  # of a docstring's summary lines, indentation aside
SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/"
XML_NS = "http://www.w3.org/XML/1998/namespace"  # bound to `xml:` without a declaration
_XSI_NIL = ' xsi:nil="true"'
_ELIF_LIMIT = 500  # longer if/elif chains are written flat (see _flat)
_MARKUP = re.compile('[&<>"\t\n\r\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]')
_NOT_MARKUP = re.compile("['{}\\\\]")
_NOT_EXPRESSION = re.compile("['\"{}\\\\]")
_FORBIDDEN = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f", "\x85"}
# in a docstring, as escapes: what would end a line or the string early, or hide text
_DOC_ESCAPES = {ord(ch): f"\\x{ord(ch):02x}" for ch in _FORBIDDEN} | {
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


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


def _flat(chain: list[str]) -> list[str]:
    """An if/elif chain as ifs that each end the loop's turn: Python cannot compile a chain
    of a few thousand elifs (each is nested in the one before)."""
    flat: list[str] = []
    for line in chain:
        if line.startswith("elif "):
            flat += ["    continue", line.removeprefix("el")]
        else:
            flat.append(line)
    return flat


def call(callee: str, args: list[str], rest: str = "", indent: int = 0) -> str:
    """`callee(args)rest`, or where the arguments would not fit on one line of their own,
    one argument per line with a trailing comma: how black lays out such a call, written
    out because black working it out was most of formatting a large service (a call so
    written black keeps as it is)."""
    joined = ", ".join(args)
    if not args or not is_wide(" " * (indent + 4) + joined, LINE_LENGTH):
        return f"{callee}({joined}){rest}"
    return f"{callee}(" + "".join(f"\n    {a}," for a in args) + f"\n){rest}"


def docstring(text: str, indent: str = "") -> str:
    """A triple-quoted docstring that no text can close early or turn into code, laid out
    as black lays out docstrings (lines stripped, the closing quotes on their own line when
    they would make the last line too long)."""
    text = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    text = text.translate(_DOC_ESCAPES)
    lines = [line.strip() for line in text.split("\n")]
    body = "\n".join(indent + line if line else "" for line in lines).removeprefix(indent)
    if body.startswith('"'):
        body = " " + body
    if body.endswith('"'):
        body += " "
    if len(lines) > 1 and len(indent + lines[-1]) + 3 > LINE_LENGTH:
        body += "\n" + indent
    return f'"""{body or " "}"""'


@dataclass(frozen=True)
class Codec:
    """How values of one XML type are annotated, read and written in generated code."""

    annotation: str
    kind: str  # "leaf", "enum", "complex", "any"
    family: str = ""  # runtime converter family for leaves
    cls: str = ""  # class for enums and complex types
    polymorphic: bool = False  # a complex type that others extend: read by xsi:type
    item: Codec | None = None  # an xs:list's item (kind "list")
    plain: bool = False  # an enumeration whose values XML carries as they are
    integer: str = ""  # the XSD integer type of the family "int": its range is checked

    @property
    def converter(self) -> str:
        """The name of a leaf's runtime converters: `_soap.read_<it>`, `_soap.<it>_text`."""
        return INTEGERS[self.integer][0] if self.integer in INTEGERS else self.family

    def reader(self, element: str) -> str:
        if self.kind == "complex":
            method = "_read_any" if self.polymorphic else "_read"
            return f"{self.cls}.{method}({element})"
        if self.kind == "enum":
            return f"_soap.read_enum({element}, {self.cls})"
        if self.item is not None:
            return f"_soap.read_list({element}, {self.item.reader_ref()})"
        if self.family == "str":  # inline: a call per element is a tenth of a parse
            return f'{element}.text or ""'
        return f"_soap.read_{self.converter}({element})"

    def reader_ref(self) -> str:
        if self.kind == "complex":
            return f"{self.cls}.{'_read_any' if self.polymorphic else '_read'}"
        if self.kind == "enum" or self.item is not None:
            return f"lambda _e: {self.reader('_e')}"
        return f"_soap.read_{self.converter}"

    def text_ref(self) -> str:
        return "_soap.enum_text" if self.kind == "enum" else f"_soap.{self.converter}_text"

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
        if self.kind == "enum":  # `_value_`: `value` is a property, 15 times slower to get
            return f"{value}._value_" if self.plain else f"{escape}({value}._value_)"
        if self.family == "str":
            return f"{escape}({value})"
        if self.family == "int":
            return f"int({value})"
        # the other families' texts are digits, letters and punctuation XML leaves as is
        return f"{self.text_ref()}({value})"


@dataclass
class FieldView:
    name: str
    annotation: str
    default: str  # "" for a required field


@dataclass
class ClassView:
    name: str
    doc: str
    fields: list[FieldView]  # its own: a subclass inherits its base's
    write: list[str]
    read: list[str]
    base: str = ""  # the class it extends
    xsi_type: str = ""  # literal of its xsi:type, for classes in a hierarchy
    polymorphic: bool = False  # others extend it: it gets `_read_any`


@dataclass
class EnumView:
    name: str
    doc: str
    members: list[tuple[str, str]]


@dataclass
class FaultView:
    name: str
    tag: str
    doc: str
    value: str = ""  # the class of its detail element, when documented
    reason: str = ""  # literal: the default reason a server gives


@dataclass
class ParamView:
    name: str
    annotation: str
    default: str


@dataclass
class MethodView:
    name: str
    doc: str
    params: list[ParamView]
    returns: str
    build: list[str]  # lines that fill `_body` and `_header` (pieces of XML text)
    action: str  # a literal
    soap_action: str  # the same, as text for documentation
    expected: str  # literal of the response element's tag, or "None"
    result: list[str]  # lines that turn `_out` into the return value
    faults: str  # name of the module-level fault map
    serve: list[str] = field(default_factory=list)  # server: `_request` to the response
    expected_request: str = "None"  # literal of the request body element's tag
    operation: str = '""'  # literal of the operation's name
    response: str = "None"  # literal of the response element's tag, or "None"
    actions: str = "()"  # the SOAP actions that name the operation, as a tuple literal
    headers: bool = False  # the request may carry SOAP headers

    @property
    def message(self) -> str:
        header = ", _header" if self.headers else ""
        return f"_soap.message(self.soap_version, NSMAP, _body{header})"

    @property
    def send(self) -> str:
        """The statement that sends the request and receives the answer."""
        return self._transport("_out = _soap.call")

    @property
    def asend(self) -> str:
        return self._transport("_out = await _soap.acall")

    def _transport(self, callee: str) -> str:
        args = [
            "self.http",
            "self.address",
            "self.soap_version",
            self.action,
            self.message,
            self.expected,
            self.faults,
            "self.limits",
        ]
        return call(callee, args, indent=8)


@dataclass
class ClientView:
    name: str
    async_name: str
    doc: str
    addresses: list[tuple[str, str]]  # SOAP version -> address, as literals
    versions: str
    methods: list[MethodView]


@dataclass
class ServerView:
    handler: str
    mock: str
    doc: str
    routes: str  # name of the module-level route list
    versions: str
    methods: list[MethodView]
    samples: dict[str, str]  # method -> a sample return value (expression)
    requests: dict[str, str]  # method -> keyword arguments of a sample request (expression)
    faults: dict[str, list[str]] = field(default_factory=dict)  # method -> sample faults
    refused: dict[str, str] = field(default_factory=dict)  # method -> why it has no response
    unsampled: dict[str, str] = field(default_factory=dict)  # method -> what has no sample, why


@dataclass
class ModuleView:
    imports: list[str] = field(default_factory=list)
    nsmap: list[tuple[str, str]] = field(default_factory=list)
    enums: list[EnumView] = field(default_factory=list)
    classes: list[ClassView] = field(default_factory=list)
    faults: list[FaultView] = field(default_factory=list)
    fault_maps: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    clients: list[ClientView] = field(default_factory=list)
    model_names: list[str] = field(default_factory=list)
    xsi_types: list[tuple[str, str]] = field(default_factory=list)  # (QName literal, class)
    servers: list[ServerView] = field(default_factory=list)
    etree: bool = True  # whether the module names lxml's etree


class Views:
    def __init__(self, model: Model, names: Names) -> None:
        self.model = model
        self.names = names
        self.types: dict[QName, TypeDef] = model.type_map()
        self.prefixes = self._prefixes()
        self.extended = {
            t.base for t in model.types if isinstance(t, ComplexType) and t.base is not None
        }
        self.used_annotations: set[str] = set()
        self.refs: set[str] = set()  # model classes the module being built refers to
        self.server_refs: set[str] = set()  # and those only the server's side of a method does

    # -- shared -------------------------------------------------------------------------

    def _prefixes(self) -> dict[str, str]:
        namespaces: set[str] = set()
        for t in self.model.types:
            namespaces.add(t.name.namespace)
            if isinstance(t, ComplexType):
                namespaces.update(f.namespace for f in t.fields)
                namespaces.update(f.xsi_type.namespace for f in t.fields if f.xsi_type)
                namespaces.update(m.element.namespace for f in t.fields for m in f.substitutes)
        for service in self.model.services:
            for op in service.operations:
                for message in (op.input, op.output, *op.headers, *op.output_headers):
                    if message is not None:
                        namespaces.add(message.element.namespace)
        namespaces.difference_update(("", XSD, XML_NS))
        return namespace_prefixes(namespaces)

    def codec(self, name: QName) -> Codec:
        if name.namespace == XSD and name.name in BUILTINS:
            annotation, family = BUILTINS[name.name]
            self.used_annotations.add(annotation)
            integer = name.name if family == "int" else ""
            return Codec(annotation, "any" if family == "any" else "leaf", family, integer=integer)
        if name in KNOWN_SIMPLE:
            base, annotation, family, _ = KNOWN_SIMPLE[name]
            self.used_annotations.add(annotation)
            return Codec(annotation, "leaf", family, integer=base.name if family == "int" else "")
        found = self.types[name]
        if isinstance(found, SimpleType):
            item = self.codec(found.base)
            if found.is_list and item.kind in ("leaf", "enum"):
                return Codec(f"list[{item.annotation}]", "list", item=item)
            return item
        cls = self.names.types[name]
        self.refs.add(cls)
        if isinstance(found, EnumType):
            plain = not any(_MARKUP.search(value) for value in found.values)
            enum = Codec(cls, "enum", cls=cls, plain=plain)
            return Codec(f"list[{cls}]", "list", item=enum) if found.is_list else enum
        return Codec(cls, "complex", cls=cls, polymorphic=name in self.extended)

    def tag_text(self, name: QName) -> str:
        """An element's name as written under the Envelope, which declares every prefix
        (passes.check_names has made sure it is an XML name)."""
        if not name.namespace:
            return name.name
        if name.namespace in (XML_NS, XSD):
            return f"{'xml' if name.namespace == XML_NS else 'xsd'}:{name.name}"
        return f"{self.prefixes[name.namespace]}:{name.name}"

    def qname_text(self, name: QName) -> str:
        if name.namespace == XSD:
            return f"xsd:{name.name}"
        prefix = self.prefixes.get(name.namespace)
        return f"{prefix}:{name.name}" if prefix else name.name

    # -- models.py ----------------------------------------------------------------------

    def models(self) -> ModuleView:
        self.used_annotations, self.refs = set(), set()
        view = ModuleView()
        for typedef in self.model.types:
            if isinstance(typedef, EnumType):
                view.enums.append(self._enum(typedef))
        for typedef in _bases_first(self.model.types):
            view.classes.append(self._class(typedef))
            if typedef.base is not None or typedef.name in self.extended:
                view.xsi_types.append((literal(typedef.name.clark), self.names.types[typedef.name]))
        if view.xsi_types:
            view.imports.append("from typing import Any, ClassVar")
        view.faults = self._faults()
        encoded = [("soapenc", SOAP_ENC)] if self._has_encoded_arrays() else []
        view.nsmap = (
            [("xsd", XSD), ("xsi", XSI)]
            + encoded
            + sorted((p, ns) for ns, p in self.prefixes.items())
        )
        factories = any(f.default.startswith(" = field(") for c in view.classes for f in c.fields)
        common = []
        if view.classes:
            common.append("from dataclasses import dataclass" + (", field" if factories else ""))
        if view.enums:
            common.append("from enum import Enum")
        view.imports = sorted(set(common + view.imports + self.annotation_imports()))
        view.etree = bool(view.classes) or any(f.value for f in view.faults)
        return view

    def _summary(self, typedef: ComplexType) -> str:
        """What a class's docstring opens with: the XML type it is, what it extends, and its
        fields (required ones marked), the first few by name."""
        where = f" of {typedef.name.namespace}" if typedef.name.namespace else ""
        base = self.types.get(typedef.base) if typedef.base is not None else None
        extends = f", extending {self.names.types[base.name]}" if base is not None else ""
        shown = []
        for index, item in enumerate(typedef.fields[:SUMMARY_FIELDS]):
            name = self.names.fields[(typedef.name, index)]
            shown.append(f"{name} (required)" if item.constructor_required else name)
        more = len(typedef.fields) - len(shown)
        listed = ", ".join(shown) + (f" and {more} more" if more else "")
        fields = f": {listed}." if shown else ", with no fields."
        text = f"The XML type {typedef.name.name}{where}{extends}{fields}"
        return "\n".join(
            textwrap.wrap(text, SUMMARY_WIDTH, break_long_words=False, break_on_hyphens=False)
        )

    def _has_encoded_arrays(self) -> bool:
        return any(isinstance(t, ComplexType) and t.array_of for t in self.model.types)

    def annotation_imports(self) -> list[str]:
        return sorted(
            {ANNOTATION_IMPORTS[a] for a in self.used_annotations if a in ANNOTATION_IMPORTS}
        )

    def _enum(self, typedef: EnumType) -> EnumView:
        members = [
            (self.names.members[(typedef.name, i)], literal(value))
            for i, value in enumerate(typedef.values)
        ]
        doc = typedef.doc or f"Values of the XML type {typedef.name.name}."
        return EnumView(self.names.types[typedef.name], docstring(doc, "    "), members)

    def _faults(self) -> list[FaultView]:
        seen: dict[QName, FaultView] = {}
        for service in self.model.services:
            for op in service.operations:
                for fault in op.faults:
                    if fault.element not in seen:
                        doc = fault.doc or f"The {fault.name} SOAP Fault."
                        value = ""
                        if fault.type is not None and isinstance(
                            self.types.get(fault.type), ComplexType
                        ):
                            value = self.codec(fault.type).cls
                        seen[fault.element] = FaultView(
                            self.names.faults[fault.element],
                            literal(fault.element.clark),
                            docstring(doc, "    "),
                            value,
                            literal(fault.name),
                        )
        return list(seen.values())

    def _class(self, typedef: ComplexType) -> ClassView:
        fields: list[FieldView] = []
        attrs: list[str] = []  # lines of _write that write the start tag's attributes
        write: list[str] = []  # lines that write the content
        always = False  # some content is written whatever the values
        read_init: list[str] = []
        read_loop: list[str] = []
        read_attrs: list[str] = []
        checks: list[str] = []
        args: list[str] = []
        docs = [typedef.doc] if typedef.doc else []
        branch = "if"
        wildcard = ""
        if typedef.array_of is not None and len(typedef.fields) == 1:
            # soapenc:arrayType="ns:T[n]": the count is known only when writing
            items = f"self.{self.names.fields[(typedef.name, 0)]}"
            start = ' soapenc:arrayType="' + self.qname_text(typedef.array_of) + "["
            attrs.append(f"_w({fstring(start, f'len({items})', ']' + chr(34))})")
        for index, item in enumerate(typedef.fields):
            name = self.names.fields[(typedef.name, index)]
            annotation = self.annotation(item)
            required = item.optionality is Optionality.REQUIRED and not item.nillable
            tag = literal(item.name) if item.is_attribute else ""  # read: by name
            if item.doc:
                docs.append(f"{name}: {item.doc}")
            if item.is_list:
                fields.append(
                    FieldView(name, f"list[{annotation}]", " = field(default_factory=list)")
                )
            elif required:
                fields.append(FieldView(name, annotation, ""))
            else:
                fields.append(FieldView(name, f"{annotation} | None", " = None"))
            args.append(f"{name}={name}")
            if item.substitutes:
                write.extend(self._write_substitutes(item, name, required))
                read_init.append(self._read_init(item, name, annotation))
                read_loop += self._read_substitutes(item, name, branch)
                branch = "elif"
                if required and not item.is_list:
                    checks += [
                        f"if {name} is None:",
                        f"    raise _soap.missing(_el, {literal(item.name)})",
                    ]
                continue
            codec = self.codec(item.type)
            if item.name == ANY_ELEMENT and not item.is_attribute:
                # xs:any: whatever element no other field claims, kept as it came
                write += [f"for _any in self.{name}:", "    _w(_soap.element_text(_any))"]
                read_init.append(f"{name}: list[etree._Element] = []")
                wildcard = name
                continue
            owner = f"{self.names.types[typedef.name]}.{name}"
            lines = self._write_field(item, name, codec, required, owner)
            if item.is_attribute:
                attrs.extend(lines)
            else:
                write.extend(lines)
                # what a required field holds is written; None where it is nillable: xsi:nil
                always = always or (item.optionality is Optionality.REQUIRED and not item.is_list)
            clark = literal(QName(item.namespace, item.name).clark)
            if item.is_text:
                reader = codec.reader("_el")
                if " or " in reader:  # an operand of the conditional below
                    reader = f"({reader})"
                read_attrs.append(f"{name} = {reader} if _el.text else None")
                if required:
                    checks += [f"if {name} is None:", "    raise _soap.missing(_el, 'text')"]
                continue
            if item.is_attribute:
                reader = codec.reader_ref()
                read_attrs.append(f"{name} = _soap.attr(_el, {tag}, {reader})")
                if required:
                    checks += [
                        f"if {name} is None:",
                        f"    raise _soap.missing(_el, {literal(item.name)})",
                    ]
                continue
            if item.is_list:
                # the items of an encoded array may have any name (item, the type's, ...)
                read_init.append(f"{name}: list[{codec.annotation}] = []")
                test = "isinstance(_t, str)" if typedef.array_of is not None else f"_t == {clark}"
                read_loop += [f"{branch} {test}:", f"    {name}.append({codec.reader('_c')})"]
            else:
                read_init.append(f"{name}: {codec.annotation} | None = None")
                read_loop += [f"{branch} _t == {clark}:", f"    {name} = {codec.reader('_c')}"]
                if required:
                    checks += [
                        f"if {name} is None:",
                        f"    raise _soap.missing(_el, {literal(item.name)})",
                    ]
            branch = "elif"
        if sum(line.startswith("elif ") for line in read_loop) > _ELIF_LIMIT:
            read_loop = _flat(read_loop)
            if wildcard:
                read_loop += ["    continue", f"{wildcard}.append(_c)"]
        elif wildcard:
            fallback = [f"    {wildcard}.append(_c)"]
            read_loop += (["else:"] if read_loop else ["if isinstance(_t, str):"]) + fallback
        read = read_attrs + read_init
        if read_loop:
            read += [
                "for _c in _el:",
                "    if _c.attrib and _soap.is_nil(_c):  # most elements have no attributes",
                "        continue",
                "    _t = _c.tag",
            ]
            read += ["    " + line for line in read_loop]
        read += checks
        read.append(call("return cls", args, indent=8))
        base = self.types.get(typedef.base) if typedef.base is not None else None
        if isinstance(base, ComplexType):
            inherited = {f.key for f in base.fields}
            fields = [
                v for v, f in zip(fields, typedef.fields, strict=True) if f.key not in inherited
            ]
        in_hierarchy = isinstance(base, ComplexType) or typedef.name in self.extended
        return ClassView(
            self.names.types[typedef.name],
            docstring("\n\n".join([self._summary(typedef), *docs]), "    "),
            fields,
            _element(attrs, write, always),
            read,
            base=self.names.types[base.name] if isinstance(base, ComplexType) else "",
            xsi_type=literal(self.qname_text(typedef.name)) if in_hierarchy else "",
            polymorphic=typedef.name in self.extended,
        )

    def annotation(self, item: Field) -> str:
        """The type of one value of a field: its class, or the union of its substitutes'."""
        if item.substitutes:
            return " | ".join(self.codec(s.type).annotation for s in item.substitutes)
        return self.codec(item.type).annotation

    @staticmethod
    def _read_init(item: Field, name: str, annotation: str) -> str:
        if item.is_list:
            return f"{name}: list[{annotation}] = []"
        return f"{name}: {annotation} | None = None"

    def _read_substitutes(self, item: Field, name: str, branch: str) -> list[str]:
        lines = []
        for member in item.substitutes:
            reader = self.codec(member.type).reader("_c")
            store = f"{name}.append({reader})" if item.is_list else f"{name} = {reader}"
            lines += [f"{branch} _t == {literal(member.element.clark)}:", f"    {store}"]
            branch = "elif"
        return lines

    def _write_substitutes(self, item: Field, name: str, required: bool) -> list[str]:
        value = f"_{name}_item" if item.is_list else f"self.{name}"
        body = []
        for index, member in enumerate(item.substitutes):
            keyword = "if" if index == 0 else "elif"
            cls = self.codec(member.type).cls
            tag = literal(self.tag_text(member.element))
            body += [f"{keyword} isinstance({value}, {cls}):", f"    {value}._write(_o, {tag})"]
        return _each_value(item, name, value, body, required)

    def _write_field(
        self, item: Field, name: str, codec: Codec, required: bool, owner: str
    ) -> list[str]:
        """Lines of `_write` that write one field (`owner`: its class and name, for errors):
        an attribute, the text, or elements."""
        hint = self.qname_text(item.xsi_type) if item.xsi_type else ""
        # one loop variable per field: mypy types a name by its first loop
        value = f"_{name}_item" if item.is_list else f"self.{name}"
        guard = _int_guard(codec, value, owner)
        if item.is_text:
            return _each_value(item, name, value, [*guard, f"_w({codec.text(value)})"], required)
        if item.is_attribute:
            written = [*guard, _attribute(codec, item.name, value)]
            return _each_value(item, name, value, written, required)
        element = QName(item.namespace, item.name)
        tag = self.tag_text(element)
        if codec.kind == "complex" and codec.polymorphic:
            # a subclass's value says which type it is
            xsi = f"_soap.xsi_type({value}, {codec.cls}, {literal(hint)})"
            body = [f"{value}._write(_o, {literal(tag)}, {xsi})"]
        elif codec.kind == "complex":
            extra = f", {literal(_xsi_type(hint))}" if hint else ""
            body = [f"{value}._write(_o, {literal(tag)}{extra})"]
        else:
            body = [*guard, _put(codec, "_o", element.clark, tag, value, hint)]
        guarded = _each_value(item, name, value, body, required)
        if item.is_list or required:
            return guarded
        if item.nillable and item.optionality is Optionality.REQUIRED:
            # the element must be there: None goes on the wire as xsi:nil
            guarded += ["else:", f"    _w({literal(f'<{tag}{_XSI_NIL}/>')})"]
        return guarded

    # -- client.py ----------------------------------------------------------------------

    def client(self) -> ModuleView:
        self.used_annotations, self.refs, self.server_refs = set(), set(), set()
        view = ModuleView()
        fault_names: set[str] = set()
        for service in self.model.services:
            methods = [self._method(service, op) for op in service.operations]
            view.clients.append(
                ClientView(
                    name=self.names.clients[service.name],
                    async_name="Async" + self.names.clients[service.name],
                    doc=docstring(
                        service.doc or f"A client of the {service.name} service.", "    "
                    ),
                    addresses=[
                        (literal(v.value), literal(a)) for v, a in service.addresses().items()
                    ],
                    versions=literal(tuple(v.value for v in service.soap_versions)),
                    methods=methods,
                )
            )
            for op in service.operations:
                entries = [
                    (literal(f.element.clark), self.names.faults[f.element]) for f in op.faults
                ]
                map_name = self._fault_map(service, op)
                fault_names.update(cls for _, cls in entries)
                view.fault_maps.append((map_name, sorted(entries)))
        view.model_names = sorted(self.refs | fault_names)
        view.imports = self.annotation_imports()
        view.etree = any("etree." in a for a in self.used_annotations)
        return view

    def _method(self, service: Service, op: Operation) -> MethodView:
        scope = Scope(frozenset({"self", *self.names.types.values()}))
        params: list[ParamView] = []
        build = ["_body: list[str] = []"] + (["_header: list[str] = []"] if op.headers else [])
        serve: list[str] = []  # the server's side: read the request, call the handler
        arguments: list[str] = []  # of the server's call of the handler
        wrapper = self.types.get(op.input.type)
        if isinstance(wrapper, ComplexType):
            request_cls = self.names.types[op.input.type]
            self.refs.add(request_cls)
            args = []
            for index, item in enumerate(wrapper.fields):
                field_name = self.names.fields[(wrapper.name, index)]
                param = scope.take(field_name)
                params.append(self._param(item, param))
                value = f"{param} if {param} is not None else []" if item.is_list else param
                args.append(f"{field_name}={value}")
                arguments.append(f"{param}=_in.{field_name}")
            tag = literal(self.tag_text(op.input.element))
            build.append(call(request_cls, args, f"._write(_body, {tag})", 8))
            serve.append(f"_in = {request_cls}._read(_request)")
        else:
            param = scope.take(snake(op.input.element.name))
            codec = self.codec(op.input.type)
            params.append(ParamView(param, codec.annotation, ""))
            build += self._put_message(codec, "_body", op.input, param, param)
            arguments.append(f"{param}={codec.reader('_request')}")
        for header in op.headers:
            param = scope.take(snake(header.element.name))
            codec = self.codec(header.type)
            params.append(ParamView(param, f"{codec.annotation} | None", " = None"))
            build.append(f"if {param} is not None:")
            if codec.kind == "complex":
                written = literal(self.tag_text(header.element))
                build.append(f"    {param}._write(_header, {written})")
            else:
                put = self._put_message(codec, "_header", header, param, param)
                build += ["    " + line for line in put]
            tag = literal(header.element.clark)
            arguments.append(f"{param}=_server.header(_header, {tag}, {codec.reader_ref()})")
        returns, expected, result = self._result(op.output)
        method_name = self.names.methods[(service.name, op.name)]
        serve += self._serve_result(op.output, f"handler.{method_name}", arguments)
        params.sort(key=lambda p: p.default != "")
        method = self.names.methods[(service.name, op.name)]
        doc = op.doc or f"Call {op.name}."
        return MethodView(
            name=method,
            doc=docstring(doc, "        "),
            params=params,
            returns=returns,
            build=build,
            action=(
                literal(op.soap_action)
                if op.soap12_action is None
                else f"({literal(op.soap_action)} if self.soap_version == _soap.SOAP11 "
                f"else {literal(op.soap12_action)})"
            ),
            soap_action=op.soap_action,
            expected=expected,
            result=result,
            faults=self._fault_map(service, op),
            serve=serve,
            expected_request=literal(op.input.element.clark),
            operation=literal(op.name),
            response=expected,
            actions=literal(
                tuple(dict.fromkeys(a for a in (op.soap_action, op.soap12_action) if a))
            ),
            headers=bool(op.headers),
        )

    def _put_message(
        self, codec: Codec, out: str, message: Message, value: str, name: str
    ) -> list[str]:
        """Lines that write a message's non-complex value (`name` says which, for errors)."""
        element = message.element
        put = _put(codec, out, element.clark, self.tag_text(element), value)
        return [*_int_guard(codec, value, name), put]

    def _fault_map(self, service: Service, op: Operation) -> str:
        method = self.names.methods[(service.name, op.name)].upper()
        if len(self.model.services) == 1:
            return f"_FAULTS_{method}"
        return f"_FAULTS_{self.names.clients[service.name].upper()}_{method}"

    def _param(self, item: Field, name: str) -> ParamView:
        annotation = self.annotation(item)
        if item.is_list:
            return ParamView(name, f"list[{annotation}] | None", " = None")
        if item.optionality is Optionality.REQUIRED and not item.nillable:
            return ParamView(name, annotation, "")
        return ParamView(name, f"{annotation} | None", " = None")

    def _serve_result(
        self, output: Message | None, handler: str, arguments: list[str]
    ) -> list[str]:
        """Lines that call the handler and write what it returns into `_out`."""
        inline = f"{handler}({', '.join(arguments)})"  # where the call is an argument itself
        if output is None:
            return [call(handler, arguments, indent=4)]
        tag = literal(self.tag_text(output.element))
        wrapper = self.types.get(output.type)
        if not isinstance(wrapper, ComplexType):
            codec = self.codec(output.type)
            if codec.kind == "complex":
                return [call(handler, arguments, f"._write(_out, {tag})", 4)]
            # the value first: an f-string's braces cannot hold the arguments' quotes
            return [call(f"_value = {handler}", arguments, indent=4)] + self._put_message(
                codec, "_out", output, "_value", f"{handler} returned"
            )
        cls = self.names.types[output.type]
        elements = [f for f in wrapper.fields if not f.is_attribute]
        if len(wrapper.fields) == 1 and len(elements) == 1:
            self.server_refs.add(cls)
            name = self.names.fields[(wrapper.name, 0)]
            return [f"{cls}({name}={inline})._write(_out, {tag})"]
        if not wrapper.fields:
            self.server_refs.add(cls)
            return [call(handler, arguments, indent=4), f"{cls}()._write(_out, {tag})"]
        return [call(handler, arguments, f"._write(_out, {tag})", 4)]

    def _result(self, output: Message | None) -> tuple[str, str, list[str]]:
        if output is None:
            return "None", "None", ["return None"]
        expected = literal(output.element.clark)
        wrapper = self.types.get(output.type)
        if not isinstance(wrapper, ComplexType):
            codec = self.codec(output.type)
            return codec.annotation, expected, [f"return {codec.reader('_soap.result(_out)')}"]
        cls = self.names.types[output.type]
        elements = [f for f in wrapper.fields if not f.is_attribute]
        if not wrapper.fields:
            return "None", expected, ["return None"]
        self.refs.add(cls)
        if len(wrapper.fields) == 1 and len(elements) == 1:
            only = elements[0]
            name = self.names.fields[(wrapper.name, 0)]
            annotation = self._param(only, name).annotation
            if only.is_list:
                annotation = annotation.removesuffix(" | None")
            return annotation, expected, [f"return {cls}._read(_soap.result(_out)).{name}"]
        return cls, expected, [f"return {cls}._read(_soap.result(_out))"]


def _each_value(item: Field, name: str, value: str, body: list[str], required: bool) -> list[str]:
    """`body` (which writes `value`) for each item of a list, or when the field has a value."""
    if item.is_list:
        return [f"for {value} in self.{name}:"] + ["    " + line for line in body]
    if required:
        return body
    return [f"if self.{name} is not None:"] + ["    " + line for line in body]


def _bases_first(types: tuple[TypeDef, ...]) -> list[ComplexType]:
    """Complex types in model order, except that a base comes before what extends it."""
    by_name = {t.name: t for t in types if isinstance(t, ComplexType)}
    ordered: dict[QName, ComplexType] = {}

    def visit(typedef: ComplexType, depth: int = 0) -> None:
        if typedef.name in ordered or depth > len(by_name):
            return
        parent = by_name.get(typedef.base) if typedef.base is not None else None
        if parent is not None:
            visit(parent, depth + 1)
        ordered[typedef.name] = typedef

    for typedef in by_name.values():
        visit(typedef)
    return list(ordered.values())


def _put(codec: Codec, out: str, clark: str, tag: str, value: str, hint: str = "") -> str:
    """A statement that writes a non-complex value as an element into the list `out`;
    `tag` is its name as written, `hint` an xsi:type."""
    # models.py's `_write` has `_w = _o.append` and the module `_esc = _soap.text`
    write, escape = ("_w", "_esc") if out == "_o" else (f"{out}.append", "_soap.text")
    if codec.kind == "any":
        extra = f", {literal(hint)}" if hint else ""
        return f"_soap.write_any({out}, {literal(clark)}, {value}{extra})"
    start = f"<{tag}{_xsi_type(hint)}>"
    if codec.family == "bool" and codec.item is None:
        written = (literal(f"{start}true</{tag}>"), literal(f"{start}false</{tag}>"))
        return f"{write}({written[0]} if {value} else {written[1]})"
    return f"{write}({fstring(start, codec.inner(value, escape), f'</{tag}>')})"


def _int_guard(codec: Codec, value: str, name: str) -> list[str]:
    """Lines that refuse an integer its XSD type cannot carry, before it is written: a
    comparison inline, since a call per value costs about as much as writing it."""
    if codec.family != "int" or codec.integer not in INTEGERS:
        return []
    _, low, high = INTEGERS[codec.integer]
    lowest = "-_soap.INTEGER_MAX" if low is None else str(low)
    highest = "_soap.INTEGER_MAX" if high is None else str(high)
    kind = literal(codec.integer)
    if value.startswith("self."):  # the class is known at run time: a line short of black's
        error = f"_soap.field_out_of_range(self, {literal(value[len('self.'):])}, {kind})"
    else:
        error = f"_soap.out_of_range({value}, {kind}, {literal(name)})"
    return [f"if not {lowest} <= {value} <= {highest}:", f"    raise {error}"]


def _xsi_type(qname: str) -> str:
    """The xsi:type attribute naming `qname` (prefixed), as written in a start tag."""
    return f' xsi:type="{qname}"' if qname else ""


def _attribute(codec: Codec, name: str, value: str) -> str:
    """A statement of `_write` that writes an attribute."""
    if codec.family == "bool" and codec.item is None:
        written = (literal(f' {name}="true"'), literal(f' {name}="false"'))
        return f"_w({written[0]} if {value} else {written[1]})"
    return f"_w({fstring(f' {name}=' + chr(34), codec.inner(value, '_soap.attr_text'), chr(34))})"


def _element(attrs: list[str], content: list[str], always: bool) -> list[str]:
    """The body of a class's `_write`: the element named `_tag`, `_x` in its start tag
    (xsi:type, declarations), `attrs` (lines writing attributes) then `content`; written
    `<tag/>` when nothing is in it, as lxml writes an empty element."""
    if not attrs and not content:
        return ['_o.append(f"<{_tag}{_x}/>")']
    lines = ["_w = _o.append"]
    if attrs:
        lines += ['_w(f"<{_tag}{_x}")', *attrs]
        if not content:
            return [*lines, '_w("/>")']
        lines.append('_w(">")')
        empty = '    _o[-1] = "/>"'
    else:
        lines.append('_w(f"<{_tag}{_x}>")')
        empty = '    _o[-1] = f"<{_tag}{_x}/>"'
    if always:
        return [*lines, *content, '_w(f"</{_tag}>")']
    return [
        *lines,
        "_n = len(_o)",
        *content,
        "if len(_o) == _n:",
        empty,
        "else:",
        '    _w(f"</{_tag}>")',
    ]
