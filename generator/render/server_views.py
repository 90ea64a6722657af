"""The server module's view: handlers, the mock's sample values and faults, routes.

Built on the client's views (a handler method has the client method's signature) and on
`Samples` for what the mock answers.
"""

from __future__ import annotations

from ..model import ANY_ELEMENT, ComplexType, Message, Operation
from .samples import Samples
from .views import MethodView, ModuleView, ServerView, Views, docstring, literal


def server_module(views: Views) -> ModuleView:
    """The view of server.py: one handler, mock and route list per service."""
    client = views.client()
    views.used_annotations = set()
    samples = Samples(views)
    view = ModuleView(fault_maps=client.fault_maps)
    for service, client_view in zip(views.model.services, client.clients, strict=True):
        by_method = {views.names.methods[(service.name, op.name)]: op for op in service.operations}
        returns: dict[str, str] = {}
        requests: dict[str, str] = {}
        faults: dict[str, list[str]] = {}
        for method in client_view.methods:
            op = by_method[method.name]
            returns[method.name] = _sample_result(views, samples, op.output)
            requests[method.name] = _sample_request(views, samples, op, method)
            faults[method.name] = _sample_faults(views, samples, op)
        view.servers.append(
            ServerView(
                handler=views.names.handlers[service.name],
                mock=views.names.mocks[service.name],
                doc=docstring(
                    f"Serves the {service.name} service: override the operations you answer.",
                    "    ",
                ),
                routes=f"_ROUTES_{views.names.handlers[service.name].upper()}",
                versions=client_view.versions,
                methods=client_view.methods,
                samples=returns,
                requests=requests,
                faults=faults,
            )
        )
    view.model_names = sorted(set(client.model_names) | views.refs)
    view.imports = sorted(
        {"from collections.abc import Callable"}
        | set(client.imports)
        | set(views.annotation_imports())
    )
    return view


def _sample_result(views: Views, samples: Samples, output: Message | None) -> str:
    if output is None:
        return "None"
    wrapper = views.types.get(output.type)
    if not isinstance(wrapper, ComplexType):
        return samples.value(output.type)
    elements = [f for f in wrapper.fields if not f.is_attribute]
    if len(wrapper.fields) == 1 and len(elements) == 1:
        # a mock answers the value even where it may be left out
        only = wrapper.fields[0]
        if only.name == ANY_ELEMENT:
            return "[]"
        return samples.field_value(only, 1)
    if not wrapper.fields:
        return "None"
    return samples.value(output.type)


def _sample_faults(views: Views, samples: Samples, op: Operation) -> list[str]:
    """One instance of each declared fault with a documented detail, as expressions."""
    found = []
    for fault in op.faults:
        if fault.type is not None and isinstance(views.types.get(fault.type), ComplexType):
            cls = views.names.faults[fault.element]
            found.append(f"{cls}.of({samples.value(fault.type)})")
    return found


def _sample_request(views: Views, samples: Samples, op: Operation, method: MethodView) -> str:
    wrapper = views.types.get(op.input.type)
    parts = []
    if isinstance(wrapper, ComplexType):
        required = {
            views.names.fields[(wrapper.name, i)]: item
            for i, item in enumerate(wrapper.fields)
            if samples.required(item)
        }
        for param in method.params:
            if param.name in required:
                parts.append(
                    f"{literal(param.name)}: {samples.field_value(required[param.name], 1)}"
                )
    elif method.params:
        parts.append(f"{literal(method.params[0].name)}: {samples.value(op.input.type)}")
    return "{" + ", ".join(parts) + "}"
