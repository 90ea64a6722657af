"""Foreign SOAP stacks as servers and clients for the interop suite (issue 18).

Each stack module (``php``, ``node``, ``suds``, ``gsoap``, ``mono``) offers the same two things
(gSOAP's client also takes the scenario's C++ ``program``: it binds at compile time):

- ``serve(wsdl, handler, folder)``: a foreign *server* started on 127.0.0.1 on a free port from a
  WSDL and a small handler the test writes in the stack's language, ready when returned;
  ``close()`` stops it.
- ``call(wsdl_url, location, calls, folder)``: a foreign *client* that loads the WSDL from a URL,
  makes each call in turn against ``location`` and returns one outcome per call.

Calls cross into the foreign language as JSON.  Arguments are in *wire form*: objects keyed by
element (or part) names, lists for repeated elements, JSON scalars, and for the values JSON
cannot tell apart a one-key object naming the XSD type and holding the lexical form
(``{"$base64Binary": "AP9h"}``, ``{"$hexBinary": "00FF"}``, ``{"$decimal": "12.50"}``,
``{"$dateTime": "2024-02-29T12:30:45Z"}``, and ``{"$long": "9223372036854775807"}`` for an
integer a JSON reader may take as a double); each client driver turns those into what its stack
wants.  Outcomes come back as ``{"result": ...}`` (whatever the stack returned, made JSON: a
byte string that is not UTF-8 as ``{"$bytes": base64}``), ``{"fault": {"code", "string",
"detail"}}`` or ``{"error": text}`` for anything else the stack raised.

A stack that is not installed skips the test asking for it, naming the install.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
# node-soap is installed by .ci/run with npm into this git-ignored folder of the repository
NODE_MODULES = ROOT / ".interop" / "node_modules"
# A cold start of PHP is ~0.1 s and of node ~0.3 s; a loaded CI machine takes many times that.
START_TIMEOUT = 30.0
CALL_TIMEOUT = 120.0

Outcome = dict[str, Any]


class StackMissing(Exception):
    """The stack's program or library is not installed; the message says how to install it."""


def require(program: str, install: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise StackMissing(f"{program} is not installed ({install})")
    return path


def skip_if_missing(error: StackMissing) -> None:
    pytest.skip(str(error))


def free_port() -> int:
    """A port nobody listens on now (the server binds it a moment later; a clash fails the
    readiness wait with the server's own message, never a wrong answer)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wsdl_services(wsdl: Path) -> dict[str, dict[str, list[str]]]:
    """``{service: {port: [operation, ...]}}`` of a WSDL 1.1 file, for stacks (node-soap) that
    want their handlers laid out that way."""
    from generator.xmlsafe import parse_bytes

    ns = {"w": "http://schemas.xmlsoap.org/wsdl/"}
    root = parse_bytes(wsdl.read_bytes(), file=wsdl.name)
    operations = {
        binding.get("name"): [str(op.get("name")) for op in binding.findall("w:operation", ns)]
        for binding in root.findall("w:binding", ns)
    }
    services: dict[str, dict[str, list[str]]] = {}
    for service in root.findall("w:service", ns):
        ports = services.setdefault(str(service.get("name")), {})
        for port in service.findall("w:port", ns):
            binding = str(port.get("binding")).rpartition(":")[2]
            ports[str(port.get("name"))] = operations.get(binding, [])
    return services


def wsdl_soap_versions(wsdl: Path) -> set[str]:
    """The SOAP versions ("1.1", "1.2") of a WSDL 1.1 file's bindings."""
    from generator.xmlsafe import parse_bytes

    root = parse_bytes(wsdl.read_bytes(), file=wsdl.name)
    versions = {
        "http://schemas.xmlsoap.org/wsdl/soap/": "1.1",
        "http://schemas.xmlsoap.org/wsdl/soap12/": "1.2",
    }
    return {
        version
        for namespace, version in versions.items()
        if next(root.iter(f"{{{namespace}}}binding"), None) is not None
    }


def wsdl_style(wsdl: bytes) -> str:
    """``rpc`` or ``document``: the style of a WSDL's first SOAP binding (document unless said)."""
    from generator.xmlsafe import parse_bytes

    root = parse_bytes(wsdl, file="wsdl")
    for namespace in (
        "http://schemas.xmlsoap.org/wsdl/soap/",
        "http://schemas.xmlsoap.org/wsdl/soap12/",
    ):
        for binding in root.iter(f"{{{namespace}}}binding"):
            return binding.get("style") or "document"
    return "document"


class ForeignServer:
    """A foreign server process listening on 127.0.0.1, stopped by ``close()``."""

    def __init__(
        self,
        command: Sequence[str],
        folder: Path,
        port: int,
        *,
        path: str = "/",
        env: dict[str, str] | None = None,
    ) -> None:
        self.url = f"http://127.0.0.1:{port}{path}"
        self.log = folder / "server.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                list(command),
                cwd=folder,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NODE_PATH": str(NODE_MODULES), **(env or {})},
            )
        try:
            self._wait_ready()
        except BaseException:
            self.close()
            raise

    def _wait_ready(self) -> None:
        """Ready once the service answers GET ?wsdl (every harness serves its WSDL there)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start-up:\n{self.output()}")
            try:
                if httpx.get(self.url + "?wsdl", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"not ready within {START_TIMEOUT:.0f} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")[-4000:]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_client(command: Sequence[str], folder: Path, payload: dict[str, Any]) -> list[Outcome]:
    """Run a client driver with ``payload`` as JSON on stdin; its stdout is a JSON list of
    outcomes, one per call."""
    try:
        done = subprocess.run(
            list(command),
            cwd=folder,
            input=json.dumps(payload).encode("utf-8"),
            capture_output=True,
            timeout=CALL_TIMEOUT,
            env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command[0]} gave no answer within {CALL_TIMEOUT:.0f} s")
    stderr = done.stderr.decode("utf-8", "replace")
    try:
        outcomes = json.loads(done.stdout)
    except ValueError:
        raise RuntimeError(
            f"the client driver failed (exit {done.returncode}):\n"
            f"{done.stdout.decode('utf-8', 'replace')[-3000:]}\n{stderr[-3000:]}"
        ) from None
    if not isinstance(outcomes, list) or len(outcomes) != len(payload["calls"]):
        raise RuntimeError(f"the client driver answered {outcomes!r}\n{stderr[-3000:]}")
    return outcomes
