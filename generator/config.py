"""Settings: `[tool.soapsmith]` of the project's pyproject.toml and each spec folder's spec.toml."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError

SPEC_TOML = "spec.toml"
_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")
DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
# what an import of a schema by URL that [locations] does not map does: "refuse" stops with an
# error naming it; "skip" leaves it unread (never fetched) and reads what needs it as any content
REMOTE_IMPORTS = ("refuse", "skip")


@dataclass(frozen=True)
class ProjectSettings:
    root: Path
    specs: Path
    output: Path
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    remote_imports: str = "refuse"


@dataclass(frozen=True)
class SpecSettings:
    """Choices a spec folder makes for its generated package (all optional)."""

    folder: Path
    package: str  # the import package of the generated distribution
    distribution: str
    service: str | None = None  # the service's name when the input does not give a good one
    address: str | None = None  # the endpoint, overriding what the input says
    actions: dict[str, str] = field(default_factory=dict)  # operation -> SOAPAction
    description: str = ""
    version: str = "0.1.0"  # the generated distribution's version
    wsdl: str | None = None  # the main WSDL file, where a folder holds several
    locations: dict[str, str] = field(default_factory=dict)  # remote URL or namespace -> file
    remote_imports: str | None = None  # overrides the project's choice


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", file=str(path)) from None


def project_settings(start: Path) -> ProjectSettings:
    """Find the project (the nearest pyproject.toml upward) and read `[tool.soapsmith]`."""
    here = start.resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _load_toml(pyproject).get("tool", {}).get("soapsmith", {})
            return ProjectSettings(
                root=folder,
                specs=folder / str(table.get("specs", "specs")),
                output=folder / str(table.get("output", "generated")),
                max_input_bytes=int(table.get("max-input-bytes", DEFAULT_MAX_INPUT_BYTES)),
                remote_imports=_remote_imports(table, pyproject) or "refuse",
            )
    return ProjectSettings(root=here, specs=here / "specs", output=here / "generated")


def spec_settings(folder: Path) -> SpecSettings:
    default = re.sub(r"[^a-z0-9_]", "_", folder.name.lower()).strip("_") or "service"
    if default[0].isdigit():
        default = "service_" + default
    path = folder / SPEC_TOML
    table = _load_toml(path) if path.is_file() else {}
    known = {
        "package", "distribution", "service", "address", "actions", "description", "version",
        "wsdl", "locations", "remote-imports",
    }  # fmt: skip
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}",
            file=str(path),
        )
    package = str(table.get("package", default))
    if not _PACKAGE.match(package):
        raise ConfigError(
            f"package {package!r} is not a valid lower-case Python package name", file=str(path)
        )
    actions = table.get("actions", {})
    if not isinstance(actions, dict) or not all(isinstance(v, str) for v in actions.values()):
        raise ConfigError("[actions] maps operation names to SOAPAction strings", file=str(path))
    return SpecSettings(
        folder=folder,
        package=package,
        distribution=str(table.get("distribution", package.replace("_", "-"))),
        service=table.get("service"),
        address=table.get("address"),
        actions=dict(actions),
        description=str(table.get("description", "")),
        version=str(table.get("version", "0.1.0")),
        wsdl=table.get("wsdl"),
        locations={str(k): str(v) for k, v in dict(table.get("locations", {})).items()},
        remote_imports=_remote_imports(table, path),
    )


def _remote_imports(table: dict[str, Any], path: Path) -> str | None:
    value = table.get("remote-imports")
    if value is not None and value not in REMOTE_IMPORTS:
        raise ConfigError(
            f"remote-imports is {value!r}; it is one of {', '.join(map(repr, REMOTE_IMPORTS))}",
            file=str(path),
        )
    return None if value is None else str(value)
