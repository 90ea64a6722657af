"""A bounded load test of generated stub servers over real HTTP on 127.0.0.1.

Two committed seed packages are served together by one multi-threaded wsgiref server:
`/both` is worketc_veetro (SOAP 1.1 and 1.2), `/soap12` is superoffice_erpsync (SOAP 1.2 only),
each `make_wsgi_app(MockHandler())`.  Twelve client threads send two batches of requests, a
shuffled mix of valid calls through the generated `Client` (both SOAP versions), `GET ?wsdl`, and
hostile requests sent with httpx: not XML, truncated XML, an entity bomb, an external entity,
a SOAP 1.1 envelope to the SOAP 1.2-only service, a foreign envelope, an envelope without Body,
an unknown body element, a value that does not parse, nesting over the depth limit, a body over
`max_bytes`, an empty body, a form post and a JSON post.

Proven:
- every valid call gets exactly what the MockHandler answers in process, every WSDL is the
  package's own;
- every hostile request gets a SOAP Fault envelope of the service's SOAP version with a 4xx/5xx
  status: Client (SOAP 1.1, 500) / Sender (SOAP 1.2, 400) with the reason the runtime gives,
  VersionMismatch (500) for the wrong envelope version; no file content leaks into an answer;
- the server logs nothing but one routine line per request: no traceback on `wsgi.errors`, no
  wsgiref or socketserver error, and the runtime's own log accounts for every request;
- the second batch, as large as the first, leaves the process's open file descriptors and RSS
  where the first batch left them (a leak per request would show thousands / megabytes), and
  shutting the server down gives back every descriptor it took.

Every request has a timeout, the batch as a whole has one, and the server is shut down in a
`finally`, so the test ends by itself whatever the server does.
"""

from __future__ import annotations

import gc
import importlib
import os
import random
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from types import ModuleType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx
import pytest
from lxml import etree
from repo import GENERATED, load_package

S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
XML_11 = {"Content-Type": "text/xml; charset=utf-8"}
XML_12 = {"Content-Type": "application/soap+xml; charset=utf-8"}

SERVED = {"/both": "worketc_veetro", "/soap12": "superoffice_erpsync"}
MAX_BYTES = 64 * 1024  # small, so that an oversized body is cheap to send
MAX_DEPTH = 64  # below libxml2's own limit (256), so that the runtime's check is what answers
WORKERS = 12
BATCH = 1500  # requests per batch; two batches
REQUEST_TIMEOUT = 10.0  # seconds, for every single request
BATCH_TIMEOUT = 120.0  # seconds, for a whole batch
FD_SLACK = 4  # descriptors the process may legitimately open between batches (caches, ...)
RSS_GROWTH = 20 * 1024 * 1024  # bytes the second batch may add to the first one's RSS

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="counts descriptors and RSS in /proc"
)


# -- the server: wsgiref, a thread per request, everything it says recorded ---------------------


class _Stderr:
    """A thread-safe text sink standing in for the server's stderr and `wsgi.errors`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        with self._lock:
            self._parts.append(text)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        with self._lock:
            return "".join(self._parts)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 64  # twelve clients connecting at once must not overflow the backlog

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.stderr = _Stderr()  # wsgi.errors, wsgiref's error log, socketserver's errors
        self.statuses: list[int] = []  # the HTTP status of every answered request
        self.in_flight = 0
        self._lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        # counted so that a measurement waits until every connection is closed on this side
        with self._lock:
            self.in_flight += 1
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self.in_flight -= 1

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.stderr.write(f"socketserver error for {client_address}:\n{traceback.format_exc()}")


class _Handler(WSGIRequestHandler):
    server: _Server

    def get_stderr(self) -> _Stderr:  # becomes wsgi.errors; wsgiref logs app crashes here too
        return self.server.stderr

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        self.server.statuses.append(int(code))

    def log_error(self, format: str, *args: Any) -> None:
        self.server.stderr.write("http error: " + format % args + "\n")


@dataclass
class Running:
    url: str
    server: _Server
    log: list[str]  # what the runtimes' App objects logged

    def settle(self) -> None:
        """Wait until the server has closed every connection it accepted."""
        deadline = time.monotonic() + REQUEST_TIMEOUT
        while self.server.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not self.server.in_flight, "server threads still busy after the batch"


@contextmanager
def serving(apps: dict[str, Callable[[Any], Any]]) -> Iterator[Running]:
    """Each `apps` factory, given a log callback, serves its path on one real server."""
    log: list[str] = []
    routes = {path: make(log.append) for path, make in apps.items()}

    def dispatch(environ: dict[str, Any], start_response: Any) -> Any:
        app = routes.get(environ.get("PATH_INFO", ""))
        if app is None:
            start_response("404 Not Found", [("Content-Length", "0")])
            return [b""]
        return app(environ, start_response)

    httpd = make_server("127.0.0.1", 0, dispatch, server_class=_Server, handler_class=_Handler)
    assert isinstance(httpd, _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Running(f"http://127.0.0.1:{httpd.server_port}", httpd, log)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=REQUEST_TIMEOUT)


# -- the process's resources -------------------------------------------------------------------


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


# -- what is sent and what must come back -------------------------------------------------------


@dataclass(frozen=True)
class Valid:
    """A call through the generated client; the answer must be the mock's, in process."""

    path: str
    version: str
    method: str

    @property
    def name(self) -> str:
        return f"valid {SERVED[self.path]} SOAP {self.version}"


@dataclass(frozen=True)
class Wsdl:
    path: str

    @property
    def name(self) -> str:
        return f"wsdl {SERVED[self.path]}"


@dataclass(frozen=True)
class Bad:
    """A hostile request and the fault it must get."""

    name: str
    path: str
    body: bytes
    headers: dict[str, str]
    version: str  # the SOAP version of the fault envelope
    code: str  # the fault code, as the fault envelope prints it
    reason: str  # a part of the fault's reason
    routed: bool = False  # reaches its operation (logged as a call) before the fault

    @property
    def status(self) -> int:
        # SOAP 1.2 answers a sender's fault with 400; SOAP 1.1 every fault with 500
        return 400 if self.version == "1.2" and self.code == "soap:Sender" else 500


Case = Valid | Wsdl | Bad


@dataclass
class Seed:
    package: ModuleType
    server: ModuleType

    def client(self, url: str, http: httpx.Client, version: str) -> Any:
        return self.package.Client(url, http=http, soap_version=version)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Seed]:
    found = {}
    for path, name in SERVED.items():
        package = load_package(name)
        found[path] = Seed(package, importlib.import_module(f"{name}.server"))
    return found


def captured_requests(seeds: dict[str, Seed]) -> dict[tuple[str, str], tuple[bytes, dict]]:
    """The exact request the generated client sends, per (path, SOAP version), unsent."""
    seen: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503)  # only the request is of interest

    found: dict[tuple[str, str], tuple[bytes, dict]] = {}
    with httpx.Client(transport=httpx.MockTransport(refuse)) as http:
        for path, seed in seeds.items():
            method, kwargs = next(iter(seed.server.MockHandler.sample_requests().items()))
            for version in seed.package.Client.SOAP_VERSIONS:
                with pytest.raises(seed.package.TransportError):
                    getattr(seed.client("http://capture.invalid/", http, version), method)(**kwargs)
                headers = {
                    key: value for key, value in seen[-1].headers.items()
                    if key.lower() in ("content-type", "soapaction")
                }  # fmt: skip
                found[(path, version)] = seen[-1].content, headers
    return found


def bad_requests(seeds: dict[str, Seed]) -> list[Bad]:
    """The hostile requests, derived from the real ones so that only one thing is wrong."""
    real = captured_requests(seeds)
    good11, headers11 = real[("/both", "1.1")]
    good12, headers12 = real[("/soap12", "1.2")]
    body = good11.index(b"<soap:Body>") + len(b"<soap:Body>")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<soap:Envelope xmlns:soap="' + S11.encode() + b'"><soap:Body>&lol3;</soap:Body>'
        b"</soap:Envelope>"
    )
    envelope11 = good11[good11.index(b"<soap:Envelope") :]  # without the XML declaration
    xxe = b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    xxe += envelope11.replace(b">sample<", b">&x;<", 1)
    deep = good11[:body] + b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH + good11[body:]
    huge = good11[:body] + b" " * (MAX_BYTES + 1) + good11[body:]
    as_11 = good12.replace(S12.encode(), S11.encode())  # the SOAP 1.2-only service's request
    client11 = {"version": "1.1", "code": "soap:Client"}
    sender12 = {"version": "1.2", "code": "soap:Sender"}
    return [
        Bad("not-xml", "/both", b"this is not XML", XML_11, reason="not well-formed", **client11),
        Bad("not-xml-1.2", "/both", b"{oops", XML_12, reason="not well-formed", **sender12),
        Bad("truncated", "/both", good11[: len(good11) // 2], headers11,
            reason="not well-formed", **client11),
        Bad("truncated-1.2", "/soap12", good12[:-20], headers12,
            reason="not well-formed", **sender12),
        Bad("entity-bomb", "/both", bomb, XML_11, reason="DTD", **client11),
        Bad("external-entity", "/both", xxe, headers11, reason="DTD", **client11),
        Bad("wrong-version", "/soap12", as_11, XML_11, reason="not 1.1",
            version="1.2", code="soap:VersionMismatch"),
        Bad("not-an-envelope", "/both",
            b'<Envelope xmlns="urn:not-soap"><Body/></Envelope>', XML_11,
            reason="not a SOAP envelope", **client11),
        Bad("no-body", "/both", f'<soap:Envelope xmlns:soap="{S11}"/>'.encode(), XML_11,
            reason="no Body", **client11),
        Bad("unknown-operation", "/both", good11.replace(b"SetOutlookSyncRecord", b"Nope"),
            headers11, reason="no operation takes", **client11),
        Bad("bad-value", "/both",
            good11.replace(b"ImportSyncRecordID>0<", b"ImportSyncRecordID>zero<"), headers11,
            reason="ImportSyncRecordID", routed=True, **client11),
        Bad("too-deep", "/both", deep, headers11, reason="nested deeper", **client11),
        Bad("too-large", "/both", huge, headers11, reason=f"over the {MAX_BYTES}-byte limit",
            **client11),
        Bad("empty", "/both", b"", headers11, reason="no body", **client11),
        Bad("empty-1.2", "/soap12", b"", headers12, reason="no body", **sender12),
        Bad("form-post", "/both", b"a=1&b=2",
            {"Content-Type": "application/x-www-form-urlencoded"},
            reason="not well-formed", **client11),
        Bad("json-post", "/soap12", b'{"erpConnectionId": 0}',
            {"Content-Type": "application/json"}, reason="not well-formed", **sender12),
    ]  # fmt: skip


def workload(seeds: dict[str, Seed], bad: list[Bad], size: int, seed: int) -> list[Case]:
    """`size` requests, about half of them valid calls, in a reproducible random order."""
    valid: list[Case] = [
        Valid(path, version, method)
        for path, s in seeds.items()
        for version in s.package.Client.SOAP_VERSIONS
        for method in s.server.MockHandler.sample_requests()
    ]
    kinds: list[Case] = valid * (len(bad) // len(valid)) + [Wsdl(p) for p in seeds] + list(bad)
    cases = (kinds * (size // len(kinds) + 1))[:size]
    random.Random(seed).shuffle(cases)
    return cases


# -- sending one request and judging its answer -------------------------------------------------


def fault_of(answer: httpx.Response, version: str) -> tuple[str, str]:
    """(code, reason) of a SOAP Fault envelope of `version`; fails on anything else."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(answer.content, parser)
    ns = S12 if version == "1.2" else S11
    assert root.tag == f"{{{ns}}}Envelope", answer.text[:300]
    fault = root.find(f"{{{ns}}}Body/{{{ns}}}Fault")
    assert fault is not None, answer.text[:300]
    if version == "1.2":
        return (
            fault.findtext(f"{{{S12}}}Code/{{{S12}}}Value") or "",
            fault.findtext(f"{{{S12}}}Reason/{{{S12}}}Text") or "",
        )
    return fault.findtext("faultcode") or "", fault.findtext("faultstring") or ""


def send(case: Case, url: str, http: httpx.Client, seeds: dict[str, Seed]) -> str:
    """Send one request and check its answer; returns the case's name."""
    if isinstance(case, Valid):
        seed = seeds[case.path]
        mock = seed.server.MockHandler()
        kwargs = mock.sample_requests()[case.method]
        got = getattr(seed.client(url + case.path, http, case.version), case.method)(**kwargs)
        assert got == getattr(mock, case.method)(**kwargs), case
    elif isinstance(case, Wsdl):
        answer = http.get(url + case.path + "?wsdl")
        assert answer.status_code == 200, answer.text[:300]
        name = SERVED[case.path]
        # the description as generated, its SOAP ports at the address it was fetched from
        expected = etree.fromstring((GENERATED / name / name / "service.wsdl").read_bytes())
        for address in expected.iterfind("{*}service/{*}port/{*}address"):
            address.set("location", url + case.path)
        assert answer.content.rstrip() == etree.tostring(
            expected, xml_declaration=True, encoding="utf-8"
        )
    else:
        answer = http.post(url + case.path, content=case.body, headers=case.headers)
        assert answer.status_code == case.status, (case.name, answer.status_code, answer.text)
        ctype = "application/soap+xml" if case.version == "1.2" else "text/xml"
        assert answer.headers["content-type"].startswith(ctype), case.name
        code, reason = fault_of(answer, case.version)
        assert code == case.code, (case.name, code, reason)
        assert case.reason in reason, (case.name, reason)
        assert "Traceback" not in answer.text and "root:" not in answer.text, case.name
    return case.name


def run_batch(cases: list[Case], url: str, http: httpx.Client, seeds: dict[str, Seed]) -> Counter:
    """Send every case from WORKERS threads; every failure is reported, none is swallowed."""
    done: Counter[str] = Counter()
    failures: list[str] = []
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {pool.submit(send, case, url, http, seeds): case for case in cases}
        for future in as_completed(futures, timeout=BATCH_TIMEOUT):
            try:
                done[future.result()] += 1
            except Exception as exc:  # collected: one report listing every failed request
                failures.append(f"{futures[future].name}: {exc!r}"[:500])
    assert not failures, f"{len(failures)} request(s) failed, e.g.:\n" + "\n".join(failures[:10])
    return done


# -- the test -----------------------------------------------------------------------------------


def test_stub_servers_under_concurrent_valid_and_hostile_load(seeds: dict[str, Seed]) -> None:
    bad = bad_requests(seeds)
    batches = [workload(seeds, bad, BATCH, seed) for seed in (1, 2)]
    apps = {
        path: lambda log, s=seed: s.server.make_wsgi_app(
            s.server.MockHandler(), max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, log=log
        )
        for path, seed in seeds.items()
    }
    fds_before_server = open_fds()
    limits = httpx.Limits(max_connections=2 * WORKERS)
    with serving(apps) as running, httpx.Client(timeout=REQUEST_TIMEOUT, limits=limits) as http:
        done = Counter[str]()
        measured = []
        for cases in batches:
            done += run_batch(cases, running.url, http, seeds)
            running.settle()
            gc.collect()
            measured.append((open_fds(), rss_bytes()))
        server = running.server
        log = list(running.log)
        errors = server.stderr.getvalue()
        statuses = Counter(server.statuses)
    fds_after_server = open_fds()

    # every request was sent and checked (send() raises on a wrong answer)
    everything = [case for cases in batches for case in cases]
    assert sum(done.values()) == len(everything) == 2 * BATCH
    # three kinds of valid call (two services, two SOAP versions), two WSDLs, every bad request
    assert len(done) == 3 + 2 + len(bad) and min(done.values()) > 50, done

    # the server said nothing but one routine line per request
    assert errors == "", errors[:2000]
    valid = [c for c in everything if isinstance(c, Valid)]
    hostile = [c for c in everything if isinstance(c, Bad)]
    wsdl = len(everything) - len(valid) - len(hostile)
    assert statuses == Counter([200] * (len(valid) + wsdl) + [c.status for c in hostile]), statuses
    kinds = Counter(line.split(":")[0] if ":" in line else "call" for line in log)
    mismatched = sum(1 for c in hostile if c.code == "soap:VersionMismatch")
    routed = sum(1 for c in hostile if c.routed)  # a value that does not parse: call, then fault
    assert kinds == {
        "call": len(valid) + routed,
        "client fault": len(hostile) - mismatched,
        "version mismatch": mismatched,
    }, kinds
    assert all(line.endswith(("(SOAP 1.1)", "(SOAP 1.2)")) for line in log if ":" not in line)

    # no descriptor and no memory left behind by the second batch, nothing by the server
    (fds_first, rss_first), (fds_second, rss_second) = measured
    assert fds_second - fds_first <= FD_SLACK, (fds_first, fds_second)
    assert rss_second - rss_first < RSS_GROWTH, (rss_first, rss_second)
    assert fds_after_server <= fds_before_server + FD_SLACK, (fds_before_server, fds_after_server)
