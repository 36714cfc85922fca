"""Writing an import into a knowledge base, all or nothing.

The new tables are first written into a scratch copy of the knowledge base and validated there; an import that
would add a validation problem is refused and nothing is touched. Then every file (tables, snapshots, the
candidate queue) is written beside its target under a temporary name, and the temporaries are renamed into
place one after the other; if any step fails, the files already replaced are restored from hard-link backups.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: imports there are not guarded against running twice at once
    fcntl = None  # type: ignore[assignment]

from haven.errors import DataError
from haven.importers.batch import Tables
from haven.importers.tablefiles import TableFile, render
from haven.knowledge.schema import tables
from haven.knowledge.validate import Problem, validate

SUFFIX_NEW, SUFFIX_OLD = ".haven-new", ".haven-old"


@contextmanager
def locked(directory: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on the knowledge base's folder from reading its tables to writing them: two imports
    at once would otherwise each write tables without the other's rows. The lock is on the folder itself, so it
    leaves no file behind."""
    if directory is None or fcntl is None:
        yield
        return
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError as exc:
        raise DataError(f"cannot open {directory}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def table_texts(current: dict[str, TableFile], state: Tables) -> dict[str, bytes]:
    """New file contents, relative path -> bytes, for the tables whose rows changed."""
    out = {}
    for name, rows in state.items():
        if rows != current[name].rows:
            out[tables()[name].path] = render(current[name], rows).encode("utf-8")
    return out


def check(directory: Path, files: dict[str, bytes]) -> None:
    """Refuse `files` if, written into `directory`, they would add a validation problem."""
    table_paths = {t.path for t in tables().values()}
    if not table_paths & set(files):
        return
    with tempfile.TemporaryDirectory(prefix="haven-import-") as scratch:
        staging = Path(scratch)
        for path in table_paths:
            source = Path(directory) / path
            if path in files:
                (staging / path).write_bytes(files[path])
            elif source.exists():
                shutil.copyfile(source, staging / path)
        before = Counter(_signature(p) for p in validate(Path(directory)))
        new = Counter(_signature(p) for p in validate(staging)) - before
    if new:
        file, column, message = min(new)
        raise DataError(f"import refused, the result would not validate: {file}: {column}: {message} "
                        f"({sum(new.values())} new problem(s))")


def _signature(problem: Problem) -> tuple[str, str, str]:
    """A problem without its line number: adding rows moves lines, it does not make old problems new."""
    return (problem.file, problem.field, problem.message)


def write(directory: Path, files: dict[str, bytes]) -> None:
    """Put every file in place, or none: temporaries first, then renames with rollback."""
    directory = Path(directory)
    staged: list[tuple[Path, Path]] = []
    try:
        for relative, content in files.items():
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + SUFFIX_NEW)
            with open(temp, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((temp, target))
    except OSError as exc:
        _discard(t for t, _ in staged)
        raise DataError(f"cannot write into {directory}: {exc.strerror or exc}") from None
    _swap(directory, staged)


def _swap(directory: Path, staged: list[tuple[Path, Path]]) -> None:
    done: list[tuple[Path, Path | None]] = []
    backup: Path | None = None
    try:
        for temp, target in staged:
            backup = None
            if target.exists():
                backup = target.with_name(target.name + SUFFIX_OLD)
                backup.unlink(missing_ok=True)
                _keep_copy(target, backup)
            os.replace(temp, target)
            done.append((target, backup))
    except OSError as exc:
        if backup is not None and all(backup != b for _, b in done):
            _discard([backup])  # made for the file that failed to move, which is still as it was
        for target, kept in reversed(done):
            if kept is not None:
                os.replace(kept, target)
            else:
                target.unlink(missing_ok=True)
        _discard(t for t, _ in staged)
        raise DataError(f"cannot write into {directory}: {exc.strerror or exc}; nothing was changed") from None
    _discard(b for _, b in done if b is not None)


def _keep_copy(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(target, backup)


def _discard(paths) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
