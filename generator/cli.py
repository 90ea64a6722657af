"""The `soapsmith` command: generate, check, inspect, sample, serve, wsdl, diff."""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import textwrap
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__, stamps
from .cache import Store
from .config import ProjectSettings, project_settings
from .errors import SoapsmithError
from .lock import locked
from .output_place import unsafe_output
from .stamps import Summary

if TYPE_CHECKING:  # the pipeline's imports cost more than a no-change run (stamps.py)
    from .fetch.limits import Limits
    from .format import Formatter
    from .pipeline import Built

F = TypeVar("F", bound=Callable[..., Any])

EXIT_ERROR = 2
# warnings `generate` prints of each spec without -v: enough to act on, not a wall of text
WARNINGS_SHOWN = 5
# Reading a large WSDL keeps about a million objects alive; with the default thresholds the
# collector walks all of them again and again (a third of reading NetSuite). A command is
# short-lived, so collections are made rarer, as mypy does.
GC_THRESHOLDS = (100_000, 50, 100)


def user_errors(func: F) -> F:
    """Print a SoapsmithError as one message and exit 2.

    Anything else is a bug in soapsmith and keeps its traceback.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SoapsmithError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


def _project() -> ProjectSettings:
    return project_settings(Path.cwd())


def _formatter(store: Store | None) -> Formatter:
    """Black results are cached by content (SOAPSMITH_CACHE_DIR, SOAPSMITH_NO_CACHE)."""
    from .format import FormatCache, Formatter

    return Formatter(cache=None if store is None else FormatCache(store.folder))


def _progress(wanted: bool | None) -> Callable[[str], None] | None:
    if wanted is None:
        wanted = sys.stderr.isatty()
    if not wanted:
        return None
    return lambda message: click.echo(message, err=True)


def _spec_folder(project: ProjectSettings, spec: str) -> Path:
    """The folder `spec` names: a folder, a folder of specs/, or a file made a spec folder
    (in a scratch folder that lasts as long as the command)."""
    path = Path(spec)
    if path.is_dir():
        return path
    under = project.specs / spec
    if under.is_dir():
        return under
    if path.is_file():
        scratch = click.get_current_context().with_resource(
            tempfile.TemporaryDirectory(prefix="soapsmith-spec-")
        )
        from .readers.spec_file import spec_folder_of_file

        return spec_folder_of_file(path, Path(scratch), project.max_input_bytes)
    return path


@click.group()
@click.version_option(__version__, prog_name="soapsmith")
def main() -> None:
    """Typed Python SOAP clients from WSDL files and documentation pages."""
    gc.set_threshold(*GC_THRESHOLDS)


@main.command()
@click.argument("specs", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: generated/).",
)
@click.option(
    "-v", "--verbose", is_flag=True, help=f"List every warning (else the first {WARNINGS_SHOWN})."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Report each stage on stderr (default: when stderr is a terminal).",
)
@user_errors
def generate(
    specs: tuple[str, ...], output: Path | None, verbose: bool, progress: bool | None
) -> None:
    """Render a package for each spec folder (default: every folder of specs/)."""
    project = _project()
    folders = [_spec_folder(project, s) for s in specs] if specs else None
    output = output or project.output
    store = Store.default()
    # a run that changes nothing is decided from hashes alone (stamps.py): pre-commit's case
    unchanged = store and _current(project, folders, output, store, shared=False)
    if unchanged:
        for stamp in unchanged:
            _report(stamp.summary, "unchanged", verbose)
        return
    from .pipeline import generate as generate_packages

    changed, built = generate_packages(
        folders, project, output, _formatter(store), _progress(progress)
    )
    if store is not None:
        stamps.remember(store, {item.key: item.stamp for item in built})
        from .package_cache import KEPT, keep_later

        # what `sample` and `serve` will import, compiled while the command reports and after
        fresh = [item for item in built if item.model.name in changed][:KEPT]
        keep_later(store, [(item.key, item.files, item.settings.package) for item in fresh])
    for item in built:
        state = "updated" if item.model.name in changed else "unchanged"
        _report(item.summary, state, verbose)
        _say_wire_changes(item, project, store, listed=verbose, indent="  ")


def _current(
    project: ProjectSettings,
    folders: list[Path] | None,
    output: Path,
    store: Store,
    *,
    shared: bool,
) -> list[stamps.Stamp] | None:
    """What `stamps.current` decides, read under the output's lock as the full run reads (a
    writer's turn: of two runs, the later one's specs win)."""
    if unsafe_output(output, project.root, project.specs) is not None:
        return None  # the full run refuses it
    try:
        chosen = folders if folders is not None else project.spec_folders()
    except SoapsmithError:
        return None  # the full run says why
    with locked(output, shared=shared, waiting=_say_err):
        return stamps.current(chosen, project, output, store, everything=folders is None)


def _report(summary: Summary, state: str, verbose: bool) -> None:
    warnings = summary.warnings
    click.echo(f"{summary.name}: {state}, {summary.files} files, {len(warnings)} warning(s)")
    shown = warnings if verbose else warnings[:WARNINGS_SHOWN]
    for source, message in shown:
        click.echo(f"  warning: {source}: {message}")
    if len(shown) < len(warnings):
        click.echo(f"  and {len(warnings) - len(shown)} more; -v shows all")
    for requirement in summary.requirements:
        click.echo(f"  {requirement}")


def _say_wire_changes(
    item: Built, project: ProjectSettings, store: Store | None, listed: bool, indent: str
) -> None:
    """What regenerating `item` changes on the wire, against what its package emitted before:
    a line of counts, and with `listed` the changes themselves."""
    from .diff.regenerated import emitted_wsdl, wire_changes
    from .diff.report import as_text, summary

    current = emitted_wsdl(item.files)
    if item.previous_wsdl is None or current is None or item.previous_wsdl == current:
        return
    changes = wire_changes(item.previous_wsdl, current, item.model, project, store)
    if changes is None:
        click.echo(f"{indent}{item.model.name}: the previous package's WSDL could not be compared")
    elif not changes:
        click.echo(f"{indent}{item.model.name}: nothing changes on the wire")
    else:
        click.echo(f"{indent}{item.model.name}: on the wire, {summary(changes)}")
        if listed:
            listing = as_text(changes, _styled, counts=False)
            click.echo(textwrap.indent(listing, indent + "  "), nl=False)


def _styled(text: str, colour: str) -> str:
    return click.style(text, fg=colour) if sys.stdout.isatty() else text


@main.command()
@user_errors
def check() -> None:
    """Exit 0 when generated/ matches specs/, 1 on drift (with a diff), 2 on error."""
    project = _project()
    store = Store.default()
    if store and _current(project, None, project.output, store, shared=True):
        click.echo("generated/ is up to date")
        return
    from .pipeline import check as check_output

    drift, built = check_output(project, _formatter(store))
    if drift.clean:
        if store is not None:
            stamps.remember(store, {item.key: item.stamp for item in built})
        click.echo("generated/ is up to date")
        return
    for item in built:
        _say_wire_changes(item, project, store, listed=True, indent="")
    click.echo("".join(drift.diff), nl=False)
    click.echo(
        f"\n{len(drift.changed)} file(s) out of date; run `soapsmith generate` to update them.",
        err=True,
    )
    sys.exit(1)


@main.command()
@click.argument("spec")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the model as JSON (shape in the README)."
)
@user_errors
def inspect(spec: str, as_json: bool) -> None:
    """Print the intermediate model of SPEC: services, operations, types and warnings."""
    project = _project()
    from .inspect_model import model_data, model_text  # for this command alone
    from .pipeline import load_model

    model, _ = load_model(_spec_folder(project, spec), project)

    if as_json:
        click.echo(json.dumps(model_data(model), indent=2, ensure_ascii=False))
    else:
        click.echo(model_text(model))


@main.command()
@click.argument("spec")
@click.argument("operation", required=False)
@click.option("--response", is_flag=True, help="Print the mock's answer instead of the request.")
@click.option("--soap", "version", type=click.Choice(["1.1", "1.2"]), help="SOAP version.")
@user_errors
def sample(spec: str, operation: str | None, response: bool, version: str | None) -> None:
    """Print a valid sample envelope of OPERATION (default: the first), built by generated code."""
    from .mock import generated_package, pretty, sample_exchange  # only these commands need it

    # the request alone: what answers it is not built (EWS's GetItem answers any of 876 types)
    with generated_package(spec, _project(), operation, answered=response) as server:
        found = sample_exchange(server, operation, version)
    if response and not found.answer:
        # a request the command cannot carry out, as an unknown operation: exit 2
        raise SoapsmithError(
            f"{found.operation} is one-way: it has no response (the server answers its "
            "request with HTTP 202 and no envelope)"
        )
    click.echo(pretty(found.answer if response else found.request), nl=False)


@main.command()
@click.argument("spec_or_package")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free one).",
)
@click.option(
    "--service",
    help="Which service, where the spec has several: its name as `inspect` prints it, or its "
    "client class (default: the description's first).",
)
@user_errors
def serve(spec_or_package: str, host: str, port: int, service: str | None) -> None:
    """Run the mock server of a spec or a generated package (every operation answers a sample)."""
    from .mock import generated_package
    from .mock import serve as run_server

    with generated_package(spec_or_package, _project()) as server:
        try:
            run_server(server, host, port, service)
        except OSError as exc:
            raise SoapsmithError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


@main.command()
@click.argument("spec")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout.",
)
@user_errors
def wsdl(spec: str, output: Path | None) -> None:
    """Emit a WSDL 1.1 document with inline XSD for SPEC."""
    from .pipeline import load_model
    from .render.wsdl import emit_wsdl

    project = _project()
    model, _ = load_model(_spec_folder(project, spec), project)
    data = emit_wsdl(model)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        output.write_bytes(data)


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "shape",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="How the changes are printed (the JSON shape is in the README).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "maybe"]),
    help="Exit 1 when a change is rated this or worse in either direction.",
)
@click.option(
    "--api",
    "python_api",
    is_flag=True,
    help="Show the Python API view instead: generated methods and classes whose signature changes.",
)
@user_errors
def diff(old: str, new: str, shape: str, fail_on: str | None, python_api: bool) -> None:
    """What NEW changes on the wire against OLD, rated for both deployments.

    Each side is a spec folder (or a name under specs/), a WSDL or page file, or FOLDER@REVISION
    (the folder as a git revision holds it, e.g. specs/orders@HEAD~1).
    """
    import tempfile

    from .diff import Rating, compare
    from .diff.python_api import api_changes
    from .diff.report import api_printed, api_summary, printed
    from .diff.sides import materialise
    from .pipeline import load_model

    project = _project()
    with tempfile.TemporaryDirectory(prefix="soapsmith-diff-") as scratch:
        old_model, new_model = (
            load_model(materialise(side, project.specs, Path(scratch) / name), project)[0]
            for name, side in (("old", old), ("new", new))
        )
    api = api_changes(old_model, new_model) if python_api or shape == "text" else []
    if python_api:
        click.echo(api_printed(api, shape, _styled), nl=False)
        ratings = [c.rating for c in api]
    else:
        changes = compare(old_model, new_model)
        click.echo(printed(changes, shape, _styled), nl=False)
        if api:
            click.echo(f"\n{api_summary(api)}; `--api` lists them")
        ratings = [c.worst for c in changes]
    worst = {"breaking": {Rating.BREAKING}, "maybe": {Rating.BREAKING, Rating.MAYBE}}
    if fail_on is not None and worst[fail_on] & set(ratings):
        sys.exit(1)


# ---------------------------------------------------------------------------------------------
# add and refresh: spec folders fetched from URLs (generator/fetch/)
# ---------------------------------------------------------------------------------------------
def _fetch_options(func: F) -> F:
    from .fetch import bounds

    options = [
        click.option(
            "--allow-host",
            "allow_hosts",
            multiple=True,
            help="Also fetch from this host (imports, redirects, links); repeatable.",
        ),
        click.option(
            "--max-files", type=click.IntRange(1), default=bounds.MAX_FILES, show_default=True
        ),
        click.option(
            "--max-file-bytes",
            type=click.IntRange(1),
            default=bounds.MAX_FILE_BYTES,
            show_default=True,
            help="Bytes per file at most (after decompression).",
        ),
        click.option(
            "--max-total-bytes",
            type=click.IntRange(1),
            default=bounds.MAX_TOTAL_BYTES,
            show_default=True,
            help="Bytes fetched in all at most.",
        ),
        click.option(
            "--max-redirects",
            type=click.IntRange(0),
            default=bounds.MAX_REDIRECTS,
            show_default=True,
            help="Redirects per file at most.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=bounds.SECONDS,
            show_default=True,
            help="Seconds for the whole fetch.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _limits(options: dict[str, Any]) -> Limits:
    from .fetch.limits import Limits

    return Limits(
        max_files=options["max_files"],
        max_file_bytes=options["max_file_bytes"],
        max_total_bytes=options["max_total_bytes"],
        max_redirects=options["max_redirects"],
        seconds=options["timeout"],
        allowed_hosts=frozenset(h.lower() for h in options["allow_hosts"]),
    )


@main.command()
@click.argument("name")
@click.argument("sources", nargs=-1, required=True)
@_fetch_options
@user_errors
def add(name: str, sources: tuple[str, ...], **options: Any) -> None:
    """Create specs/NAME from files and URLs: a WSDL with what it imports, an .asmx,
    ServiceStack (/metadata) or WCF (.svc) service, a page; each file's origin is recorded."""
    from .fetch.add import add as add_spec

    project = _project()
    added = add_spec(name, list(sources), project, _limits(options), _say_err)
    operations = sum(len(s.operations) for s in added.model.services)
    click.echo(
        f"{_shown(added.folder, project)}: {len(added.saved)} file(s), {operations} operation(s)"
    )
    for item in added.saved:
        click.echo(f"  {item.name}  <- {item.url}")


@main.command()
@click.argument("specs", nargs=-1)
@click.option("--write", is_flag=True, help="Replace the spec's files with the fetched ones.")
@_fetch_options
@user_errors
def refresh(specs: tuple[str, ...], write: bool, **options: Any) -> None:
    """Fetch the recorded sources of SPECs again (default: every spec made by `add`) and show
    what changed, file by file and on the wire; exit 1 when something changed and not --write."""
    from .diff.report import as_text
    from .fetch.refresh import has_sources
    from .fetch.refresh import refresh as refresh_spec

    project = _project()
    if specs:
        folders = [_spec_folder(project, s) for s in specs]
    else:
        folders = [f for f in project.spec_folders() if has_sources(f)]
        if not folders:
            raise SoapsmithError("no spec folder of specs/ was made by `soapsmith add`")
    drift = False
    for folder in folders:
        done = refresh_spec(folder, project, _limits(options), write, _say_err)
        shown = _shown(folder, project)
        if not done.changed:
            click.echo(f"{shown}: unchanged")
            continue
        drift = drift or not done.written
        state = "updated" if done.written else "changed (not written; --write replaces it)"
        click.echo(f"{shown}: {state}: {', '.join(done.changed)}")
        click.echo("".join(done.file_diff), nl=False)
        if done.wire is None:
            click.echo(f"on the wire: {done.wire_note}")
        else:
            click.echo("on the wire: " + as_text(done.wire, _styled), nl=False)
    if drift:
        sys.exit(1)


def _say_err(message: str) -> None:
    click.echo(message, err=True)


def _shown(folder: Path, project: ProjectSettings) -> str:
    try:
        return folder.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(folder)
