"""Reading a small text file a user hands to a command (a questions CSV, say): a folder, a file too large, bytes
that are not UTF-8 or a broken CSV each give one line naming the cause, never a traceback."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

from haven.errors import UsageError


def read_utf8(path: Path, what: str, max_bytes: int) -> str:
    """The text of `path` (a UTF-8 byte-order mark is dropped); UsageError for a missing file, a folder, a file
    over `max_bytes`, or bytes that are not UTF-8 (naming the line and the byte, with its latin-1 reading)."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not a {what}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UsageError(f"{path} is {size:,} bytes: a {what} may be at most {max_bytes:,}; split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no {what} {path}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UsageError(f"{path} is UTF-16 text: save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text: {where_not_utf8(data, exc)}; save it as UTF-8") from None


def where_not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    """'line 3, byte 0xe9 ('é' in latin-1/cp1252?)': where the bytes stop being UTF-8, and what they likely meant."""
    line = data.count(b"\n", 0, exc.start) + 1
    byte = data[exc.start]
    guess = bytes([byte]).decode("cp1252", errors="replace")
    return f"line {line}, byte 0x{byte:02x} ({guess!r} in latin-1/cp1252?)"


MAX_FIELD = 10_000  # characters in one field; checked here, not left to the csv module's process-wide limit


def csv_rows(text: str, path: Path, max_rows: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (names stripped) and the (line number, fields) of each non-blank row of a CSV text; UsageError
    for a malformed file, a repeated column, a row with more fields than the header, a field over MAX_FIELD
    characters, or more than `max_rows` rows."""
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for fields in reader:
            if not any(f.strip() for f in fields):
                continue
            longest = max(map(len, fields), default=0)
            if longest > MAX_FIELD:
                raise UsageError(f"{path}, line {reader.line_num}: a field of {longest:,} characters "
                                 f"(at most {MAX_FIELD:,})")
            if header is None:
                header = [f.strip() for f in fields]
                continue
            if len(rows) == max_rows:
                raise UsageError(f"{path} has more than {max_rows:,} rows: split it")
            rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise UsageError(f"{path}, line {reader.line_num}: not a valid CSV file ({exc})") from None
    header = header or []
    repeated = sorted(name for name, n in Counter(header).items() if n > 1)
    if repeated:
        raise UsageError(f"{path}: column(s) {', '.join(repeated)} appear more than once")
    for line, fields in rows:
        if len(fields) > len(header):
            raise UsageError(f"{path}, line {line}: {len(fields)} fields but the header names {len(header)}")
    return header, rows
