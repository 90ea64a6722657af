"""The plan stage: a model to the frozen plan of its package's Python modules."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Model
from ..naming import Names, assign
from .clients import client_plan
from .context import Planner
from .models import models_plan
from .nodes import ModulePlan
from .server import server_plan


@dataclass(frozen=True)
class PackagePlan:
    model: Model
    names: Names
    models: ModulePlan
    client: ModulePlan
    server: ModulePlan | None  # None: no service, no server module


def plan_package(model: Model, whole: Model | None = None) -> PackagePlan:
    """The plan of a package of `model`; of part of `whole` (one operation's), named and with
    namespace prefixes as the whole package would be, so that each writes the same bytes."""
    names = assign(whole or model, model)
    planner = Planner(model, names, whole or model)
    client = client_plan(planner)
    server = server_plan(planner, client) if model.services else None
    return PackagePlan(model, names, models_plan(planner, client), client, server)
