"""Where an output folder may be: never a folder whose files soapsmith would rebuild or mix
with its own, like the project itself, the specs or the user's home."""

from __future__ import annotations

from pathlib import Path


def unsafe_output(output: Path, root: Path, specs: Path) -> str | None:
    """Why `output` cannot be the output folder of the project at `root`, or None."""
    out, root, specs = output.resolve(), root.resolve(), specs.resolve()
    if out == root or out in root.parents:
        return "is the project folder or holds it"
    if out == specs or specs in out.parents:
        return "is the specs folder or inside it"
    if out in specs.parents:
        return "holds the specs folder"
    home = Path.home().resolve()
    if out == home or out in home.parents:
        return "is the home folder or holds it"
    return None


def inside(output: Path, root: Path) -> bool:
    out, root = output.resolve(), root.resolve()
    return root in out.parents
