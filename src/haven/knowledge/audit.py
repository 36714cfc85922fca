"""Everything `haven data check` reports: the schema problems that stop a load, then damage to the files
(row counts and hashes against their seal), facts whose sources all came out later than the fact, and
authoring notes left in shipped rows."""

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
    """What a curator must fix in rows that are well-formed: late sources and authoring notes."""
    return sorted(late_sources(raw) + authoring_notes(raw))


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
