"""Mono (.NET Framework API): an .asmx service as a server, the ``wsdl`` tool's proxy as a client.

Install: ``apt-get install mono-xsp4 mono-mcs`` (.ci/run does; ~90 s, 208 MB).

- Server: ``wsdl -server`` writes the WSDL's service as an abstract ``WebService`` class per
  binding.  Its abstract methods are made concrete, each calling the same-named static method of
  the scenario's ``Handler`` class (C#, in ``mono/``) with the service first (for its SOAP
  headers) and then the method's arguments; compiled into an ASP.NET application folder with
  one ``.asmx`` per class, served by ``mono/host.cs`` (xsp4 crashes at start-up on this Mono).
- Client: the proxy ``wsdl`` writes from the served WSDL, compiled with one driver
  (``mono/client.cs``) that makes any job's calls by reflection over the proxy's XML attributes.

Builds (~2 s) depend only on the WSDL, the C# and Mono's version, so they are kept in the
git-ignored ``.interop/mono/`` under their hash.
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

from stacks import HERE, ROOT, ForeignServer, Outcome, free_port, require, run_client

NAME = "mono"
INSTALL = "apt-get install mono-xsp4 mono-mcs"
DRIVERS = HERE / "mono"
CACHE = ROOT / ".interop" / "mono"
BUILD_TIMEOUT = 300
REFERENCES = ["-r:System.Web.Services", "-r:System.Web.Extensions", "-r:System.Xml"]


@cache
def tools() -> dict[str, str]:
    """The programs a build and a run need; raises StackMissing where one is not installed."""
    return {name: require(name, INSTALL) for name in ("mono", "mcs", "wsdl")}


@cache
def version() -> str:
    done = subprocess.run(
        [tools()["mono"], "--version"], capture_output=True, text=True, timeout=30
    )
    found = re.search(r"version (\S+)", done.stdout)
    return f"Mono {found.group(1) if found else '?'}"


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=BUILD_TIMEOUT)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"{' '.join(command)} failed (exit {done.returncode}):\n{output}")


# an abstract method of `wsdl -server`'s classes: its attributes are on the lines before it
ABSTRACT = re.compile(
    r"^(\s*)public abstract (?P<returns>[\w.\[\]]+) (?P<name>\w+)\((?P<parameters>.*)\);$"
)


def _arguments(parameters: str) -> str:
    """The arguments passing on a C# parameter list: each name, with its ``out``/``ref``."""
    plain = re.sub(r"\[[^\[\]]*\]", "", parameters)  # attributes, and the [] of array types
    names = []
    for parameter in filter(None, (p.strip() for p in plain.split(","))):
        words = parameter.split()
        names.append(" ".join(([words[0]] if words[0] in ("out", "ref") else []) + [words[-1]]))
    return ", ".join(["this", *names])


def _concrete(contract: str) -> tuple[str, list[str]]:
    """``wsdl -server``'s service classes made concrete, their methods calling ``Handler``; and
    the names of the classes (an .asmx each).  An abstract type of the schema stays abstract."""
    lines, classes = [], []
    # .asmx routes a request by its SOAPAction unless told to route by the body's element: a WSDL
    # may give every operation the same SOAPAction (the rpc SOAPBuilders one does)
    style = "Rpc" if "SoapRpcMethodAttribute" in contract else "Document"
    routing = (
        f"[System.Web.Services.Protocols.Soap{style}Service(RoutingStyle="
        "System.Web.Services.Protocols.SoapServiceRoutingStyle.RequestElement)]"
    )
    # a method of many parameters is written one parameter a line: joined, it is one declaration
    contract = re.sub(
        r"^(\s*)(public abstract [^;{]*\);)\r?$",
        lambda m: m.group(1) + re.sub(r"\(\s+", "(", re.sub(r"\s*\n\s*", " ", m.group(2))),
        contract,
        flags=re.MULTILINE,
    )
    for line in contract.splitlines():
        found = re.match(
            r"^public abstract partial class (\w+) : System\.Web\.Services\.WebService", line
        )
        if found:
            classes.append(found.group(1))
            lines.append(routing)
            line = line.replace("public abstract partial class", "public partial class", 1)
        method = ABSTRACT.match(line)
        if method:
            call = f"Handler.{method['name']}({_arguments(method['parameters'])})"
            body = f"{call};" if method["returns"] == "void" else f"return {call};"
            line = (
                f"{method.group(1)}public {method['returns']} {method['name']}"
                f"({method['parameters']}) {{ {body} }}"
            )
        lines.append(line)
    return "\n".join(lines) + "\n", classes


def build_server(wsdl: Path, handler: str) -> tuple[Path, str]:
    """The application folder serving ``wsdl`` through ``handler`` (C#), built once; and the
    path of its first service's .asmx."""
    found = tools()
    files = sorted(p for p in wsdl.parent.rglob("*") if p.is_file())
    digest = hashlib.sha256(f"{version()}\0{wsdl.name}\0{handler}\0".encode())
    for source in ("host.cs", "client.cs"):
        digest.update((DRIVERS / source).read_bytes() + b"\0")
    digest.update(Path(__file__).read_bytes())  # the contract's rewriting
    for path in files:
        digest.update(str(path.relative_to(wsdl.parent)).encode() + b"\0" + path.read_bytes())
    folder = CACHE / f"server-{digest.hexdigest()[:20]}"
    if (folder / "service.txt").is_file():
        return folder, (folder / "service.txt").read_text("utf-8")
    work = folder.with_name(folder.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(wsdl.parent, work / "wsdl")
    (work / "bin").mkdir()
    # `wsdl` writes the SOAP 1.1 bindings' classes unless told; a WSDL with SOAP 1.2 bindings
    # only (seed superoffice_erpsync's) gets those
    text = wsdl.read_text("utf-8")
    try:
        _binding(text, "1.1")
        protocol = "SOAP"
    except RuntimeError:
        protocol = "SOAP12"
    command = [found["wsdl"], "-server", "-nologo", f"-protocol:{protocol}", "-out:Contract.cs"]
    _run([*command, f"wsdl/{wsdl.name}"], work)
    contract, classes = _concrete((work / "Contract.cs").read_text("utf-8"))
    (work / "Service.cs").write_text(contract, encoding="utf-8")
    (work / "Handler.cs").write_text(handler, encoding="utf-8")
    references = ["-r:System.Web.Services", "-r:System.Xml", "-r:System.Numerics"]
    _run(
        [found["mcs"], "-nologo", "-t:library", "-out:bin/Service.dll", *references]
        + ["Service.cs", "Handler.cs"],
        work,
    )
    shutil.copy(DRIVERS / "host.cs", work / "host.cs")
    _run([found["mcs"], "-nologo", "-out:bin/host.exe", "-r:System.Web", "host.cs"], work)
    for name in classes:
        (work / f"{name}.asmx").write_text(f'<%@ WebService Class="{name}" %>\n', "utf-8")
    (work / "service.txt").write_text(f"/{classes[0]}.asmx", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return folder, f"/{classes[0]}.asmx"


def serve(wsdl: Path, handler: str, folder: Path) -> ForeignServer:
    """An .asmx service for ``wsdl`` answering through ``handler`` (C#), on a free port."""
    application, path = build_server(wsdl, handler)
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [tools()["mono"], str(application / "bin" / "host.exe"), str(port), str(application)]
    return ForeignServer(command, folder, port, path=path)


def build_client(wsdl: str, soap_version: str) -> Path:
    """The client for the WSDL text ``wsdl``: ``wsdl``'s proxy of the bindings of the SOAP
    version (it writes SOAP 1.1's unless told) and the driver, compiled once."""
    found = tools()
    protocol = "SOAP12" if soap_version == "1.2" else "SOAP"
    driver = (DRIVERS / "client.cs").read_bytes()
    digest = hashlib.sha256(f"{version()}\0{protocol}\0{wsdl}\0".encode() + driver)
    folder = CACHE / f"client-{digest.hexdigest()[:20]}"
    program = folder / "client.exe"
    if program.is_file():
        return program
    work = folder.with_name(folder.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "service.wsdl").write_text(wsdl, encoding="utf-8")
    _run([found["wsdl"], "-nologo", f"-protocol:{protocol}", "-out:Proxy.cs", "service.wsdl"], work)
    shutil.copy(DRIVERS / "client.cs", work / "client.cs")
    command = [found["mcs"], "-nologo", "-out:client.exe", *REFERENCES, "client.cs", "Proxy.cs"]
    _run(command, work)
    shutil.rmtree(folder, ignore_errors=True)
    work.rename(folder)
    return program


def _binding(wsdl: str, soap_version: str) -> str:
    """The name of the WSDL's first binding of the SOAP version (``wsdl`` writes a proxy class
    for each)."""
    from generator.xmlsafe import parse_bytes

    namespace = {"1.1": "http://schemas.xmlsoap.org/wsdl/soap/"}.get(
        soap_version, "http://schemas.xmlsoap.org/wsdl/soap12/"
    )
    root = parse_bytes(wsdl.encode("utf-8"), file="service.wsdl")
    for binding in root.iter("{http://schemas.xmlsoap.org/wsdl/}binding"):
        if binding.find(f"{{{namespace}}}binding") is not None:
            return str(binding.get("name"))
    raise RuntimeError(f"the WSDL has no SOAP {soap_version} binding")


def call(
    wsdl_url: str,
    location: str,
    calls: list[dict[str, Any]],
    folder: Path,
    *,
    style: str,
    soap_version: str = "1.1",
) -> list[Outcome]:
    """The ``wsdl`` proxy of the WSDL at ``wsdl_url`` making ``calls`` against ``location``."""
    found = tools()
    folder.mkdir(parents=True, exist_ok=True)
    # the served description names the server's address, which changes with every run; the
    # proxy is pointed at the address, so the build (and its cache) is the same
    text = httpx.get(wsdl_url, timeout=30).text.replace(location, "http://127.0.0.1/")
    program = build_client(text, soap_version)
    job = {
        "location": location,
        "soap_version": soap_version,
        "binding": _binding(text, soap_version),
        "calls": calls,
    }
    return run_client([found["mono"], str(program)], folder, job)
