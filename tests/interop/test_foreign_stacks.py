"""Generated clients and servers against foreign SOAP stacks, both ways (issue 18).

For every scenario of scenarios.py (the SOAPBuilders round 2 base echoes in rpc/encoded and
document/literal, corpus services, the seeds' emitted WSDLs): the generated client calls each
foreign server (PHP SoapServer, node-soap, gSOAP, a Mono .asmx service) started from the WSDL,
and each foreign client (PHP SoapClient, node-soap, suds, gSOAP, Mono's wsdl proxy) calls the
generated server from its served ?wsdl.  Every call must
come back with exactly the values sent (or the scenario's deterministic answer, or its declared
fault) except the calls a scenario lists as a foreign stack's quirk, which must still fail: a
quirk fixed upstream, or one of ours hiding behind it, shows.  A stack that is not installed
skips (.ci/run installs them).  ``benchmarks/interop_matrix.py`` prints the same runs as a
matrix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from scenarios import (
    CLIENTS,
    IN,
    OUT,
    SCENARIOS,
    SERVERS,
    Scenario,
    Verdict,
    generated,
    run_in,
    run_out,
)
from stacks import StackMissing

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda scenario: scenario.name)
def scenario_package(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Scenario, ModuleType]]:
    """The scenario's package, generated once for all the stacks that talk to it."""
    scenario: Scenario = request.param
    if not scenario.spec.is_dir():
        pytest.skip(f"{scenario.spec} is not present")
    with generated(scenario, tmp_path_factory.mktemp(scenario.package)) as package:
        yield scenario, package


def _judge(verdicts: list[Verdict], expected: set[str]) -> None:
    failed = {v.label: v.why for v in verdicts if not v.ok}
    unexpected = {label: why for label, why in failed.items() if label not in expected}
    fixed = expected - set(failed)
    assert not unexpected and not fixed, "\n".join(
        f"{label}: {why}" for label, why in unexpected.items()
    ) + (f"\nlisted as a foreign quirk but passed: {sorted(fixed)}" if fixed else "")


@pytest.mark.parametrize("stack", sorted(SERVERS))
def test_generated_client_against_foreign_server(
    scenario_package: tuple[Scenario, ModuleType], stack: str, tmp_path: Path
) -> None:
    scenario, package = scenario_package
    if not scenario.runs(stack, OUT):
        pytest.skip(f"{scenario.name} has no {stack} server")
    try:
        verdicts = run_out(stack, scenario, package, tmp_path)
    except StackMissing as missing:
        pytest.skip(str(missing))
    assert [v.label for v in verdicts] == [call.label for call in scenario.calls]
    _judge(verdicts, scenario.expected_failures(stack, OUT))


@pytest.mark.parametrize("stack", sorted(CLIENTS))
def test_foreign_client_against_generated_server(
    scenario_package: tuple[Scenario, ModuleType], stack: str, tmp_path: Path
) -> None:
    scenario, package = scenario_package
    if not scenario.runs(stack, IN):
        pytest.skip(f"{scenario.name} does not take {stack} as a client")
    try:
        verdicts = run_in(stack, scenario, package, tmp_path)
    except StackMissing as missing:
        pytest.skip(str(missing))
    assert [v.label for v in verdicts] == [call.label for call in scenario.calls]
    _judge(verdicts, scenario.expected_failures(stack, IN))
