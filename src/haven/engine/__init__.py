"""The engine: `assess(person, on, kb)`, pure and explained. Views call this and nothing below it."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import Mapping

import numpy as np

from haven.engine.access import with_access
from haven.engine.assessment import Assessment, Explanation, Verdict
from haven.engine.model import Model, compile_model
from haven.engine.rules import Subject
from haven.engine.spans import Grid
from haven.engine.verdicts import Evaluation, evaluate_model
from haven.engine.weights import METHOD_VERSION
from haven.knowledge import KnowledgeBase
from haven.persons import Person, find_person

__all__ = ["Assessment", "Evaluation", "Explanation", "Verdict", "assess", "evaluate_series", "model_for"]


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the engine's own source and of the land borders it reads, so a cached model never outlives
    a change to the rules."""
    from importlib import resources

    digest = hashlib.sha256()
    for name in sorted(p.name for p in resources.files("haven.engine").iterdir() if p.name.endswith(".py")):
        digest.update(resources.files("haven.engine").joinpath(name).read_bytes())
    digest.update(resources.files("haven.geo").joinpath("data", "borders.csv").read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=32)
def _model(kb: KnowledgeBase, person_id: str) -> Model:
    person = find_person(kb, person_id)
    key = f"model:{person_id}:{METHOD_VERSION}:{_code_fingerprint()}"
    parts = kb.cached(key, lambda: compile_model(kb, person).parts())
    return Model.from_parts(Subject(kb, person), parts)


def model_for(kb: KnowledgeBase, person: str | Person) -> Model:
    """The compiled rules for a person (cached per knowledge base and person)."""
    person_id = person.id if isinstance(person, Person) else find_person(kb, person).id
    return _model(kb, person_id)


def assess(person: str | Person, on: date, kb: KnowledgeBase, access: Mapping[str, str] | None = None,
           crossed: Mapping[str, str] | None = None) -> Assessment:
    """Verdicts for every state for `person` as of `on`, using only what was public by then.

    `access` (iso3 -> clean / exposed-only / unreachable, from haven.routes.reachability) adds the
    airspace_access rule; `crossed` names the airspaces in the way, for its explanation."""
    model = model_for(kb, person)
    if access is not None:
        model = with_access(model, access, on, crossed)
    grid = Grid(np.array([np.datetime64(on, "D")]), model.countries)
    return Assessment(model, evaluate_model(model, grid), on)


def evaluate_series(person: str | Person, dates, kb: KnowledgeBase) -> Evaluation:
    """The same verdicts for many dates at once (timelines, backtests): matrices of dates x states."""
    model = model_for(kb, person)
    grid = Grid(np.asarray(dates, dtype="datetime64[D]"), model.countries)
    return evaluate_model(model, grid)
