"""Fixtures for the interop tests: independent stacks that judge what soapsmith sends."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from wss4j import Wss4jVerifier, compile_verifier


@pytest.fixture(scope="session")
def wss4j(tmp_path_factory: pytest.TempPathFactory) -> Wss4jVerifier:
    """Apache WSS4J, compiled once per session (skips where Java or the jars are missing)."""
    return compile_verifier(tmp_path_factory.mktemp("wss4j"))


@pytest.fixture
def wss4j_verify(wss4j: Wss4jVerifier) -> Callable[[bytes, str, str], tuple[bool, str]]:
    """``verify(envelope, username, password) -> (ok, message)`` from WSS4J."""
    return wss4j.verify
