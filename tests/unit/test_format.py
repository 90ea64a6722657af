"""The formatter: per-definition black equals whole-module black; cache and workers change
nothing but time."""

from __future__ import annotations

import shutil
from pathlib import Path

import black
import pytest
from repo import GOLDEN, ROOT, SEEDS

from generator import format as fmt
from generator.config import ProjectSettings
from generator.format import MODE, FormatCache, Formatter, split_top_level
from generator.pipeline import load_model
from generator.plan import plan_package
from generator.render.package import render_package

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "expected").is_dir())


def _sources(folder: Path, tmp_path: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """The modules a spec renders to, as the format stage gets them, and as it gives them."""
    specs = tmp_path / "specs"
    shutil.copytree(folder, specs / folder.name)
    project = ProjectSettings(root=tmp_path, specs=specs, output=tmp_path / "generated")
    model, settings = load_model(specs / folder.name, project)
    rendered = render_package(plan_package(model), settings, "0" * 64)
    formatted = Formatter(cache=None, workers=1).format_modules(rendered.modules, styled=True)
    return rendered.modules, {path: text.encode("utf-8") for path, text in formatted.items()}


@pytest.mark.parametrize(
    "folder",
    [ROOT / "specs" / s for s in SEEDS] + [GOLDEN / c / "spec" for c in CASES],
    ids=lambda p: p.name if p.name != "spec" else p.parent.name,
)
def test_piecewise_black_equals_whole_module_black(folder: Path, tmp_path: Path) -> None:
    sources, files = _sources(folder, tmp_path)
    assert sources
    for path, source in sources.items():
        assert files[path].decode("utf-8") == black.format_str(source, mode=MODE), path


def test_split_keeps_decorators_with_their_definition() -> None:
    source = (
        '"""doc"""\n\nimport x\n\n@dataclass(\n    kw_only=True\n)\nclass A:\n    a: int\n'
        "@other\n@dataclass\nclass B:\n    def f(self) -> None:\n        pass\n"
        "X = 1\ndef g() -> None:\n    pass\n"
    )
    pieces = split_top_level(source)
    assert [p.splitlines()[0] for p in pieces] == [
        '"""doc"""',
        "@dataclass(",
        "@other",
        "def g() -> None:",
    ]
    assert "".join(pieces) == source


def _count_black(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = fmt._black

    def counting(piece: str) -> str:
        calls.append(piece)
        return real(piece)

    monkeypatch.setattr(fmt, "_black", counting)
    return calls


def test_cache_returns_the_same_text_without_running_black(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, files = _sources(ROOT / "specs" / SEEDS[0], tmp_path / "a")
    calls = _count_black(monkeypatch)
    cache = FormatCache(tmp_path / "cache")
    first = Formatter(cache=cache, workers=1).format_modules(sources)
    assert calls and first == {k: files[k].decode("utf-8") for k in sources}
    calls.clear()
    again = Formatter(cache=cache, workers=1).format_modules(sources)
    assert again == first
    assert calls == []


def test_cache_remembers_which_styled_sources_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, files = _sources(ROOT / "specs" / SEEDS[0], tmp_path / "a")
    compiled: list[str] = []

    def counting(source: str, name: str, *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return compile(source, name, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(fmt, "compile", counting, raising=False)
    cache = FormatCache(tmp_path / "cache")
    first = Formatter(cache=cache, workers=1).format_modules(sources, styled=True)
    assert set(compiled) == set(sources)  # definition by definition
    assert first == {k: files[k].decode("utf-8") for k in sources}
    compiled.clear()
    changed = dict(sources)
    name = sorted(changed)[0]
    changed[name] += "\nCHANGED = 1\n"
    Formatter(cache=cache, workers=1).format_modules(changed, styled=True)
    assert set(compiled) == {name}  # only the source not seen before


@pytest.mark.parametrize("workers", [1, 2])
def test_a_styled_source_that_does_not_compile_fails_with_its_line(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fmt, "PARALLEL_CHARS", 0)  # two workers compile, however little
    good = "".join(f"def f{i}() -> None:\n    x = {'1' * 60}\n\n\n" for i in range(2000))
    broken = good + "def g() -> None:\n    return (\n"
    with pytest.raises(SyntaxError) as caught:
        Formatter(cache=None, workers=workers).format_modules({"m.py": broken}, styled=True)
    assert caught.value.filename == "m.py" and caught.value.lineno == 8002  # `return (`


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = FormatCache(blocker / "cache")
    assert Formatter(cache=cache, workers=1).format_modules({"m.py": "x=1\n"}) == {
        "m.py": "x = 1\n"
    }


def test_parallel_workers_give_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, files = _sources(GOLDEN / "wsdl_doclit" / "spec", tmp_path)
    monkeypatch.setattr(fmt, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(fmt, "_BATCH_CHARS", 500)
    got = Formatter(cache=None, workers=2).format_modules(sources)
    assert got == {k: files[k].decode("utf-8") for k in sources}


def test_progress_reports_what_black_has_to_do(tmp_path: Path) -> None:
    said: list[str] = []
    cache = FormatCache(tmp_path / "cache")
    Formatter(cache=cache, workers=1, progress=said.append).format_modules({"m.py": "x=1\n"})
    assert said == ["formatting 0.0 MB with black (0 of 1 pieces cached)"]
    said.clear()
    Formatter(cache=cache, workers=1, progress=said.append).format_modules({"m.py": "x=1\n"})
    assert said == []
