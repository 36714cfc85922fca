"""`haven import ...`: refresh knowledge-base rows from published files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from haven.importers import unga, unvotes
from haven.importers.fetch import read_text
from haven.importers.writer import replace_rows
from haven.knowledge.schema import BUNDLED_DATA

app = typer.Typer(help="Refresh facts from published sources.", no_args_is_help=True)


@app.command("unga-votes")
def unga_votes(
    location: Annotated[str, typer.Argument(help="Path or URL of a per-country vote file (resolution,date,undl_record,title,ms_code,vote).")],
    concerns: Annotated[str, typer.Option(help="ISO3 code of the state the resolutions address.")] = "RUS",
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", help="Knowledge base to write into.")] = None,
) -> None:
    """Import General Assembly resolutions and every state's vote, citing the UN Digital Library records."""
    imported = unga.parse(read_text(location), concerns.upper(), date.today())
    counts = replace_rows(data_dir or BUNDLED_DATA, imported, unga.owns(imported))
    typer.echo(", ".join(f"{n} {table}" for table, n in counts.items()) + " written")


@app.command("unvotes")
def unvotes_command(
    votes: Annotated[str, typer.Argument(help="Votes file: rcid,country,country_code,vote (path or URL, .csv).")],
    roll_calls: Annotated[str, typer.Argument(help="Roll-call file: rcid,session,importantvote,date,unres,amend,para,short,descr.")],
    match: Annotated[str, typer.Option(help="Regular expression the resolution's title must match, e.g. Israel.")],
    concerns: Annotated[str, typer.Option(help="ISO3 code of the state the resolutions address.")],
    since: Annotated[Optional[str], typer.Option(help="Only roll calls on or after this date.")] = None,
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", help="Knowledge base to write into.")] = None,
) -> None:
    """Import General Assembly roll calls on one state from the Voeten dataset (the unvotes package's files)."""
    from haven.dates import parse_day

    imported, skipped = unvotes.parse(read_text(votes), read_text(roll_calls), match, concerns.upper(), date.today(),
                                      parse_day(since) if since else None)
    counts = replace_rows(data_dir or BUNDLED_DATA, imported, unga.owns(imported))
    typer.echo(", ".join(f"{n} {table}" for table, n in counts.items()) + " written; skipped: "
               + ", ".join(f"{n} {why}" for why, n in skipped.items()))
