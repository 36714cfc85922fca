"""The shape of a brief: sections of paragraphs, lists and tables made of cited sentences, and the numbered
sources. Built by `article`, `appendix` and `explainer`; laid out by `render`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from haven.dates import latest
from haven.engine import Statement

AFTER = "published_after"  # set by the engine on a source published after the as-of date


@dataclass(frozen=True)
class Source:
    number: int
    url: str
    publisher: str
    title: str
    published: str
    published_after: bool = False  # published after the brief's date: listed apart, under its own heading


@dataclass(frozen=True)
class Sentence:
    text: str
    cites: tuple[int, ...] = ()
    claim: bool = True  # False for haven's own judgements and for "nothing is on record"


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]
    lead: str = ""  # a run-in label in bold ("Belarus.")


@dataclass(frozen=True)
class Table:
    """A table of short cells (no claims in the cells); the legend explains each column key, with citations."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    legend: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    items: tuple[Sentence, ...] = ()  # a bulleted list, after the paragraphs
    tables: tuple[Table, ...] = ()
    subsections: tuple[Section, ...] = ()

    def sentences(self) -> Iterator[Sentence]:
        for paragraph in self.paragraphs:
            yield from paragraph.sentences
        yield from self.items
        for table in self.tables:
            yield from table.legend
        for sub in self.subsections:
            yield from sub.sentences()


@dataclass(frozen=True)
class Brief:
    kind: str  # article, event (the explainer before an event) or status (no travel to assess)
    person: str
    name: str
    title: str
    on: date
    since: date
    headline: str
    lede: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    appendix: tuple[Section, ...] = ()
    counts: dict = field(default_factory=dict)
    data_version: str = ""
    method_version: str = ""
    notes: tuple[str, ...] = ()  # header lines: what the facts cover, a warning when they are stale

    def article_sentences(self) -> Iterator[Sentence]:
        """The sentences of the article itself (lede and sections), in document order."""
        for paragraph in self.lede:
            yield from paragraph.sentences
        for section in self.sections:
            yield from section.sentences()

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence, the appendix included."""
        yield from self.article_sentences()
        for section in self.appendix:
            yield from section.sentences()

    @property
    def timely_sources(self) -> tuple[Source, ...]:
        """The sources published by the brief's date."""
        return tuple(s for s in self.sources if not s.published_after)

    @property
    def later_sources(self) -> tuple[Source, ...]:
        """Sources published after the brief's date, cited only where nothing published by then tells the fact."""
        return tuple(s for s in self.sources if s.published_after)


class Citations:
    """Numbers sources in order of first use, one number per URL. A source published after `on` (by its date,
    or as the engine marks it) is listed apart, under "Published after", never among the others."""

    def __init__(self, on: date | None = None, edit: Callable[[str], str] | None = None) -> None:
        self.on = on
        self.edit = edit  # the brief's copy-editing of every sentence (plain.prose, the short name)
        self._numbers: dict[str, int] = {}
        self.sources: list[Source] = []

    def _after(self, source: dict) -> bool:
        """Published after the brief's date. A dated source is judged by the brief's date alone, as the engine
        judges it (a partial date by its last day): the engine's mark may be relative to an earlier day (the day a
        verdict changed), and a source published between that day and the brief's date was public by then."""
        published = latest(str(source.get("published") or "")[:10] or None)
        if self.on is not None and published is not None:
            return published > self.on
        return bool(source.get(AFTER))

    def number(self, source: dict) -> int:
        key = str(source.get("url") or source.get("id"))
        if key not in self._numbers:
            self._numbers[key] = len(self.sources) + 1
            self.sources.append(Source(self._numbers[key], str(source.get("url") or ""), str(source.get("publisher") or ""),
                                       str(source.get("title") or ""), str(source.get("published") or ""),
                                       self._after(source)))
        return self._numbers[key]

    def cite(self, claim: Statement) -> Sentence:
        """Numbers the claim's sources published by the brief's date; only if it has none, its later ones (as the
        engine chooses for its own date, which for a verdict's change is an earlier day than the brief's)."""
        timely = tuple(s for s in claim.sources if not self._after(s))
        numbers = tuple(sorted({self.number(s) for s in (timely or claim.sources)}))
        return Sentence(self.edit(claim.text) if self.edit else claim.text, numbers, claim.claim)

    def all(self, claims: list[Statement]) -> tuple[Sentence, ...]:
        return tuple(self.cite(c) for c in claims)

    def paragraph(self, claims: list[Statement], lead: str = "") -> Paragraph:
        return Paragraph(self.all(claims), lead)
