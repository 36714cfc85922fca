"""A person's status on a date, derived from the warrants and the persons table, never stored as a flag.

- `deceased` from the recorded day of death, or a warrant ended by the person's death;
- `in-custody` from the day a warrant was executed (arrest and surrender);
- `at-large` while a public arrest warrant is in force;
- `warrant-withdrawn` once the person's warrants were withdrawn and none is in force;
- `no-public-warrant` otherwise (before any warrant is public, or with applications only).

Only `in-custody` and `deceased` take the travel map away: there is no travel to assess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from haven import words as w
from haven.dates import latest
from haven.engine.profile import Profile

AT_LARGE, IN_CUSTODY, DECEASED = "at-large", "in-custody", "deceased"
WITHDRAWN, NO_PUBLIC_WARRANT = "warrant-withdrawn", "no-public-warrant"
STATUSES = (AT_LARGE, IN_CUSTODY, DECEASED, WITHDRAWN, NO_PUBLIC_WARRANT)
NO_TRAVEL = (IN_CUSTODY, DECEASED)


@dataclass(frozen=True)
class Status:
    status: str
    since: date | None
    fact: str = ""  # the warrant (or persons row) it rests on
    custodian: str = ""  # who holds the person: the issuer of the executed warrant
    source: str = ""
    custodian_name: str = ""  # the issuing state's name ("Sudan"); empty for a court

    @property
    def held_by(self) -> str:
        """'ICC custody' or 'custody in Sudan'."""
        if self.custodian == "ICC" or not (self.custodian_name or self.custodian):
            return f"{self.custodian} custody".strip()
        return f"custody in {self.custodian_name or self.custodian}"

    @property
    def no_travel(self) -> bool:
        """In custody or dead: there is no travel to assess."""
        return self.status in NO_TRAVEL

    def words(self) -> str:
        """'in ICC custody since 2025-03-12', 'deceased since 2026-02-03', 'at large since 2023-03-17'."""
        since = f" since {self.since.isoformat()}" if self.since else ""
        if self.status == IN_CUSTODY:
            return f"in {self.held_by}{since}"
        if self.status == DECEASED:
            return f"deceased{since}"
        if self.status == WITHDRAWN:
            return f"no longer wanted: the warrant was withdrawn{since.replace(' since', ' on')}"
        if self.status == AT_LARGE:
            return f"at large, wanted under a public arrest warrant{since}"
        return "not wanted under any public arrest warrant"

    def sentence(self, name: str) -> str:
        """The status as a sentence about the person, dates in words."""
        since = f" since {w.day(self.since)}" if self.since else ""
        if self.status == IN_CUSTODY:
            where = "the custody of the International Criminal Court" if self.custodian == "ICC" else self.held_by
            return w.sentence(f"{name} has been in {where}{since}, so there is no travel to assess")
        if self.status == DECEASED:
            return w.sentence(f"{name} died{' on ' + w.day(self.since) if self.since else ''}, so there is no travel to assess")
        return w.sentence(f"{name} is {self.words()}")


def no_travel_from(profile: Profile) -> date | None:
    """The first day the person is in custody or dead (no travel to assess from then on), or None."""
    days = [latest(x.end) for x in profile.warrants if x.end and x.end_reason in ("death", "executed")]
    if profile.died:
        days.append(latest(profile.died))
    return min((d for d in days if d), default=None)


def status_on(profile: Profile, on: date) -> Status:
    """The person's status on `on`, from what was on record and public by then."""
    died = latest(profile.died) if profile.died else None
    ended = [(latest(x.end), x) for x in profile.warrants if x.end]
    deaths = [(day, x.fact, x.source) for day, x in ended if day and day <= on and x.end_reason == "death"]
    if died and died <= on:
        deaths.append((died, "", profile.source))
    if deaths:
        day, fact, source = min(deaths)
        return Status(DECEASED, day, fact, "", source)
    custody = sorted(((day, x) for day, x in ended if day and day <= on and x.end_reason == "executed"), key=lambda t: t[0])
    if custody:
        day, warrant = custody[0]
        return Status(IN_CUSTODY, day, warrant.fact, warrant.issuer, warrant.source, profile.issuer_name(warrant.issuer))
    held = [x for x in profile.warrants_held(on) if x.kind == "warrant"]
    if held:
        first = min(held, key=lambda x: x.held_from or on)
        return Status(AT_LARGE, first.held_from, first.fact, "", first.source)
    withdrawn = sorted(((day, x) for day, x in ended if day and day <= on and x.end_reason == "withdrawn"), key=lambda t: t[0])
    if withdrawn:
        day, warrant = withdrawn[-1]
        return Status(WITHDRAWN, day, warrant.fact, "", warrant.source)
    return Status(NO_PUBLIC_WARRANT, None)
