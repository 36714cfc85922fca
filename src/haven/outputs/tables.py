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


def print_table(frame: pd.DataFrame, title: str | None = None, caption: str | None = None) -> None:
    """A Rich table on the terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, caption=caption, show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if pd.isna(v) else str(v) for v in row))
    Console().print(table)
