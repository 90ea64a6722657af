"""xmlschema components to model types.

Complex types become `ComplexType`s with their content flattened in document order:
sequences and `all` keep their particles, a choice makes its elements optional, a
repeated group makes its elements lists, and a derived type carries its base's fields
first.  Simple types become builtins, `EnumType`s or `SimpleType`s (facets kept for the
emitted schema).  Anonymous types are named after their element, deterministically.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..model import (
    ANY_ELEMENT,
    XSD,
    ChoiceBranch,
    ComplexType,
    Diagnostic,
    EnumType,
    Evidence,
    Field,
    Optionality,
    QName,
    SimpleType,
    Source,
    Substitute,
    SubstitutionGroup,
    TypeDef,
    xs,
)
from ..xsdtypes import BUILTINS, KNOWN_SIMPLE

_FACETS = (
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "totalDigits",
    "fractionDigits",
)
ANY = ANY_ELEMENT
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_ENCODING = (
    "http://schemas.xmlsoap.org/soap/encoding/",
    "http://www.w3.org/2003/05/soap-encoding",
)
_MAX_DERIVATION = 64  # base types followed for a text type; xmlschema refuses cycles


def split(name: str | None) -> QName:
    if not name:
        return QName("", "")
    # a name is an xs:NCName: its whitespace collapses (`name="status "` is "status")
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return QName(namespace, local.strip())
    return QName("", name.strip())


class XsdMapper:
    """Maps the components that operations reach; each type once, recursion included."""

    def __init__(self, file: str, lines: Mapping[Any, tuple[str, int]] | None = None) -> None:
        self.file = file
        self.lines = lines or {}  # a component's element -> its file and line (build_schema)
        self.types: dict[QName, TypeDef] = {}
        self.warnings: list[Diagnostic] = []
        self._anonymous: dict[int, QName] = {}
        self._names: set[QName] = set()
        self._groups: dict[int, SubstitutionGroup | None] = {}  # by id() of the head element
        # (owner type, field name, field namespace, head element): fields whose members are
        # mapped once every type is, since a member's type may contain its own group
        self._pending: list[tuple[QName, str, str, Any]] = []
        self._choices = 0
        self._derived: dict[QName, list[Any]] | None = None
        self._subtyped: set[int] = set()  # id() of the subtypes mapped
        self._maps: Any = None

    def finish(self, maps: Any = None) -> dict[QName, TypeDef]:
        """Every type mapped, with subtypes and the members of substitution groups (claimed
        bases, substitution groups and the element classes they need are settled by passes).
        `maps` (xmlschema's global maps) is where subtypes are looked for."""
        self._maps = maps
        while self._pending or self._map_subtypes():
            self._record_groups()
        return self.types

    def _record_groups(self) -> None:
        while self._pending:
            owner, name, namespace, head = self._pending.pop(0)
            group = self._group_of(head)
            found = self.types[owner]
            if group is None or not isinstance(found, ComplexType):
                continue
            fields = tuple(
                (
                    replace(f, substitution_group=group)
                    if (f.name, f.namespace, f.is_attribute) == (name, namespace, False)
                    else f
                )
                for f in found.fields
            )
            self.types[owner] = replace(found, fields=fields)

    def source(self, component: Any) -> Source:
        elem = getattr(component, "elem", None)
        found = self.lines.get(elem) if elem is not None else None
        return Source(*found) if found is not None else Source(self.file, 0)

    # -- entry points -------------------------------------------------------------------

    def element_type(self, element: Any) -> QName:
        """The model type of a global element's content."""
        return self.type_ref(element.type, split(element.name).name)

    def type_ref(self, xsd_type: Any, context: str) -> QName:
        name = split(getattr(xsd_type, "name", None))
        if name.namespace in SOAP_ENCODING:
            # soapenc:string is xs:string that may be nil or referenced; the rest is metadata
            if name.name in BUILTINS:
                return xs(name.name)
            return xs("anyType" if xsd_type.is_complex() else "string")
        if name.namespace == XSD:
            return (
                name
                if name.name in BUILTINS
                else xs("anyType" if xsd_type.is_complex() else "string")
            )
        if xsd_type.is_complex():
            return self._complex(xsd_type, name, context)
        return self._simple(xsd_type, name, context)

    # -- complex types ------------------------------------------------------------------

    def _text_type(self, xsd_type: Any, model_name: QName) -> QName:
        """The type of a simple-content type's text.  Complex content restricting a type with
        simple content (`complexContent/restriction base="soapenc:int"`, sloppy rpc/encoded
        schemas) has no simple type of its own: the nearest base's is used, with a warning."""
        found = xsd_type
        for _ in range(_MAX_DERIVATION):
            if _is_simple(found.content) or getattr(found, "base_type", None) in (None, found):
                break
            found = found.base_type
        if not _is_simple(found.content):
            text = xs("string")
        else:
            text = self.type_ref(found.content, model_name.name + "Value")
            if found is xsd_type:
                return text
        self.warnings.append(
            Diagnostic(
                self.source(xsd_type),
                f"{model_name.name!r} derives complex content from a type with simple "
                f"content: its text is read as {text.name}",
            )
        )
        return text

    def _claim(
        self, xsd_type: Any, name: QName, context: str, namespace: str
    ) -> tuple[QName, bool]:
        """The model name of a type, and whether it still has to be built."""
        if name.name:
            return name, name not in self.types
        known = self._anonymous.get(id(xsd_type))
        if known is not None:
            return known, False
        wanted = QName(namespace, context or "Anonymous")
        candidate, counter = wanted, 2
        while candidate in self._names:
            candidate = QName(wanted.namespace, f"{wanted.name}{counter}")
            counter += 1
        self._anonymous[id(xsd_type)] = candidate
        return candidate, True

    def _complex(self, xsd_type: Any, name: QName, context: str) -> QName:
        namespace = name.namespace or _target_namespace(xsd_type)
        model_name, build = self._claim(xsd_type, name, context, namespace)
        if not build:
            return model_name
        self._names.add(model_name)
        self.types[model_name] = ComplexType(model_name, (), self.source(xsd_type))  # recursion
        fields: list[Field] = []
        item = self._encoded_array_item(xsd_type)
        if item is not None:
            self.types[model_name] = self._encoded_array(xsd_type, model_name, item)
            return model_name
        if xsd_type.has_simple_content():
            text_type = self._text_type(xsd_type, model_name)
            fields.append(
                Field(
                    "",
                    "",
                    text_type,
                    self.source(xsd_type),
                    Optionality.OPTIONAL,
                    is_text=True,
                    evidence=Evidence.SCHEMA,
                )
            )
        elif hasattr(xsd_type.content, "model"):
            self._particles(
                xsd_type.content, fields, optional=False, repeated=False, owner=model_name
            )
        fields[:0] = self._attributes(xsd_type)
        built = ComplexType(
            model_name,
            tuple(_unique(fields)),
            self.source(xsd_type),
            doc=_doc(xsd_type),
            abstract=bool(getattr(xsd_type, "abstract", False)),
        )
        self.types[model_name] = built
        base = self._extended_base(xsd_type)
        if base is not None:  # a claim the settle_bases pass checks
            extends = self.type_ref(base, split(base.name).name)
            self.types[model_name] = replace(built, extends=extends)
        return model_name

    # -- derivation ---------------------------------------------------------------------

    @staticmethod
    def _extended_base(xsd_type: Any) -> Any:
        """The named complex type `xsd_type` extends, if it is one a value can stand in for."""
        base = getattr(xsd_type, "base_type", None)
        if getattr(xsd_type, "derivation", None) != "extension" or base is None:
            return None
        name = split(getattr(base, "name", None))
        if not name.name or name.namespace in (XSD, *SOAP_ENCODING) or not base.is_complex():
            return None
        return base

    def _map_subtypes(self) -> bool:
        """Map every named type that extends a mapped one (a value may carry its xsi:type).

        Finding them takes the schema's components, so it is done here; whether one becomes a
        subclass (`settle_bases`) and whether it is kept (`prune_types`) is settled by passes."""
        if self._derived is None:
            self._derived = {}
            maps = self._maps
            for key, candidate in sorted(maps.types.items()) if maps is not None else ():
                base = self._extended_base(candidate) if candidate.is_complex() else None
                if base is None or not isinstance(key, str):
                    continue
                if not split(key).name:  # no xsi:type can name it
                    self.warnings.append(
                        Diagnostic(
                            self.source(candidate),
                            f"a type extending {split(base.name).name!r} is named "
                            f"{key.rpartition('}')[2]!r}, no name once its whitespace "
                            "collapses: it is not read as a subtype",
                        )
                    )
                    continue
                self._derived.setdefault(split(base.name), []).append(candidate)
        added = False
        for name in list(self.types):
            for derived in self._derived.get(name, []):
                # by identity: a subtype mapped under another name must not be mapped again
                if id(derived) in self._subtyped:
                    continue
                self._subtyped.add(id(derived))
                if split(derived.name) not in self.types:
                    self.type_ref(derived, split(derived.name).name)
                    added = True
        return added

    # -- SOAP-encoded arrays ----------------------------------------------------------

    def _encoded_array_item(self, xsd_type: Any) -> QName | None:
        """The item type of a restriction of soapenc:Array; None for any other type.

        The item type is stated by `wsdl:arrayType="ns:T[]"` on the soapenc:arrayType
        attribute, or (Axis style) by the one element the restriction declares.
        """
        current, derived = xsd_type, False
        for _ in range(64):
            name = split(getattr(current, "name", None))
            if name.namespace in SOAP_ENCODING and name.name == "Array":
                break
            current = getattr(current, "base_type", None)
            if current is None:
                return None
            derived = True
        else:
            return None
        if not derived:
            return None
        for key, attribute in xsd_type.attributes.items():
            if key is None or split(key).name != "arrayType":
                continue
            elem = getattr(attribute, "elem", None)
            declared = elem.get(f"{{{WSDL_NS}}}arrayType") if elem is not None else None
            if declared:
                return self._array_item_type(xsd_type, declared)
        elements = _declared_elements(xsd_type)
        if len(elements) == 1:
            return self.type_ref(elements[0].type, split(elements[0].name).name)
        return xs("anyType")

    def _array_item_type(self, xsd_type: Any, declared: str) -> QName:
        text = declared.strip()
        dimensions = text.count("[")
        text = text.split("[", 1)[0]
        if dimensions != 1:
            return xs("anyType")  # arrays of arrays: items stay XML
        prefix, _, local = text.rpartition(":")
        namespace = (getattr(xsd_type, "namespaces", {}) or {}).get(prefix, "")
        if namespace in (XSD, *SOAP_ENCODING) and local in BUILTINS:
            return xs(local)
        found = xsd_type.maps.types.get(f"{{{namespace}}}{local}" if namespace else local)
        if found is None:
            self.warnings.append(
                Diagnostic(
                    self.source(xsd_type),
                    f"the item type {declared!r} of the SOAP-encoded array "
                    f"{split(xsd_type.name).name!r} is not declared: items are read as XML",
                )
            )
            return xs("anyType")
        return self.type_ref(found, local)

    def _encoded_array(self, xsd_type: Any, name: QName, item: QName) -> ComplexType:
        declared = _declared_elements(xsd_type)
        item_name = split(declared[0].name).name if len(declared) == 1 else "item"
        field = Field(
            item_name,
            "",
            item,
            self.source(xsd_type),
            Optionality.OPTIONAL,
            is_list=True,
            xsi_type=None if item == xs("anyType") else item,
            evidence=Evidence.SCHEMA,
        )
        return ComplexType(name, (field,), self.source(xsd_type), doc=_doc(xsd_type), array_of=item)

    def _particles(
        self, group: Any, fields: list[Field], *, optional: bool, repeated: bool, owner: QName
    ) -> None:
        choice = group.model == "choice"
        if choice and not optional and group.min_occurs > 0:
            self._required_choice(group, fields, repeated=repeated, owner=owner)
            return
        group_optional = optional or group.min_occurs == 0 or choice
        group_repeated = repeated or group.max_occurs is None or group.max_occurs > 1
        for particle in group:
            kind = type(particle).__name__
            if kind == "XsdGroup":
                self._particles(
                    particle, fields, optional=group_optional, repeated=group_repeated, owner=owner
                )
            elif kind == "XsdAnyElement":
                fields.append(
                    Field(
                        ANY,
                        "",
                        xs("anyType"),
                        self.source(particle),
                        (
                            Optionality.REQUIRED
                            if not group_optional and particle.min_occurs > 0
                            else Optionality.OPTIONAL
                        ),
                        is_list=True,
                        evidence=Evidence.SCHEMA,
                        wildcard=_wildcard(particle),
                    )
                )
            elif kind == "XsdElement":
                fields.append(self._element_field(particle, group_optional, group_repeated, owner))

    def _required_choice(
        self, group: Any, fields: list[Field], *, repeated: bool, owner: QName
    ) -> None:
        """A choice the type must make: each branch's fields, optional, marked by branch."""
        self._choices += 1
        number = self._choices
        group_repeated = repeated or group.max_occurs is None or group.max_occurs > 1
        for index, particle in enumerate(group):
            branch: list[Field] = []
            holder = _Single(particle)
            self._particles(holder, branch, optional=False, repeated=group_repeated, owner=owner)
            for item in branch:
                inner = item.choice
                if inner is not None and index > 0:
                    inner = replace(inner, required=False)  # a choice within a branch not taken
                marker = ChoiceBranch(
                    number, index, item.optionality is Optionality.REQUIRED and inner is None
                )
                fields.append(
                    replace(
                        item,
                        optionality=Optionality.OPTIONAL,
                        choice=inner if inner is not None else marker,
                    )
                )

    def _element_field(self, element: Any, optional: bool, repeated: bool, owner: QName) -> Field:
        target = element.ref if element.ref is not None else element
        name = split(element.name)
        # a ref to an element of a schema that is not loaded stays a local element with a
        # foreign name: that name is still the one on the wire
        foreign = bool(name.namespace) and name.namespace != _target_namespace(element)
        qualified = element.ref is not None or foreign or bool(getattr(element, "qualified", True))
        type_name = self.type_ref(target.type, name.name)
        if element.ref is not None and next(target.iter_substitutes(), None) is not None:
            self._pending.append((owner, name.name, name.namespace, target))
        is_list = repeated or element.max_occurs is None or element.max_occurs > 1
        required = not optional and element.min_occurs > 0  # a list: at least one item
        return Field(
            name=name.name,
            namespace=name.namespace if qualified else "",
            type=type_name,
            source=self.source(element),
            optionality=Optionality.REQUIRED if required else Optionality.OPTIONAL,
            is_list=is_list,
            nillable=bool(getattr(target, "nillable", False)),
            evidence=Evidence.SCHEMA,
            doc=_doc(element),
            fixed=str(getattr(target, "fixed", None) or ""),
        )

    # -- substitution groups ------------------------------------------------------------

    def _group_of(self, head: Any) -> SubstitutionGroup | None:
        """The substitution group `head` heads, each member's type mapped (which elements stand
        for the head, and with which class, is settled by a pass).

        Members are mapped in name order, the head among them where it stands for itself:
        the names of anonymous types depend on the order they are mapped in."""
        if id(head) in self._groups:
            return self._groups[id(head)]
        self._groups[id(head)] = None
        members = {split(m.name): m for m in head.iter_substitutes()}
        if not members:
            return None
        head_name = split(head.name)
        if not head.abstract:
            members[head_name] = head
        typed = [
            Substitute(name, self.type_ref(m.type, name.name))
            for name, m in sorted(members.items())
        ]
        # mapped already, as the type of the element referring to the head: no new name
        head_type = self.type_ref(head.type, head_name.name)
        group = SubstitutionGroup(
            Substitute(head_name, head_type),
            bool(head.abstract),
            tuple(m for m in typed if m.element != head_name),
            self.source(head),
        )
        self._groups[id(head)] = group
        return group

    def _attributes(self, xsd_type: Any) -> list[Field]:
        found = []
        for key, attribute in xsd_type.attributes.items():
            if key is None or type(attribute).__name__ != "XsdAttribute":
                continue  # anyAttribute
            name = split(attribute.name)
            if name.namespace in SOAP_ENCODING or _declared_in(attribute, SOAP_ENCODING):
                continue  # soapenc:arrayType, href, id: they describe the encoding, not data
            # a reference names a global attribute, which is qualified whatever the form
            qualified = getattr(attribute, "qualified", False) or attribute.ref is not None
            found.append(
                Field(
                    name=name.name,
                    namespace=name.namespace if qualified else "",
                    type=self.type_ref(attribute.type, name.name),
                    source=self.source(attribute),
                    optionality=(
                        Optionality.REQUIRED
                        if attribute.use == "required"
                        else Optionality.OPTIONAL
                    ),
                    is_attribute=True,
                    evidence=Evidence.SCHEMA,
                    fixed=str(getattr(attribute, "fixed", None) or ""),
                )
            )
        return found

    # -- simple types -------------------------------------------------------------------

    def _simple(self, xsd_type: Any, name: QName, context: str) -> QName:
        if name in KNOWN_SIMPLE:
            if name not in self.types:
                base, _, _, facets = KNOWN_SIMPLE[name]
                self.types[name] = SimpleType(name, base, self.source(xsd_type), facets)
            return name
        kind = type(xsd_type).__name__
        if kind == "XsdList":
            item = self.type_ref(xsd_type.item_type, context + "Item")
            return self._register_simple(xsd_type, name, context, item, is_list=True)
        if kind == "XsdUnion":
            return xs("string")  # a value of any member type: its text is the honest common ground
        enumeration = getattr(xsd_type, "enumeration", None)
        base = self._builtin_base(xsd_type)
        if enumeration:
            model_name, build = self._claim(xsd_type, name, context, _target_namespace(xsd_type))
            if build:
                self._names.add(model_name)
                values = tuple(dict.fromkeys(str(v) for v in enumeration))
                self.types[model_name] = EnumType(
                    model_name, values, self.source(xsd_type), base=base, doc=_doc(xsd_type)
                )
            return model_name
        if not name.name and not _facets(xsd_type):
            return base  # an anonymous restriction: its builtin is what the code needs
        # facets make valid samples and the emitted schema: an anonymous one is named after
        # its element, as anonymous complex types are
        return self._register_simple(xsd_type, name, context, base, is_list=False)

    def _register_simple(
        self, xsd_type: Any, name: QName, context: str, base: QName, *, is_list: bool
    ) -> QName:
        model_name, build = self._claim(xsd_type, name, context, _target_namespace(xsd_type))
        if build:
            self._names.add(model_name)
            self.types[model_name] = SimpleType(
                model_name, base, self.source(xsd_type), _facets(xsd_type), is_list=is_list
            )
        return model_name

    def _builtin_base(self, xsd_type: Any) -> QName:
        current = xsd_type
        for _ in range(64):
            name = split(getattr(current, "name", None))
            if name.namespace == XSD and name.name in BUILTINS:
                return name
            if name in KNOWN_SIMPLE:
                return KNOWN_SIMPLE[name][0]
            parent = getattr(current, "base_type", None)
            if parent is None:
                break
            current = parent
        primitive = split(getattr(getattr(xsd_type, "primitive_type", None), "name", None))
        return (
            primitive if primitive.name in BUILTINS and primitive.namespace == XSD else xs("string")
        )


class _Single:
    """One particle seen as a sequence of itself, so that a branch reads like a group."""

    model = "sequence"
    min_occurs = 1
    max_occurs = 1

    def __init__(self, particle: Any) -> None:
        self.particle = particle

    def __iter__(self) -> Any:
        return iter([self.particle])


def _wildcard(particle: Any) -> str:
    elem = getattr(particle, "elem", None)
    written = elem.get("namespace") if elem is not None else None
    return " ".join((written or "").split())


def _declared_elements(xsd_type: Any) -> list[Any]:
    content = xsd_type.content
    return list(content.iter_elements()) if hasattr(content, "iter_elements") else []


def _declared_in(component: Any, namespaces: tuple[str, ...]) -> bool:
    schema = getattr(component, "schema", None)
    return getattr(schema, "target_namespace", None) in namespaces


def _target_namespace(component: Any) -> str:
    return str(getattr(component, "target_namespace", "") or "")


def _facets(xsd_type: Any) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for key, facet in sorted(getattr(xsd_type, "facets", {}).items(), key=lambda kv: str(kv[0])):
        local = split(key).name if key else ""
        if local not in _FACETS:
            continue
        value = getattr(facet, "value", None)
        if local == "pattern":
            # the XSD regexes as written (`patterns` holds their Python translations)
            for pattern in getattr(facet, "regexps", []) or []:
                found.append(("pattern", str(pattern)))
            continue
        if value is not None:
            found.append((local, str(value)))
    return tuple(found)


def _doc(component: Any) -> str:
    annotation = getattr(component, "annotation", None)
    if annotation is None:
        return ""
    parts = [" ".join((getattr(d, "text", "") or "").split()) for d in annotation.documentation]
    return " ".join(p for p in parts if p)[:1000]


def _is_simple(content: Any) -> bool:
    return callable(getattr(content, "is_complex", None)) and not content.is_complex()


def _unique(fields: list[Field]) -> list[Field]:
    """A name seen twice (a choice repeated in a derivation) keeps its first field."""
    seen: set[tuple[str, str, bool, bool]] = set()
    kept = []
    for field in fields:
        if field.key not in seen:
            seen.add(field.key)
            kept.append(field)
    return kept
