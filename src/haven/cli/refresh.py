"""`haven data init / refresh / review / snapshots`: keep a knowledge base of your own current.

init copies the bundled knowledge base to work on; refresh runs every configured importer (facts from official
lists are merged, proposals from news feeds are queued); review accepts or rejects the queued proposals, one by
one or by id; snapshots lists every file an importer read, so any state of the data can be rebuilt.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from haven.cli.common import TABLE_FORMATS, FormatOption, OutputOption
from haven.cli.imports import (
    DataDirOption,
    DryRunOption,
    ShowOption,
    print_outcome,
    steps,
)
from haven.errors import DataError, HavenError
from haven.importers import candidates as queue
from haven.importers import report, review, snapshots
from haven.importers.context import Context
from haven.importers.pipeline import destination, run
from haven.importers.refresh import configured
from haven.knowledge.schema import BUNDLED_DATA, DESCRIPTOR, tables
from haven.lazy import lazy
from haven.outputs import choose, emit_table

if TYPE_CHECKING:
    import pandas as pd
    from rich.panel import Panel
else:
    pd = lazy("pandas")

COPIED = ("README.md", DESCRIPTOR)


def register(data_app: typer.Typer) -> None:
    """Add the commands to `haven data`."""
    data_app.command("init")(init)
    data_app.command("refresh")(refresh)
    data_app.command("review")(review_command)
    data_app.command("snapshots")(snapshots_command)


def init(directory: Annotated[Path, typer.Argument(help="New folder for your own copy of the knowledge base.")]) -> None:
    """Copy the bundled knowledge base into a folder of your own, to import into and review."""
    if directory.exists() and any(directory.iterdir()):
        raise HavenError(f"{directory} exists and is not empty: choose a new folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name in [t.path for t in tables().values()] + list(COPIED):
            if (BUNDLED_DATA / name).exists():
                shutil.copyfile(BUNDLED_DATA / name, directory / name)
    except OSError as exc:
        raise DataError(f"cannot create {directory}: {exc.strerror or exc}") from None
    typer.echo(f"copied the knowledge base to {directory}; use it with --data-dir {directory} or "
               f"HAVEN_DATA_DIR={directory}, then: haven data refresh")


def refresh(
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, show: ShowOption = -1,
    only: Annotated[list[str] | None, typer.Option("--only", help="Run only this importer (repeatable).")] = None,
) -> None:
    """Run every configured importer: lists are merged into the tables, feed items queued for review."""
    directory = destination(data_dir, writing=not dry_run)
    feeds = [f for f in configured(directory) if not only or f.importer.name in only]
    unknown = sorted(set(only or []) - {f.importer.name for f in configured(directory)})
    if unknown:
        raise HavenError(f"--only {unknown[0]}: not a configured importer")
    failed = 0
    for feed in feeds:
        try:
            with steps() as progress:
                outcome = run(feed.importer, feed.urls, directory, dry_run=dry_run, options=feed.options,
                              steps=progress)
        except HavenError as exc:
            failed += 1
            typer.echo(f"{feed.importer.name}: {exc}", err=True)
            continue
        print_outcome(outcome, max(show, 0), dry_run)
    pending = sum(e.status == queue.PENDING for e in queue.load(directory or BUNDLED_DATA))
    if pending:
        typer.echo(f"{pending} candidate(s) wait for review: haven data review")
    if failed:
        raise typer.Exit(1)


def review_command(
    data_dir: DataDirOption = None,
    list_: Annotated[bool, typer.Option("--list", help="List the candidates waiting for review, and exit.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="With --list: decided candidates too.")] = False,
    accept: Annotated[list[str] | None, typer.Option("--accept", help="Accept this candidate (repeatable).")] = None,
    reject: Annotated[list[str] | None, typer.Option("--reject", help="Reject this candidate (repeatable).")] = None,
    sets: Annotated[list[str] | None,
                    typer.Option("--set", help="With one --accept: COLUMN=VALUE correcting the proposed row (repeatable).")] = None,
    reason: Annotated[str, typer.Option("--reason", help="With --reject: why, kept in the queue.")] = "",
    fmt: FormatOption = None, output: OutputOption = None,
) -> None:
    """Show each candidate with its source and accept or reject it (interactive, or by id for scripts)."""
    fmt = choose(fmt, output, TABLE_FORMATS)
    directory = destination(data_dir, writing=bool(accept or reject) or not list_)
    base = directory or BUNDLED_DATA
    if list_:
        _list(base, all_, fmt, output)
        return
    corrections = _corrections(sets or [], accept or [])
    if accept or reject:
        for cid in accept or []:
            _accepted(base, cid, corrections)
        for cid in reject or []:
            review.reject(base, cid, reason)
            typer.echo(f"rejected {cid}")
        return
    _interactive(base)


def _corrections(sets: list[str], accepted: list[str]) -> dict[str, str]:
    if sets and len(accepted) != 1:
        raise HavenError("--set corrects one candidate: give exactly one --accept with it")
    pairs = {}
    for item in sets:
        column, sep, value = item.partition("=")
        if not sep or not column:
            raise HavenError(f"--set {item!r}: use COLUMN=VALUE")
        pairs[column.strip()] = value
    return pairs


def _accepted(directory: Path, cid: str, sets: dict[str, str]) -> None:
    merged = review.accept(directory, cid, sets)
    typer.echo(f"accepted {cid}: " + "; ".join(report.table_line(d) for d in merged.diffs.values() if d.writes))


def _list(base: Path, everything: bool, fmt: str, output: Path | None) -> None:
    entries = [e for e in queue.load(base) if everything or e.status == queue.PENDING]
    frame = pd.DataFrame([{"id": e.id, "status": e.status, "importer": e.importer, "table": e.table,
                           "action": "update" if e.update else "add", "row": e.key, "reason": e.reason,
                           "evidence": e.evidence, "queued": e.queued} for e in entries],
                         columns=["id", "status", "importer", "table", "action", "row", "reason", "evidence", "queued"])
    if fmt == "table":  # the terminal has room for what to decide on, not for addresses and times
        frame = frame[["id", "status", "table", "action", "row", "reason"]]
    emit_table(frame, fmt, output, title=f"Candidates in {base}: {len(frame)}")


def _interactive(directory: Path) -> None:
    from rich.console import Console

    console = Console()
    pending = [e for e in queue.load(directory) if e.status == queue.PENDING]
    if not pending:
        typer.echo(f"no candidates wait for review in {directory}")
        return
    for number, entry in enumerate(pending, start=1):
        console.print(_panel(entry, Context.read(directory), number, len(pending)))
        choice = typer.prompt("accept, reject, skip or quit? [a/r/s/q]", default="s").strip().lower()[:1]
        if choice == "q":
            break
        if choice == "a":
            try:
                _accepted(directory, entry.id, {})
            except HavenError as exc:
                typer.echo(f"not accepted: {exc}", err=True)
        elif choice == "r":
            why = typer.prompt("why (optional)", default="", show_default=False)
            review.reject(directory, entry.id, why)
            typer.echo(f"rejected {entry.id}")


def _panel(entry: queue.Entry, context: Context, number: int, total: int) -> Panel:
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    try:
        row = review.proposed_row(entry, context, {})
    except HavenError:
        row = entry.row
    for column, value in row.items():
        if value:
            grid.add_row(column, value)
    for source in entry.sources:
        grid.add_row("source", f"{source['id']}: {source.get('publisher', '')}, {source.get('published', '')} "
                               f"- {source.get('title', '')} <{source.get('url', '')}>")
    action = "change" if entry.update else "add"
    title = f"[{number}/{total}] {entry.id}: {action} {entry.table} {entry.key} ({entry.importer})"
    return Panel(grid, title=title, subtitle=entry.reason)


def snapshots_command(
    data_dir: DataDirOption = None,
    importer: Annotated[str | None, typer.Option("--importer", help="Only the files this importer read.")] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Check that every stored file is there and matches its SHA-256.")] = False,
    fmt: FormatOption = None, output: OutputOption = None,
) -> None:
    """Every file an importer read: where from, when, its SHA-256 and where it is kept."""
    fmt = choose(fmt, output, TABLE_FORMATS)
    base = destination(data_dir, writing=False) or BUNDLED_DATA
    records = [r for r in snapshots.records(base) if importer in (None, r.importer)]
    if verify:
        problems = snapshots.verify(base)
        for problem in problems:
            typer.echo(problem)
        if problems:
            raise DataError(f"{len(problems)} snapshot problem(s) in {base}")
        typer.echo(f"ok: {len(records)} snapshot record(s) in {base} match their checksums", err=True)
        return
    frame = pd.DataFrame([r.row() for r in records], columns=list(snapshots.COLUMNS))
    emit_table(frame, fmt, output, title=f"Snapshots in {base}: {len(frame)}")
