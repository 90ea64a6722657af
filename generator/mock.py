"""`soapsmith sample` and `soapsmith serve`: the generated code itself, run as SoapUI would.

A spec is generated into a temporary folder and imported from there (or an already generated
package is imported); a sample request is the generated client's own request, built from the
mock handler's sample arguments, and the sample response is what the generated server answers
it, both without a network.
"""

from __future__ import annotations

import importlib
import io
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx
from lxml import etree

from .config import ProjectSettings
from .errors import SoapsmithError, SpecError
from .pipeline import build

SAMPLE_ADDRESS = "http://sample.invalid/service"


@contextmanager
def generated_package(target: str, project: ProjectSettings) -> Iterator[ModuleType]:
    """The package of a spec folder (generated now) or a generated package folder, imported."""
    path = Path(target)
    if (path / "server.py").is_file() and (path / "__init__.py").is_file():
        with _imported(path.parent, path.name) as module:
            yield module
        return
    inner = path / path.name
    if (inner / "server.py").is_file():
        with _imported(path, path.name) as module:
            yield module
        return
    folder = path if path.is_dir() else project.specs / target
    if not folder.is_dir():
        raise SpecError("no such spec folder or generated package", file=target)
    built = build(folder, project)
    with tempfile.TemporaryDirectory(prefix="soapsmith-") as scratch:
        for relative, data in built.files.items():
            out = Path(scratch) / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        if not (Path(scratch) / built.settings.package / "server.py").is_file():
            raise SpecError("the spec has no service to serve", file=str(folder))
        with _imported(Path(scratch), built.settings.package) as module:
            yield module


@contextmanager
def _imported(parent: Path, name: str) -> Iterator[ModuleType]:
    def forget() -> None:
        for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[loaded]

    forget()
    sys.path.insert(0, str(parent))
    try:
        importlib.import_module(name)
        yield importlib.import_module(name + ".server")
    finally:
        sys.path.remove(str(parent))
        forget()


def handlers(server: ModuleType) -> list[tuple[str, type[Any], type[Any]]]:
    """(client class name, client class, mock handler class) for each service."""
    package = sys.modules[server.__name__.rsplit(".", 1)[0]]
    found = []
    for name in package.__all__:
        if not name.endswith("Client") or name.startswith("Async"):
            continue
        prefix = name[: -len("Client")]
        mock = getattr(server, prefix + "MockHandler", None)
        if mock is not None:
            found.append((name, getattr(package, name), mock))
    return found


def _pick(server: ModuleType, operation: str | None) -> tuple[type[Any], type[Any], str]:
    services = handlers(server)
    if not services:
        raise SoapsmithError("the package has no service")
    for _, client, mock in services:
        methods = list(mock.sample_requests())
        if operation is None and methods:
            return client, mock, methods[0]
        for method in methods:
            if operation is not None and operation.lower() in (
                method.lower(),
                method.replace("_", "").lower(),
            ):
                return client, mock, method
    known = ", ".join(m for _, _, mock in services for m in mock.sample_requests())
    raise SoapsmithError(f"no operation {operation!r}; the operations are: {known}")


def wsgi_transport(app: Any) -> httpx.MockTransport:
    """An httpx transport that hands each request to a WSGI application in this process."""

    def handle(request: httpx.Request) -> httpx.Response:
        status: list[str] = []
        headers: list[tuple[str, str]] = []

        def start_response(line: str, pairs: list[tuple[str, str]], *_: Any) -> None:
            status.append(line)
            headers.extend(pairs)

        environ = {
            "REQUEST_METHOD": request.method,
            "QUERY_STRING": request.url.query.decode("ascii", "replace"),
            "CONTENT_TYPE": request.headers.get("content-type", ""),
            "CONTENT_LENGTH": str(len(request.content)),
            "HTTP_SOAPACTION": request.headers.get("soapaction", ""),
            "wsgi.input": io.BytesIO(request.content),
            "wsgi.errors": sys.stderr,
        }
        body = b"".join(app(environ, start_response))
        return httpx.Response(int(status[0].split()[0]), headers=headers, content=body)

    return httpx.MockTransport(handle)


def sample_envelopes(
    server: ModuleType, operation: str | None, version: str | None
) -> tuple[bytes, bytes]:
    """The sample request of an operation, and the mock's answer to it."""
    client_cls, mock_cls, method = _pick(server, operation)
    app = server.make_wsgi_app(mock_cls())
    exchanged: list[tuple[bytes, bytes]] = []
    transport = wsgi_transport(app)

    def record(request: httpx.Request) -> httpx.Response:
        response = transport.handle_request(request)
        exchanged.append((request.content, response.read()))
        return response

    http = httpx.Client(transport=httpx.MockTransport(record))
    if version is not None and version not in client_cls.SOAP_VERSIONS:
        supported = " and ".join(client_cls.SOAP_VERSIONS)
        raise SoapsmithError(f"the service speaks SOAP {supported}, not {version}")
    client = client_cls(SAMPLE_ADDRESS, http=http, soap_version=version)
    try:
        getattr(client, method)(**mock_cls.sample_requests()[method])
    except Exception as exc:  # the answer is shown even when the client refuses it
        if not exchanged:
            raise SoapsmithError(f"the sample request of {method} failed: {exc}") from None
    return exchanged[0]


def pretty(data: bytes) -> str:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def serve(server: ModuleType, host: str, port: int, service: str | None) -> None:
    services = handlers(server)
    chosen = [s for s in services if service is None or s[0].lower().startswith(service.lower())]
    if not chosen:
        names = ", ".join(s[0] for s in services)
        raise SoapsmithError(f"no service {service!r}; the services are: {names}")
    name, _, mock = chosen[0]
    app = server.make_wsgi_app(mock(), log=lambda line: print(f"  {line}", file=sys.stderr))
    # the standard library's handler logs one line per request on stderr
    httpd: WSGIServer = make_server(host, port, app, handler_class=WSGIRequestHandler)
    print(
        f"serving {name} (mock) on http://{host}:{httpd.server_port}/ "
        f"(GET ?wsdl for the WSDL; Ctrl-C stops)",
        file=sys.stderr,
        flush=True,
    )
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
