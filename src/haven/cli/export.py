"""`haven export ...`: the knowledge base in formats other tools read."""

from __future__ import annotations

import io
from typing import Annotated

import typer

from haven.cli.common import DataDirOption, OutputOption, as_of, knowledge_base
from haven.extras import require
from haven.outputs import choose, emit_text

app = typer.Typer(help="Export the knowledge base for other tools.", no_args_is_help=True)


@app.command("ftm")
def ftm(output: OutputOption = None,
        on: Annotated[str | None, typer.Option("--on", help="Only facts public by this date, citing only sources "
                                                               "published by then (default: every fact).")] = None,
        data_dir: DataDirOption = None) -> None:
    """Persons, arrest warrants, sanctions, memberships, trips and offices as FollowTheMoney entities (one JSON per line)."""
    day = as_of(on) if on is not None else None
    if output is not None:  # a bad date, name or path is reported before a missing library
        choose(None, output, ("jsonl", "json"), option=None)
    require("ftm", "haven export ftm")
    from haven.knowledge.ftm import (  # followthemoney loads only when asked for
        ftm_entities,
        write_lines,
    )

    kb = knowledge_base(data_dir)
    entities, left_out = ftm_entities(kb, day)
    text = io.StringIO()
    count = write_lines(entities, text)
    emit_text(text.getvalue(), output)
    note = f"; {left_out} facts left out: no source published by {on}" if left_out else ""
    typer.echo(f"{count} FtM entities from data {kb.version}{note}", err=True)
