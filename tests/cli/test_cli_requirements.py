"""`generate` says what a service's policies ask of a client, whether or not it is verbose."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from repo import GOLDEN

from generator.cli import main


def test_generate_prints_what_each_binding_asks_for(project: Path) -> None:
    shutil.copytree(GOLDEN / "wsdl_policy" / "spec", project / "specs" / "ledger")
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("ledger: updated,")
    assert lines[1] == (
        "  Ledger (SOAP 1.1) asks for WS-Addressing (the client sends Action, MessageID, ReplyTo "
        "and To)"
    )
    assert lines[2].startswith("  Ledger (SOAP 1.2) asks for WS-Addressing")
    assert "UsernameToken(user, password)" in lines[2] and "HTTPS" in lines[2]


def test_a_service_without_policies_gets_no_such_line(project: Path) -> None:
    shutil.copytree(GOLDEN / "wsdl_doclit" / "spec", project / "specs" / "orders")
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert "asks for" not in result.output
