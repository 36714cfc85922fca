"""One importer run: fetch -> snapshot -> parse -> merge plan -> (unless a dry run) write, all or nothing.

Every importer is declared as an `Importer`: a name, a pure `parse(snapshots, context, **options) -> Batch`,
the tables it writes and the tables it only proposes candidates for, the feeds `haven data refresh` reads by
default, and how often its source changes. `run()` is the only place that touches files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from haven.errors import HavenError
from haven.extras import require
from haven.importers import candidates as queue
from haven.importers import commit, seals, snapshots
from haven.importers.batch import Batch
from haven.importers.context import Context
from haven.importers.fetch import Snapshot, fetch
from haven.importers.merge import Plan, plan
from haven.knowledge.schema import BUNDLED_DATA


class Tick(Protocol):
    def __call__(self, done: int, total: int | None = None) -> None: ...


class Steps(Protocol):
    """Progress reporting: `start(label, total)` returns a callback taking (done, total)."""

    def start(self, label: str, total: int | None = None) -> Tick: ...


def _silent(done: int, total: int | None = None) -> None:
    return None


class Quiet:
    def start(self, label: str, total: int | None = None) -> Tick:
        return _silent


@dataclass(frozen=True)
class Importer:
    name: str
    title: str
    parse: Callable[..., Batch]
    writes: tuple[str, ...] = ()
    proposes: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    cadence: str = ""
    inputs: int = 1
    extra: str = ""  # the optional extra of haven its parser needs (haven.extras), checked before fetching


@dataclass
class Outcome:
    importer: Importer
    batch: Batch
    plan: Plan
    queued: list[queue.Entry] = field(default_factory=list)
    already_queued: int = 0
    snapshots: list[Snapshot] = field(default_factory=list)
    written: bool = False
    directory: Path | None = None


def day_option(value: date | str | None, name: str) -> date | None:
    """A date option given as a date (command line) or as text (feeds.toml)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise HavenError(f"{name} {value!r}: use YYYY-MM-DD") from None


def destination(data_dir: Path | str | None, *, writing: bool) -> Path | None:
    """The knowledge base to import into: --data-dir, else HAVEN_DATA_DIR; never the installed package."""
    configured = data_dir or os.environ.get("HAVEN_DATA_DIR") or None
    if configured is None:
        if writing:
            raise HavenError("refusing to write into the installed package: pass --data-dir DIR or set "
                             "HAVEN_DATA_DIR (haven data init DIR makes a copy to work on)")
        return None
    path = Path(configured)
    if not (path / "persons.csv").is_file():
        raise HavenError(f"no knowledge base at {path}: create one with 'haven data init {path}'")
    return path


def run(importer: Importer, locations: list[str], directory: Path | None, *, dry_run: bool = False,
        allow_removals: bool = False, options: dict[str, Any] | None = None, steps: Steps | None = None,
        now: datetime | None = None) -> Outcome:
    """Import `locations` into `directory` (None: compare with the bundled data; only for dry runs)."""
    if directory is None and not dry_run:
        raise HavenError("a run that writes needs a knowledge base directory")
    if importer.extra:
        require(importer.extra, f"haven import {importer.name}")
    with commit.locked(None if dry_run else directory):
        return _run(importer, locations, directory, dry_run, allow_removals, options or {}, steps or Quiet(), now)


def _run(importer: Importer, locations: list[str], directory: Path | None, dry_run: bool, allow_removals: bool,
         options: dict[str, Any], steps: Steps, now: datetime | None) -> Outcome:
    base = directory or BUNDLED_DATA
    taken, replays = [], []
    for location in locations:
        snapshot, replay = _take(importer, location, base, steps, now)
        taken.append(snapshot)
        replays.append(replay)
    context = Context.read(base)
    steps.start(f"{importer.name}: reading")(0)
    batch = importer.parse(taken, context, **options)
    merged = plan(context.tables, batch, allow_removals=allow_removals)
    entries = queue.load(base) if importer.proposes else []
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    digest = taken[0].sha256 if taken else ""
    new, duplicates = queue.enqueue(entries, importer.name, batch.candidates, digest, stamp)
    outcome = Outcome(importer, batch, merged, new, duplicates, taken, False, directory)
    if dry_run or directory is None:
        return outcome
    fresh = [s for s, replay in zip(taken, replays, strict=True) if not replay]
    files = commit.table_texts(context.tables, merged.tables)
    files.update(snapshots.stage(directory, importer.name, fresh) if fresh else {})
    if new:
        files[queue.QUEUE] = queue.dump(entries + new)
    files.update(seals.resealed(directory, files))
    if files:
        steps.start(f"{importer.name}: validating")(0)
        commit.check(directory, files)
        steps.start(f"{importer.name}: writing")(0)
        commit.write(directory, files)
        outcome.written = True
    return outcome


def _take(importer: Importer, location: str, base: Path, steps: Steps,
          now: datetime | None) -> tuple[Snapshot, bool]:
    """The snapshot read, and whether it is a replay: a local file holding bytes this importer already stored
    keeps its original location and retrieval time, so a rebuild from snapshots gives the same rows."""
    snapshot = fetch(location, steps.start(f"{importer.name}: fetching {location}"), now=now)
    if snapshot.is_url:
        return snapshot, False
    original = snapshots.replayed(base, importer.name, snapshot)
    return (original, True) if original else (snapshot, False)
