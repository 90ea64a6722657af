"""`sample` and `serve` reuse a spec's package (issue 21 item 3): built once into the cache, or
copied from an output folder that is current, and imported from there by every later command
with the same inputs; a changed input builds again, and the cache keeps a bounded number."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from repo import GOLDEN, SPECS

from generator import package_cache, pipeline
from generator.cache import Store
from generator.cli import main
from generator.config import project_settings


@pytest.fixture
def cache(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of one seed spec, with a cache of its own."""
    monkeypatch.setenv("SOAPSMITH_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(SPECS / "convio_sync", project / "specs" / "convio_sync")
    return tmp_path / "cache"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    built: list[str] = []
    real = pipeline.build

    def counted(folder: Path, *args: object, **kwargs: object) -> pipeline.Built:
        built.append(folder.name)
        return real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", counted)
    return built


def test_a_sample_builds_once_and_every_later_command_imports_the_cached_package(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    first = run("sample", "convio_sync")
    assert first.exit_code == 0, first.output
    assert built == ["convio_sync"]
    again = run("sample", "convio_sync")
    answer = run("sample", "convio_sync", "--response")
    assert built == ["convio_sync"]
    assert again.stdout == first.stdout and "<soap:Envelope" in answer.stdout
    (home,) = (cache / "packages").iterdir()
    # compiled where Python looks for its bytecode, whatever PYTHONDONTWRITEBYTECODE says
    assert list((home / "convio_sync").glob("__pycache__/models.*.pyc"))


def test_generate_leaves_the_package_compiled_where_a_sample_finds_it(
    cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("generate").exit_code == 0
    home = kept_by_generate(cache)
    assert list((home / "convio_sync").glob("__pycache__/models.*.pyc"))
    generated = project / "generated" / "convio_sync" / "convio_sync" / "models.py"
    assert (home / "convio_sync" / "models.py").read_bytes() == generated.read_bytes()
    built = count_builds(monkeypatch)
    put = count_puts(monkeypatch)
    result = run("sample", "convio_sync")
    assert (result.exit_code, built, put) == (0, [], []), result.output
    assert [p.name for p in (cache / "packages").iterdir()] == [home.name]


def kept_by_generate(cache: Path) -> Path:
    """The package `generate` left in the cache, once its grandchild is done compiling it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready = list((cache / "packages").glob(f"*/{package_cache.READY}"))
        if ready:
            return ready[0].parent
        time.sleep(0.05)
    raise AssertionError(f"generate left no package in {cache}")


def test_generate_returns_before_the_package_is_compiled(
    cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compiling is not the command's: a grandchild that takes long does not hold it up."""
    slow = "import time; time.sleep(30)\n"
    monkeypatch.setattr(package_cache, "_CHILD", package_cache._CHILD + slow)
    started = time.monotonic()
    assert run("generate").exit_code == 0
    assert time.monotonic() - started < 20


def test_a_project_with_a_generator_package_of_its_own_still_gets_its_package_kept(
    cache: Path, project: Path
) -> None:
    """The compiling process imports soapsmith's `generator`, not one in the working folder."""
    (project / "generator").mkdir()
    (project / "generator" / "__init__.py").write_text("raise SystemExit('not soapsmith')\n")
    assert run("generate").exit_code == 0
    assert (kept_by_generate(cache) / "convio_sync" / "models.py").is_file()


def test_a_generate_that_cannot_write_the_cache_still_generates(cache: Path, project: Path) -> None:
    cache.mkdir()
    (cache / "packages").write_text("not a folder")
    result = run("generate")
    assert result.exit_code == 0, result.output
    assert (project / "generated" / "convio_sync" / "convio_sync" / "models.py").is_file()
    # what the compiling process does, here where its failure would show: it gives up quietly
    package_cache.keep(Store(cache), "0" * 64, {"p/__init__.py": b""}, "p")
    assert (cache / "packages").read_text() == "not a folder"


def test_a_current_output_folder_is_copied_not_built(
    cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("generate").exit_code == 0
    shutil.rmtree(kept_by_generate(cache).parent)  # as if soapsmith had not kept it
    built = count_builds(monkeypatch)
    result = run("sample", "convio_sync")
    assert (result.exit_code, built) == (0, [])
    (home,) = (cache / "packages").iterdir()
    generated = project / "generated" / "convio_sync" / "convio_sync" / "models.py"
    assert (home / "convio_sync" / "models.py").read_bytes() == generated.read_bytes()


def test_a_generated_file_edited_by_hand_is_not_what_a_sample_runs(
    cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("generate").exit_code == 0
    client = project / "generated" / "convio_sync" / "convio_sync" / "client.py"
    client.write_text(client.read_text() + "\nraise RuntimeError('edited')\n")
    shutil.rmtree(kept_by_generate(cache).parent)  # else the package generate kept runs
    built = count_builds(monkeypatch)
    result = run("sample", "convio_sync")
    assert (result.exit_code, built) == (0, ["convio_sync"]), result.output


def count_puts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packages put into the cache (built, or copied from the output folder), by name."""
    put: list[str] = []
    real = package_cache._put

    def counted(packages: Path, home: Path, files: object, package: str) -> None:
        put.append(package)
        real(packages, home, files, package)  # type: ignore[arg-type]

    monkeypatch.setattr(package_cache, "_put", counted)
    return put


def test_a_changed_spec_builds_again(
    cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_builds(monkeypatch)
    assert run("sample", "convio_sync").exit_code == 0
    toml = project / "specs" / "convio_sync" / "spec.toml"
    toml.write_text(toml.read_text().replace("ConvioSync", "Convio2"))
    result = run("sample", "convio_sync")
    assert result.exit_code == 0, result.output
    assert built == ["convio_sync", "convio_sync"]
    assert len(list((cache / "packages").iterdir())) == 2


def test_the_cache_keeps_the_most_recently_used_packages(
    cache: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_cache, "KEPT", 2)
    toml = project / "specs" / "convio_sync" / "spec.toml"
    original = toml.read_text()
    for version in ("1.0.0", "2.0.0", "3.0.0"):
        toml.write_text(original + f'version = "{version}"\n')
        assert run("sample", "convio_sync").exit_code == 0
    homes = list((cache / "packages").iterdir())
    assert len(homes) == 2
    versions = {(h / "pyproject.toml").read_text().split('version = "')[1][:5] for h in homes}
    assert versions == {"2.0.0", "3.0.0"}


def test_two_commands_at_once_both_get_a_whole_package(cache: Path, project: Path) -> None:
    settings = project_settings(project)
    folder = settings.specs / "convio_sync"
    store = Store(cache)
    found: list[tuple[Path, str]] = []
    gate = threading.Barrier(2)

    def build(operation: str | None) -> tuple[dict[str, bytes], str]:
        made = pipeline.build(folder, settings)
        gate.wait(timeout=60)  # both have built before either puts its package in place
        return made.files, made.settings.package

    threads = [
        threading.Thread(
            target=lambda: found.append(package_cache.package_home(folder, settings, store, build))
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(found) == 2 and found[0] == found[1]
    home, name = found[0]
    assert name == "convio_sync" and (home / name / "server.py").is_file()
    assert [p.name for p in (cache / "packages").iterdir()] == [home.name]


def test_without_a_cache_a_sample_is_built_each_time(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOAPSMITH_NO_CACHE", "1")
    built = count_builds(monkeypatch)
    assert run("sample", "convio_sync").exit_code == 0
    assert run("sample", "convio_sync").exit_code == 0
    assert built == ["convio_sync", "convio_sync"]
    assert not cache.exists()


def test_a_package_built_to_run_is_the_generated_one_but_for_its_layout(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sample` and `serve` skip the format stage and the emitted WSDL's check: the same
    code, statement for statement, and the same WSDL."""
    import ast

    from generator.render import wsdl

    settings = project_settings(project)
    folder = SPECS / "superoffice_erpsync"
    shaped = pipeline.build(folder, settings)
    checked: list[str] = []
    monkeypatch.setattr(wsdl, "check_wsdl", lambda data, spec, cache=None: checked.append(spec))
    run_only = pipeline.build(folder, settings, formatted=False)
    assert checked == []
    pipeline.build(folder, settings)
    assert checked == ["superoffice_erpsync"]  # what generate builds is checked
    assert shaped.files.keys() == run_only.files.keys() and shaped.key == run_only.key
    wsdl_path = next(path for path in shaped.files if path.endswith("service.wsdl"))
    assert shaped.files[wsdl_path] == run_only.files[wsdl_path]
    modules = [path for path in shaped.files if path.endswith(".py")]
    assert any(shaped.files[p] != run_only.files[p] for p in modules)  # something was laid out
    for path in modules:
        tree = ast.dump(ast.parse(shaped.files[path]))
        assert ast.dump(ast.parse(run_only.files[path])) == tree, path


ONE_BY_ONE = [
    "wsdl_names",  # hyphens and keywords
    "wsdl_ports",
    "wsdl_derived_types",  # subtypes sent in their bases' place
    "wsdl_headers",
    "wsdl_mtom",
    "asmx_two_pages",
    "xsi_type_placeholder",
]


@pytest.mark.parametrize("case", ONE_BY_ONE)
def test_a_package_of_one_operation_samples_it_as_the_whole_package_does(
    case: str, project: Path, cache: Path
) -> None:
    """`sample SPEC OP`, where it must build, builds OP alone; the sample is the same bytes."""
    from generator.mock import _operations, generated_package, sample_exchange

    settings = project_settings(project)
    folder = shutil.copytree(GOLDEN / case / "spec", project / "specs" / case)
    model = pipeline.load_model(folder, settings)[0]
    operations = list(dict.fromkeys(op.name for s in model.services for op in s.operations))
    assert len(operations) > 1
    whole = project / "whole"
    pipeline.generate([folder], settings, whole)
    (package,) = [p for p in whole.iterdir() if p.is_dir()]
    with generated_package(str(package), settings) as server:
        expected = {op: sample_exchange(server, op, None) for op in operations}
    for op in operations:
        with generated_package(str(folder), settings, op.upper()) as server:  # found loosely
            alone = {o.name for o in _operations(server)}
            assert alone == {o for o in operations if o.lower() == op.lower()}, op
            assert sample_exchange(server, op, None) == expected[op], op
        # `sample` without --response: the request alone is built, and is the same bytes
        with generated_package(str(folder), settings, op, answered=False) as server:
            request_only = sample_exchange(server, op, None)
            assert request_only.request == expected[op].request, op
            assert not request_only.answer  # one-way now: nothing of the answer was built
    homes = list((cache / "packages").iterdir())
    assert len(homes) == min(2 * len(operations), package_cache.KEPT)  # two packages each


def test_sample_of_one_operation_builds_its_answer_only_when_asked(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[object, object]] = []
    real = pipeline.build

    def recorded(folder: Path, *args: object, **kwargs: object) -> pipeline.Built:
        asked.append((kwargs.get("operation"), kwargs.get("answered")))
        return real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", recorded)
    request = run("sample", "convio_sync", "EndSynchronization")
    answer = run("sample", "convio_sync", "EndSynchronization", "--response")
    assert (request.exit_code, answer.exit_code) == (0, 0), request.output + answer.output
    assert asked == [("EndSynchronization", False), ("EndSynchronization", True)]
    assert "<soap:Envelope" in answer.stdout and answer.stdout != request.stdout
    assert len(list((cache / "packages").iterdir())) == 2  # kept apart


def test_an_operation_name_undecodable_on_the_command_line_is_a_clear_error(cache: Path) -> None:
    result = run("sample", "convio_sync", "\udcff")  # a byte 0xff, as Python hands it over
    assert result.exit_code == 2, result.output
    assert "no operation" in result.output and "Traceback" not in result.output
