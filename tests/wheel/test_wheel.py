"""The built wheel is self-sufficient: templates and runtime ship in it, and its CLI generates.

The wheel is built from a copy of the sources (so nothing is written into the checkout), then
installed into a fresh venv.  The venv sees the system site-packages, and through a .pth file
those of the interpreter running the tests (CI runs them inside a venv of its own), for click,
jinja2, black, lxml and pip: no network.  An editable install of the checkout may be visible
there too, so the test checks that the venv's own copy of `generator` is the one imported.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import site as sitelib
import subprocess
import sys
import zipfile
from pathlib import Path

from repo import ROOT

from generator.config import project_settings
from generator.pipeline import render_all
from generator.write import MANIFEST, read_manifest

SPEC = "convio_sync"

_SKIP = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".venv",
    "generated", "specs", "tests", "benchmarks",
)  # fmt: skip


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(
        PYTHONNOUSERSITE="1",
        PYTHONDONTWRITEBYTECODE="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
    )
    return env


def _run(args: list[str | Path], cwd: Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300
    )
    assert (
        result.returncode == 0
    ), f"{' '.join(map(str, args))}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_wheel_installs_and_generates_like_the_checkout(tmp_path: Path) -> None:
    for module in ("setuptools", "wheel"):
        assert importlib.util.find_spec(
            module
        ), f"{module} is needed to build the wheel without network (pip --no-build-isolation)"

    # 1. build the wheel from a copy of the sources
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_SKIP)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "-w", dist, source], cwd=tmp_path)  # fmt: skip
    wheels = sorted(dist.glob("soapsmith-*.whl"))
    assert len(wheels) == 1, wheels
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for template in sorted((ROOT / "templates").glob("*.jinja")):
        assert f"generator/templates/{template.name}" in names
    assert "generator/runtime/_soap.py" in names
    # a subpackage missing from pyproject's list would import in the checkout and fail installed
    for module in sorted((ROOT / "generator").rglob("*.py")):
        assert module.relative_to(ROOT).as_posix() in names, module
    for schema in sorted((ROOT / "generator").rglob("*.xsd")):  # the standard schemas
        assert schema.relative_to(ROOT).as_posix() in names, schema
    assert not any(n.startswith(("specs/", "generated/", "tests/")) for n in names)

    # 2. a venv that sees the system packages; pip (the system's) installs into the venv
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv], tmp_path)
    python, soapsmith = venv / "bin" / "python", venv / "bin" / "soapsmith"
    site = venv / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages"
    assert site.is_dir()
    # --system-site-packages reaches the base interpreter's, not those of a venv running pytest;
    # plain paths in a .pth come after the venv's own site-packages, and run no .pth of theirs
    outer = [p for p in sitelib.getsitepackages() if Path(p).is_dir()]
    (site / "_outer_site_packages.pth").write_text("".join(f"{p}\n" for p in outer), "utf-8")
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
          wheels[0]], cwd=tmp_path)  # fmt: skip
    assert soapsmith.is_file()
    assert soapsmith.read_text(encoding="utf-8").splitlines()[0] == f"#!{python}"

    # 3. a project elsewhere holding one spec
    project = tmp_path / "elsewhere"
    (project / "specs").mkdir(parents=True)
    shutil.copytree(ROOT / "specs" / SPEC, project / "specs" / SPEC)
    (project / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")

    # the venv imports its own generator, templates and runtime, not the checkout's
    probe = (
        "import json, sys, generator; from importlib import resources; print(json.dumps({"
        "'prefix': sys.prefix, 'generator': generator.__file__,"
        "'templates': str(resources.files('generator.templates')),"
        "'runtime': str(resources.files('generator.runtime'))}))"
    )
    where = json.loads(_run([python, "-c", probe], cwd=project))
    assert Path(where["prefix"]) == venv
    assert Path(where["generator"]) == site / "generator" / "__init__.py", where
    assert Path(where["templates"]) == site / "generator" / "templates", where
    assert Path(where["runtime"]) == site / "generator" / "runtime", where

    # 4. the venv's CLI generates the package
    out = _run([soapsmith, "generate"], cwd=project)
    output = project / "generated"
    produced = {
        p.relative_to(output / SPEC).as_posix(): p.read_bytes()
        for p in sorted((output / SPEC).rglob("*"))
        if p.is_file()
    }
    assert f"{SPEC}: updated, {len(produced)} files" in out, out
    assert read_manifest(output) == {SPEC: sorted(produced)}
    assert {p.name for p in output.iterdir()} == {SPEC, MANIFEST}

    # same bytes as the checkout renders in process (the wheel ships the same generator) ...
    rendered, _ = render_all([ROOT / "specs" / SPEC], project_settings(ROOT))
    assert sorted(produced) == sorted(rendered[SPEC])
    differing = [rel for rel in sorted(produced) if produced[rel] != rendered[SPEC][rel]]
    assert not differing, f"the wheel renders differently from the checkout: {differing}"

    # ... and as the committed generated/convio_sync
    committed_dir = ROOT / "generated" / SPEC
    committed = {
        rel: (committed_dir / rel).read_bytes() for rel in read_manifest(ROOT / "generated")[SPEC]
    }
    assert sorted(produced) == sorted(committed)
    differing = [rel for rel in sorted(produced) if produced[rel] != committed[rel]]
    assert not differing, f"differs from the committed generated/{SPEC}: {differing}"
