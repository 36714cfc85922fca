"""Writing a table in the format a user asked for: a Rich table on the terminal, or CSV/JSON/Parquet/GeoJSON.

Files are written to a temporary name and renamed, so a failed write never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import pandas as pd

from haven.errors import HavenError

def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temp)` then move the result to `path`; on failure nothing is left at `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes files private; outputs are ordinary files
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda temp: temp.write_text(text, encoding="utf-8"))


def frame_to_text(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return json.dumps(json.loads(frame.to_json(orient="records", date_format="iso")), indent=2, ensure_ascii=False) + "\n"
    raise HavenError(f"format {fmt!r} cannot be written as text")


def print_table(frame: pd.DataFrame, title: str | None = None, caption: str | None = None) -> None:
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, caption=caption, show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if pd.isna(v) else str(v) for v in row))
    Console().print(table)


def emit(frame: pd.DataFrame, fmt: str, output: Path | None = None, *, title: str | None = None,
         caption: str | None = None, extra: dict[str, Callable[[pd.DataFrame, Path], None]] | None = None) -> None:
    """Show or write `frame`; `extra` maps further formats (geojson, parquet) to writers."""
    extra = extra or {}
    if fmt in extra:
        if output is None:
            raise HavenError(f"--format {fmt} needs an output file (-o FILE)")
        atomic_write(output, lambda temp: extra[fmt](frame, temp))
        return
    if fmt == "table":
        if output is not None:
            raise HavenError("--format table prints to the terminal; choose csv or json to write a file")
        print_table(frame, title, caption)
        return
    if fmt not in ("csv", "json"):
        raise HavenError(f"unknown format {fmt!r}")
    text = frame_to_text(frame, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)
