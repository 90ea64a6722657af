"""Mono (.NET Framework API): the ``wsdl`` tool's proxy as a client.

Install: ``apt-get install mono-xsp4 mono-mcs`` (.ci/run does; ~90 s, 208 MB).  The proxy binds
at compile time, so the client is the proxy ``wsdl`` writes from the served WSDL compiled with
one driver (``mono/client.cs``) that makes any job's calls by reflection over the proxy's XML
attributes.  A build (~2 s) depends only on the WSDL and the driver, so it is kept in the
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

from stacks import HERE, ROOT, Outcome, require, run_client

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
    return f"Mono {found.group(1) if found else '?'} (wsdl proxy)"


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=BUILD_TIMEOUT)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode("utf-8", "replace")[-4000:]
        raise RuntimeError(f"{' '.join(command)} failed (exit {done.returncode}):\n{output}")


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
