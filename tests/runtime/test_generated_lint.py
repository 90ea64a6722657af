"""The committed packages and the goldens are lint-clean: pyflakes' checks (unused and undefined
names, imports shadowed) and syntax errors report nothing.  The corpus services are held to the
same in tests/corpus/test_corpus_wsdl.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from repo import GENERATED, GOLDEN, ROOT, imported


def test_committed_and_golden_packages_are_lint_clean() -> None:
    found = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F,E9",
         "--output-format", "concise", str(GENERATED), str(GOLDEN)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert found.returncode == 0, found.stdout[-4000:]


def test_schema_types_named_like_what_the_modules_import_are_renamed(tmp_path: Path) -> None:
    """Types named `Callable` or `ClassVar` (like `Enum`, `Any`, ...) would shadow the
    generated modules' imports: they are renamed, and the package is lint-clean and imports."""
    spec = tmp_path / "specs" / "shadow"
    shutil.copytree(GOLDEN / "wsdl_doclit" / "spec", spec)
    wsdl = spec / "Orders.wsdl"
    text = wsdl.read_text(encoding="utf-8")
    for old, new in (("Order", "Callable"), ("Line", "ClassVar")):
        text = re.sub(rf'(name="|tns:){old}"', rf'\g<1>{new}"', text)
    wsdl.write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.soapsmith]\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    models = (tmp_path / "generated" / "shadow" / "shadow" / "models.py").read_text("utf-8")
    assert "class Callable_" in models and "class ClassVar_" in models
    found = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F,E9",
         "--output-format", "concise", str(tmp_path / "generated")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert found.returncode == 0, found.stdout[-4000:]
    with imported(tmp_path / "generated" / "shadow", "shadow") as package:
        assert package.Client is not None
