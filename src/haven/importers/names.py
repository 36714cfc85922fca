"""Recognising the persons haven tracks in other people's data, strictly.

A listed name matches a person only when its words, folded (case, accents, punctuation), are exactly the words
of the person's name or of one alias: `PUTIN, Vladimir Vladimirovich` is `Vladimir Vladimirovich Putin`, but
`KONY, Salim` is not `KONY, Joseph`. A Wikidata QID match wins over names. A listed nationality that is not
the person's home state vetoes a name match. In free text (a press release) a person is found only by a name of
two words or more appearing whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from haven.importers.batch import Row

MIN_WORDS = 2


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation as spaces: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def words(name: str) -> frozenset[str]:
    return frozenset(fold(name).split())


@dataclass(frozen=True)
class Match:
    person: str
    how: str  # "qid" or "name"


class PersonIndex:
    """The persons table, indexed by QID, by the word sets of names and aliases, and by home state."""

    def __init__(self, persons: Iterable[Row]):
        self.rows = {row["id"]: row for row in persons}
        self.by_qid = {row["qid"]: pid for pid, row in self.rows.items() if row.get("qid")}
        self.by_words: dict[frozenset[str], set[str]] = defaultdict(set)
        self.phrases: list[tuple[str, str]] = []
        for pid in self.rows:
            for name in self.names(pid):
                key = words(name)
                if len(key) >= MIN_WORDS:
                    self.by_words[key].add(pid)
                    self.phrases.append((fold(name), pid))

    def names(self, person: str) -> list[str]:
        row = self.rows[person]
        aliases = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
        return [row["name"], *aliases]

    def home(self, person: str) -> str:
        return self.rows[person]["home"]

    def match(self, names: Iterable[str], qids: Iterable[str] = (), nationalities: set[str] | None = None) -> Match | None:
        """The one person these names (and QIDs) denote, or None when none or several do."""
        for qid in qids:
            if qid in self.by_qid:
                return Match(self.by_qid[qid], "qid")
        found = set()
        for name in names:
            found |= self.by_words.get(words(name), set())
        if len(found) != 1:
            return None
        person = found.pop()
        if nationalities and self.home(person) not in nationalities:
            return None
        return Match(person, "name")

    def mentioned(self, text: str) -> list[str]:
        """Persons named in full (two words or more) in a running text, in order of first mention."""
        folded = f" {fold(text)} "
        hits = sorted((folded.find(f" {phrase} "), pid) for phrase, pid in self.phrases if f" {phrase} " in folded)
        ordered: list[str] = []
        for _, pid in hits:
            if pid not in ordered:
                ordered.append(pid)
        return ordered
