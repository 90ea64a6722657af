"""The output folder is soapsmith's alone and nothing else is: runs take turns, a folder it did
not write is never taken over, the manifest never leads outside, folders kept keep their owner,
group, mode and times, and `check` names every drifted file, the manifest included."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from repo import ROOT

from generator.cli import main
from generator.write import MANIFEST

SPECS = ["leadertask_sync", "sanspapier_synchronization"]
USER_FILES = 3000  # spread over folders of the user's inside generated/ and inside packages


@pytest.fixture(autouse=True)
def back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # tests chdir into their projects; this puts the folder back


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_user_error(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.stderr.startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


def make_project(root: Path, pyproject: str = "[tool.soapsmith]\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    for spec in SPECS:
        shutil.copytree(ROOT / "specs" / spec, root / "specs" / spec)
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def command(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project generated once, with thousands of the user's files in generated/."""
    root = make_project(tmp_path_factory.mktemp("project"))
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    generated = root / "generated"
    for n in range(USER_FILES):
        where = ["mine", *SPECS, f"{SPECS[0]}/{SPECS[0]}"][n % 4]
        path = generated / where / f"notes{n // 100}" / f"user{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"the user's file {n}\n", encoding="utf-8")
    return root


def user_files(generated: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in tree(generated).items() if "/notes" in f"/{rel}"}


# -- two runs at once ------------------------------------------------------------------------


def test_concurrent_runs_take_turns_and_lose_nothing(project: Path) -> None:
    """Runs of `generate` on one project at once, each rewriting a package, repeatedly: every run
    ends well, every package has its latest version, and not one of the user's files is lost."""
    generated = project / "generated"
    before = user_files(generated)
    assert len(before) == USER_FILES
    for round_ in range(3):
        for spec in SPECS:
            settings = project / "specs" / spec / "spec.toml"
            settings.write_text(f'description = "round {round_} of {spec}"\n', encoding="utf-8")
        runs = [command(project, "generate", f"specs/{SPECS[n % 2]}") for n in range(4)]
        runs.append(command(project, "generate"))
        for process in runs:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
            assert "Traceback" not in err
        assert user_files(generated) == before
        for spec in SPECS:
            readme = (generated / spec / "README.md").read_text(encoding="utf-8")
            assert f"round {round_} of {spec}" in readme, spec
        manifest = json.loads((generated / MANIFEST).read_bytes())["packages"]
        for name, files in manifest.items():
            assert all((generated / name / rel).is_file() for rel in files), name
        assert sorted(p.name for p in project.iterdir()) == ["generated", "pyproject.toml", "specs"]


def test_a_killed_run_never_leaves_the_lock_stuck(project: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from generator.lock import locked\n"
            "with locked(Path(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(600)\n",
            str(project / "generated"),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        waiting = command(project, "generate", env={"SOAPSMITH_LOCK_WAIT": "1"})
        _, err = waiting.communicate(timeout=120)
        assert waiting.returncode == 2, err
        assert "waiting for another soapsmith run" in err
        assert "another soapsmith run has been writing this folder" in err
        assert "Traceback" not in err
        behind = command(project, "generate")  # waits, then runs when the holder dies
        time.sleep(1)
        assert behind.poll() is None
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    out, err = behind.communicate(timeout=300)
    assert behind.returncode == 0, err
    assert "unchanged" in out


# -- a folder soapsmith did not write ---------------------------------------------------------


def test_a_folder_without_manifest_is_not_taken_over(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    theirs = root / "elsewhere"
    (theirs / "private").mkdir(parents=True)
    (theirs / "private" / "key.txt").write_text("secret\n", encoding="utf-8")
    os.chmod(theirs / "private", 0o700)
    os.chown(theirs / "private", 1234, 5678)
    before = os.stat(theirs / "private")
    os.chdir(root)
    result = run("generate", "-o", "elsewhere")
    assert_user_error(result, "not empty", MANIFEST, "elsewhere")
    assert tree(theirs) == {"private/key.txt": b"secret\n"}
    after = os.stat(theirs / "private")
    assert (after.st_ino, after.st_mode, after.st_uid, after.st_gid) == (
        before.st_ino,
        before.st_mode,
        before.st_uid,
        before.st_gid,
    )
    assert run("generate", "-o", "fresh").exit_code == 0  # a new folder is fine


@pytest.mark.parametrize(
    ("output", "words"),
    [
        (".", "project folder"),
        ("specs", "specs folder"),
        ("specs/inner", "specs folder"),
        ("..", "project folder"),
        ("../sibling", "outside the project"),
        ("{tmp}/elsewhere", "outside the project"),
    ],
)
def test_the_output_setting_stays_inside_the_project(
    tmp_path: Path, output: str, words: str
) -> None:
    output = output.format(tmp=tmp_path)
    output = output.format(tmp=tmp_path)
    root = make_project(tmp_path / "p", f'[tool.soapsmith]\noutput = "{output}"\n')
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = tree(tmp_path)
    os.chdir(root)
    result = run("generate")
    assert_user_error(result, "pyproject.toml:2:", "output", words)
    assert tree(tmp_path) == before
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(("output", "words"), [(".", "project folder"), ("specs", "specs")])
def test_minus_o_never_names_the_project_or_its_specs(
    tmp_path: Path, output: str, words: str
) -> None:
    root = make_project(tmp_path)
    before = tree(root)
    os.chdir(root)
    assert_user_error(run("generate", "-o", output), words)
    assert tree(root) == before


def test_minus_o_may_name_a_new_folder_outside_the_project(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    os.chdir(root)
    result = run("generate", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / MANIFEST).is_file()


def test_folders_kept_keep_owner_group_mode_and_times(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    os.chdir(root)
    assert run("generate").exit_code == 0
    generated = root / "generated"
    kept = [generated, generated / "mine", generated / SPECS[0] / "docs"]
    for folder in kept[1:]:
        folder.mkdir()
        (folder / "file.txt").write_text("mine\n", encoding="utf-8")
    for n, folder in enumerate(kept):
        os.chmod(folder, [0o751, 0o700, 0o2775][n])
        os.chown(folder, 1000 + n, 2000 + n)
        os.utime(folder, ns=(1_000_000_000_000_000_000 + n, 1_100_000_000_000_000_000 + n))
    before = {f: os.stat(f) for f in kept}
    (root / "specs" / SPECS[0] / "spec.toml").write_text('description = "changed"\n')
    result = run("generate")
    assert result.exit_code == 0, result.output
    assert f"{SPECS[0]}: updated" in result.stdout
    for folder, old in before.items():
        new = os.stat(folder)
        assert (new.st_mode, new.st_uid, new.st_gid, new.st_mtime_ns) == (
            old.st_mode,
            old.st_uid,
            old.st_gid,
            old.st_mtime_ns,
        ), folder


def test_a_file_where_a_package_folder_belongs_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    os.chdir(root)
    assert run("generate").exit_code == 0
    package = root / "generated" / SPECS[0]
    shutil.rmtree(package)
    package.write_text("the user's file\n", encoding="utf-8")
    result = run("generate")
    assert_user_error(result, SPECS[0], "in the way")
    assert package.read_text(encoding="utf-8") == "the user's file\n"
    assert sorted(p.name for p in root.iterdir()) == ["generated", "pyproject.toml", "specs"]


def test_a_linked_package_folder_is_never_written_through(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    os.chdir(root)
    assert run("generate").exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    package = root / "generated" / SPECS[0]
    shutil.rmtree(package)
    package.symlink_to(outside, target_is_directory=True)
    result = run("generate")
    assert_user_error(result, "in the way")
    assert list(outside.iterdir()) == []


# -- the manifest and `check` -----------------------------------------------------------------


@pytest.mark.parametrize(
    "packages",
    [
        {"../../../etc": ["passwd"]},
        {SPECS[0]: ["../../../../etc/passwd"]},
        {SPECS[0]: ["/etc/passwd"]},
        {"/etc": ["passwd"]},
        {SPECS[0]: ["a/./b"]},
    ],
)
def test_a_manifest_path_outside_the_folder_is_refused(
    tmp_path: Path, packages: dict[str, list[str]]
) -> None:
    root = make_project(tmp_path)
    os.chdir(root)
    assert run("generate").exit_code == 0
    manifest = root / "generated" / MANIFEST
    data = json.loads(manifest.read_bytes())
    data["packages"].update(packages)
    manifest.write_text(json.dumps(data), encoding="utf-8")
    for args in (["check"], ["generate"]):
        result = run(*args)
        assert_user_error(result, MANIFEST, "not a path inside the output folder")
        assert "root:" not in result.output  # nothing of /etc/passwd


def test_check_does_not_follow_a_link_out_of_the_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    os.chdir(root)
    assert run("generate").exit_code == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret line\n", encoding="utf-8")
    readme = root / "generated" / SPECS[0] / "README.md"
    readme.unlink()
    readme.symlink_to(secret)
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "the secret line" not in result.output
    assert f"{SPECS[0]}/README.md" in result.output


def test_check_names_a_deleted_empty_file_and_a_deleted_manifest(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    os.chdir(root)
    assert run("generate").exit_code == 0
    typed = root / "generated" / SPECS[0] / SPECS[0] / "py.typed"
    typed.unlink()
    result = run("check")
    assert result.exit_code == 1
    assert f"+++ b/generated/{SPECS[0]}/{SPECS[0]}/py.typed" in result.stdout
    assert run("generate").exit_code == 0
    assert run("check").exit_code == 0
    (root / "generated" / MANIFEST).unlink()
    result = run("check")
    assert result.exit_code == 1
    assert f"+++ b/generated/{MANIFEST}" in result.stdout


# -- settings of the wrong kind --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("address = 5", ["address", "a number", "string"]),
        ('address = "http://a.example/\\u0000x"', ["address", "control character"]),
        ('address = "ftp://a.example/"', ["address", "http"]),
        ('address = "not a url"', ["address", "http"]),
        ('locations = "common.xsd"', ["locations", "table"]),
        ("service = ['A', 'B']", ["service", "a list"]),
        ('[actions]\nGo = "urn:go\\u0007"', ["actions.Go", "control character"]),
        ("[actions]\nGo = 5", ["actions.Go", "string"]),
        ('package = "class"', ["package", "'class'"]),
        ('distribution = "my dist!"', ["distribution", "PEP 508"]),
        ('version = "one point oh"', ["version", "PEP 440"]),
        ('version = "1.0\\n"', ["version", "control character"]),
        ("description = 3.5", ["description", "string"]),
        ('wsdl = ["a.wsdl"]', ["wsdl", "string"]),
    ],
)
def test_spec_settings_of_the_wrong_kind(tmp_path: Path, text: str, words: list[str]) -> None:
    root = make_project(tmp_path)
    settings = root / "specs" / SPECS[1] / "spec.toml"
    settings.write_text(f"# settings\n{text}\n", encoding="utf-8")
    os.chdir(root)
    for args in (["generate"], ["inspect", SPECS[1]], ["wsdl", SPECS[1]]):
        result = run(*args)
        assert_user_error(result, "spec.toml:", *words)
    assert not (root / "generated").exists()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('max-input-bytes = "20MB"', ["max-input-bytes", "whole number"]),
        ("max-input-bytes = -1", ["max-input-bytes", "whole number"]),
        ("specs = 5", ["specs", "string"]),
        ('remote-imports = "fetch"', ["remote-imports", "'refuse'"]),
    ],
)
def test_project_settings_of_the_wrong_kind(tmp_path: Path, text: str, words: list[str]) -> None:
    root = make_project(tmp_path, f"[tool.soapsmith]\n{text}\n")
    os.chdir(root)
    assert_user_error(run("generate"), "pyproject.toml:2:", *words)
    assert not (root / "generated").exists()


def test_a_folder_named_like_a_keyword_gets_a_package_that_imports(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "specs" / SPECS[1]).rename(root / "specs" / "class")
    os.chdir(root)
    result = run("generate", "specs/class")
    assert result.exit_code == 0, result.output
    assert (root / "generated" / "class" / "class_" / "client.py").is_file()
