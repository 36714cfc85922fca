"""What a verdict rests on, as structures: the facts behind each rule (ids, dates, particulars, sources) and
the sentences made from them. Every view words evidence through these; none parses words back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

UNVERIFIED = "unverified"
SOURCE_FIELDS = ("id", "url", "publisher", "title", "published")


@dataclass(frozen=True)
class Evidence:
    """One fact behind a finding: its id and table, when it started, how certain it is, its particulars
    (`detail`, as the rule read them), its words (`label`) and its sources. Sources published after the
    as-of date are kept apart in `later_sources`: they may describe the fact, but were not known on the date."""

    fact: str
    table: str
    label: str
    when: str
    certainty: str
    sources: tuple[dict, ...]
    detail: Mapping[str, Any] = field(default_factory=dict)
    later_sources: tuple[dict, ...] = ()

    @property
    def counted(self) -> bool:
        return self.certainty != UNVERIFIED


@dataclass(frozen=True)
class Finding:
    """A rule that fired for a state (or rests only on unverified facts), with its value and its evidence."""

    rule: str
    axis: str
    explanation: str
    value: float
    phrase: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def counted(self) -> bool:
        return self.value != 0

    def counted_evidence(self) -> list[Evidence]:
        """The facts that count (unverified ones are shown, never counted), oldest first."""
        return sorted((e for e in self.evidence if e.counted), key=lambda e: (e.when or "", e.fact))


@dataclass(frozen=True)
class Statement:
    """A sentence and the documents it rests on (dicts with id, url, publisher, title, published; a source
    published after the as-of date carries `published_after`). `claim` is False for haven's own judgements and
    for statements that nothing is on record."""

    text: str
    sources: tuple[dict, ...] = ()
    claim: bool = True


AFTER = "published_after"  # set on a source cited only because nothing published by the date tells the fact


def cited(*items: Evidence) -> tuple[dict, ...]:
    """The sources a sentence about these facts cites: those published by the as-of date; if there are none,
    the later ones, each marked with `published_after` so every view can label them."""
    timely = tuple(s for item in items for s in item.sources)
    if timely:
        return timely
    return tuple({**s, AFTER: True} for item in items for s in item.later_sources)
