"""One cache for everything haven derives from its data: the knowledge base's tables, each person's compiled
model, the route grids. An entry is named after everything it was derived from (the data version, and for
derived results the method version and the code that made them), kept in memory for the process and on disk
for the next one. A file that cannot be read is discarded and rebuilt, with a one-line notice; a write goes to
a temporary name and is renamed, so an interrupted write never leaves half a file behind.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
MAX_IDLE_DAYS = 30
SUFFIX = ".pickle"
_MISSING = object()


def cache_dir() -> Path:
    """$HAVEN_CACHE_DIR, else $XDG_CACHE_HOME/haven, else ~/.cache/haven."""
    configured = os.environ.get("HAVEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "haven"


def entry_path(prefix: str, *key: str) -> Path:
    """The file for an entry: `prefix` readable (e.g. 'kb-<data version>'), the rest of the key hashed."""
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:16]
    return cache_dir() / f"{prefix}-{digest}{SUFFIX}"


def notice(message: str) -> None:
    sys.stderr.write(f"haven: {message}\n")


def read(path: Path) -> Any:
    """The value stored at `path`, or `_MISSING`; a file that fails to load is removed (it will be rebuilt)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _MISSING
    except OSError:
        return _MISSING
    try:
        value = pickle.loads(data)
    except Exception:  # noqa: BLE001 - truncated, corrupted, or written by another library version: any failure
        notice(f"discarded an unreadable cache file {path.name}; rebuilding it")
        path.unlink(missing_ok=True)
        return _MISSING
    _touch(path)
    return value


def write(path: Path, value: Any) -> None:
    """Store `value` at `path` atomically; a read-only cache only costs time, so failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.stem}", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError:
        pass


def remember(key: str, path: Path | None, build: Callable[[], T], memory: dict | None = None) -> T:
    """`build()`, kept in `memory` under `key` and on disk at `path` (None: memory only)."""
    if memory is not None and key in memory:
        return memory[key]
    value = read(path) if path is not None else _MISSING
    if value is _MISSING:
        value = build()
        if path is not None:
            write(path, value)
    if memory is not None:
        memory[key] = value
    return cast(T, value)


def prune(keep: str, max_idle_days: float = MAX_IDLE_DAYS) -> list[Path]:
    """Delete the knowledge-base entries of other data versions left unused for `max_idle_days`: every edit of
    the data makes a new version, and nothing else would ever remove the old ones. Returns what was deleted."""
    cutoff = time.time() - max_idle_days * 86400
    removed = []
    for path in cache_dir().glob("kb-*"):
        if path.name.startswith(f"kb-{keep}") or path.suffix not in (SUFFIX, ".duckdb"):
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
