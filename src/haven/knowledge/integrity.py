"""Each table's size, content hash and row count, declared in `datapackage.json` and checked against the files.

Frictionless gives a resource `bytes` and `hash` ("sha256:<hex>"); haven adds `x-rows`, the number of data rows,
so that a table cut short is named as such. `haven data seal` writes the three after a deliberate edit;
`haven data check` reports a table that no longer matches them.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from haven.errors import DataError
from haven.knowledge.schema import BUNDLED_DATA, DESCRIPTOR, tables
from haven.knowledge.validate import Problem, RawTable, read_all, validate

HASH = "sha256"
SEAL_HINT = "if the edit was deliberate, run 'haven data seal'"


@dataclass(frozen=True)
class Seal:
    bytes: int
    hash: str
    rows: int


def measure(path: Path, rows: int) -> Seal:
    data = path.read_bytes()
    return Seal(len(data), f"{HASH}:{hashlib.sha256(data).hexdigest()}", rows)


def descriptor_path(directory: Path) -> Path:
    return directory / DESCRIPTOR


def _declared(directory: Path) -> dict[str, dict]:
    """The resources of the directory's own descriptor (none when it has none: nothing was sealed there)."""
    path = descriptor_path(directory)
    if not path.exists():
        return {}
    try:
        return {r["name"]: r for r in json.loads(path.read_text(encoding="utf-8"))["resources"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path} is not a readable data package descriptor: {exc}") from None


def integrity_problems(directory: Path, raw: dict[str, RawTable]) -> list[Problem]:
    """Tables whose row count or content differ from their declaration. Tables that could not be read are left
    out: their one problem is already reported."""
    problems = []
    declared = _declared(directory)
    for name, table in raw.items():
        spec = declared.get(name, {})
        if not {"bytes", "hash", "x-rows"} & spec.keys():
            continue
        found = measure(directory / table.table.path, len(table.rows))
        message = _mismatch(spec, found)
        if message:
            problems.append(Problem(table.table.path, 0, "(file)", f"{message}; {SEAL_HINT}"))
    return problems


def _mismatch(spec: dict, found: Seal) -> str | None:
    rows = spec.get("x-rows")
    if rows is not None and rows != found.rows:
        if found.rows < rows:
            return f"{rows - found.rows} of the {rows} rows declared in {DESCRIPTOR} are missing ({found.rows} found)"
        return f"{found.rows - rows} rows more than the {rows} declared in {DESCRIPTOR}"
    if spec.get("hash") not in (None, found.hash) or spec.get("bytes") not in (None, found.bytes):
        return f"content differs from the {HASH} hash declared in {DESCRIPTOR} (same number of rows, edited since sealed)"
    return None


def seal(directory: Path | None = None) -> dict[str, Seal]:
    """Declare every table's size, hash and row count in `directory`'s descriptor (the bundled one when the
    directory has none yet). Refuses data that does not validate: a seal must not bless damage."""
    directory = Path(directory) if directory else BUNDLED_DATA
    problems = validate(directory)
    if problems:
        raise DataError(f"not sealed: {problems[0]} ({len(problems)} problem(s); run 'haven data check')")
    raw, _ = read_all(directory)
    target = descriptor_path(directory)
    source = target if target.exists() else BUNDLED_DATA / DESCRIPTOR
    descriptor = json.loads(source.read_text(encoding="utf-8"))
    seals = {name: measure(directory / t.table.path, len(t.rows)) for name, t in raw.items()}
    for resource in descriptor["resources"]:
        found = seals.get(resource["name"])
        if found is None or resource["name"] not in tables():
            continue
        resource["bytes"], resource["hash"], resource["x-rows"] = found.bytes, found.hash, found.rows
    _write_atomically(target, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    return seals


def _write_atomically(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
