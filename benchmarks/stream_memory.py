"""A long answer read item by item: `Client.iter_<method>` beside lxml's own pull parsing.

    python benchmarks/stream_memory.py [--megabytes 1024] [--whole-megabytes 64]

Generates the runtime benchmark's Records service (benchmarks/runtime.py) and answers its
GetRecords with a response of --megabytes made as it is read (nothing holds it whole), through
an httpx transport that streams it in 64 kB chunks.  Each measure runs in a fresh interpreter,
so that its peak resident set (`ru_maxrss`, libxml2's memory included) is its own:

  * floor: lxml's XMLPullParser over the same chunks, each Record's texts visited and the
    element dropped once complete, the least a streaming reader can do;
  * soapsmith: `client.iter_get_records(...)`, every Record read into its dataclass;
  * whole: `client.get_records(...)` of a --whole-megabytes answer, for contrast.

Prints records, seconds, MB/s, peak RSS and the time ratio against the floor.
Needs the `bench` extra (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import runtime  # noqa: E402  (the Records service, its rows and its answer)

CHUNK = 64 * 1024
ROWS = 2000  # records per repeated block of the answer


def pieces() -> tuple[bytes, bytes, bytes]:
    """The GetRecords answer cut into its head, a block of ROWS records, and its tail."""
    text = runtime.response_bytes(runtime.make_rows(ROWS, seed=1))
    start = text.index(b"<Record")
    end = text.rindex(b"</Record>") + len(b"</Record>")
    return text[:start], text[start:end], text[end:]


def answer(megabytes: int) -> Iterator[bytes]:
    head, block, tail = pieces()
    chunks = [block[at : at + CHUNK] for at in range(0, len(block), CHUNK)]
    yield head
    for _ in range(max(1, megabytes * 1_000_000 // len(block))):
        yield from chunks
    yield tail


def records_in(megabytes: int) -> int:
    _, block, _ = pieces()
    return max(1, megabytes * 1_000_000 // len(block)) * ROWS


def floor(megabytes: int) -> int:
    parser = etree.XMLPullParser(events=("end",), tag=runtime.Q_RECORD, resolve_entities=False)
    count = 0
    for chunk in answer(megabytes):
        parser.feed(chunk)
        for _, element in parser.read_events():
            for child in element.iter():
                child.text  # noqa: B018  (visited, as a reader must)
            count += 1
            element.getparent().remove(element)
    parser.close()
    return count


def client(package: object, megabytes: int) -> object:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/xml"}, content=answer(megabytes))

    http = httpx.Client(transport=httpx.MockTransport(handle))
    limits = package._soap.Limits(max_bytes=1 << 40, deadline=None)  # type: ignore[attr-defined]
    return package.Client(http=http, limits=limits)  # type: ignore[attr-defined]


def child(kind: str, megabytes: int, output: Path) -> None:
    sys.path.insert(0, str(output))
    package = importlib.import_module(runtime.PACKAGE)
    started = time.perf_counter()
    if kind == "floor":
        count = floor(megabytes)
    elif kind == "soapsmith":
        count = sum(1 for _ in client(package, megabytes).iter_get_records(count=0))  # type: ignore[attr-defined]
    else:
        count = len(client(package, megabytes).get_records(count=0))  # type: ignore[attr-defined]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"count": count, "seconds": seconds, "peak": peak}))


def measure(kind: str, megabytes: int, output: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--megabytes", str(megabytes), str(output)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(megabytes: int, whole: int) -> None:
    from generator.config import ProjectSettings
    from generator.pipeline import generate

    with tempfile.TemporaryDirectory(prefix="soapsmith-stream-") as scratch:
        root = Path(scratch)
        folder = root / "specs" / runtime.PACKAGE
        folder.mkdir(parents=True)
        (folder / "service.wsdl").write_text(runtime.WSDL, encoding="utf-8")
        project = ProjectSettings(root=root, specs=root / "specs", output=root / "generated")
        generate(None, project, project.output)
        output = project.output / runtime.PACKAGE
        print(
            f"# {platform.platform()}, Python {platform.python_version()}, lxml {etree.__version__}"
        )
        print(
            f"{'reader':12} {'answer':>9} {'records':>10} {'seconds':>8} {'MB/s':>7} "
            f"{'peak RSS':>9} {'x floor':>8}"
        )
        base = None
        for kind, size in (("floor", megabytes), ("soapsmith", megabytes), ("whole", whole)):
            found = measure(kind, size, output)
            assert found["count"] == records_in(size), (kind, found)
            if kind == "floor":
                base = found["seconds"] / size
            ratio = found["seconds"] / size / base if base else float("nan")
            print(
                f"{kind:12} {size:7d}MB {int(found['count']):10d} {found['seconds']:8.1f} "
                f"{size / found['seconds']:7.1f} {found['peak'] / 1e6:7.0f}MB {ratio:8.2f}"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--whole-megabytes", type=int, default=64)
    parser.add_argument("--child", choices=["floor", "soapsmith", "whole"])
    parser.add_argument("output", nargs="?", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.megabytes, args.output)
    else:
        run(args.megabytes, args.whole_megabytes)
