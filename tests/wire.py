"""Generated packages on a mock wire: a golden case generated and imported, and a mock server
that records what a client sends."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from lxml import etree
from repo import GOLDEN

from generator.config import ProjectSettings
from generator.pipeline import generate

Load = Callable[[str], Any]


def copy_spec(root: Path, name: str) -> ProjectSettings:
    specs = root / "specs"
    shutil.copytree(GOLDEN / name / "spec", specs / name)
    return ProjectSettings(root=root, specs=specs, output=root / "generated")


def _forget(name: str) -> None:
    for module in [m for m in sys.modules if m.split(".")[0] == name]:
        del sys.modules[module]


def loading(tmp_path: Path) -> Iterator[Load]:
    """Generate a golden case from its spec into tmp_path and import its package."""
    loaded: list[tuple[str, str]] = []

    def generate_and_import(name: str) -> Any:
        project = copy_spec(tmp_path / name, name)
        generate([project.specs / name], project, project.output)
        path = str(project.output / name)
        _forget(name)
        sys.path.insert(0, path)
        loaded.append((path, name))
        return importlib.import_module(name)

    yield generate_and_import
    for path, name in loaded:
        sys.path.remove(path)
        _forget(name)


class Wire:
    """A mock server: records every request and answers each with the next canned answer."""

    def __init__(self, *answers: tuple[int, bytes]) -> None:
        self.answers = list(answers)
        self.sent: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        status, content = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return httpx.Response(status, content=content)

    def http(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))

    def async_http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self))

    def envelope(self, index: int = -1) -> etree._Element:
        return etree.fromstring(self.sent[index].content)

    def body(self, index: int = -1) -> etree._Element:
        """The one element the request's soap:Body holds."""
        envelope = self.envelope(index)
        body = envelope.find(f"{{{etree.QName(envelope).namespace}}}Body")
        assert body is not None and len(body) == 1
        return body[0]
