"""What regenerating a package changes on the wire, for `generate` and `check` to say.

The spec as it was is gone by then (edited in place); what is left of it is the WSDL the last
generation emitted into the package.  The new side is read back from its emitted WSDL too, not
from the spec: whatever emission leaves out is left out of both sides alike, so a spec that did
not change on the wire reports nothing, however it is written.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path

from ..cache import Store
from ..config import ProjectSettings
from ..errors import SoapsmithError
from ..model import Model
from ..stamps import content_key
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
    previous: bytes,
    current: bytes,
    model: Model,
    project: ProjectSettings,
    store: Store | None = None,
) -> list[Change] | None:
    """The changes from the package's previous emitted WSDL to its current one; `model` is the
    current spec's, whose origin decides how certain the ratings are.  None: a side cannot be
    read back (a package of types alone emits no binding; an older soapsmith emitted it)."""
    if previous == current or not model.services:
        return []  # a package of types alone has nothing on the wire
    old, new = _read_back(previous, project, store), _read_back(current, project, store)
    if old is None or new is None:
        return None
    return compare(replace(old, origin=model.origin), replace(new, origin=model.origin))


KEPT = 16  # models read back, kept in the cache: each generation's current is the next's previous


def _read_back(wsdl: bytes, project: ProjectSettings, store: Store | None) -> Model | None:
    """The model of an emitted WSDL; from the cache where this WSDL was read back before (a
    large service's takes seconds to read, and `generate` reads each one twice over time)."""
    settings = f"{project.remote_imports}\0{project.max_input_bytes}".encode()
    place = store.folder / "wire" / f"{content_key(settings, wsdl)}.pickle" if store else None
    if place is not None:
        try:
            with place.open("rb") as kept:
                found = pickle.load(kept)  # the user's own cache, as black keeps its own
            if isinstance(found, Model):
                os.utime(place)
                return found
        except Exception:  # noqa: BLE001  anything unreadable is read again below
            pass
    from ..pipeline import load_model  # the pipeline calls this module: import when used

    with tempfile.TemporaryDirectory(prefix="soapsmith-wire-") as scratch:
        (Path(scratch) / EMITTED).write_bytes(wsdl)
        try:
            model = load_model(Path(scratch), project)[0]
        except SoapsmithError:
            return None
    if place is not None:
        _keep(place, model)
    return model


def _keep(place: Path, model: Model) -> None:
    """Write the model beside, then rename (two commands at once each find it whole), and
    drop the least recently used beyond `KEPT`."""
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=place.parent, suffix=".part", delete=False) as out:
            pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, place)
        kept = sorted(place.parent.glob("*.pickle"), key=_used, reverse=True)
        for old in kept[KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a cache that cannot be written only costs the time


def _used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
