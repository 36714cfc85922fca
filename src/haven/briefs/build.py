"""Building a brief: the article for a person on a date (with its appendix on request)."""

from __future__ import annotations

from datetime import date

from haven.briefs.article import build_article
from haven.briefs.model import Brief
from haven.errors import BadDate
from haven.knowledge import KnowledgeBase
from haven.persons import Person, find_person


def default_since(on: date) -> date:
    """One year before `on` (28 February for 29 February)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


def build_brief(kb: KnowledgeBase, person: str | Person, on: date, since: date | None = None,
                appendix: bool = False) -> Brief:
    """The brief for `person` as of `on`: trips and changes since `since` (default: a year before `on`)."""
    who = person if isinstance(person, Person) else find_person(kb, person)
    since = since or default_since(on)
    if since > on:
        raise BadDate(f"--since {since.isoformat()} is after --on {on.isoformat()}")
    return build_article(kb, who, on, since, appendix)
