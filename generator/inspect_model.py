"""The model as plain data for `soapsmith inspect`: the JSON shape documented in the README."""

from __future__ import annotations

from typing import Any

from .model import (
    ComplexType,
    EnumType,
    Fault,
    Message,
    MimePart,
    Model,
    Operation,
    QName,
    Source,
    TypeDef,
)


def _source(source: Source) -> dict[str, Any]:
    return {"file": source.file, "line": source.line}


def _message(message: Message | None) -> dict[str, Any] | None:
    if message is None:
        return None
    return {
        "element": message.element.clark,
        "type": message.type.clark,
        **({"parts": list(message.parts)} if message.parts else {}),
        "source": _source(message.source),
    }


def _fault(fault: Fault) -> dict[str, Any]:
    return {
        "name": fault.name,
        "element": fault.element.clark,
        "type": fault.type.clark if fault.type else None,
        "source": _source(fault.source),
    }


def _operation(op: Operation) -> dict[str, Any]:
    return {
        "name": op.name,
        "soap_action": op.soap_action,
        **({"soap12_action": op.soap12_action} if op.soap12_action is not None else {}),
        **({"addressing_action": op.addressing_action} if op.addressing_action else {}),
        **({"addressing_reply": op.addressing_reply} if op.addressing_reply else {}),
        "input": _message(op.input),
        "output": _message(op.output),
        "headers": [_message(h) for h in op.headers],
        "output_headers": [_message(h) for h in op.output_headers],
        **({"attachments": [_part(a) for a in op.attachments]} if op.attachments else {}),
        **(
            {"output_attachments": [_part(a) for a in op.output_attachments]}
            if op.output_attachments
            else {}
        ),
        "faults": [_fault(f) for f in op.faults],
        "doc": op.doc,
        "source": _source(op.source),
    }


def _part(part: MimePart) -> dict[str, Any]:
    return {"name": part.name, "content_type": part.content_type}


def _type(typedef: TypeDef) -> dict[str, Any]:
    common = {
        "name": typedef.name.name,
        "namespace": typedef.name.namespace,
        "source": _source(typedef.source),
    }
    if isinstance(typedef, ComplexType):
        return {
            "kind": "complex",
            **common,
            "partial": typedef.partial,
            "fields": [
                {
                    "name": f.name,
                    "namespace": f.namespace,
                    "type": f.type.clark,
                    "attribute": f.is_attribute,
                    "text": f.is_text,
                    "list": f.is_list,
                    "nillable": f.nillable,
                    "optionality": f.optionality.value,
                    "evidence": f.evidence.value,
                    "xsi_type": f.xsi_type.clark if f.xsi_type else None,
                    "doc": f.doc,
                    "source": _source(f.source),
                    **({"example": f.example} if f.example else {}),
                    **(
                        {"substitutes": [[m.element.clark, m.type.clark] for m in f.substitutes]}
                        if f.substitutes
                        else {}
                    ),
                }
                for f in typedef.fields
            ],
            **({"base": typedef.base.clark} if typedef.base is not None else {}),
            **({"abstract": True} if typedef.abstract else {}),
            **({"array_of": typedef.array_of.clark} if typedef.array_of is not None else {}),
        }
    if isinstance(typedef, EnumType):
        return {
            "kind": "enum",
            **common,
            "base": typedef.base.clark,
            "values": list(typedef.values),
            "list": typedef.is_list,
        }
    return {
        "kind": "simple",
        **common,
        "base": typedef.base.clark,
        "list": typedef.is_list,
        "facets": [list(f) for f in typedef.facets],
    }


def model_data(model: Model) -> dict[str, Any]:
    return {
        "name": model.name,
        "services": [
            {
                "name": s.name,
                "namespace": s.namespace,
                "soap_versions": [v.value for v in s.soap_versions],
                "address": s.address,
                "bindings": [
                    {
                        "name": b.name,
                        **({"binding": b.binding} if b.binding else {}),
                        "soap_version": b.version.value,
                        "address": b.address,
                        **({"requires": [r.name for r in b.requires]} if b.requires else {}),
                        **({"addressing": b.addressing} if b.addressing else {}),
                    }
                    for b in s.bindings
                ],
                "source": _source(s.source),
                "operations": [_operation(op) for op in s.operations],
            }
            for s in model.services
        ],
        "types": [_type(t) for t in model.types],
        "warnings": [
            {"source": w.source.file, "line": w.source.line, "message": w.message}
            for w in model.warnings
        ],
    }


def _body(message: Message, types: dict[QName, TypeDef]) -> str:
    """The element of a body, or the elements of its parts."""
    typedef = types.get(message.type)
    if message.parts and isinstance(typedef, ComplexType):
        return ", ".join(f.name for f in typedef.fields)
    return message.element.name


def model_text(model: Model) -> str:
    lines: list[str] = []
    types = model.type_map()
    for service in model.services:
        versions = ", ".join(f"SOAP {v.value}" for v in service.soap_versions)
        lines.append(f"service {service.name} ({versions}) at {service.address or '<no address>'}")
        for b in service.bindings:
            bound = f" (binding {b.binding})" if b.binding else ""
            where = b.address or "<no address>"
            lines.append(f"  port {b.name}{bound}: SOAP {b.version.value} at {where}")
        for op in service.operations:
            out = _body(op.output, types) if op.output else "-"
            lines.append(f"  operation {op.name}: {_body(op.input, types)} -> {out}  [{op.source}]")
            if op.soap_action:
                lines.append(f"    SOAPAction {op.soap_action}")
            for header in op.headers:
                lines.append(f"    header {header.element.name}")
            for fault in op.faults:
                lines.append(f"    fault {fault.name}")
    for typedef in model.types:
        if isinstance(typedef, ComplexType):
            lines.append(f"type {typedef.name.name}  [{typedef.source}]")
            for f in typedef.fields:
                shape = f"list[{f.type.name}]" if f.is_list else f.type.name
                kind = "@" if f.is_attribute else ""
                why = f"{f.optionality.value}; by {f.evidence.value}"
                lines.append(f"  {kind}{f.name}: {shape}  ({why})  [{f.source}]")
        elif isinstance(typedef, EnumType):
            lines.append(
                f"enum {typedef.name.name}: {' | '.join(typedef.values)}  [{typedef.source}]"
            )
        else:
            lines.append(f"simple {typedef.name.name}: {typedef.base.name}  [{typedef.source}]")
    for warning in model.warnings:
        lines.append(f"warning: {warning.source}: {warning.message}")
    return "\n".join(lines)
