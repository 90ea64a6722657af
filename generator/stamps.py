"""Build stamps: a run whose inputs did not change is decided without building anything.

A stamp is kept under a key made of everything a package's files follow from: the spec's files
and settings, the project's settings, soapsmith's own code and the versions of the libraries
that shape its output.  It holds the hash of every file that build produced and what
`generate` says of it.  When every spec asked for has a stamp and the output folder holds
exactly the stamped files, `generate` and `check` are done: nothing is parsed, planned, rendered
or formatted.  Anything else (no cache, a changed input, a file edited, removed or added by
hand, a run cut short) falls through to the full build, so a stamp makes a run faster and never
makes it different.

This module imports nothing heavy: deciding must cost less than a tenth of building.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .cache import Store
from .config import ProjectSettings, SpecSettings, spec_settings
from .errors import SoapsmithError
from .readers.files import PageFile, spec_files
from .write import MANIFEST, NEW, OLD, read_manifest, sibling

TABLE = "stamps"
# the libraries whose versions can change a generated file: schema reading, templates, black
_SHAPING = ("black", "elementpath", "jinja2", "lxml", "xmlschema")
_CODE = (".py", ".jinja", ".xsd")


@dataclass(frozen=True)
class Summary:
    """What `generate` reports of a package, whether built or found current."""

    name: str
    files: int
    warnings: tuple[tuple[str, str], ...]  # (source, message)
    requirements: tuple[str, ...]  # "Service (SOAP 1.1) asks for ..." lines


@dataclass(frozen=True)
class Stamp:
    summary: Summary
    package: str  # the import package the build's files hold
    hashes: Mapping[str, str]  # relative path -> sha256 of the file

    def dumps(self) -> str:
        return json.dumps(
            {"summary": asdict(self.summary), "package": self.package, "hashes": dict(self.hashes)}
        )

    @staticmethod
    def loads(text: str) -> Stamp:
        data = json.loads(text)
        summary = data["summary"]
        return Stamp(
            Summary(
                summary["name"],
                summary["files"],
                tuple((source, message) for source, message in summary["warnings"]),
                tuple(summary["requirements"]),
            ),
            data["package"],
            data["hashes"],
        )

    @staticmethod
    def of(summary: Summary, package: str, files: Mapping[str, bytes]) -> Stamp:
        return Stamp(summary, package, {path: _sha(data) for path, data in files.items()})


def key(
    folder: Path, project: ProjectSettings, settings: SpecSettings, files: Iterable[PageFile]
) -> str:
    """The key of a build: equal keys build equal files."""
    digest = hashlib.sha256(_tool())
    for part in (
        repr(settings),
        project.spec_path(folder),
        project.remote_imports,
        str(project.max_input_bytes),
    ):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for file in sorted(files, key=lambda f: f.path):
        digest.update(file.path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(file.data).digest())
    return digest.hexdigest()


def content_key(*parts: bytes) -> str:
    """A key for what soapsmith makes of `parts` alone: their hash with soapsmith's own."""
    digest = hashlib.sha256(_tool())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


@functools.cache
def _tool() -> bytes:
    """soapsmith's own code and the versions of what it runs on, as a hash."""
    digest = hashlib.sha256(f"soapsmith {__version__}\0Python {sys.version}\0".encode())
    for name in _SHAPING:
        digest.update(f"{name} {metadata.version(name)}\0".encode())
    roots = {Path(__file__).resolve().parent, Path(str(resources.files("generator.templates")))}
    seen: set[Path] = set()
    for root in sorted(roots):
        for path in sorted(root.rglob("*")):
            if path.suffix in _CODE and "__pycache__" not in path.parts and path not in seen:
                seen.add(path)
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current(
    folders: list[Path], project: ProjectSettings, output: Path, store: Store, *, everything: bool
) -> list[Stamp] | None:
    """The folders' stamps when `output` holds what building them would write; None when that
    takes building to know.  `everything`: the folders are all the project's specs,
    so the output must hold no other package."""
    if not (output / MANIFEST).is_file() or any(
        sibling(output, suffix).exists() for suffix in (NEW, OLD)
    ):
        return None  # never written, or a run was cut short: the full run sees to it
    try:
        keys = [key(f, project, spec_settings(f), spec_files(f, project)) for f in folders]
        manifest = read_manifest(output)
    except SoapsmithError:
        return None  # the full run reports it, with its context
    found = store.get_many(TABLE, keys)
    try:
        stamps = [Stamp.loads(found[k]) for k in keys]
    except (KeyError, ValueError, TypeError):
        return None  # not stamped, or a stamp from another soapsmith: build
    names = [s.summary.name for s in stamps]
    if len(set(names)) != len(names) or (everything and set(manifest) != set(names)):
        return None
    for stamp in stamps:
        if not _holds(output / stamp.summary.name, stamp, manifest):
            return None
    return stamps


def _holds(package: Path, stamp: Stamp, manifest: Mapping[str, list[str]]) -> bool:
    if sorted(manifest.get(stamp.summary.name, ())) != sorted(stamp.hashes):
        return False
    for path, sha in stamp.hashes.items():
        try:
            if _sha((package / path).read_bytes()) != sha:
                return False
        except OSError:
            return False
    return True


def remember(store: Store, stamps: Mapping[str, Stamp]) -> None:
    """Keep the stamps of builds whose files are now in the output folder, by key."""
    store.put_many(TABLE, {k: stamp.dumps() for k, stamp in stamps.items()})
