"""The whole generator in one function each: read -> passes -> render -> format -> write.

spec folder --read_spec--> Model --run_passes--> Model --render_package--> files
            --write / compare--> generated/<spec>/
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import ProjectSettings, SpecSettings, spec_settings
from .errors import SpecError
from .model import Model
from .passes import run_passes
from .readers.spec_folder import read_spec, spec_files
from .render.package import input_hash, render_package
from .write import Drift, Rendered, compare, write


@dataclass(frozen=True)
class Built:
    model: Model
    settings: SpecSettings
    files: dict[str, bytes]


def load_model(folder: Path, project: ProjectSettings) -> tuple[Model, SpecSettings]:
    if not folder.is_dir():
        raise SpecError("no such spec folder", file=str(folder))
    settings = spec_settings(folder)
    return run_passes(read_spec(folder, project, settings), settings), settings


def build(folder: Path, project: ProjectSettings) -> Built:
    model, settings = load_model(folder, project)
    spec_hash = input_hash({f.path: f.data for f in spec_files(folder, project)})
    return Built(model, settings, render_package(model, settings, spec_hash))


def spec_folders(project: ProjectSettings) -> list[Path]:
    if not project.specs.is_dir():
        raise SpecError("the specs folder does not exist", file=str(project.specs))
    return sorted(p for p in project.specs.iterdir() if p.is_dir() and not p.name.startswith("."))


def render_all(folders: list[Path], project: ProjectSettings) -> tuple[Rendered, list[Built]]:
    built = [build(folder, project) for folder in folders]
    packages = [b.settings.package for b in built]
    for package in set(packages):
        if packages.count(package) > 1:
            raise SpecError(f"two spec folders generate the same package {package!r}")
    return {b.model.name: b.files for b in built}, built


def generate(
    folders: list[Path] | None, project: ProjectSettings, output: Path
) -> tuple[list[str], list[Built]]:
    everything = folders is None
    rendered, built = render_all(spec_folders(project) if folders is None else folders, project)
    return write(output, rendered, prune=everything), built


def check(project: ProjectSettings) -> Drift:
    rendered, _ = render_all(spec_folders(project), project)
    return compare(project.output, rendered, prune=True)
