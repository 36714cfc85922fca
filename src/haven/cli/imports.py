"""`haven import ...`: bring facts in from published sources, merged by key, never losing a row.

Every command takes a path or an http(s) URL, keeps what it read as a snapshot in the knowledge base, prints
what it would add, change and remove, and writes only with --data-dir or HAVEN_DATA_DIR (never into the
installed package). --dry-run prints the diff and writes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from haven.dates import parse_day
from haven.importers import report
from haven.importers.pipeline import Importer, Outcome, Tick, destination, run
from haven.importers.registry import IMPORTERS

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

app = typer.Typer(help="Bring facts in from published sources (merged by key; --dry-run shows the diff).",
                  no_args_is_help=True)

DataDirOption = Annotated[Path | None, typer.Option("--data-dir",
                                                    help="Knowledge base to write into (default: HAVEN_DATA_DIR; never the installed "
                                                         "package).")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")]
RemovalsOption = Annotated[bool,
                           typer.Option("--allow-removals", help="Remove rows the input speaks for but no longer lists (kept otherwise).")]
ShowOption = Annotated[int, typer.Option("--show",
                                         help="Rows of the diff to list per table and kind (default: 20 on a dry run, none otherwise).")]


class RichSteps:
    """Progress on stderr: a byte bar for downloads, a line for the other steps."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.current: TaskID | None = None

    def start(self, label: str, total: int | None = None) -> Tick:
        if self.current is not None:
            self.progress.update(self.current, visible=False)
        task = self.progress.add_task(label, total=total)
        self.current = task
        declared = total

        def update(done: int, total: int | None = None) -> None:
            self.progress.update(task, completed=done, total=total if total is not None else declared)

        return update


@contextmanager
def steps() -> Iterator[RichSteps]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        yield RichSteps(progress)


def execute(importer: Importer, locations: list[str], data_dir: Path | None, dry_run: bool, allow_removals: bool,
            show: int, options: dict[str, Any] | None = None) -> Outcome:
    """Run one importer from the command line and print its summary and diff."""
    directory = destination(data_dir, writing=not dry_run)
    with steps() as progress:
        outcome = run(importer, locations, directory, dry_run=dry_run, allow_removals=allow_removals,
                      options=options, steps=progress)
    print_outcome(outcome, show if show >= 0 else (20 if dry_run else 0), dry_run)
    return outcome


def print_outcome(outcome: Outcome, limit: int, dry_run: bool) -> None:
    for line in report.summary(outcome) + report.details(outcome, limit):
        typer.echo(line)
    if dry_run:
        typer.echo(f"dry run: nothing written (compared with {outcome.directory or 'the bundled data'})")
    elif outcome.written:
        typer.echo(f"written to {outcome.directory}")
    else:
        typer.echo(f"nothing to write: {outcome.directory} already holds all of it")
    sys.stdout.flush()


@app.command("unga-votes")
def unga_votes(
    location: Annotated[str,
                        typer.Argument(help="Path or URL of a per-country vote file (resolution,date,undl_record,title,ms_code,vote).")],
    concerns: Annotated[str, typer.Option(help="ISO3 code of the state the resolutions address.")] = "RUS",
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, allow_removals: RemovalsOption = False,
    show: ShowOption = -1,
) -> None:
    """General Assembly resolutions and every state's vote, citing the UN Digital Library records."""
    execute(IMPORTERS["unga-votes"], [location], data_dir, dry_run, allow_removals, show, {"concerns": concerns})


@app.command("unvotes")
def unvotes_command(
    votes: Annotated[str, typer.Argument(help="Votes file: rcid,country,country_code,vote (path or URL).")],
    roll_calls: Annotated[str, typer.Argument(help="Roll-call file: rcid,session,importantvote,date,unres,amend,para,short,descr.")],
    match: Annotated[str, typer.Option(help="Regular expression the resolution's title must match, e.g. Israel.")],
    concerns: Annotated[str, typer.Option(help="ISO3 code of the state the resolutions address.")],
    since: Annotated[str | None, typer.Option(help="Only roll calls on or after this date (YYYY-MM-DD).")] = None,
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, allow_removals: RemovalsOption = False,
    show: ShowOption = -1,
) -> None:
    """General Assembly roll calls on one state from the Voeten dataset (the unvotes package's files)."""
    options = {"match": match, "concerns": concerns, "since": parse_day(since) if since is not None else None}
    execute(IMPORTERS["unvotes"], [votes, roll_calls], data_dir, dry_run, allow_removals, show, options)


@app.command("opensanctions")
def opensanctions_command(
    locations: Annotated[list[str],
                         typer.Argument(help="Paths or URLs of OpenSanctions entities.ftm.json exports (one FtM entity per line; .gz "
                                             "accepted).")],
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, allow_removals: RemovalsOption = False,
    show: ShowOption = -1,
) -> None:
    """Sanctions on haven's persons and their states (asset freezes and entry bans apart) and missing Wikidata QIDs."""
    execute(IMPORTERS["opensanctions"], locations, data_dir, dry_run, allow_removals, show)


@app.command("ofac-sdn")
def ofac_sdn(
    location: Annotated[str, typer.Argument(help="Path or URL of OFAC's sdn.csv (.gz accepted).")] = (
        "https://www.treasury.gov/ofac/downloads/sdn.csv"),
    history: Annotated[str | None, typer.Option("--history",
                                                help="First-seen history of the list "
                                                     "(ent_num,name,sdn_type,program,title,first_seen_in_scrape,last_seen_in_scrape): "
                                                     "dates designations.")] = None,
    list_date: Annotated[str | None, typer.Option("--list-date",
                                                  help="Day the sdn.csv file was downloaded from OFAC, when it was not just now "
                                                       "(YYYY-MM-DD).")] = None,
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, allow_removals: RemovalsOption = False,
    show: ShowOption = -1,
) -> None:
    """US Treasury SDN designations of haven's persons (asset freezes), dated from a first-seen history."""
    options = {"list_date": parse_day(list_date) if list_date is not None else None}
    locations = [location] + ([history] if history else [])
    execute(IMPORTERS["ofac-sdn"], locations, data_dir, dry_run, allow_removals, show, options)


@app.command("icc-feed")
def icc_feed(
    locations: Annotated[list[str] | None,
                         typer.Argument(help="Paths or URLs of the ICC press-release feed (RSS 2.0); default: the Court's feed.")] = None,
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, show: ShowOption = -1,
) -> None:
    """Warrants made public and non-compliance findings in ICC press releases, queued for review (never written as facts)."""
    importer = IMPORTERS["icc-feed"]
    execute(importer, locations or list(importer.feeds), data_dir, dry_run, False, show)


@app.command("kremlin-trips")
def kremlin_trips(
    locations: Annotated[list[str] | None,
                         typer.Argument(help="Paths or URLs of the Kremlin's trips feed (Atom); default: en.kremlin.ru's.")] = None,
    person: Annotated[str, typer.Option("--person", help="Whose trips the feed lists (a person id).")] = "putin",
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, show: ShowOption = -1,
) -> None:
    """Foreign trips of the Russian president from the Kremlin's feed, queued for review (never written as facts)."""
    importer = IMPORTERS["kremlin-trips"]
    execute(importer, locations or list(importer.feeds), data_dir, dry_run, False, show, {"person": person})


@app.command("untc-rome")
def untc_rome(
    locations: Annotated[list[str],
                         typer.Argument(help="The UN Treaty Collection's list of depositary notifications for the Rome Statute, saved as "
                                             "HTML, or a CSV with reference,date,title[,url].")],
    data_dir: DataDirOption = None, dry_run: DryRunOption = False, show: ShowOption = -1,
) -> None:
    """Rome Statute accessions, withdrawals and revocations from UN depositary notifications, queued for review."""
    execute(IMPORTERS["untc-rome"], locations, data_dir, dry_run, False, show)
