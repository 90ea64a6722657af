"""A package's plan to the files of its generated package, by the registry of outputs
(`outputs.OUTPUTS`): Python modules for the format stage, every other file final."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import SpecSettings
from ..plan import PackagePlan
from .outputs import OUTPUTS, Context

if TYPE_CHECKING:  # the cache's type only: black is not imported to render
    from ..format import FormatCache


@dataclass(frozen=True)
class Rendered:
    modules: dict[str, str]  # relative path -> Python source, for the format stage
    files: dict[str, bytes]  # relative path -> content, final


def input_hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def render_package(
    plan: PackagePlan,
    settings: SpecSettings,
    spec_hash: str,
    spec_path: str = "",
    cache: FormatCache | None = None,
    checked: bool = True,
) -> Rendered:
    """`spec_path` is how the files name their spec (default: `specs/<name>`); `cache`
    remembers outputs that passed their checks; not `checked`, the emitted WSDL is not
    checked (a package only run, whose WSDL `generate` checks)."""
    context = Context(plan, settings, spec_hash, spec_path, cache, checked)
    rendered = Rendered({}, {})
    for output in OUTPUTS:
        content = output.render(context)
        if content is None:
            continue
        path = output.path.format(package=settings.package)
        if output.python and isinstance(content, str):
            rendered.modules[path] = content
        else:
            rendered.files[path] = content.encode("utf-8") if isinstance(content, str) else content
    return rendered
