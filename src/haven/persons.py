"""Persons haven can assess, found by slug, Wikidata QID, name or alias."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from haven.countries import _fold
from haven.errors import UnknownPerson

if TYPE_CHECKING:
    from haven.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Person:
    id: str
    qid: str
    name: str
    home: str
    title: str
    aliases: tuple[str, ...]


def all_persons(kb: KnowledgeBase) -> list[Person]:
    return [
        Person(r["id"], r["qid"], r["name"], r["home"], r["title"], tuple(a for a in r["aliases"].split("|") if a))
        for r in kb.records("persons")
    ]


def find_person(kb: KnowledgeBase, text: str) -> Person:
    """'putin', 'Q7747', 'Vladimir Putin' -> the person; anything else (a blank name too) raises UnknownPerson."""
    key = _fold(text) if isinstance(text, str) else ""
    if not key:
        known = ", ".join(p.id for p in all_persons(kb))
        raise UnknownPerson(f"a person is required (got {text!r}): give a slug, Wikidata QID or name, e.g. {known}")
    for person in all_persons(kb):
        names = (person.id, person.qid, person.name, *person.aliases)
        if key in {_fold(n) for n in names if n}:
            return person
    known = ", ".join(p.id for p in all_persons(kb))
    raise UnknownPerson(f"unknown person {text!r}: known persons are {known}")
