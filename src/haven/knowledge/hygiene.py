"""Authoring notes left in shipped rows: words meant for a fellow curator, not for a reader of the data."""

from __future__ import annotations

import re

from haven.knowledge.schema import Field, Table

# (pattern, what it is): each found in real rows, or the usual markers of unfinished work
MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bPROPOSED\b"), "an edit proposed to a reviewer"),
    (re.compile(r"\b(TODO|FIXME|XXX|TBD|TBC)\b"), "a to-do marker"),
    (re.compile(r"(?i)\blead:|\bthe lead's\b|\blead's brief\b"), "a note to or from the lead"),
    (re.compile(r"(?i)\bnote to (self|the lead|the reviewer|the curator|curators|reviewers)\b"), "a note to a fellow author"),
    (re.compile(r"(?i)\b(check|verify|confirm) (this|me|again|later)\b|\bneeds? (checking|verifying|verification)\b"),
     "a reminder to check"),
    (re.compile(r"(?i)\breplaces the (undated |old |earlier |previous )?row\b|\breplacement for [a-z0-9-]+-[a-z0-9-]+\b"),
     "a reference to an edit of the table"),
    (re.compile(r"(?i)\[(descriptive title|placeholder|citation needed|sic\?)[^\]]*\]|\bplaceholder\b"),
     "a placeholder"),
    (re.compile(r"(?i)\bby the [a-z]+ curator\b|\([a-z]+\d*, s\d+\)"), "a record of who edited the row"),
    (re.compile(r"(?<![\w.:/])/(work|home|tmp|root|Users)/[\w./-]+"), "a file path on an author's machine"),
)


def free_text(spec: Field) -> bool:
    """Columns written in words: strings with no format, enumeration or pattern to hold them."""
    return spec.type == "string" and not spec.format and spec.enum is None and not spec.pattern


def authoring_note(value: str) -> str | None:
    """What kind of authoring note `value` carries, quoting it, or None."""
    for pattern, what in MARKERS:
        match = pattern.search(value)
        if match:
            return f"authoring note left in a shipped row ({what}: {match.group(0)!r}); rewrite it for readers or remove it"
    return None


def text_fields(table: Table) -> tuple[Field, ...]:
    return tuple(spec for spec in table.fields if free_text(spec) and spec.name != "id")
