"""Every name the generated code writes on the wire is one XML can carry.

A reader takes names as the source spells them; a schema can declare `name="a b"` and a
page can show anything.  Such a name cannot be written, so it is refused here, with where
it was read, rather than by the generated code at run time.
"""

from __future__ import annotations

from lxml import etree

from ..config import SpecSettings
from ..errors import SpecError
from ..model import ANY_ELEMENT, ComplexType, Model, Source


def check_names(model: Model, settings: SpecSettings) -> Model:
    # each name once, where it was first read: types share most of their fields' names
    # (NetSuite's 19,669 are 5,908 names)
    named: dict[tuple[str, str], Source] = {}  # (namespace, name) -> where it was read
    for typedef in model.types:
        if isinstance(typedef, ComplexType):
            for item in typedef.fields:
                if not item.is_text and item.name != ANY_ELEMENT:
                    named.setdefault((item.namespace, item.name), item.source)
                for s in item.substitutes:
                    named.setdefault((s.element.namespace, s.element.name), item.source)
    for service in model.services:
        for op in service.operations:
            for message in op.messages:
                element = message.element
                named.setdefault((element.namespace, element.name), message.source)
    for (namespace, name), source in named.items():
        try:
            etree.QName(namespace or None, name)
        except ValueError:
            raise SpecError(
                f"{name!r} is not an XML name: no element or attribute can be called so",
                file=source.file,
                line=source.line,
            ) from None
    return model
