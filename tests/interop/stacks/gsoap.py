"""gSOAP: a server and a client compiled from a WSDL (``wsdl2h`` + ``soapcpp2`` + ``g++``).

Install: ``apt-get install gsoap libgsoap-dev g++`` (.ci/run does).  gSOAP binds at compile time,
so a scenario's handler (for the server) and its calls (for the client) are C++ (in
``gsoap/``), included into a program whose ``main`` this module writes: ``Service`` and
``Proxy`` name the classes soapcpp2 made, ``interop.h`` has the JSON helpers.  The client
program makes its calls with the values it holds and prints one outcome per call (the job's
calls only count them: the generated handler checks it received exactly the scenario's values).

A build takes seconds (~12 s on a loaded machine) and depends only on the WSDL, the program and
gSOAP's version, so each one is kept in the git-ignored ``.interop/gsoap/`` under a hash of those.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from stacks import (
    HERE,
    ROOT,
    ForeignServer,
    Outcome,
    StackMissing,
    free_port,
    require,
    run_client,
)

NAME = "gsoap"
INSTALL = "apt-get install gsoap libgsoap-dev g++"
DRIVERS = HERE / "gsoap"
CACHE = ROOT / ".interop" / "gsoap"
IMPORTS = Path("/usr/share/gsoap/import")
BUILD_TIMEOUT = 600

# gSOAP keeps strings as UTF-8 only with SOAP_C_UTFSTRING (else it narrows them to Latin-1)
SERVER_MAIN = """\
#include "{service}"
#include "{nsmap}"
#include "interop.h"
typedef {service_class} Service;
#include "program.cpp"

static std::string wsdl;

// GET (any path, ?wsdl): the WSDL the server was made from, as every harness serves it
static int http_get(struct soap *soap) {{
    soap->http_content = "text/xml; charset=utf-8";
    if (soap_response(soap, SOAP_FILE) || soap_send_raw(soap, wsdl.data(), wsdl.size()) ||
        soap_end_send(soap))
        return soap_closesock(soap);
    return SOAP_OK;
}}

int main(int argc, char **argv) {{
    if (argc != 3) return 2;
    std::ifstream file(argv[2], std::ios::binary);
    wsdl.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    Service service(SOAP_C_UTFSTRING);
    service.soap->fget = http_get;
    service.soap->bind_flags = SO_REUSEADDR;
    if (!soap_valid_socket(soap_bind(service.soap, "127.0.0.1", atoi(argv[1]), 100))) {{
        soap_print_fault(service.soap, stderr);
        return 1;
    }}
    for (;;) {{
        if (!soap_valid_socket(soap_accept(service.soap))) continue;
        if (service.serve() != SOAP_OK) soap_print_fault(service.soap, stderr);
        service.destroy();
    }}
}}
"""
CLIENT_MAIN = """\
#include "{proxy}"
#include "{nsmap}"
#include "interop.h"
typedef {proxy_class} Proxy;
#include "program.cpp"

int main(int argc, char **argv) {{
    if (argc != 2) return 2;
    Proxy proxy(argv[1], SOAP_C_UTFSTRING);
    interop::Outcomes outcomes;
    calls(proxy, outcomes);
    outcomes.print();
    return 0;
}}
"""


@cache
def tools() -> dict[str, str]:
    """The programs a build runs; raises StackMissing where one is not installed."""
    found = {name: require(name, INSTALL) for name in ("wsdl2h", "soapcpp2", "g++")}
    if not (Path("/usr/include/stdsoap2.h").is_file() and IMPORTS.is_dir()):
        raise StackMissing(f"gSOAP's headers are not installed ({INSTALL})")
    return found


@cache
def version() -> str:
    done = subprocess.run([tools()["soapcpp2"], "-V"], capture_output=True, text=True, timeout=30)
    found = re.search(r"\d+\.\d+\.\d+", done.stdout + done.stderr)
    return f"gSOAP {found.group(0) if found else '?'}"


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=BUILD_TIMEOUT)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"{' '.join(command)} failed (exit {done.returncode}):\n{output}")


def build(wsdl: Path, program: str, role: str, *, soap_version: str = "1.1") -> Path:
    """The ``role`` ("server" or "client") program for ``wsdl`` (and the files beside it, its
    imports) with ``program`` (C++: a server's operations, or a client's ``calls``), compiled
    once and kept in ``.interop/gsoap``."""
    found = tools()
    files = sorted(p for p in wsdl.parent.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for part in [version(), role, soap_version, wsdl.name, program, SERVER_MAIN, CLIENT_MAIN]:
        digest.update(part.encode("utf-8") + b"\0")
    for shared in sorted(DRIVERS.glob("*.h")):  # interop.h and the values programs share
        digest.update(shared.name.encode("utf-8") + b"\0" + shared.read_bytes() + b"\0")
    for path in files:
        digest.update(str(path.relative_to(wsdl.parent)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    folder = CACHE / f"{role}-{digest.hexdigest()[:20]}"
    binary = folder / role
    if binary.is_file():
        return binary
    work = folder.with_name(folder.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(wsdl.parent, work / "wsdl")
    # one service for every binding (wsdl2h's default), C++ with the STL; the client speaks the
    # scenario's SOAP version (of a WSDL with both bindings gSOAP would otherwise pick 1.2; a
    # server answers either, see GSOAP_MIXED_FAULT in scenarios.py)
    _run([found["wsdl2h"], "-o", "service.h", str(Path("wsdl") / wsdl.name)], work)
    flags = ["-j", "-x", "-w", "-L", f"-I{IMPORTS}"]
    flags += ["-S"] if role == "server" else ["-C", "-2" if soap_version == "1.2" else "-1"]
    _run([found["soapcpp2"], *flags, "service.h"], work)
    kind = "Service" if role == "server" else "Proxy"
    (header,) = sorted(work.glob(f"soap*{kind}.h"))
    (nsmap,) = sorted(work.glob("*.nsmap"))
    main = SERVER_MAIN if role == "server" else CLIENT_MAIN
    (work / "main.cpp").write_text(
        main.format(
            service=header.name,
            proxy=header.name,
            service_class=header.stem[4:],
            proxy_class=header.stem[4:],
            nsmap=nsmap.name,
        ),
        encoding="utf-8",
    )
    (work / "program.cpp").write_text(program, encoding="utf-8")
    for shared in DRIVERS.glob("*.h"):
        shutil.copy(shared, work / shared.name)
    sources = ["main.cpp", "soapC.cpp", header.with_suffix(".cpp").name]
    _run([found["g++"], "-O0", "-w", "-I.", "-o", role, *sources, "-lgsoap++"], work)
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return binary


def serve(wsdl: Path, handler: str, folder: Path) -> ForeignServer:
    """A gSOAP server for ``wsdl`` whose operations are ``handler`` (C++), on a free port."""
    binary = build(wsdl, handler, "server")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    return ForeignServer([str(binary), str(port), str(wsdl)], folder, port)


def call(
    wsdl_url: str,
    location: str,
    calls: list[dict[str, Any]],
    folder: Path,
    *,
    style: str,
    soap_version: str = "1.1",
    program: str,
) -> list[Outcome]:
    """A gSOAP client built from the WSDL at ``wsdl_url`` making ``program``'s calls (as many as
    ``calls``) against ``location``."""
    tools()
    folder.mkdir(parents=True, exist_ok=True)
    served = folder / "wsdl" / "service.wsdl"
    served.parent.mkdir(parents=True, exist_ok=True)
    # the served description names the server's address, which changes with every run: the
    # client is called with the address, so the build (and its cache) is the same
    if wsdl_url.startswith("file:"):  # a WSDL of the scenario's spec, not the served one
        text = Path(wsdl_url.removeprefix("file://")).read_text("utf-8")
    else:
        text = httpx.get(wsdl_url, timeout=30).text.replace(location, "http://127.0.0.1/")
    served.write_text(text, encoding="utf-8")
    binary = build(served, program, "client", soap_version=soap_version)
    return run_client([str(binary), location], folder, {"calls": calls})
