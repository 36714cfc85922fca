"""Reading a knowledge-base CSV with each row's original text, and writing it back changing only what changed.

Curated tables are edited by hand and merged by git line by line, so an import must not re-quote or reorder rows
it did not touch: an unchanged row is written back byte for byte, a changed row is re-serialised in place, and
new rows go at the end.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from haven.errors import DataError
from haven.knowledge.schema import tables

Row = dict[str, str]


@dataclass
class TableFile:
    """One table as read: header, rows (every declared column present), and each row's text in the file."""

    name: str
    header: list[str]
    rows: list[Row]
    texts: list[str]
    header_text: str

    @property
    def key(self) -> tuple[str, ...]:
        return tables()[self.name].primary_key

    def key_of(self, row: Row) -> tuple[str, ...]:
        return tuple(row.get(k, "") for k in self.key)


def read_table(directory: Path, name: str) -> TableFile:
    """The table `name` of the knowledge base in `directory` (an absent file reads as an empty table)."""
    spec = tables()[name]
    path = Path(directory) / spec.path
    if not path.exists():
        return TableFile(name, list(spec.columns), [], [], ",".join(spec.columns) + "\n")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text; fix it (haven data check) before importing") from None
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{path} is empty; it needs at least its header line") from None
    header_text = "".join(lines[: reader.line_num])
    rows, texts, consumed = [], [], reader.line_num
    try:
        for record in reader:
            texts.append("".join(lines[consumed: reader.line_num]))
            consumed = reader.line_num
            rows.append({column: (record[i] if i < len(record) else "") for i, column in enumerate(header)})
    except csv.Error as exc:
        raise DataError(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    missing = [c for c in spec.columns if c not in header]
    if missing:
        raise DataError(f"{path}: header lacks {', '.join(missing)}; fix it (haven data check) before importing")
    return TableFile(name, header, rows, texts, header_text)


def row_text(header: list[str], row: Row) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(c, "") for c in header])
    return buffer.getvalue()


def render(original: TableFile, rows: list[Row]) -> str:
    """The file's new text: untouched rows keep their original text, the rest are written in the header's order."""
    by_key = {original.key_of(r): (r, t) for r, t in zip(original.rows, original.texts, strict=True)}
    out = [original.header_text if original.header_text.endswith("\n") else original.header_text + "\n"]
    for row in rows:
        before = by_key.get(original.key_of(row))
        if before and before[0] == row:
            out.append(before[1] if before[1].endswith("\n") else before[1] + "\n")
        else:
            out.append(row_text(original.header, row))
    return "".join(out)
