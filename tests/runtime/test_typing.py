"""The committed generated packages type-check under `mypy --strict` and import cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from repo import ROOT

from generator.write import read_manifest

GENERATED = ROOT / "generated"
SEEDS = sorted(p.name for p in (ROOT / "specs").iterdir() if p.is_dir())


def packages() -> dict[str, str]:
    """Spec folder name -> its import package, from the committed manifest."""
    found = {}
    for name, files in read_manifest(GENERATED).items():
        inits = sorted(rel.split("/")[0] for rel in files if rel.endswith("/__init__.py"))
        assert len(inits) == 1, f"{name}: expected one import package, found {inits}"
        found[name] = inits[0]
    return found


def test_every_seed_has_a_committed_package() -> None:
    assert sorted(packages()) == SEEDS
    for name, package in packages().items():
        assert (GENERATED / name / package / "py.typed").is_file()


def test_generated_packages_pass_mypy_strict(tmp_path: Path) -> None:
    targets = [f"generated/{name}/{package}" for name, package in sorted(packages().items())]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp_path / "mypy-cache"), *targets],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"mypy --strict failed:\n{output}"
    sources = sum(
        rel.endswith(".py") for files in read_manifest(GENERATED).values() for rel in files
    )
    assert f"no issues found in {sources} source files" in output, output


# Runs in a fresh interpreter: imports every package with an audit hook that records any
# socket activity (observation only: nothing is patched), then reports what each exports.
_IMPORT = r"""
import inspect, json, sys, importlib
events = []
def hook(event, args):
    if event.startswith(("socket.", "urllib.", "http.")):
        events.append(event)
sys.addaudithook(hook)
report = {}
for folder, package in json.loads(sys.argv[1]).items():
    sys.path.insert(0, folder)
    module = importlib.import_module(package)
    report[package] = {
        "file": module.__file__,
        "all": list(module.__all__),
        "classes": {n: inspect.isclass(getattr(module, n, None)) for n in
                    ("Client", "AsyncClient", "SoapFault")},
        "fault_is_exception": issubclass(module.SoapFault, Exception),
    }
report["__socket_events__"] = events
print(json.dumps(report))
"""


def test_generated_packages_import_without_network(tmp_path: Path) -> None:
    found = packages()
    wanted = {str(GENERATED / name): package for name, package in sorted(found.items())}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, "-I", "-B", "-c", _IMPORT, json.dumps(wanted)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    events = report.pop("__socket_events__")
    assert events == [], f"importing a generated package touched the network: {events}"
    assert sorted(report) == sorted(found.values())
    for name, package in found.items():
        info = report[package]
        assert Path(info["file"]) == GENERATED / name / package / "__init__.py"
        assert info["classes"] == {"Client": True, "AsyncClient": True, "SoapFault": True}, info
        assert info["fault_is_exception"]
        assert {"Client", "AsyncClient", "SoapFault"} <= set(info["all"]), info["all"]
