"""Keeping the table seals of a knowledge base's own `datapackage.json` true after an import.

A sealed descriptor declares each table's `bytes` and `hash` (Frictionless fields, "sha256:<hex>") and `x-rows`
(its number of data rows), and `haven data check` reports a table that no longer matches. An import is a
deliberate edit, so the tables it writes are resealed in the same all-or-nothing write; a descriptor without
seals is left as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from haven.errors import DataError
from haven.knowledge.schema import DESCRIPTOR, tables

SEAL_FIELDS = ("bytes", "hash", "x-rows")


def resealed(directory: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """The descriptor to write with `files` ({} when nothing in it needs to change)."""
    path = Path(directory) / DESCRIPTOR
    by_path = {t.path: name for name, t in tables().items()}
    written = {by_path[p]: content for p, content in files.items() if p in by_path}
    if not written or not path.exists():
        return {}
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        resources = descriptor["resources"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path} is not a readable data package descriptor: {exc}") from None
    changed = False
    for resource in resources:
        content = written.get(resource.get("name"))
        if content is None or not any(f in resource for f in SEAL_FIELDS):
            continue
        resource["bytes"] = len(content)
        resource["hash"] = f"sha256:{hashlib.sha256(content).hexdigest()}"
        resource["x-rows"] = _rows(content)
        changed = True
    if not changed:
        return {}
    return {DESCRIPTOR: (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}


def _rows(content: bytes) -> int:
    reader = csv.reader(io.StringIO(content.decode("utf-8")))
    return max(sum(1 for record in reader if record) - 1, 0)
