"""Reading the fact tables for the rules: rows about the person, rows naming a bloc spread to its members,
';'-joined party lists, and the words every rule's default statement uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from haven import words as w
from haven.engine.calendar import FULL_ROLES
from haven.engine.evidence import Statement, cited
from haven.engine.spans import intersect
from haven.lazy import lazy

if TYPE_CHECKING:
    import pandas as pd

    from haven.engine.rulebook.declare import Told
    from haven.knowledge import KnowledgeBase
    from haven.persons import Person
else:
    pd = lazy("pandas")


BORDERS_SOURCE = "natural-earth"  # the sources row behind the bundled boundaries


def organisations(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(r["id"] for r in kb.records("organisations"))


def full_members(kb: KnowledgeBase) -> pd.DataFrame:
    members = kb.table("memberships")
    return members[members["role"].isin(FULL_ROLES)][["organisation", "iso3", "held_from", "held_until"]]


def through_blocs(kb: KnowledgeBase, rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows whose `column` names a state keep it as `iso3`; rows naming a bloc (EU, AU) become one row per
    member state, held only while that state was a member."""
    is_bloc = rows[column].isin(organisations(kb))
    direct = rows[~is_bloc].assign(iso3=rows.loc[~is_bloc, column])
    if not is_bloc.any():
        return direct
    blocs = rows[is_bloc]
    keys = pd.DataFrame({"row": blocs.index, "organisation": blocs[column].to_numpy(),
                         "held_from": blocs["held_from"].to_numpy(), "held_until": blocs["held_until"].to_numpy()})
    pairs = intersect(keys, full_members(kb), on="organisation")
    if pairs.empty:
        return direct
    until = pairs["until"].where(pairs["until"] < np.datetime64("9999-12-31"), pd.NaT)
    expanded = rows.loc[pairs["row"]].assign(iso3=pairs["iso3"].to_numpy(), held_from=pairs["begin"].to_numpy(),
                                             held_until=pd.to_datetime(until).to_numpy())
    return pd.concat([direct, expanded], ignore_index=True)


def for_person(frame: pd.DataFrame, person: Person, column: str = "person", general: bool = False) -> pd.DataFrame:
    """Rows about the person (and, with `general`, rows about no one in particular)."""
    mask = frame[column] == person.id
    if general:
        mask |= frame[column] == ""
    return frame[mask]


def other_parties(rows: pd.DataFrame, column: str, home: str) -> pd.DataFrame:
    """One row per party other than `home` in a ';'-joined list, as column `other`."""
    listed = rows[column].str.split(";").explode().str.strip()
    listed = listed[listed != home]
    return rows.loc[listed.index].assign(other=listed.values).reset_index(drop=True)


def lists_contain(series: pd.Series, code: str) -> pd.Series:
    """Boolean mask: which 'A;B;C' cells list `code`."""
    return series.map(lambda cell: code in [part.strip() for part in cell.split(";")]).astype(bool)


def days_after(column: pd.Series, days: int) -> pd.Series:
    return pd.to_datetime(column) + pd.Timedelta(days=days)


def as_labels(told: Told) -> list[Statement]:
    """The default statements of a rule: each counted fact's words, after the state's name."""
    return [Statement(w.sentence(f"{told.country}: {item.label}"), cited(item)) for item in told.finding.counted_evidence()]


def untold(told: Told) -> list[Statement]:
    """For a rule a brief tells elsewhere (the warrant, told once in the lede)."""
    return []
