"""What regenerating a package changes on the wire, for `generate` and `check` to say.

The spec as it was is gone by then (edited in place); what is left of it is the WSDL the last
generation emitted into the package.  The new side is read back from its emitted WSDL too, not
from the spec: whatever emission leaves out is left out of both sides alike, so a spec that did
not change on the wire reports nothing, however it is written.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..config import ProjectSettings
from ..errors import SoapsmithError
from ..model import Model
from .changes import Change
from .compare import compare

EMITTED = "service.wsdl"  # the name of the emitted WSDL in a package


def emitted_wsdl(files: dict[str, bytes]) -> bytes | None:
    """The emitted WSDL among a package's files (paths relative to the spec's output folder)."""
    return next((data for path, data in files.items() if Path(path).name == EMITTED), None)


def previous_wsdl(folder: Path, files: dict[str, bytes]) -> bytes | None:
    """The WSDL a package generated earlier into `folder` emitted, where there is one."""
    for path in files:
        if Path(path).name == EMITTED:
            try:
                return (folder / path).read_bytes()
            except OSError:
                return None
    return None


def wire_changes(
    previous: bytes, current: bytes, model: Model, project: ProjectSettings
) -> list[Change] | None:
    """The changes from the package's previous emitted WSDL to its current one; `model` is the
    current spec's, whose origin decides how certain the ratings are.  None: a side cannot be
    read back (a package of types alone emits no binding; an older soapsmith emitted it)."""
    if previous == current or not model.services:
        return []  # a package of types alone has nothing on the wire
    from ..pipeline import load_model  # the pipeline calls this module: import when used

    sides: list[Model] = []
    with tempfile.TemporaryDirectory(prefix="soapsmith-wire-") as scratch:
        for name, data in (("previous", previous), ("current", current)):
            folder = Path(scratch) / name
            folder.mkdir()
            (folder / EMITTED).write_bytes(data)
            try:
                sides.append(load_model(folder, project)[0])
            except SoapsmithError:
                return None
    old, new = sides
    return compare(replace(old, origin=model.origin), replace(new, origin=model.origin))
