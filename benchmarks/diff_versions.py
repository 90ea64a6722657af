"""`soapsmith diff` on the real version pairs against generating the new side, in one process.

    python benchmarks/diff_versions.py [--versions ../shared/corpus/versions] [--count 3]

For each pair: the best of `count` runs of diffing old against new (reading both, comparing the wire and the Python API)
and of generating the new version (read, passes, plan, render, format; no cache), and their
ratio.  The issue's bar: diffing takes no longer than generating one side (ratio <= 1).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from generator.config import ProjectSettings
from generator.diff import compare
from generator.diff.python_api import api_changes
from generator.format import Formatter
from generator.pipeline import build, load_model

ROOT = Path(__file__).resolve().parent.parent


def project_of(folder: Path, scratch: Path) -> tuple[Path, ProjectSettings]:
    spec = scratch / "specs" / folder.parent.name.replace("-", "_").replace(".", "_")
    shutil.copytree(folder, spec)
    settings = ProjectSettings(
        root=scratch, specs=scratch / "specs", output=scratch / "out", remote_imports="skip"
    )
    return spec, settings


def best(count: int, run: object) -> float:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--versions", type=Path, default=ROOT.parent / "shared/corpus/versions")
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args()
    print(f"{'pair':45} {'diff s':>8} {'generate s':>11} {'ratio':>6}")
    for pair in sorted(p for p in args.versions.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            old, old_project = project_of(pair / "old", Path(tmp) / "old")
            new, new_project = project_of(pair / "new", Path(tmp) / "new")

            def diff() -> None:  # as the text view does: the wire, and the Python API counted
                sides = load_model(old, old_project)[0], load_model(new, new_project)[0]
                compare(*sides)
                api_changes(*sides)

            def generate() -> None:
                build(new, new_project, Formatter(cache=None))

            diffing, generating = best(args.count, diff), best(args.count, generate)
        print(f"{pair.name:45} {diffing:8.2f} {generating:11.2f} {diffing / generating:6.2f}")


if __name__ == "__main__":
    main()
