"""Validation of the knowledge base against its declared schema: every problem, not just the first.

A report lists problems as `file:line: field: message`, the line being the CSV line of the row (the header is
line 1), so an editor can jump to it.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from haven.dates import date_range
from haven.knowledge.schema import Field, Table, tables
from haven.textfiles import where_not_utf8

Row = dict[str, str]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class RawTable:
    """A CSV as read: its rows (all values strings) and the line each row starts on."""

    table: Table
    header: list[str]
    rows: list[Row]
    lines: list[int]


def read_raw(directory: Path, table: Table, content: bytes | None = None) -> RawTable | Problem:
    """A table's rows as read from its file, or from `content` (its bytes, already read)."""
    path = directory / table.path
    if content is None:
        if not path.exists():
            return Problem(table.path, 0, "(file)", "file is missing")
        content = path.read_bytes()
    text = decode(table.path, content)
    if isinstance(text, Problem):
        return text
    rows, lines = [], []
    line = 1
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = list(reader.fieldnames or [])
        line = reader.line_num + 1
        for record in reader:
            if None in record:
                return Problem(table.path, line, "(row)", "more cells than columns in the header")
            rows.append({k: (v or "").strip() for k, v in record.items()})
            lines.append(line)
            line = reader.line_num + 1
    except csv.Error as exc:
        return Problem(table.path, line, "(file)", f"cannot read as CSV: {exc}")
    return RawTable(table, header, rows, lines)


def decode(name: str, data: bytes) -> str | Problem:
    """The file's text, or the one problem that stops it being read: a byte-order mark, or bytes that are not
    UTF-8 (so that a badly saved file gives one line naming the cause, not hundreds of follow-on errors)."""
    if data.startswith(codecs.BOM_UTF8):
        return Problem(name, 1, "(file)", "starts with a UTF-8 byte-order mark; save without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(name, line, "(file)", f"not UTF-8 at {where_not_utf8(data, exc)}; save the file as UTF-8")


class Checker:
    """Checks rows of every table, with the code lists (countries, persons, sources) built from the tables."""

    def __init__(self, raw: dict[str, RawTable]):
        self.raw = raw
        self.problems: list[Problem] = []
        # a code list whose table could not be read is None: its references go unchecked rather than each
        # being reported as unknown (the unreadable file is already reported, once)
        self.countries = self._ids("countries", "iso3")
        self.persons = self._ids("persons", "id")
        self.sources = self._ids("sources", "id")
        self.organisations = self._ids("organisations", "id")

    def _ids(self, name: str, column: str) -> set[str] | None:
        table = self.raw.get(name)
        return {row.get(column, "") for row in table.rows} if table else None

    def add(self, table: Table, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(table.path, line, field, message))

    def run(self) -> list[Problem]:
        for raw in self.raw.values():
            self.check_header(raw)
            for row, line in zip(raw.rows, raw.lines, strict=True):
                for spec in raw.table.fields:
                    if spec.name in row:
                        self.check_cell(raw.table, line, spec, row[spec.name])
                self.check_date_order(raw.table, line, row)
            self.check_keys(raw)
            self.check_foreign_keys(raw)
            self.check_overlaps(raw)
        return sorted(self.problems)

    def check_header(self, raw: RawTable) -> None:
        declared = list(raw.table.columns)
        for missing in [c for c in declared if c not in raw.header]:
            self.add(raw.table, 1, missing, "column is missing from the header")
        for extra in [c for c in raw.header if c not in declared]:
            self.add(raw.table, 1, extra, "column is not declared in datapackage.json")

    def check_cell(self, table: Table, line: int, spec: Field, value: str) -> None:
        if value == "":
            if spec.required:
                self.add(table, line, spec.name, "required value is missing")
            return
        message = self.cell_problem(spec, value)
        if message:
            self.add(table, line, spec.name, message)

    def cell_problem(self, spec: Field, value: str) -> str | None:
        if spec.type == "integer" and not re.fullmatch(r"-?\d+", value):
            return f"{value!r} is not a whole number"
        if spec.type == "number":
            try:
                number = float(value)
            except ValueError:
                return f"{value!r} is not a number"
            if spec.minimum is not None and number < spec.minimum:
                return f"{value} is below the minimum {spec.minimum}"
            if spec.maximum is not None and number > spec.maximum:
                return f"{value} is above the maximum {spec.maximum}"
        if spec.type == "boolean" and value not in ("true", "false"):
            return f"{value!r} is not true or false"
        if spec.enum is not None and value not in spec.enum:
            allowed = ", ".join(v for v in spec.enum if v)
            return f"{value!r} is not one of: {allowed}"
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            return f"{value!r} does not match the pattern {spec.pattern}"
        return self.format_problem(spec.format, value)

    def format_problem(self, fmt: str | None, value: str) -> str | None:
        countries, persons, sources = self.countries or set(), self.persons or set(), self.sources or set()
        if fmt in ("iso3", "iso3-list", "iso3-or-organisation") and self.countries is None:
            return None
        if (fmt == "person" and self.persons is None) or (fmt == "source-ids" and self.sources is None):
            return None
        if fmt == "partial-date":
            try:
                date_range(value)
            except ValueError:
                return f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        elif fmt == "iso3" and value not in countries:
            return f"{value!r} is not a known ISO 3166-1 alpha-3 code"
        elif fmt == "iso3-list":
            unknown = [v for v in value.split(";") if v.strip() not in countries]
            if unknown:
                return f"unknown country codes: {', '.join(unknown)}"
        elif fmt == "iso3-or-organisation" and value not in countries and value not in (self.organisations or set()):
            if self.organisations is None:
                return None
            return f"{value!r} is neither a country code nor an organisation id"
        elif fmt == "person" and value not in persons:
            return f"unknown person {value!r} (not in persons.csv)"
        elif fmt == "source-ids":
            unknown = [v for v in value.split(";") if v.strip() not in sources]
            if unknown:
                return f"unknown source id: {', '.join(unknown)} (not in sources.csv)"
        elif fmt == "uri" and not re.match(r"^https?://\S+$", value):
            return f"{value!r} is not an http(s) URL"
        return None

    def check_date_order(self, table: Table, line: int, row: Row) -> None:
        start = _range(row.get("start"))
        end = _range(row.get("end"))
        if start and end and end[1] < start[0]:
            self.add(table, line, "end", f"end {row['end']} is before start {row['start']}")
        for before in ("signed", "deposited"):
            first = _range(row.get(before))
            if first and start and start[1] < first[0]:
                self.add(table, line, "start", f"start {row['start']} is before {before} {row[before]}")
        notified = _range(row.get("exit_notified"))
        if notified and end and end[1] < notified[0]:
            self.add(table, line, "end", f"withdrawal takes effect {row['end']} before notice {row['exit_notified']}")

    def check_keys(self, raw: RawTable) -> None:
        for key in (raw.table.primary_key, raw.table.unique):
            if not key:
                continue
            seen: dict[tuple, int] = {}
            for row, line in zip(raw.rows, raw.lines, strict=True):
                value = tuple(row.get(k, "") for k in key)
                if value in seen:
                    shown = "/".join(value)
                    self.add(raw.table, line, ",".join(key), f"duplicate key {shown} (first at line {seen[value]})")
                else:
                    seen[value] = line

    def check_foreign_keys(self, raw: RawTable) -> None:
        for column, target, target_column in raw.table.foreign_keys:
            known = self._ids(target, target_column)
            if known is None:
                continue  # the target table is unreadable or missing, and reported as such
            for row, line in zip(raw.rows, raw.lines, strict=True):
                value = row.get(column, "")
                if value and value not in known:
                    self.add(raw.table, line, column, f"{value!r} is not an id in {target}.csv")

    def check_overlaps(self, raw: RawTable) -> None:
        key = raw.table.no_overlap
        if not key:
            return
        groups: dict[tuple, list[tuple[date, date, int, str]]] = defaultdict(list)
        for row, line in zip(raw.rows, raw.lines, strict=True):
            start = _range(row.get("start"))
            if not start:
                continue
            end = _range(row.get("end"))
            if raw.table.end_inclusive:
                stop = (end or start)[1] + timedelta(days=1)
            else:
                stop = end[0] if end else date.max
            groups[tuple(row.get(k, "") for k in key)].append((start[1], stop, line, row.get("id", "")))
        for spans in groups.values():
            spans.sort()
            for (_s1, e1, l1, id1), (s2, _e2, l2, _id2) in itertools.pairwise(spans):
                if s2 < e1:
                    self.add(raw.table, l2, "start", f"overlaps {id1} (line {l1}) for the same {', '.join(key)}")


def _range(value: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    try:
        return date_range(value)
    except ValueError:
        return None


def read_all(directory: Path, contents: dict[str, bytes] | None = None) -> tuple[dict[str, RawTable], list[Problem]]:
    """Every table as read (from `contents`, the files' bytes by path, when the caller has read them already)."""
    raw, problems = {}, []
    for name, table in tables().items():
        result = read_raw(directory, table, (contents or {}).get(table.path))
        if isinstance(result, Problem):
            problems.append(result)
        else:
            raw[name] = result
    return raw, problems


def validate(directory: Path) -> list[Problem]:
    """All problems in the knowledge base at `directory`, sorted by file and line; empty when clean."""
    raw, problems = read_all(directory)
    return sorted(problems + Checker(raw).run())
