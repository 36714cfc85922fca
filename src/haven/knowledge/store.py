"""The as-of store: the knowledge base's tables, derived once per data version and kept in the one cache.

The first load reads every CSV once, validates it, derives the cautious date columns and stores each table in
the cache (`haven.cache`) under the data version, a hash of the data; later loads read a table from there only
when it is asked for. Reference tables (persons, countries, organisations, sources) are also kept as plain
records, so a command that needs only those never imports pandas.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np

from haven import __version__
from haven import cache as store_cache
from haven.cache import cache_dir
from haven.countries import CountryIndex
from haven.dates import date_range
from haven.errors import DataError
from haven.knowledge.knownfrom import Published, event_starts, known_on, published_dates
from haven.knowledge.schema import (
    BUNDLED_DATA,
    DESCRIPTOR,
    END_FIELDS,
    Table,
    tables,
)
from haven.lazy import lazy
from haven.words import missing

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")

DERIVED = ("disclosed", "held_from", "held_until")
RECORD_TABLES = ("persons", "countries", "organisations", "sources")
T = TypeVar("T")


def read_contents(directory: Path) -> dict[str, bytes]:
    """Every table's bytes by path, read once (a missing file is left out; validation reports it)."""
    contents = {}
    for table in tables().values():
        path = directory / table.path
        if path.exists():
            contents[table.path] = path.read_bytes()
    return contents


def data_version(directory: Path, contents: dict[str, bytes] | None = None) -> str:
    """Short content hash of every table and the descriptor: any edit gives a new version."""
    contents = read_contents(directory) if contents is None else contents
    digest = hashlib.sha256(str(__version__).encode())
    digest.update((BUNDLED_DATA / DESCRIPTOR).read_bytes())
    for table in tables().values():
        digest.update(table.path.encode())
        digest.update(contents.get(table.path, b""))
    return digest.hexdigest()[:12]


def _cautious(value: str, field: str) -> date | None:
    if not value:
        return None
    first, last = date_range(value)
    return first if field in END_FIELDS else last


def _derive(table: Table, rows: list[dict[str, str]], published: Published | None = None,
            events: Mapping[str, date | None] | None = None) -> pd.DataFrame:
    """Typed columns plus, for fact tables, `<date>_on`, `disclosed`, `held_from` and `held_until`.
    `published` (dated source ids) and `events` (event starts) feed the known-from rule (see knownfrom)."""
    known = [known_on(table, row, published or {}, events or {}) for row in rows]
    frame = pd.DataFrame(rows, columns=list(table.columns)).fillna("")
    for spec in table.fields:
        column = frame[spec.name]
        if spec.type == "integer":
            frame[spec.name] = pd.to_numeric(column.replace("", None), errors="coerce").astype("Int64")
        elif spec.type == "number":
            frame[spec.name] = pd.to_numeric(column.replace("", None), errors="coerce").astype("float64")
        elif spec.type == "boolean":
            frame[spec.name] = column.map({"true": True, "false": False}).astype("boolean")
    if not table.date_fields:
        return frame
    dates = {f.name: [_cautious(v, f.name) for v in frame[f.name]] for f in table.date_fields}
    for name, values in dates.items():
        frame[f"{name}_on"] = pd.to_datetime(pd.Series(values, dtype="object"))
    frame["disclosed"], frame["held_from"], frame["held_until"] = _spans(table, frame, dates, known)
    return frame


def _spans(table: Table, frame: pd.DataFrame, dates: dict[str, list[date | None]], known: list[date | None]):
    """Per row: when it became known (`disclosed`) and the interval it surely held [`held_from`, `held_until`);
    a table without `start` (event outcomes) holds from the day its facts became known."""
    nothing = [None] * len(frame)
    starts, ends = (dates.get(name, nothing) for name in ("start", "end"))
    has_start = "start" in table.columns
    held_from, held_until = [], []
    for i, (start, disclosed) in enumerate(zip(starts, known, strict=True)):
        if has_start:
            held_from.append(max(d for d in (start, disclosed) if d) if start else None)
        else:
            held_from.append(disclosed)
        if table.end_inclusive:
            last = date_range(cast(str, frame.at[i, "end"] or frame.at[i, "start"]))[1] if start else None
            held_until.append(last + timedelta(days=1) if last else None)
        else:
            held_until.append(ends[i])
    return [pd.to_datetime(pd.Series(v, dtype="object")) for v in (known, held_from, held_until)]


def _frames_from_raw(raw: dict[str, Any]) -> dict[str, pd.DataFrame]:
    published = published_dates(raw["sources"].rows) if "sources" in raw else {}
    events = event_starts(raw["events"].rows) if "events" in raw else {}
    return {name: _derive(t.table, t.rows, published, events) for name, t in raw.items()}


def _plain(value: Any) -> Any:
    """A cell as plain Python: missing values as empty strings (the CSVs' own convention), timestamps as dates."""
    if missing(value):
        return ""
    if isinstance(value, datetime):
        return date(value.year, value.month, value.day)
    return value.item() if hasattr(value, "item") else value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts that unpickle without pandas."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


class KnowledgeBase:
    """All tables of one knowledge base, with the as-of queries every layer above uses.

    Tables come from `frames` when given (a fresh build) or, table by table, from the cache when first asked for.
    `cached(key, build)` keeps anything derived from this data version (compiled models) in the same cache."""

    def __init__(self, frames: dict[str, pd.DataFrame] | None, version: str, directory: Path, use_cache: bool = False):
        self.version = version
        self.directory = directory
        self.use_cache = use_cache
        self._frames: dict[str, pd.DataFrame] = dict(frames or {})
        self._memory: dict[str, Any] = {}
        self.countries = CountryIndex(self.records("countries"))
        self._sources: dict[str, dict] | None = None

    def _entry(self, *key: str) -> Path | None:
        return store_cache.entry_path(f"kb-{self.version}", *key) if self.use_cache else None

    @property
    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table by name (all of them loaded)."""
        return {name: self.table(name) for name in tables()}

    def table(self, kind: str) -> pd.DataFrame:
        """Every row of a table, ended and future facts included."""
        if kind not in self._frames:
            if kind not in tables():
                raise DataError(f"unknown table {kind!r}: one of {', '.join(tables())}")
            self._frames[kind] = store_cache.remember(kind, self._entry("table", kind), lambda: self._rebuild()[kind])
        return self._frames[kind]

    def records(self, kind: str) -> list[dict[str, Any]]:
        """A reference table's rows as plain dicts (no pandas needed once cached)."""
        if kind in self._frames or not self.use_cache:
            return self._memory.setdefault(f"records:{kind}", _records(self.table(kind)))
        return store_cache.remember(f"records:{kind}", self._entry("records", kind), lambda: _records(self.table(kind)),
                                   self._memory)

    def _rebuild(self) -> dict[str, pd.DataFrame]:
        """The tables derived afresh (a cache entry went missing): validated, derived and stored again."""
        frames = build_frames(self.directory)[1]
        if self.use_cache:
            store_tables(self, frames)
        return frames

    def held(self, kind: str, on: date) -> pd.DataFrame:
        """Facts of `kind` that held on `on` and were public by then."""
        frame = self.table(kind)
        day = np.datetime64(on, "D")
        mask = (frame["held_from"] <= day) & (frame["held_until"].isna() | (day < frame["held_until"]))
        return frame[mask.fillna(False).astype(bool)]

    def known(self, kind: str, on: date) -> pd.DataFrame:
        """Facts of `kind` made public on or before `on`, whether or not they still hold."""
        frame = self.table(kind)
        mask = frame["disclosed"] <= np.datetime64(on, "D")
        return frame[mask.fillna(False).astype(bool)]

    def source(self, source_id: str) -> dict:
        """The sources row for an id; several ids joined by ';' give the first."""
        if self._sources is None:
            self._sources = {row["id"]: row for row in self.records("sources")}
        first = source_id.split(";")[0].strip()
        if first not in self._sources:
            raise DataError(f"unknown source id {first!r}")
        return self._sources[first]

    def sources_of(self, source_ids: str) -> list[dict]:
        return [self.source(s) for s in source_ids.split(";") if s.strip()]

    def note(self, kind: str, fact_id: str) -> str:
        """The curator's note on a fact row: '' when it has none, or its table has no notes. Notes are written
        later than the facts and may mention what happened after any as-of date; views label them so."""
        if kind not in tables():
            return ""
        notes = self.cached(f"notes:{kind}", lambda: _notes(self.table(kind)))
        return notes.get(fact_id, "")

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """`build()`, kept for this process and (for cached loads) on disk, under this data version and `key`
        (which must name everything else the result depends on: method version, code, person)."""
        return store_cache.remember(f"derived:{key}", self._entry("derived", key), build, self._memory)


def _notes(frame: pd.DataFrame) -> dict[str, str]:
    if "note" not in frame or "id" not in frame:
        return {}
    return {str(i): n.strip() for i, n in zip(frame["id"], frame["note"], strict=True) if isinstance(n, str) and n.strip()}


def build_frames(directory: Path, contents: dict[str, bytes] | None = None) -> tuple[str, dict[str, pd.DataFrame]]:
    """Read every CSV once, validate, derive: (data version, tables). Invalid data raises DataError."""
    from haven.knowledge.validate import Checker, read_all

    contents = read_contents(directory) if contents is None else contents
    version = data_version(directory, contents)
    raw, problems = read_all(directory, contents)
    problems = sorted(problems + Checker(raw).run())
    if problems:
        raise DataError(f"{problems[0]} ({len(problems)} problem(s) in {directory}; run 'haven data check')")
    return version, _frames_from_raw(raw)


def store_tables(kb: KnowledgeBase, frames: dict[str, pd.DataFrame]) -> None:
    for name, frame in frames.items():
        path = kb._entry("table", name)
        if path is not None:
            store_cache.write(path, frame)
    for name in RECORD_TABLES:
        path = kb._entry("records", name)
        if path is not None:
            store_cache.write(path, _records(frames[name]))


def load(directory: Path | str | None = None, *, use_cache: bool = True) -> KnowledgeBase:
    """Load a knowledge base (the bundled one by default), validating it on first build."""
    directory = Path(directory) if directory else BUNDLED_DATA
    if not directory.is_dir():
        raise DataError(f"no knowledge base at {directory}")
    contents = read_contents(directory)
    version = data_version(directory, contents)
    if use_cache and store_cache.entry_path(f"kb-{version}", "records", "countries").exists():
        return KnowledgeBase(None, version, directory, use_cache=True)
    version, frames = build_frames(directory, contents)
    kb = KnowledgeBase(frames, version, directory, use_cache=use_cache)
    if use_cache:
        store_tables(kb, frames)
        store_cache.prune(keep=version)
    return kb


def prune_cache(keep: str, max_idle_days: float = store_cache.MAX_IDLE_DAYS) -> list[Path]:
    """Delete the cache entries of other data versions left unused for `max_idle_days`."""
    return store_cache.prune(keep, max_idle_days)


__all__ = ["KnowledgeBase", "build_frames", "cache_dir", "data_version", "load", "prune_cache"]
