"""The engine: `assess(person, on, kb)` and `series(person, dates, kb)`, pure and explained. Views call these
and use what they return (`Assessment`, `Series`); nothing else in the engine is theirs to read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from haven.engine.assessment import Assessment, Explanation, Verdict
from haven.engine.calendar import Event, Outcome
from haven.engine.combine import evaluate_model, likelihood
from haven.engine.context import Reachability
from haven.engine.events import (
    UnknownEvent,
    event,
    event_statement,
    events_ahead,
    events_known,
    outcome_statement,
    outcomes,
)
from haven.engine.evidence import Evidence, Finding, Statement
from haven.engine.model import Model, compile_model, with_inputs
from haven.engine.profile import Profile, build_profile
from haven.engine.series import Milestone, Series, count_tiers
from haven.engine.spans import Grid
from haven.engine.status import Status, no_travel_from, status_on
from haven.engine.version import METHOD_VERSION
from haven.knowledge import KnowledgeBase
from haven.persons import Person, all_persons, find_person

if TYPE_CHECKING:
    import pandas as pd

PERSON_COLUMNS = ["id", "qid", "name", "home", "title", "aliases", "status", "status_since"]

__all__ = [
    "METHOD_VERSION",
    "Assessment",
    "Event",
    "Evidence",
    "Explanation",
    "Finding",
    "Milestone",
    "Outcome",
    "Profile",
    "Reachability",
    "Series",
    "Statement",
    "Status",
    "UnknownEvent",
    "Verdict",
    "assess",
    "count_tiers",
    "evaluate_series",
    "event",
    "event_statement",
    "events_ahead",
    "events_known",
    "forecaster",
    "likelihood",
    "model_for",
    "outcome_statement",
    "outcomes",
    "person_status",
    "persons_frame",
    "profile_of",
    "series",
    "travel_ends",
    "visit_feature_names",
]


@cache
def code_fingerprint() -> str:
    """A hash of the engine's own source (rulebook included) and of the land borders it reads, so a cached
    model never outlives a change to the code that compiled it."""
    from importlib import resources

    digest = hashlib.sha256()
    root = resources.files("haven.engine")
    for package in (root, root / "rulebook"):
        for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
            digest.update(package.joinpath(name).read_bytes())
    digest.update(resources.files("haven.geo").joinpath("data", "borders.csv").read_bytes())
    return digest.hexdigest()[:16]


def _person(kb: KnowledgeBase, person: str | Person) -> Person:
    return person if isinstance(person, Person) else find_person(kb, person)


def model_for(kb: KnowledgeBase, person: str | Person) -> Model:
    """The compiled rules for a person: built once per data version, method and code, then read from the cache."""
    who = _person(kb, person)
    parts = kb.cached(f"model:{who.id}:{METHOD_VERSION}:{code_fingerprint()}", lambda: compile_model(kb, who).parts())
    return Model.from_parts(_subject(kb, who), parts)


def profile_of(kb: KnowledgeBase, person: str | Person) -> Profile:
    """What the knowledge base records about the person themself: warrants, trips, changes of government at home."""
    who = _person(kb, person)
    return kb.cached(f"profile:{who.id}:{code_fingerprint()}", lambda: build_profile(kb, who))


def person_status(kb: KnowledgeBase, person: str | Person, on: date) -> Status:
    """The person's status on `on`: at large, in custody, deceased, warrant withdrawn or no public warrant."""
    return status_on(profile_of(kb, person), on)


def travel_ends(kb: KnowledgeBase, person: str | Person) -> date | None:
    """The first day the person is in custody or dead (no travel to assess from then on), or None."""
    return no_travel_from(profile_of(kb, person))


def persons_frame(kb: KnowledgeBase, on: date) -> pd.DataFrame:
    """`haven persons`: every person with their status on `on` and the day it began."""
    import pandas as pd

    rows = []
    for person in all_persons(kb):
        status = person_status(kb, person, on)
        rows.append({"id": person.id, "qid": person.qid, "name": person.name, "home": person.home, "title": person.title,
                     "aliases": "|".join(person.aliases), "status": status.status,
                     "status_since": status.since.isoformat() if status.since else ""})
    return pd.DataFrame(rows, columns=PERSON_COLUMNS)


def visit_feature_names() -> tuple[str, ...]:
    """The features of visit_likelihood the engine provides, in the order of the shipped fit."""
    from haven.engine import weights as W
    from haven.engine.combine import feature_names
    from haven.engine.rulebook import RULEBOOK

    return feature_names(tuple(r for r in RULEBOOK if r.needs is None), tuple(W.VISIT_FEATURES))


def _subject(kb: KnowledgeBase, person: Person):
    from haven.engine.rulebook import Subject

    return Subject(kb, person)


def assess(person: str | Person, on: date, kb: KnowledgeBase, inputs: Iterable[Any] = ()) -> Assessment:
    """Verdicts for every state for `person` as of `on`, using only what was public by then.

    `inputs` are declared context inputs (`Reachability`, from the routes view) for the rules that need them."""
    who = _person(kb, person)
    model = with_inputs(model_for(kb, who), inputs)
    grid = Grid(np.array([np.datetime64(on, "D")]), model.countries)
    return Assessment(model, evaluate_model(model, grid), on, profile_of(kb, who), METHOD_VERSION)


def series(person: str | Person, dates: Any, kb: KnowledgeBase) -> Series:
    """The same verdicts for many dates at once (timelines, backtests): matrices of dates x states."""
    who = _person(kb, person)
    model = model_for(kb, who)
    grid = Grid(np.asarray(dates, dtype="datetime64[D]"), model.countries)
    return Series(model, evaluate_model(model, grid), profile_of(kb, who), METHOD_VERSION)


evaluate_series = series


def forecaster(kb: KnowledgeBase, person: str | Person, inputs: Iterable[Any] = ()):
    """The person's forecasts (`haven.engine.forecast.Forecaster`): windows, events, batches. `inputs` are
    declared context inputs (`Reachability`), as for `assess`."""
    from haven.engine.forecast import forecaster as build

    return build(kb, _person(kb, person), inputs)
