"""node-soap: ``soap.listen`` from a WSDL, and ``createClientAsync``.

Install: ``npm install --prefix .interop soap`` from the repository root (.ci/run does; the
folder is git-ignored).  The drivers are ``node/server.js`` and ``node/client.js``; a test's
handler is JavaScript assigning ``module.exports = (operation, args) => answer``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from stacks import (
    HERE,
    NODE_MODULES,
    ForeignServer,
    Outcome,
    StackMissing,
    free_port,
    require,
    run_client,
    wsdl_services,
    wsdl_soap_versions,
)

NAME = "node"
INSTALL = "npm install --prefix .interop soap"
DRIVERS = HERE / "node"


@cache
def node() -> str:
    """The node program, with node-soap installed; raises StackMissing otherwise."""
    program = require("node", "apt-get install nodejs")
    if not (NODE_MODULES / "soap" / "package.json").is_file():
        raise StackMissing(f"node-soap is not in {NODE_MODULES} ({INSTALL})")
    return program


@cache
def version() -> str:
    node()
    package = json.loads((NODE_MODULES / "soap" / "package.json").read_text("utf-8"))
    done = subprocess.run([node(), "--version"], capture_output=True, text=True, timeout=30)
    return f"node-soap {package['version']} (node {done.stdout.strip().lstrip('v')})"


def serve(wsdl: Path, handler: str, folder: Path) -> ForeignServer:
    """soap.listen for ``wsdl`` answering through ``handler`` (JavaScript), on a free port."""
    program = node()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(wsdl.parent, folder / "wsdl", dirs_exist_ok=True)
    shutil.copy(DRIVERS / "server.js", folder / "server.js")
    (folder / "handler.js").write_text(handler, encoding="utf-8")
    port = free_port()
    env = {
        "SOAP_WSDL": str(folder / "wsdl" / wsdl.name),
        "SOAP_PORT": str(port),
        "SOAP_SERVICES": json.dumps(wsdl_services(wsdl)),
        "SOAP_12_ONLY": "1" if wsdl_soap_versions(wsdl) == {"1.2"} else "0",
    }
    return ForeignServer([program, "server.js"], folder, port, env=env)


def call(
    wsdl_url: str,
    location: str,
    calls: list[dict[str, Any]],
    folder: Path,
    *,
    style: str,
    soap_version: str = "1.1",
) -> list[Outcome]:
    """A node-soap client from ``wsdl_url`` making ``calls`` against ``location`` (``style``
    is not needed: node-soap takes every operation's arguments by name)."""
    program = node()
    folder.mkdir(parents=True, exist_ok=True)
    job = {"wsdl": wsdl_url, "location": location, "soap_version": soap_version, "calls": calls}
    return run_client([program, str(DRIVERS / "client.js")], folder, job)
