"""Table writers (a pandas DataFrame in, the file's content out) and the terminal table."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd


def csv(frame: pd.DataFrame, meta: dict[str, Any]) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def records(frame: pd.DataFrame, meta: dict[str, Any]) -> str:
    """A JSON array with one object per row (dates as ISO 8601)."""
    rows = json.loads(frame.to_json(orient="records", date_format="iso"))
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def parquet(frame: pd.DataFrame, meta: dict[str, Any]) -> bytes:
    """Parquet with `meta` as JSON under the schema metadata key "haven"."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), b"haven": json.dumps(meta, default=str).encode()}
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer)
    return buffer.getvalue()


SHORT = 12  # a cell up to this long is kept whole, where the width allows
FOLDED = 60  # room for the long text that folds, in a file or a pipe


def print_table(frame: pd.DataFrame, title: str | None = None, caption: str | None = None,
                terminal: list[str] | None = None) -> None:
    """A Rich table on the terminal; with `terminal`, only those columns (the others are named in the caption)."""
    from rich.console import Console
    from rich.table import Table

    if terminal is not None:
        left = [str(c) for c in frame.columns if c not in terminal]
        frame = frame[[c for c in terminal if c in frame.columns]]
        if left:
            more = f"not shown: {', '.join(left)} (--format csv or json)"
            caption = f"{caption} · {more}" if caption else more
    table = Table(title=title, caption=caption, show_lines=False)
    cells = [["" if pd.isna(v) else str(v) for v in frame[column]] for column in frame.columns]
    widths = [min(max(map(len, values), default=0), SHORT) for values in cells]
    console = Console()
    needed = sum(widths) + 3 * len(widths) + 1 + (FOLDED if any(len(v) > SHORT for c in cells for v in c) else 0)
    if needed > console.width:
        if console.is_terminal:  # a narrow window: everything may fold
            widths = [0] * len(widths)
        else:  # a file or a pipe: wider lines rather than codes, dates and numbers cut in two
            console = Console(width=needed)
    for column, width in zip(frame.columns, widths, strict=True):
        table.add_column(str(column), overflow="fold", min_width=width or None)
    for row in zip(*cells, strict=True) if cells else ():
        table.add_row(*row)
    console.print(table)
