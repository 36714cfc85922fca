"""Changes of regime: a new government that breaks with the person's state ends the ties and the leniency the
old one built. Declared as a modifier: it shortens other rules' spans rather than adding its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from haven import words as w
from haven.engine.evidence import Statement, cited
from haven.engine.rulebook.declare import (
    LENIENCY,
    TIE,
    Detail,
    Modifier,
    Rule,
    Subject,
    Told,
    Words,
)
from haven.engine.rulebook.reading import lists_contain
from haven.engine.spans import details
from haven.lazy import lazy

if TYPE_CHECKING:
    import pandas as pd

    from haven.engine.names import Names
else:
    pd = lazy("pandas")

HEADLINES = {"collapse": "Regime falls in {}", "coup": "Coup in {}", "revolution": "Revolution in {}",
             "election": "New government in {}", "capture": "Leader captured in {}", "transition": "Transition in {}"}


def _recognised_from(s: Subject, changes: pd.DataFrame) -> list:
    """Per change: the first day from which the person's state recognised the new government, if it did."""
    rows = s.kb.table("recognitions")
    rows = rows[(rows["kind"] == "recognises-government") & (rows["recogniser"] == s.home) & rows["held_from"].notna()]
    out = []
    for country, day in zip(changes["country"], np.asarray(changes["held_from"], dtype="datetime64[D]"), strict=True):
        later = np.asarray(rows.loc[rows["recognised"] == country, "held_from"], dtype="datetime64[D]")
        later = later[later >= day]
        out.append(later.min() if later.size else np.datetime64("NaT"))
    return out


def breaking_changes(s: Subject) -> pd.DataFrame:
    """Changes of government that broke with the person's state, one row per change, on the day they counted,
    and the day (if any) from which the person's state recognised the new government."""
    changes = s.kb.table("government_changes")
    changes = changes[lists_contain(changes["breaks_with"], s.home) & changes["held_from"].notna()]
    return pd.DataFrame({
        "country": changes["country"], "day": np.asarray(changes["held_from"], dtype="datetime64[D]"),
        "fact": changes["id"], "table": "government_changes", "source": changes["source"], "when": changes["start"],
        "certainty": changes["certainty"],
        "detail": pd.Series(details(changes, "country", "kind", "summary", "start", home=s.home), index=changes.index, dtype=object),
        "recognised": np.array(_recognised_from(s, changes), dtype="datetime64[D]"),
    }).reset_index(drop=True)


def end_at_change(name: str, rule: Rule, spans: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Spans of a changed state that began before the change and ran past it now end on the day of the change;
    if the person's state later recognised the new government, they resume from that day."""
    if spans.empty or changes.empty:
        return spans
    spans = spans.copy()
    resumed = []
    for country, day, recognised in zip(changes["country"], np.asarray(changes["day"], dtype="datetime64[D]"),
                                        np.asarray(changes["recognised"], dtype="datetime64[D]"), strict=True):
        older = (spans["iso3"] == country) & (spans["begin"] < day) & (spans["until"] > day)
        if not np.isnat(recognised):
            again = spans[older & (spans["until"] > recognised)].copy()
            again["begin"] = recognised
            resumed.append(again)
        spans.loc[older, "until"] = day
    return pd.concat([spans, *resumed], ignore_index=True) if resumed else spans


def _label(d: Detail) -> str:
    return f"{d['kind']} in {d['country']} on {d['start']}, breaking with {d['home']}"


def _headline(d: Detail, begins: bool, names: Names) -> str | None:
    return HEADLINES.get(d["kind"], "Government change in {}").format(names.raw(d["country"])) if begins else None


def _statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.evidence:
        d = item.detail
        country = told.names.country(d["country"])
        verb = w.CHANGE_KINDS.get(d["kind"], "changed")
        out.append(Statement(w.sentence(f"{w.on_day(d['start'])}, the government of {country} {verb}"), cited(item)))
        if d.get("summary"):
            out.append(Statement(w.sentence(d["summary"]), cited(item)))
        out.append(Statement(w.sentence(f"The new authorities broke with {told.home}, so haven no longer counts the ties "
                                        f"{country} had formed with {told.home} before {w.day(d['start'])}"), (), claim=False))
    return out


regime_change = Modifier(
    name="regime_change",
    explanation=("A change of government that breaks with the person's state ends the ties and leniency the old regime "
                 "built, until the person's state recognises the new government."),
    events=breaking_changes, apply=end_at_change, acts_on=(TIE, LENIENCY),
    words=Words(label=_label, statements=_statements, headline=_headline, milestone="government"),
)
