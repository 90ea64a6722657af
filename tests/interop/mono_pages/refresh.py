"""Write the Mono help page fixtures: serve the C# services beside this file with Mono and save,
for each, its ``?WSDL`` and the "Message Layout" help page of every operation.

    python tests/interop/mono_pages/refresh.py   # Mono: apt-get install mono-xsp4 mono-mcs

Each service ``X.cs`` becomes ``X/wsdl/X.wsdl`` (its ``soap:address`` made
``http://localhost/X.asmx``, the port of the run being arbitrary) and ``X/pages/OP.html``, from
``X.asmx?page=op&tab=msg&op=OP&bnd=XSoap``.  Only the SOAP 1.1 binding's pages are saved: Mono's
SOAP 1.2 tab repeats the SOAP 1.1 sample.  test_mono_help_pages.py reads both into models.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent)]

from stacks import ForeignServer, free_port, mono  # noqa: E402 - the suite's modules

from generator.xmlsafe import parse_bytes  # noqa: E402

WSDL = "http://schemas.xmlsoap.org/wsdl/"


def operations(wsdl: bytes, binding: str) -> list[str]:
    root = parse_bytes(wsdl, file="wsdl")
    for found in root.iterfind(f"{{{WSDL}}}binding"):
        if found.get("name") == binding:
            return [str(op.get("name")) for op in found.iterfind(f"{{{WSDL}}}operation")]
    raise RuntimeError(f"no binding {binding}")


def main() -> int:
    tools = mono.tools()
    services = sorted(HERE.glob("*.cs"))
    with tempfile.TemporaryDirectory() as scratch:
        app = Path(scratch)
        (app / "bin").mkdir()
        for source in services:
            shutil.copy(source, app / source.name)
            (app / f"{source.stem}.asmx").write_text(
                f'<%@ WebService Class="{source.stem}" %>\n', encoding="utf-8"
            )
        references = ["-r:System.Web.Services", "-r:System.Xml"]
        sources = [s.name for s in services]
        mono._run(
            [tools["mcs"], "-nologo", "-t:library", "-out:bin/Services.dll", *references] + sources,
            app,
        )
        shutil.copy(mono.DRIVERS / "host.cs", app / "host.cs")
        mono._run([tools["mcs"], "-nologo", "-out:bin/host.exe", "-r:System.Web", "host.cs"], app)
        port = free_port()
        command = [tools["mono"], str(app / "bin" / "host.exe"), str(port), str(app)]
        first = services[0].stem
        server = ForeignServer(command, app, port, path=f"/{first}.asmx")
        try:
            for source in services:
                name = source.stem
                url = f"http://127.0.0.1:{port}/{name}.asmx"
                wsdl = httpx.get(f"{url}?WSDL", timeout=60).content
                target = HERE / name
                shutil.rmtree(target, ignore_errors=True)
                (target / "wsdl").mkdir(parents=True)
                (target / "pages").mkdir()
                (target / "wsdl" / "spec.toml").write_text("", encoding="utf-8")
                (target / "pages" / "spec.toml").write_text(f'service = "{name}"\n', "utf-8")
                text = re.sub(
                    rb'location="http://127\.0\.0\.1:\d+/',
                    b'location="http://localhost/',
                    wsdl,
                )
                (target / "wsdl" / f"{name}.wsdl").write_bytes(text)
                for operation in operations(wsdl, f"{name}Soap"):
                    query = {"page": "op", "tab": "msg", "op": operation, "bnd": f"{name}Soap"}
                    page = httpx.get(url, params=query, timeout=60)
                    page.raise_for_status()
                    (target / "pages" / f"{operation}.html").write_bytes(page.content)
                print(f"{name}: {len(list((target / 'pages').glob('*.html')))} pages")
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
