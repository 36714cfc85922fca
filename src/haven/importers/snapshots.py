"""The snapshots kept inside a knowledge base: every file an importer read, with where, when and its SHA-256.

Layout, inside the data directory (see data/README.md, "Importers"):

    snapshots/index.csv                                  one row per retrieval
    snapshots/<importer>/<YYYYMMDDTHHMMSSZ>-<sha12><ext>  the bytes as received

The same bytes are stored once; a later retrieval of identical content adds an index row pointing at the same
file. Re-running an importer on a stored file is a replay: it keeps the original location and retrieval time,
so a knowledge base rebuilt from its snapshots has the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from haven.errors import DataError
from haven.importers.fetch import Snapshot

FOLDER = "snapshots"
INDEX = f"{FOLDER}/index.csv"
COLUMNS = ("importer", "location", "retrieved", "sha256", "bytes", "file")


@dataclass(frozen=True)
class Record:
    importer: str
    location: str
    retrieved: str
    sha256: str
    bytes: int
    file: str

    def row(self) -> dict[str, str]:
        return {c: str(getattr(self, c)) for c in COLUMNS}


def records(directory: Path) -> list[Record]:
    """Every retrieval recorded in `directory`, oldest first; a damaged index is one clear error."""
    path = Path(directory) / INDEX
    if not path.exists():
        return []
    try:
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise DataError(f"{path}: header must be {','.join(COLUMNS)}")
        return [Record(r["importer"], r["location"], r["retrieved"], r["sha256"], int(r["bytes"]), r["file"])
                for r in reader]
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path} is damaged: {exc}") from None


def replayed(directory: Path, importer: str, snapshot: Snapshot) -> Snapshot | None:
    """The original retrieval when `snapshot` holds bytes this importer already stored, else None."""
    for record in records(directory):
        if record.importer == importer and record.sha256 == snapshot.sha256:
            retrieved = datetime.fromisoformat(record.retrieved)
            return Snapshot(record.location, retrieved, snapshot.content)
    return None


def stage(directory: Path, importer: str, snapshots: list[Snapshot]) -> dict[str, bytes]:
    """Files to write (path relative to `directory` -> bytes) to record `snapshots`: new content and the index."""
    known = records(directory)
    stored = {(r.importer, r.sha256): r.file for r in known}
    files: dict[str, bytes] = {}
    added: list[Record] = []
    for snapshot in snapshots:
        key = (importer, snapshot.sha256)
        if key not in stored:
            stamp = snapshot.retrieved.strftime("%Y%m%dT%H%M%SZ")
            stored[key] = f"{FOLDER}/{importer}/{stamp}-{snapshot.sha256[:12]}{snapshot.suffix}"
            files[stored[key]] = snapshot.content
        retrieved = snapshot.retrieved.strftime("%Y-%m-%dT%H:%M:%SZ")
        added.append(Record(importer, snapshot.location, retrieved, snapshot.sha256, len(snapshot.content), stored[key]))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in known + added:
        writer.writerow(record.row())
    files[INDEX] = buffer.getvalue().encode("utf-8")
    return files


def verify(directory: Path) -> list[str]:
    """Problems with the stored files: missing, or content that no longer matches its checksum."""
    problems = []
    seen: set[str] = set()
    for record in records(directory):
        if record.file in seen:
            continue
        seen.add(record.file)
        path = Path(directory) / record.file
        if not path.is_file():
            problems.append(f"{record.file}: missing (retrieved {record.retrieved} from {record.location})")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != record.sha256:
            problems.append(f"{record.file}: content does not match its SHA-256 {record.sha256[:12]}...")
    return problems
