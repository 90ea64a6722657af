"""The interop suite's scenarios as a matrix: service x stack x direction, calls passed / total.

    python benchmarks/interop_matrix.py [--scenario NAME ...] [--stack NAME ...] [--failures]

Runs what tests/interop/test_foreign_stacks.py runs (the scenarios of tests/interop/scenarios.py)
and prints, for each service (a row) and each foreign stack and direction (a column: ``php >``
the generated client against PHP's server, ``> php`` PHP's client against the generated
server), how many calls brought back exactly what they should.  A cell reads ``passed/total``,
with ``q`` and the count of the failures that the scenario lists as that stack's known quirk
(``12/14 q2``: the two failures are the foreign stack's, documented); ``-`` where the stack
plays no part (suds has no server, nor SOAP 1.2), ``skip`` where it is not installed.
``--failures`` lists every failed call with why.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "interop")]

from scenarios import (  # noqa: E402 - the suite's modules live beside its tests
    CLIENTS,
    DIRECTIONS,
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
from stacks import StackMissing  # noqa: E402


def versions() -> dict[str, str]:
    found = {}
    for name, module in {**SERVERS, **CLIENTS}.items():
        try:
            found[name] = module.version()
        except StackMissing as missing:
            found[name] = f"missing: {missing}"
    return found


def cell(verdicts: list[Verdict] | None, scenario: Scenario, stack: str, direction: str) -> str:
    if verdicts is None:
        return "skip"
    passed = sum(v.ok for v in verdicts)
    quirks = scenario.expected_failures(stack, direction)
    known = sum(1 for v in verdicts if not v.ok and v.label in quirks)
    return f"{passed}/{len(verdicts)}" + (f" q{known}" if known else "")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scenario", action="append", help="only these scenarios (by name)")
    parser.add_argument(
        "--stack", action="append", help="only these stacks (php, node, suds, gsoap, mono)"
    )
    parser.add_argument("--failures", action="store_true", help="list every failed call")
    args = parser.parse_args()
    chosen = [s for s in SCENARIOS if not args.scenario or s.name in args.scenario]
    stacks = [s for s in sorted({*SERVERS, *CLIENTS}) if not args.stack or s in args.stack]
    rows = [(stack, d) for stack in stacks for d in (OUT, IN)]
    results: dict[tuple[str, str, str], list[Verdict] | None] = {}
    unexpected = 0
    with tempfile.TemporaryDirectory() as scratch:
        for scenario in chosen:
            if not scenario.spec.is_dir():
                print(f"# {scenario.name}: {scenario.spec} is not present", file=sys.stderr)
                continue
            with generated(scenario, Path(scratch) / scenario.name) as package:
                for stack, direction in rows:
                    folder = Path(scratch) / f"{scenario.name}-{stack}-{direction}"
                    if not scenario.runs(stack, direction):
                        continue
                    run = run_out if direction == OUT else run_in
                    try:
                        verdicts: list[Verdict] | None = run(stack, scenario, package, folder)
                    except StackMissing:
                        verdicts = None
                    results[(stack, direction, scenario.name)] = verdicts
                    quirks = scenario.expected_failures(stack, direction)
                    for v in verdicts or []:
                        if not v.ok and v.label not in quirks:
                            unexpected += 1
    for name, version in versions().items():
        if not args.stack or name in args.stack:
            print(f"# {name}: {version}")
    # one column per stack and direction that ran: "php >" the generated client against PHP's
    # server, "> php" PHP's client against the generated server
    used = [(s, d) for s, d in rows if any((s, d, c.name) in results for c in chosen)]
    heads = [f"{s} >" if d == OUT else f"> {s}" for s, d in used]
    print("# stack >: soapsmith client -> stack server;  > stack: stack client -> soapsmith server")
    width = max([len(s.name) for s in chosen] + [7])
    print(f"{'service':{width}}" + "".join(f"{head:>11}" for head in heads))
    totals = [0, 0]
    for scenario in chosen:
        cells = []
        for stack, direction in used:
            key = (stack, direction, scenario.name)
            cells.append(cell(results[key], scenario, stack, direction) if key in results else "-")
            for v in results.get(key) or []:
                totals[0] += v.ok
                totals[1] += 1
        print(f"{scenario.name:{width}}" + "".join(f"{text:>11}" for text in cells))
    print(f"calls passed: {totals[0]}/{totals[1]}; failures not a listed quirk: {unexpected}")
    if args.failures:
        for (stack, direction, name), verdicts in sorted(results.items()):
            for v in verdicts or []:
                if not v.ok:
                    print(
                        f"  {name} {DIRECTIONS[direction].format(stack=stack)} {v.label}: {v.why}"
                    )
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
