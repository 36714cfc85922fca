"""Replacing an importer's rows in a knowledge base, all or nothing.

The new tables are written into a copy of the knowledge base and validated there; only a clean copy is moved
into place, file by file with atomic renames. A failed import leaves the knowledge base as it was.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from haven.errors import DataError
from haven.knowledge.schema import tables
from haven.knowledge.validate import validate


def read_rows(directory: Path, table: str) -> list[dict[str, str]]:
    path = directory / tables()[table].path
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _csv_text(table: str, rows: list[dict[str, str]]) -> str:
    columns = list(tables()[table].columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buffer.getvalue()


def replace_rows(directory: Path, new_rows: dict[str, list[dict[str, str]]], owns) -> dict[str, int]:
    """In each table, drop the rows `owns(table, row)` claims and add `new_rows[table]`; validate; commit."""
    directory = Path(directory)
    texts = {}
    for table, rows in new_rows.items():
        kept = [r for r in read_rows(directory, table) if not owns(table, r)]
        key = tables()[table].primary_key
        merged = {tuple(r[k] for k in key): r for r in kept + rows}
        texts[table] = _csv_text(table, sorted(merged.values(), key=lambda r: tuple(r[k] for k in key)))
    with tempfile.TemporaryDirectory(prefix="haven-import-") as staging:
        staging = Path(staging) / "kb"
        shutil.copytree(directory, staging)
        for table, text in texts.items():
            (staging / tables()[table].path).write_text(text, encoding="utf-8")
        problems = validate(staging)
        if problems:
            raise DataError(f"import refused, the result would not validate: {problems[0]} ({len(problems)} problem(s))")
        for table in texts:
            target = directory / tables()[table].path
            temp = target.with_name(f".{target.name}.importing")
            shutil.copyfile(staging / tables()[table].path, temp)
            os.replace(temp, target)
    return {table: len(rows) for table, rows in new_rows.items()}
