"""The as-of store: the knowledge base's tables in memory, cached in DuckDB by content hash.

The first load validates the CSVs, derives the cautious date columns and writes them to a DuckDB file named
after a hash of the data; later loads read that file. The file is written under a temporary name and then
renamed, so an interrupted build never leaves a half-written cache behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd

from haven import __version__
from haven.countries import CountryIndex
from haven.dates import date_range
from haven.errors import DataError
from haven.knowledge.knownfrom import Published, event_starts, known_on, published_dates
from haven.knowledge.schema import BUNDLED_DATA, DESCRIPTOR, END_FIELDS, Table, tables
from haven.knowledge.validate import RawTable, read_all, validate

DERIVED = ("disclosed", "held_from", "held_until")
T = TypeVar("T")


def data_version(directory: Path) -> str:
    """Short content hash of every table and the descriptor: any edit gives a new version."""
    digest = hashlib.sha256(__version__.encode())
    digest.update((BUNDLED_DATA / DESCRIPTOR).read_bytes())
    for table in tables().values():
        path = directory / table.path
        digest.update(table.path.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:12]


def cache_dir() -> Path:
    configured = os.environ.get("HAVEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "haven"


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
    missing = [None] * len(frame)
    starts, ends = (dates.get(name, missing) for name in ("start", "end"))
    has_start = "start" in table.columns
    held_from, held_until = [], []
    for i, (start, disclosed) in enumerate(zip(starts, known)):
        if has_start:
            held_from.append(max(d for d in (start, disclosed) if d) if start else None)
        else:
            held_from.append(disclosed)
        if table.end_inclusive:
            last = date_range(frame.at[i, "end"] or frame.at[i, "start"])[1] if start else None
            held_until.append(last + timedelta(days=1) if last else None)
        else:
            held_until.append(ends[i])
    return [pd.to_datetime(pd.Series(v, dtype="object")) for v in (known, held_from, held_until)]


def _frames_from_raw(raw: dict[str, RawTable]) -> dict[str, pd.DataFrame]:
    published = published_dates(raw["sources"].rows) if "sources" in raw else {}
    events = event_starts(raw["events"].rows) if "events" in raw else {}
    return {name: _derive(t.table, t.rows, published, events) for name, t in raw.items()}


def _write_cache(path: Path, frames: dict[str, pd.DataFrame]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
    os.close(handle)
    os.unlink(temp)  # DuckDB wants to create the file itself
    try:
        with duckdb.connect(temp) as con:
            for name, frame in frames.items():
                con.register("frame", frame)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM frame')
                con.unregister("frame")
        os.replace(temp, path)
    finally:
        for leftover in (temp, temp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def _read_cache(path: Path) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(path), read_only=True) as con:
        frames = {name: con.execute(f'SELECT * FROM "{name}"').df() for name in tables()}
    for frame in frames.values():
        for column in frame.columns:
            if column.endswith("_on") or column in DERIVED:
                frame[column] = pd.to_datetime(frame[column])
    return frames


class KnowledgeBase:
    """All tables of one knowledge base, with the as-of queries every layer above uses."""

    def __init__(self, frames: dict[str, pd.DataFrame], version: str, directory: Path, use_cache: bool = False):
        self.frames = frames
        self.version = version
        self.directory = directory
        self.use_cache = use_cache
        self.countries = CountryIndex(frames["countries"])
        self._sources = {row["id"]: row for row in frames["sources"].to_dict("records")}

    def table(self, kind: str) -> pd.DataFrame:
        """Every row of a table, ended and future facts included."""
        try:
            return self.frames[kind]
        except KeyError:
            raise DataError(f"unknown table {kind!r}: one of {', '.join(self.frames)}") from None

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
        first = source_id.split(";")[0].strip()
        if first not in self._sources:
            raise DataError(f"unknown source id {first!r}")
        return self._sources[first]

    def sources_of(self, source_ids: str) -> list[dict]:
        return [self.source(s) for s in source_ids.split(";") if s.strip()]

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """`build()`, remembered on disk beside this knowledge base's cache: for results derived only from this
        data version and `key` (which must name everything else they depend on). Off for uncached loads."""
        if not self.use_cache:
            return build()
        path = cache_dir() / f"kb-{self.version}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
        if path.exists():
            try:
                return pickle.loads(path.read_bytes())
            except Exception as exc:  # noqa: BLE001  # truncated, garbled or from another library version
                discard_broken_cache(path, exc)
        value = build()
        try:
            handle, temp = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except OSError:
            pass  # a read-only cache only costs time
        return value


def discard_broken_cache(path: Path, error: BaseException) -> None:
    """Delete a cache file that failed to load, with a one-line notice on stderr; the caller then rebuilds it.
    Any cache of haven's that cannot be read should come here, so that a broken file costs one rebuild."""
    reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    print(f"notice: discarded unreadable cache {path.name} ({reason}); rebuilding it", file=sys.stderr)
    try:
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".wal").unlink(missing_ok=True)  # DuckDB's journal, if one was left
    except OSError:
        pass  # not ours to delete (read-only, or a directory): the rebuild simply is not stored


def load(directory: Path | str | None = None, *, use_cache: bool = True) -> KnowledgeBase:
    """Load a knowledge base (the bundled one by default), validating it on first build."""
    directory = Path(directory) if directory else BUNDLED_DATA
    if not directory.is_dir():
        raise DataError(f"no knowledge base at {directory}")
    version = data_version(directory)
    path = cache_dir() / f"kb-{version}.duckdb"
    if use_cache and path.exists():
        try:
            kb = KnowledgeBase(_read_cache(path), version, directory, use_cache=True)
            _touch(path)
            return kb
        except Exception as exc:  # noqa: BLE001  # any failure to read the cache means: rebuild it
            discard_broken_cache(path, exc)
    problems = validate(directory)
    if problems:
        raise DataError(f"{problems[0]} ({len(problems)} problem(s) in {directory}; run 'haven data check')")
    raw, _ = read_all(directory)
    frames = _frames_from_raw(raw)
    if use_cache:
        try:
            _write_cache(path, frames)
            prune_cache(keep=version)
        except (OSError, duckdb.Error):
            pass  # a read-only home must not stop a query; it only costs the next start
    return KnowledgeBase(frames, version, directory, use_cache=use_cache)


CACHE_MAX_IDLE_DAYS = 30


def prune_cache(keep: str, max_idle_days: float = CACHE_MAX_IDLE_DAYS) -> list[Path]:
    """Delete the caches of other data versions left unused for `max_idle_days`: every edit of the data makes a
    new version, and nothing else would ever remove the old ones. Returns what was deleted."""
    cutoff = time.time() - max_idle_days * 86400
    removed = []
    for path in cache_dir().glob("kb-*"):
        if path.name.startswith(f"kb-{keep}") or path.suffix not in (".duckdb", ".pickle"):
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            pass  # another process got there first
    return removed


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache still serves; it is only pruned sooner
