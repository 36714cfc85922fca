"""Everything `haven data check` reports: the schema problems that stop a load, then damage to the files
(row counts and hashes against their seal), facts whose sources all came out later than the fact, outcomes
recorded for a person whose state the event does not concern, and authoring notes left in shipped rows."""

from __future__ import annotations

from pathlib import Path

from haven.knowledge.hygiene import authoring_note, text_fields
from haven.knowledge.integrity import integrity_problems
from haven.knowledge.knownfrom import event_starts, lateness, published_dates
from haven.knowledge.validate import Checker, Problem, RawTable, read_all


def audit(directory: Path) -> list[Problem]:
    """Every problem in the knowledge base at `directory`, sorted by file and line; empty when clean."""
    raw, problems = read_all(directory)
    problems += Checker(raw).run()
    problems += integrity_problems(directory, raw)
    problems += review_problems(raw)
    return sorted(problems)


def review_problems(raw: dict[str, RawTable]) -> list[Problem]:
    """What a curator must fix in rows that are well-formed: late sources, uninvited outcomes, authoring notes."""
    return sorted(late_sources(raw) + uninvited_outcomes(raw) + authoring_notes(raw))


def late_sources(raw: dict[str, RawTable]) -> list[Problem]:
    """Announcement-like facts not borne out by their sources (see knownfrom.lateness)."""
    if "sources" not in raw:
        return []  # sources.csv is unreadable or missing, and reported as such: no dates to judge by
    published = published_dates(raw["sources"].rows)
    events = event_starts(raw["events"].rows) if "events" in raw else {}
    problems = []
    for table in raw.values():
        if "source" not in table.table.columns:
            continue
        for row, line in zip(table.rows, table.lines, strict=True):
            message = lateness(table.table, row, published, events)
            if message:
                problems.append(Problem(table.table.path, line, "source", message))
    return problems


def uninvited_outcomes(raw: dict[str, RawTable]) -> list[Problem]:
    """Outcomes for a person whose state neither belongs to the event's organiser (in any role, at any time),
    nor is the organiser, nor is listed in `invited`, and who is not named in `invited_persons`. An outcome says
    the person was asked; without the invitation on the event row, the calendar leaves the event out of the
    person's forecasts and attendance record."""
    if not {"event_outcomes", "events", "persons", "memberships", "countries"} <= raw.keys():
        return []  # a missing table is reported as such
    homes = {row["id"]: row["home"] for row in raw["persons"].rows}
    roles = {(row["organisation"], row["iso3"]) for row in raw["memberships"].rows if row["role"] != "declaration"}
    roles |= {("UN", row["iso3"]) for row in raw["countries"].rows if row["un_member_since"]}
    events = {row["id"]: row for row in raw["events"].rows}
    table = raw["event_outcomes"]
    problems = []
    for row, line in zip(table.rows, table.lines, strict=True):
        event, home = events.get(row["event"]), homes.get(row["person"])
        if event is None or home is None:
            continue  # a broken reference, reported by the schema check
        named = row["person"] in event["invited_persons"].split(";")
        if named or home in (event["organiser"], *event["invited"].split(";")) or (event["organiser"], home) in roles:
            continue
        problems.append(Problem(table.table.path, line, "event",
                                f"{row['person']}'s state {home} is not a member of {event['organiser']} and not in "
                                f"the invited of {row['event']}: list it there (the outcome shows it was asked)"))
    return problems


def authoring_notes(raw: dict[str, RawTable]) -> list[Problem]:
    problems = []
    for table in raw.values():
        fields = text_fields(table.table)
        for row, line in zip(table.rows, table.lines, strict=True):
            for spec in fields:
                message = authoring_note(row.get(spec.name, ""))
                if message:
                    problems.append(Problem(table.table.path, line, spec.name, message))
    return problems
