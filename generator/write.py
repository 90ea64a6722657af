"""Write rendered packages into the output folder, atomically, or compare them with it.

Every package is rendered in memory first; nothing on disk changes unless all of them
rendered.  A package is then written whole into a staging folder and swapped in with two
renames; an interrupted swap is rolled back by the next run.  The manifest lists what
soapsmith wrote, so that files of a removed spec are deleted and nobody else's files are.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError

MANIFEST = ".soapsmith-manifest.json"
STAGING = ".soapsmith-staging"

Rendered = dict[str, dict[str, bytes]]  # package folder -> relative path -> content


@dataclass
class Drift:
    changed: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.changed


def read_manifest(output: Path) -> dict[str, list[str]]:
    path = output / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        packages = data["packages"]
        return {str(k): [str(f) for f in v] for k, v in packages.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise OutputError(
            "the manifest is unreadable",
            file=str(path),
            hint="delete it and run soapsmith generate",
        ) from None


def _manifest_bytes(packages: dict[str, list[str]]) -> bytes:
    data = {
        "generator": "soapsmith",
        "packages": {k: sorted(v) for k, v in sorted(packages.items())},
    }
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def recover(output: Path) -> None:
    """Undo a swap that a killed run left half done; drop its staging folder."""
    staging = output / STAGING
    if not staging.is_dir():
        return
    for old in sorted(staging.glob("*.old")):
        target = output / old.name[: -len(".old")]
        if not target.exists():
            os.replace(old, target)
    shutil.rmtree(staging)


def _current(output: Path, name: str, files: list[str]) -> dict[str, bytes]:
    found = {}
    for rel in files:
        path = output / name / rel
        if path.is_file():
            found[rel] = path.read_bytes()
    return found


def write(output: Path, rendered: Rendered, *, prune: bool) -> list[str]:
    """Bring `output` in line with `rendered`; return the package folders that changed."""
    output.mkdir(parents=True, exist_ok=True)
    recover(output)
    manifest = read_manifest(output)
    changed: list[str] = []
    staging = output / STAGING
    for name, files in sorted(rendered.items()):
        listed = manifest.get(name, [])
        if _current(output, name, sorted(set(files) | set(listed))) == files:
            manifest[name] = sorted(files)
            continue
        _stage(staging / name, files, output / name, listed)
        changed.append(name)
    for name in changed:
        target, old = output / name, staging / f"{name}.old"
        if target.exists():
            os.replace(target, old)
        os.replace(staging / name, target)
        manifest[name] = sorted(rendered[name])
    if prune:
        for name in sorted(set(manifest) - set(rendered)):
            _remove_listed(output / name, manifest.pop(name))
            changed.append(name)
    tmp = output / f"{MANIFEST}.tmp"
    tmp.write_bytes(_manifest_bytes(manifest))
    os.replace(tmp, output / MANIFEST)
    if staging.exists():
        shutil.rmtree(staging)
    return changed


def _stage(folder: Path, files: dict[str, bytes], existing: Path, listed: list[str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    if existing.is_dir():  # keep files soapsmith did not write
        for path in sorted(existing.rglob("*")):
            rel = path.relative_to(existing).as_posix()
            if path.is_file() and rel not in listed and rel not in files:
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, folder / rel)
    for rel, content in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _remove_listed(folder: Path, files: list[str]) -> None:
    for rel in files:
        path = folder / rel
        if path.is_file():
            path.unlink()
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def compare(output: Path, rendered: Rendered, *, prune: bool) -> Drift:
    manifest = read_manifest(output) if output.is_dir() else {}
    drift = Drift()
    names = set(rendered) | (set(manifest) if prune else set())
    for name in sorted(names):
        files = rendered.get(name, {})
        listed = manifest.get(name, [])
        on_disk = _current(output, name, sorted(set(files) | set(listed)))
        for rel in sorted(set(files) | set(on_disk)):
            want, have = files.get(rel), on_disk.get(rel)
            if want == have:
                continue
            path = f"{output.name}/{name}/{rel}"
            drift.changed.append(path)
            drift.diff.extend(_diff(path, have, want))
    return drift


def _diff(path: str, have: bytes | None, want: bytes | None) -> list[str]:
    def lines(data: bytes | None) -> list[str]:
        if data is None:
            return []
        try:
            return data.decode("utf-8").splitlines(keepends=True)
        except UnicodeDecodeError:
            return ["<binary>\n"]

    return list(
        difflib.unified_diff(
            lines(have),
            lines(want),
            fromfile=f"a/{path}" if have is not None else "/dev/null",
            tofile=f"b/{path}" if want is not None else "/dev/null",
        )
    )
