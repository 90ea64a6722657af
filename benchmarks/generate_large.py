"""Generation time of the largest corpus WSDLs: soapsmith beside xsdata, same machine, same run.

    python benchmarks/generate_large.py [--corpus ../shared/corpus/wsdl] [--count 5]

Each service folder is copied into a scratch project and generated from scratch by both
command-line tools (`soapsmith generate`, `xsdata generate`), one after the other, so that
interpreter start-up is counted for both.  Prints wall time, output size and the ratio
soapsmith/xsdata; then soapsmith's second run with black's results cached but no build stamp
(`warm`: a changed spec), a run with nothing changed (`again`: pre-commit's case, decided from
the stamps) and `soapsmith check` after it.  Needs the `bench` extra (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from generator.package_cache import READY

ROOT = Path(__file__).resolve().parent.parent
_SERVICE = re.compile(rb"<(?:\w+:)?service\b")
_DEFINITIONS = re.compile(rb"<(?:\w+:)?definitions\b")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def tree_size(path: Path) -> tuple[int, int]:
    files = [f for f in path.rglob("*.py") if f.is_file()]
    return len(files), sum(f.stat().st_size for f in files)


def main_wsdl(folder: Path) -> Path:
    wsdls = sorted(
        p for p in folder.rglob("*") if p.is_file() and _DEFINITIONS.search(p.read_bytes())
    )
    with_service = [w for w in wsdls if _SERVICE.search(w.read_bytes())]
    return (with_service or wsdls)[0]


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    if done.returncode:
        status += ": " + (done.stderr.strip().splitlines() or ["?"])[-1][:100]
    return elapsed, status


def wait_for_kept_package(cache: Path, limit: float = 120.0) -> None:
    """Wait until the process `generate` leaves behind has compiled the package into the cache,
    so that it does not share the cores with the runs timed next (as it would not share them
    with a commit made minutes later)."""
    deadline = time.monotonic() + limit
    packages = cache / "packages"
    while time.monotonic() < deadline:
        if any(packages.glob(f"*/{READY}")) and not any(packages.glob(".making-*")):
            return
        time.sleep(0.1)


def forget_stamps(cache: Path) -> None:
    """Keep black's results, drop the build stamps: a changed spec with a warm cache."""
    with contextlib.closing(sqlite3.connect(cache / "cache.sqlite3")) as db, db:
        db.execute("DELETE FROM stamps")


def run(corpus: Path, count: int, only: list[str]) -> None:
    by_size = sorted((p for p in corpus.iterdir() if p.is_dir()), key=folder_size, reverse=True)
    services = [s for s in by_size[:count] if not only or s.name in only]
    # this interpreter's scripts first: the tools installed beside it, and the `ruff` xsdata
    # runs by name, are found without an activated venv
    path = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])
    soapsmith = shutil.which("soapsmith", path=path) or "soapsmith"
    xsdata = shutil.which("xsdata", path=path) or "xsdata"
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"{'service':36} {'input':>8} {'soapsmith':>10} {'warm':>7} {'again':>7} {'check':>7} "
        f"{'out':>9} {'xsdata':>10} {'out':>9} {'ratio':>6} {'again/warm':>10}"
    )
    for service in services:
        with tempfile.TemporaryDirectory(prefix="soapsmith-bench-") as scratch:
            project = Path(scratch)
            name = service.name.replace("-", "_")
            shutil.copytree(service, project / "specs" / name)
            (project / "pyproject.toml").write_text('[tool.soapsmith]\nspecs = "specs"\n')
            # a cold black cache for the first run; the second run is the pre-commit case
            env = dict(os.environ, PATH=path, SOAPSMITH_CACHE_DIR=str(project / "cache"))
            ours, ours_status = timed([soapsmith, "generate", name], project, env)
            wait_for_kept_package(project / "cache")
            forget_stamps(project / "cache")
            warm, _ = timed([soapsmith, "generate", name], project, env)
            again, _ = timed([soapsmith, "generate", name], project, env)
            checked, _ = timed([soapsmith, "check"], project, env)
            _, ours_bytes = tree_size(project / "generated")
            wsdl = main_wsdl(project / "specs" / name)
            if wsdl.suffix != ".wsdl":  # xsdata recognises a WSDL by its suffix
                wsdl = wsdl.with_name(wsdl.stem + "_main.wsdl")
                shutil.copyfile(main_wsdl(project / "specs" / name), wsdl)
            out = project / "xsdata_out"
            out.mkdir()
            theirs, theirs_status = timed(
                [xsdata, "generate", str(wsdl), "--package", "bench_pkg"],
                out,
                dict(os.environ, PATH=path),
            )
            theirs_files, theirs_bytes = tree_size(out)
            if theirs_status == "ok" and theirs_files == 0:
                theirs_status = "no Python file written"
        ratio = ours / theirs if theirs else float("nan")
        print(
            f"{service.name:36} {folder_size(service) / 1e6:7.1f}M {ours:9.1f}s {warm:6.1f}s "
            f"{again:6.2f}s {checked:6.2f}s {ours_bytes / 1e6:8.1f}M {theirs:9.1f}s "
            f"{theirs_bytes / 1e6:8.1f}M {ratio:6.2f} {again / warm:10.3f}"
        )
        for tool, status in (("soapsmith", ours_status), ("xsdata", theirs_status)):
            if status != "ok":
                print(f"    {tool}: {status}")
        sys.stdout.flush()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "wsdl")
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("services", nargs="*", help="only these (folder names)")
    args = parser.parse_args()
    run(args.corpus, args.count, args.services)
