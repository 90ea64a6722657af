"""`soapsmith sample` and `soapsmith serve`: the generated code itself, run as SoapUI would.

A spec's package is built once into the cache (package_cache.py) and imported from there (or
a generated package folder is imported); a sample request is the generated client's own
request, built from the mock handler's sample arguments, and the sample response is what the
generated server answers it, both without a network.

`serve` runs the standard library's WSGI server, one thread per connection and at most
`MAX_CONNECTIONS` at once (more are answered 503 at once), so that one slow client holds up
no other.  A connection silent for `IDLE_TIMEOUT` seconds, or that has not sent its whole
request (line, headers and body) within `REQUEST_DEADLINE` seconds, is dropped: its body read
ends in a Client fault, a request line or headers never finished are closed without answer.
"""

from __future__ import annotations

import importlib
import io
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from types import ModuleType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

import httpx
from lxml import etree

from .cache import Store
from .config import ProjectSettings
from .errors import SoapsmithError, SpecError
from .package_cache import package_home
from .passes.prune_types import loosely
from .readers.spec_file import spec_folder_of_file

SAMPLE_ADDRESS = "http://sample.invalid/service"

# `serve`: read when the server starts, so that tests can shorten them
IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent (each read and write)
REQUEST_DEADLINE = 120.0  # seconds to send a whole request: request line, headers and body
MAX_CONNECTIONS = 32  # served at once, each holding at most the app's max_bytes of body
LINGER = 2.0  # seconds to read and drop what a client still sends after its answer
READ_BYTES = 64 * 1024
BUSY = b"the mock server is serving as many connections as it takes; try again\n"


@contextmanager
def generated_package(
    target: str, project: ProjectSettings, operation: str | None = None, answered: bool = True
) -> Iterator[ModuleType]:
    """The package of a spec folder or file (generated now) or a generated package folder,
    imported; of `operation` alone where one is built for this (package_cache.package_home),
    and, not `answered`, of its request alone (the operation one-way)."""
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
    with tempfile.TemporaryDirectory(prefix="soapsmith-") as scratch:
        if path.is_dir() or (project.specs / target).is_dir():
            folder = path if path.is_dir() else project.specs / target
        elif path.is_file():
            folder = spec_folder_of_file(path, Path(scratch) / ".input", project.max_input_bytes)
        else:
            raise SpecError("no such spec folder, file or generated package", file=target)

        def built(only: str | None) -> tuple[dict[str, bytes], str]:
            from .pipeline import build  # the import is paid for only when building

            package = build(folder, project, formatted=False, operation=only, answered=answered)
            return package.files, package.settings.package

        store = Store.default()
        if store is not None:
            home, name = package_home(folder, project, store, built, operation, answered)
        else:
            files, name = built(operation)
            home = Path(scratch) / "package"
            for relative, data in files.items():
                out = home / relative
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(data)
        if not (home / name / "server.py").is_file():
            raise SpecError("the spec has no service to serve", file=str(folder))
        with _imported(home, name) as module:
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


@dataclass(frozen=True)
class ServedService:
    name: str  # as the description (and `inspect`) names it
    client_name: str
    client: type[Any]
    mock: type[Any]


def services(server: ModuleType) -> list[ServedService]:
    """Each service of a generated package, in the description's order (client.py and
    server.py define one client and one mock handler per service, in that order)."""
    package = sys.modules[server.__name__.rsplit(".", 1)[0]]
    module_name = package.__name__ + ".client"
    module = sys.modules.get(module_name)
    exported = set(package.__all__)
    clients = [
        (name, value)
        for name, value in (vars(module).items() if module is not None else ())
        if name in exported
        and isinstance(value, type)
        and value.__module__ == module_name
        and hasattr(value, "__enter__")  # not the async client
    ]
    mocks = [
        value
        for value in vars(server).values()
        if isinstance(value, type)
        and value.__module__ == server.__name__
        and "sample_requests" in vars(value)
    ]
    if len(clients) != len(mocks):
        raise SoapsmithError("the package's clients and mock handlers do not match")
    return [
        # a package of an older soapsmith does not say its services' names: the class says
        ServedService(getattr(mock, "SERVICE", name.removesuffix("Client")) or name, name, c, mock)
        for (name, c), mock in zip(clients, mocks, strict=True)
    ]


def handlers(server: ModuleType) -> list[tuple[str, type[Any], type[Any]]]:
    """(client class name, client class, mock handler class) for each service."""
    return [(s.client_name, s.client, s.mock) for s in services(server)]


def choose_service(served: list[ServedService], wanted: str | None) -> ServedService:
    """The service `--service` names: by its name in the description or its client class,
    exactly, else ignoring case where that names one only; the description's first by default."""
    if not served:
        raise SoapsmithError("the package has no service")
    if wanted is None:
        return served[0]
    exact = [s for s in served if wanted in (s.name, s.client_name)]
    loose = [s for s in served if wanted.lower() in (s.name.lower(), s.client_name.lower())]
    found = exact or loose
    if len(found) == 1:
        return found[0]
    choices = ", ".join(f"{s.name} ({s.client_name})" for s in served)
    if found:
        raise SoapsmithError(f"{wanted!r} could be more than one service; the services: {choices}")
    raise SoapsmithError(f"no service {wanted!r}; the services are: {choices}")


@dataclass(frozen=True)
class _Operation:
    client: type[Any]
    mock: type[Any]
    method: str  # the client's method
    name: str  # as the service description (and `inspect`) names it
    unsampled: str  # why it has no sample request, or ""


def _operations(server: ModuleType) -> list[_Operation]:
    """Every operation of every service, in the description's order."""
    found = []
    for entry in services(server):
        client, mock = entry.client, entry.mock
        sampled = mock.sample_requests()
        unsampled: dict[str, str] = getattr(mock, "unsampled", dict)()
        for route in server.make_wsgi_app(mock()).routes:
            why = "" if route.method in sampled else unsampled.get(route.method, "no sample")
            found.append(_Operation(client, mock, route.method, route.name, why))
    return found


def _pick(server: ModuleType, operation: str | None) -> tuple[type[Any], type[Any], str]:
    """The operation the user names: as the description or `inspect` spells it, or as the
    client's method; exactly, else ignoring case and underscores where that names one only."""
    operations = _operations(server)
    if not operations:
        raise SoapsmithError("the package has no service")
    if operation is None:
        chosen = next((o for o in operations if not o.unsampled), operations[0])
    else:
        exact = [o for o in operations if operation in (o.name, o.method)]
        loose = [o for o in operations if loosely(operation) in map(loosely, (o.name, o.method))]
        # the first service's where several services share an operation's name
        matches = exact[:1] or loose
        if len({o.name for o in matches}) > 1:
            names = ", ".join(o.name for o in matches)
            raise SoapsmithError(f"{operation!r} could be any of the operations {names}")
        if not matches:
            raise SoapsmithError(
                f"no operation {operation!r}; the operations are: {_listed(operations)}"
            )
        chosen = matches[0]
    if chosen.unsampled:
        raise SoapsmithError(f"no sample request of {chosen.name}: {chosen.unsampled}")
    return chosen.client, chosen.mock, chosen.method


def _listed(operations: list[_Operation]) -> str:
    """The operations' names, each with its method where that is spelt otherwise."""
    return ", ".join(
        o.name if loosely(o.name) == loosely(o.method) else f"{o.name} ({o.method})"
        for o in operations
    )


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


@dataclass(frozen=True)
class Sample:
    """One operation's sample exchange, built and answered by the generated code."""

    operation: str  # as the service description (and `inspect`) names it
    method: str  # the client's method
    request: bytes
    answer: bytes  # b"": a one-way operation, answered 202 with no envelope


def sample_envelopes(
    server: ModuleType, operation: str | None, version: str | None
) -> tuple[bytes, bytes]:
    """The sample request of an operation, and the mock's answer to it."""
    found = sample_exchange(server, operation, version)
    return found.request, found.answer


def sample_exchange(server: ModuleType, operation: str | None, version: str | None) -> Sample:
    """The sample request of an operation (default: the first), and the mock's answer to it."""
    client_cls, mock_cls, method = _pick(server, operation)
    app = server.make_wsgi_app(mock_cls())
    described = next((r.name for r in app.routes if r.method == method), method)
    exchanged: list[tuple[bytes, bytes]] = []
    transport = wsgi_transport(app)
    # the package's own copy of the runtime: soapsmith's is not imported only for this
    mime = importlib.import_module(f"{server.__package__}._mime")

    def record(request: httpx.Request) -> httpx.Response:
        response = transport.handle_request(request)
        exchanged.append(
            (
                _envelope(mime, request.headers.get("content-type", ""), request.content),
                _envelope(mime, response.headers.get("content-type", ""), response.read()),
            )
        )
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
    request, answer = exchanged[0]
    if not answer.strip():
        # a one-way operation: the server takes the request and answers 202 with no envelope
        answer = b""
    return Sample(described, method, request, answer)


def _envelope(mime: ModuleType, content_type: str, content: bytes) -> bytes:
    """The envelope of a message: of a MIME package (SwA, MTOM), its root part (what a
    sample shows; the attachments are binary)."""
    if not content or not mime.is_multipart(content_type):
        return content
    return bytes(mime.unpack(content_type, content)[0].content)


def pretty(data: bytes) -> str:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def serve(server: ModuleType, host: str, port: int, service: str | None) -> None:
    chosen = choose_service(services(server), service)
    app = server.make_wsgi_app(chosen.mock(), log=lambda line: print(f"  {line}", file=sys.stderr))
    httpd = mock_server(app, host, port)
    print(
        f"serving {chosen.name} (mock) on http://{host}:{httpd.server_port}/ "
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


@dataclass(frozen=True)
class ServeLimits:
    idle_timeout: float
    request_deadline: float
    max_connections: int
    linger: float


def current_limits() -> ServeLimits:
    return ServeLimits(IDLE_TIMEOUT, REQUEST_DEADLINE, MAX_CONNECTIONS, LINGER)


def mock_server(app: Any, host: str, port: int, limits: ServeLimits | None = None) -> WSGIServer:
    """A threading WSGI server for `app` on host:port, bound and not yet serving."""
    httpd = _MockServer((host, port), limits or current_limits())
    httpd.set_app(app)
    return httpd


class _MockServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a connection still open never holds up the end of the process
    block_on_close = False

    def __init__(self, address: tuple[str, int], limits: ServeLimits) -> None:
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_connections)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            _refuse(request, client_address, self.limits.max_connections)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def shutdown_request(self, request: Any) -> None:
        _linger(request, self.limits.linger)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):  # the client went away or timed out: no traceback
            print(f"{client_address[0]}: connection dropped: {error}", file=sys.stderr)
        else:
            super().handle_error(request, client_address)


class _Handler(WSGIRequestHandler):
    """wsgiref's handler (one log line per request) with the connection's timeouts."""

    server: _MockServer

    def setup(self) -> None:
        super().setup()
        limits = self.server.limits
        self.connection.settimeout(limits.idle_timeout)
        deadline = time.monotonic() + limits.request_deadline
        self.rfile.close()  # an unused file of the socket would keep it open
        raw = _DeadlineSocket(self.connection, limits.idle_timeout, deadline)
        self.rfile = io.BufferedReader(raw, READ_BYTES)

    def handle(self) -> None:
        try:
            super().handle()
        except OSError as exc:  # timed out or gone before its request was read: no answer
            self.log_message("connection dropped: %s", exc)


class _DeadlineSocket(io.RawIOBase):
    """A connection's input that must arrive whole before a deadline: a timeout on each read
    alone lets a client that sends a byte every few seconds hold its connection forever."""

    def __init__(self, connection: socket.socket, idle: float, deadline: float) -> None:
        super().__init__()
        self.connection = connection
        self.idle = idle
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request was not sent in time")
        self.connection.settimeout(min(self.idle, left))
        try:
            return self.connection.recv_into(buffer)
        finally:  # the answer is written with the idle timeout
            self.connection.settimeout(self.idle)


def _refuse(connection: socket.socket, client_address: Any, bound: int) -> None:
    """Over the bound: answered 503 at once, from the accepting thread without waiting."""
    print(f"{client_address[0]}: refused, {bound} connections open", file=sys.stderr)
    head = (
        "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(BUSY)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    )
    try:
        connection.setblocking(False)
        connection.send(head.encode("ascii") + BUSY)
        connection.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    finally:
        connection.close()


def _linger(connection: socket.socket, seconds: float) -> None:
    """Close after the answer, reading and dropping what the client still sends for a moment:
    closing with unread input resets the connection, and the client may lose the answer (a
    fault sent before the whole of an over-long body arrived)."""
    sink = bytearray(READ_BYTES)
    try:
        connection.shutdown(socket.SHUT_WR)
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            connection.settimeout(left)
            if not connection.recv_into(sink):
                break
    except OSError:
        pass
    finally:
        connection.close()
