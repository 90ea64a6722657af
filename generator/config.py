"""Settings: `[tool.soapsmith]` of the project's pyproject.toml and each spec folder's spec.toml."""

from __future__ import annotations

import keyword
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from packaging.utils import InvalidName, canonicalize_name
from packaging.version import InvalidVersion, Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError, SpecError
from .fetch.sources import SourceTable, read_source
from .output_place import inside, unsafe_output

SPEC_TOML = "spec.toml"
_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")
DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
MAX_SETTINGS_BYTES = 1024 * 1024
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

    def spec_folders(self) -> list[Path]:
        """Every spec folder of the project, sorted."""
        if not self.specs.is_dir():
            raise SpecError("the specs folder does not exist", file=str(self.specs))
        return sorted(p for p in self.specs.iterdir() if p.is_dir() and not p.name.startswith("."))

    def spec_path(self, folder: Path) -> str:
        """How the generated files name a spec: its path in the project (`specs/orders`), else
        the relative path it was given by (`../api/orders`), else its folder's name; never an
        absolute path, which would change the files from one machine to the next."""
        absolute = Path(os.path.abspath(folder))
        root = Path(os.path.abspath(self.root))
        if root == absolute or root in absolute.parents:
            return absolute.relative_to(root).as_posix() or "."
        if not folder.is_absolute():
            return Path(os.path.normpath(folder)).as_posix()
        return folder.name


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
    # where `soapsmith add` fetched the files from: data about the inputs, never an input
    source: SourceTable | None = None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            raise ConfigError(
                f"the file is over {MAX_SETTINGS_BYTES} bytes: not a settings file", file=str(path)
            )
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", file=str(path)) from None


class _Table:
    """A TOML table whose values are checked for the type each setting needs; a wrong one is
    an error naming the file and the setting's line."""

    def __init__(self, table: dict[str, Any], path: Path, prefix: str = "") -> None:
        self.table = table
        self.path = path
        self.prefix = prefix

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(
            f"{self.prefix}{key} {message}", file=str(self.path), line=self.line(key)
        )

    def line(self, key: str) -> int:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return 0
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        return next((n for n, text in enumerate(lines, 1) if pattern.match(text)), 0)

    def text(self, key: str, *, multiline: bool = False) -> str | None:
        value = self.table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(key, f"is {_kind(value)}; it must be a string")
        bad = (_CONTROL_IN_TEXT if multiline else _CONTROL).search(value)
        if bad:
            raise self.error(key, f"holds the control character {bad.group()!r}")
        return value

    def strings(self, key: str) -> dict[str, str]:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, f"is {_kind(value)}; it must be a table of strings")
        inner = _Table(value, self.path, f"{self.prefix}{key}.")
        for name in value:
            if _CONTROL.search(name):
                raise inner.error(name, "has a control character in its name")
        return {name: str(inner.text(name)) for name in value}

    def count(self, key: str, default: int) -> int:
        value = self.table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.error(key, f"is {value!r}; it must be a positive whole number of bytes")
        return value


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), f"a {type(value).__name__}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # a description may have lines


def project_settings(start: Path) -> ProjectSettings:
    """Find the project (the nearest pyproject.toml upward) and read `[tool.soapsmith]`."""
    here = start.resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            tool = _load_toml(pyproject).get("tool", {})
            raw = tool.get("soapsmith", {}) if isinstance(tool, dict) else {}
            if not isinstance(raw, dict):
                raise ConfigError("[tool.soapsmith] must be a table", file=str(pyproject))
            table = _Table(raw, pyproject)
            settings = ProjectSettings(
                root=folder,
                specs=folder / (table.text("specs") or "specs"),
                output=folder / (table.text("output") or "generated"),
                max_input_bytes=table.count("max-input-bytes", DEFAULT_MAX_INPUT_BYTES),
                remote_imports=_remote_imports(table) or "refuse",
            )
            _check_output(settings, table)
            return settings
    return ProjectSettings(root=here, specs=here / "specs", output=here / "generated")


def _check_output(settings: ProjectSettings, table: _Table) -> None:
    """The `output` setting comes with the project, so it stays inside it; only the person
    running the command writes elsewhere (`-o`)."""
    why = unsafe_output(settings.output, settings.root, settings.specs)
    if why is None and not inside(settings.output, settings.root):
        why = "is outside the project"
    if why is not None:
        raise table.error(
            "output",
            f"{str(settings.output)!r} {why}: choose a folder of its own inside the project",
        )


def spec_settings(folder: Path) -> SpecSettings:
    default = re.sub(r"[^a-z0-9_]", "_", folder.name.lower()).strip("_") or "service"
    if default[0].isdigit():
        default = "service_" + default
    if keyword.iskeyword(default):
        default += "_"
    path = folder / SPEC_TOML
    if path.is_symlink() and folder.resolve() not in path.resolve().parents:
        raise ConfigError("the file links outside its spec folder: refused", file=str(path))
    raw = _load_toml(path) if path.is_file() else {}
    known = {
        "package", "distribution", "service", "address", "actions", "description", "version",
        "wsdl", "locations", "remote-imports", "source",
    }  # fmt: skip
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}",
            file=str(path),
        )
    table = _Table(raw, path)
    package = table.text("package") or default
    if not _PACKAGE.match(package) or keyword.iskeyword(package):
        raise table.error("package", f"{package!r} is not a valid lower-case Python package name")
    distribution = table.text("distribution") or package.replace("_", "-").strip("-")
    try:
        canonicalize_name(distribution, validate=True)
    except InvalidName:
        raise table.error(
            "distribution",
            f"{distribution!r} is not a distribution name (PEP 508: letters, digits, '.', '_' "
            "and '-', starting and ending with a letter or digit)",
        ) from None
    version = table.text("version") or "0.1.0"
    try:
        Version(version)
    except InvalidVersion:
        raise table.error("version", f"{version!r} is not a PEP 440 version (like 1.2.0)") from None
    return SpecSettings(
        folder=folder,
        package=package,
        distribution=distribution,
        service=table.text("service"),
        address=_address(table),
        actions=table.strings("actions"),
        description=table.text("description", multiline=True) or "",
        version=version,
        wsdl=table.text("wsdl"),
        locations=table.strings("locations"),
        remote_imports=_remote_imports(table),
        source=read_source(raw.get("source"), str(path)),
    )


def _address(table: _Table) -> str | None:
    address = table.text("address")
    if address is None:
        return None
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in address:
        raise table.error("address", f"{address!r} is not an http:// or https:// URL")
    return address


def _remote_imports(table: _Table) -> str | None:
    value = table.table.get("remote-imports")
    if value is not None and value not in REMOTE_IMPORTS:
        raise table.error(
            "remote-imports",
            f"is {value!r}; it is one of {', '.join(map(repr, REMOTE_IMPORTS))}",
        )
    return None if value is None else str(value)
