"""What the knowledge base records about the person themself: warrants, trips, and changes of government at
home, as plain records with the dates they counted from. Views read these, never the fact tables.

Compiled with the person's model and cached with it (plain Python, no pandas).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from haven.dates import day_of
from haven.vocabulary import VISITED_KINDS

if TYPE_CHECKING:
    import pandas as pd

    from haven.knowledge import KnowledgeBase
    from haven.persons import Person

UNVERIFIED = "unverified"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Warrant:
    """A warrant (or an application for one) for the person, with when it counted: public and in force."""

    fact: str
    issuer: str
    kind: str  # warrant or application
    case: str
    charges: str
    start: str
    public: str
    end: str
    end_reason: str
    held_from: date | None
    held_until: date | None
    certainty: str
    source: str

    def held(self, on: date) -> bool:
        return self.held_from is not None and self.held_from <= on and (self.held_until is None or on < self.held_until)


@dataclass(frozen=True)
class Trip:
    """A trip of the person, or a trip not made, with when it became known."""

    fact: str
    country: str  # as recorded (a territory stays itself)
    state: str  # the assessed state that answers for it
    kind: str
    place: str
    event: str
    start: str
    end: str
    start_on: date | None
    known_from: date | None
    certainty: str
    source: str

    @property
    def made(self) -> bool:
        return self.kind in VISITED_KINDS

    @property
    def counted(self) -> bool:
        return self.certainty != UNVERIFIED


@dataclass(frozen=True)
class HomeChange:
    """A change of government in the person's own state: after it, the person may be out of power."""

    fact: str
    kind: str
    start: str
    held_from: date


@dataclass(frozen=True)
class Profile:
    warrants: tuple[Warrant, ...]
    trips: tuple[Trip, ...]
    home_changes: tuple[HomeChange, ...]
    died: str = ""  # as recorded (a partial date), empty while alive
    source: str = ""  # the persons row's sources
    issuer_names: tuple[tuple[str, str], ...] = ()  # (code, name) of each state that issued a warrant

    def issuer_name(self, issuer: str) -> str:
        """'Sudan' for SDN; the code itself for a court (ICC) or an issuer with no name on record."""
        return dict(self.issuer_names).get(issuer, issuer)

    def first_public_warrant(self, issuer: str | None = None) -> date | None:
        """The day the first arrest warrant (from `issuer`, or any court) was in force and public."""
        days = [w.held_from for w in self.warrants
                if w.kind == "warrant" and w.held_from is not None and (issuer is None or w.issuer == issuer)]
        return min(days) if days else None

    def warrants_held(self, on: date) -> tuple[Warrant, ...]:
        return tuple(w for w in self.warrants if w.held(on))

    def trips_known(self, on: date, since: date | None = None) -> tuple[Trip, ...]:
        """Trips begun between `since` and `on` and known by `on`, oldest first."""
        return tuple(t for t in self.trips if t.start_on is not None and t.start_on <= on
                     and (since is None or t.start_on >= since) and t.known_from is not None and t.known_from <= on)


def _records(frame: pd.DataFrame) -> Iterable[Any]:
    return frame.itertuples(index=False)


def build_profile(kb: KnowledgeBase, person: Person) -> Profile:
    warrants = kb.table("warrants")
    warrants = warrants[warrants["person"] == person.id].sort_values(["start", "id"])
    visits = kb.table("visits")
    visits = visits[visits["person"] == person.id].sort_values(["start_on", "country", "kind", "id"])
    changes = kb.table("government_changes")
    changes = changes[(changes["country"] == person.home) & changes["held_from"].notna()].sort_values("held_from")
    sovereign = kb.countries.sovereign_of
    row = next((r for r in kb.records("persons") if r["id"] == person.id), {})
    return Profile(
        warrants=tuple(Warrant(r.id, r.issuer, r.kind, _text(r.case), _text(r.charges), r.start, _text(r.public), _text(r.end),
                               _text(r.end_reason), day_of(r.held_from), day_of(r.held_until), r.certainty, r.source)
                       for r in _records(warrants)),
        trips=tuple(Trip(r.id, r.country, sovereign(r.country), r.kind,
                         _text(r.place), _text(r.event), r.start, _text(r.end), day_of(r.start_on), day_of(r.held_from),
                         r.certainty, r.source)
                    for r in _records(visits)),
        home_changes=tuple(HomeChange(r.id, r.kind, r.start, day_of(r.held_from)) for r in _records(changes)),  # type: ignore[arg-type]
        died=_text(row.get("died")), source=_text(row.get("source")),
        issuer_names=tuple((code, kb.countries.name(code)) for code in sorted(set(warrants["issuer"])) if code in kb.countries),
    )
