"""Import time of the largest generated packages against importing httpx and lxml.

    python benchmarks/import_time.py [--corpus ../shared/corpus/wsdl] [--count 5] [--runs 7]

Each service is generated into a scratch project, its bytecode written by a first import, and
then imported in fresh interpreters, interleaved with the reference (`import httpx,
lxml.etree`, which every generated package needs): the median of `--runs` wall times of each,
and their ratio.  `package` is `import <pkg>` (the client and its models), `server` adds the
server module.  Interpreter start-up is in every figure.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "import httpx, lxml.etree"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def timed(code: str, path: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=path, env=env, check=True)
    return time.perf_counter() - start


def run(corpus: Path, count: int, runs: int, only: list[str]) -> None:
    by_size = sorted((p for p in corpus.iterdir() if p.is_dir()), key=folder_size, reverse=True)
    services = [s for s in by_size[:count] if not only or s.name in only]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"{'service':36} {'models':>8} {'httpx+lxml':>10} {'package':>8} {'server':>8} "
        f"{'ratio':>6}"
    )
    for service in services:
        with tempfile.TemporaryDirectory(prefix="soapsmith-bench-") as scratch:
            project = Path(scratch)
            name = service.name.replace("-", "_")
            shutil.copytree(service, project / "specs" / name)
            (project / "pyproject.toml").write_text("[tool.soapsmith]\n")
            subprocess.run(
                [sys.executable, "-m", "generator", "generate", name],
                cwd=project,
                env=dict(env, PYTHONPATH=str(ROOT)),
                check=True,
                capture_output=True,
            )
            where = project / "generated" / name
            package = next(p.parent.name for p in where.glob("*/client.py"))
            models = where / package / "models.py"
            imports = {
                "reference": REFERENCE,
                "package": f"import {package}",
                "server": f"import {package}.server",
            }
            timed(imports["server"], where, env)  # writes the bytecode
            times: dict[str, list[float]] = {k: [] for k in imports}
            for _ in range(runs):
                for label, code in imports.items():
                    times[label].append(timed(code, where, env))
            median = {k: statistics.median(v) for k, v in times.items()}
            print(
                f"{service.name:36} {models.stat().st_size / 1e6:7.1f}M "
                f"{median['reference']:9.2f}s {median['package']:7.2f}s {median['server']:7.2f}s "
                f"{median['package'] / median['reference']:6.2f}"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "wsdl")
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("services", nargs="*", help="only these (folder names)")
    args = parser.parse_args()
    run(args.corpus, args.count, args.runs, args.services)
