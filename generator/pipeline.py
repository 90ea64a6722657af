"""The whole generator in one function each: read -> passes -> plan -> render -> format -> write.

spec folder --read_spec--> Model --run_passes--> Model --plan_package--> PackagePlan
            --render_package--> modules + files --format_modules--> files
            --write / compare--> generated/<spec>/
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ProjectSettings, SpecSettings, spec_settings
from .diff.regenerated import previous_wsdl
from .errors import OutputError, SpecError
from .lock import locked
from .model import Model
from .output_place import unsafe_output
from .passes import run_passes
from .passes.prune_types import for_operation
from .plan import plan_package
from .readers.files import PageFile, spec_files
from .readers.spec_folder import read_spec
from .render.package import input_hash, render_package
from .stamps import Stamp, Summary, key
from .write import Drift, Rendered, compare, write
from .xmlsafe import printable

if TYPE_CHECKING:  # black is imported where a package is formatted, not where one is run
    from .format import Formatter, Progress


@dataclass(frozen=True)
class Built:
    model: Model
    settings: SpecSettings
    files: dict[str, bytes]
    key: str  # of its inputs (stamps.key): equal keys build equal files
    previous_wsdl: bytes | None = None  # what the package generated before emitted, if any

    @property
    def summary(self) -> Summary:
        return Summary(
            self.model.name,
            len(self.files),
            tuple((str(w.source), w.message) for w in self.model.warnings),
            tuple(
                f"{service.name} (SOAP {version.value}) asks for {asked}"
                for service in self.model.services
                for version in service.soap_versions
                if (asked := "; ".join(r.value for r in service.requires(version)))
            ),
        )

    @property
    def stamp(self) -> Stamp:
        return Stamp.of(self.summary, self.settings.package, self.files)


def load_model(folder: Path, project: ProjectSettings) -> tuple[Model, SpecSettings]:
    model, settings, _ = _load(folder, project)
    return model, settings


def _load(folder: Path, project: ProjectSettings) -> tuple[Model, SpecSettings, list[PageFile]]:
    if not folder.is_dir():
        raise SpecError("no such spec folder", file=printable(str(folder)))
    settings = spec_settings(folder)
    files = spec_files(folder, project)  # read once: what is hashed is what was read
    return run_passes(read_spec(folder, project, settings, files), settings), settings, files


def build(
    folder: Path,
    project: ProjectSettings,
    formatter: Formatter | None = None,
    progress: Progress | None = None,
    *,
    formatted: bool = True,
    operation: str | None = None,
    answered: bool = True,
) -> Built:
    """The package of one spec folder; not `formatted`, its modules are left as rendered (in
    black's style but for their wide statements) and its WSDL is not checked (wsdl_check, the
    guard of what `generate` writes; most of the time of building a large spec's package
    besides reading it): code only run, by `sample` and `serve`.
    With `operation`, of that operation alone (passes.prune_types.for_operation), where the
    spec has one called so."""

    def say(message: str) -> None:
        if progress is not None:
            progress(f"{folder.name}: {message}")

    started = time.perf_counter()
    whole, settings, read = _load(folder, project)
    model = (for_operation(whole, operation, answered) if operation is not None else None) or whole
    operations = sum(len(s.operations) for s in model.services)
    say(
        f"read {len(model.services)} service(s), {operations} operation(s), "
        f"{len(model.types)} type(s) in {time.perf_counter() - started:.1f}s"
    )
    spec_hash = input_hash({f.path: f.data for f in read})
    plan = plan_package(model, whole)
    cache = formatter.cache if formatter is not None else None
    rendered = render_package(
        plan, settings, spec_hash, project.spec_path(folder), cache, checked=formatted
    )
    modules = rendered.modules
    if formatted:
        from .format import Formatter

        formatter = (formatter or Formatter(cache=None)).reporting(say)
        modules = formatter.format_modules(rendered.modules, styled=True)
    files = rendered.files | {path: text.encode("utf-8") for path, text in modules.items()}
    say(f"rendered {len(files)} files in {time.perf_counter() - started:.1f}s")
    return Built(model, settings, dict(sorted(files.items())), key(folder, project, settings, read))


def render_all(
    folders: list[Path],
    project: ProjectSettings,
    formatter: Formatter | None = None,
    progress: Progress | None = None,
) -> tuple[Rendered, list[Built]]:
    built = [build(folder, project, formatter, progress) for folder in folders]
    packages = [b.settings.package for b in built]
    for package in set(packages):
        if packages.count(package) > 1:
            raise SpecError(f"two spec folders generate the same package {package!r}")
    return {b.model.name: b.files for b in built}, built


def generate(
    folders: list[Path] | None,
    project: ProjectSettings,
    output: Path,
    formatter: Formatter | None = None,
    progress: Progress | None = None,
) -> tuple[list[str], list[Built]]:
    why = unsafe_output(output, project.root, project.specs)
    if why is not None:
        raise OutputError(f"refusing to write here: the output folder {why}", file=str(output))
    everything = folders is None
    chosen = project.spec_folders() if folders is None else folders
    # held from reading the specs to the swap: of two runs, the later one's specs win
    with locked(output, waiting=progress or _say):
        rendered, built = render_all(chosen, project, formatter, progress)
        built = _with_previous(output, built)
        return write(output, rendered, prune=everything), built


def _with_previous(output: Path, built: list[Built]) -> list[Built]:
    """Each package with the WSDL its previous generation emitted: what it meant on the wire."""
    return [replace(b, previous_wsdl=previous_wsdl(output / b.model.name, b.files)) for b in built]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def check(
    project: ProjectSettings, formatter: Formatter | None = None
) -> tuple[Drift, list[Built]]:
    rendered, built = render_all(project.spec_folders(), project, formatter)
    return compare(project.output, rendered, prune=True), _with_previous(project.output, built)
