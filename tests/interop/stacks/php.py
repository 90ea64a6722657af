"""PHP's ext/soap: ``SoapServer`` in WSDL mode under ``php -S``, and ``SoapClient``.

Install: ``apt-get install php-cli php-soap`` (.ci/run does).  The drivers are ``php/server.php``
and ``php/client.php``; a test's handler is PHP source defining
``function handle(string $operation, array $arguments): mixed`` (throw ``SoapFault`` to answer a
fault).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from stacks import HERE, ForeignServer, Outcome, StackMissing, free_port, require, run_client

NAME = "php"
INSTALL = "apt-get install php-cli php-soap"
DRIVERS = HERE / "php"


@cache
def php() -> str:
    """The php program, with ext/soap loaded; raises StackMissing otherwise."""
    program = require("php", INSTALL)
    modules = subprocess.run([program, "-m"], capture_output=True, text=True, timeout=30).stdout
    if "soap" not in modules.split():
        raise StackMissing(f"PHP has no soap extension ({INSTALL})")
    return program


@cache
def version() -> str:
    done = subprocess.run(
        [php(), "-r", "echo PHP_VERSION;"], capture_output=True, text=True, timeout=30
    )
    return f"PHP ext/soap {done.stdout.strip()}"


def _copy_wsdl(wsdl: Path, folder: Path) -> None:
    """The WSDL's whole folder, so that its imports resolve beside it."""
    shutil.copytree(wsdl.parent, folder / "wsdl", dirs_exist_ok=True)


def serve(wsdl: Path, handler: str, folder: Path) -> ForeignServer:
    """SoapServer for ``wsdl`` answering through ``handler`` (PHP source), on a free port."""
    program = php()
    folder.mkdir(parents=True, exist_ok=True)
    _copy_wsdl(wsdl, folder)
    shutil.copy(DRIVERS / "server.php", folder / "server.php")
    (folder / "handler.php").write_text(handler, encoding="utf-8")
    port = free_port()
    command = [program, "-d", "display_errors=stderr", "-S", f"127.0.0.1:{port}", "server.php"]
    return ForeignServer(command, folder, port, env={"SOAP_WSDL": wsdl.name})


def call(
    wsdl_url: str,
    location: str,
    calls: list[dict[str, Any]],
    folder: Path,
    *,
    style: str,
    soap_version: str = "1.1",
) -> list[Outcome]:
    """SoapClient from ``wsdl_url`` making ``calls`` against ``location``."""
    program = php()
    folder.mkdir(parents=True, exist_ok=True)
    job = {
        "wsdl": wsdl_url,
        "location": location,
        "style": style,
        "soap_version": soap_version,
        "calls": calls,
    }
    return run_client([program, str(DRIVERS / "client.php")], folder, job)
