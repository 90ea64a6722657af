"""The plan of server.py: handlers, the mock's sample values and faults, routes.

Built on the client's plan (a handler method has the client method's signature) and on
`Samples` for what the mock answers.  Where `SampleSizes` counts more than BUDGET elements in
the smallest sample of a request, response or fault detail, none is built: the mock answers
such a response with a SOAP Fault saying why, `sample_requests()` leaves such a request out,
and `unsampled()` (written only where there is one) names each and why.
"""

from __future__ import annotations

from ..model import ANY_ELEMENT, ComplexType, Message, Operation, QName
from ..passes.sample_size import BUDGET, SampleSizes
from ..python_imports import import_sections
from ..python_text import literal
from .context import Planner
from .expressions import docstring
from .models import value_codec
from .nodes import MethodPlan, ModulePlan, ServerPlan
from .samples import Samples

SAMPLE_PART = '_soap.Attachment(b"sample")'  # under the part's declared type when sent


def server_plan(p: Planner, client: ModulePlan) -> ModulePlan:
    """The plan of server.py: one handler, mock and route list per service."""
    samples = Samples(p)
    servers = []
    for service, client_of in zip(p.model.services, client.clients, strict=True):
        by_method = {p.names.methods[(service.name, op.name)]: op for op in service.operations}
        returns: dict[str, str] = {}
        requests: dict[str, str] = {}
        faults: dict[str, list[str]] = {}
        refused: dict[str, str] = {}
        unsampled: dict[str, list[str]] = {}
        for method in client_of.methods:
            op = by_method[method.name]
            too_large = _too_large(samples.sizes, op)
            for what, why in too_large.items():
                unsampled.setdefault(method.name, []).append(f"no sample {what}: {why}")
            if "response" in too_large:
                refused[method.name] = f"the mock has no sample response of {op.name}: " + (
                    too_large["response"]
                )
                returns[method.name] = "None"
            else:
                returns[method.name] = _sample_result(p, samples, op.output)
            if method.reply is not None and method.name not in refused:
                given = [f"result={returns[method.name]}"] if method.reply.result else []
                given += [f"{part.name}={SAMPLE_PART}" for part in method.reply.parts]
                returns[method.name] = f"{method.reply.name}({', '.join(given)})"
            if "request" not in too_large:
                requests[method.name] = _sample_request(p, samples, op, method)
            faults[method.name] = _sample_faults(p, samples, op)
        servers.append(
            ServerPlan(
                service=literal(service.name),
                handler=p.names.handlers[service.name],
                mock=p.names.mocks[service.name],
                doc=docstring(
                    f"Serves the {service.name} service: override the operations you answer.",
                    "    ",
                ),
                routes=f"_ROUTES_{p.names.handlers[service.name].upper()}",
                versions=client_of.versions,
                methods=client_of.methods,
                samples=returns,
                requests=requests,
                faults=faults,
                refused=refused,
                unsampled={name: "; ".join(why) for name, why in unsampled.items()},
            )
        )
    # the classes and annotations the methods, the samples and the faults name
    methods = [m for c in client.clients for m in c.methods]
    uses = frozenset().union(*(m.uses | m.serves for m in methods)) | samples.uses
    classes = p.model_classes | set(p.names.faults.values())
    return ModulePlan(
        imports=import_sections(
            {
                "annotations",
                "Callable",
                "ClassVar",
                "resources",
                "Any",
                "etree",
                "_server",
                "_soap",
                *uses,
            }
        ),
        servers=tuple(servers),
        model_names=tuple(sorted(uses & classes)),
    )


def _too_large(sizes: SampleSizes, op: Operation) -> dict[str, str]:
    """ "request" and "response" where their smallest sample is over BUDGET elements: why."""
    found = {}
    if sizes.message_cost(op.input) > BUDGET:
        found["request"] = _why(sizes, op.input.type)
    if op.output is not None and sizes.response_cost(op.output) > BUDGET:
        found["response"] = _why(sizes, sizes.answered(op.output))
    return found


def _why(sizes: SampleSizes, name: QName) -> str:
    culprit = sizes.culprit(name)
    return f"the smallest valid value of {culprit.name} has over {BUDGET:,} elements"


def _sample_result(p: Planner, samples: Samples, output: Message | None) -> str:
    if output is None:
        return "None"
    wrapper = p.types.get(output.type)
    if not isinstance(wrapper, ComplexType):
        return samples.value(output.type)
    elements = [f for f in wrapper.fields if not f.is_attribute]
    if len(wrapper.fields) == 1 and len(elements) == 1:
        # a mock answers the value even where it may be left out
        only = wrapper.fields[0]
        if only.name == ANY_ELEMENT:
            return "[]"
        return samples.field_value(only)
    if not wrapper.fields:
        return "None"
    return samples.value(output.type)


def _sample_faults(p: Planner, samples: Samples, op: Operation) -> list[str]:
    """One instance of each declared fault with a documented detail, as expressions."""
    found = []
    for fault in op.faults:
        if fault.type is None or value_codec(p, fault.type) is None:
            continue
        if 1 + samples.sizes.type_content(fault.type) <= BUDGET:  # else left out, as warned
            cls = p.names.faults[fault.element]
            samples.uses.add(cls)
            found.append(f"{cls}.of({samples.value(fault.type)})")
    return found


def _sample_request(p: Planner, samples: Samples, op: Operation, method: MethodPlan) -> str:
    wrapper = p.types.get(op.input.type)
    parts = []
    if isinstance(wrapper, ComplexType):
        required = {
            p.names.fields[(wrapper.name, i)]: item
            for i, item in enumerate(wrapper.fields)
            if samples.required(item)
        }
        names = [param.name for param in method.params if param.name in required]
        values = samples.field_values([required[name] for name in names])
        for name, value in zip(names, values, strict=True):
            if value is not None:
                parts.append(f"{literal(name)}: {value}")
    elif method.params:
        parts.append(f"{literal(method.params[0].name)}: {samples.value(op.input.type)}")
    parts += [f"{literal(part.name)}: {SAMPLE_PART}" for part in method.parts]
    return "{" + ", ".join(parts) + "}"
