"""Entry point: the Typer app, its sub-commands, and the one place errors become a line and an exit code."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from haven import __version__
from haven.cli import data as data_commands
from haven.cli import engine as engine_commands
from haven.cli import imports as import_commands
from haven.cli.common import FormatOption, OutputOption, knowledge_base
from haven.cli.output import emit
from haven.errors import HavenError
from haven.persons import all_persons

app = typer.Typer(
    name="haven",
    help="Where can a wanted or sanctioned leader still travel, on a given date, and why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(data_commands.app, name="data")
app.add_typer(import_commands.app, name="import")
engine_commands.register(app)
for _name in ("maps", "briefs", "web", "site", "routes", "backtest"):
    # each view registers its own commands; a view still being built is simply absent
    try:
        __import__(f"haven.cli.{_name}", fromlist=["register"]).register(app)
    except ModuleNotFoundError as exc:
        if exc.name != f"haven.cli.{_name}":
            raise


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"haven {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Optional[bool] = typer.Option(None, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """haven answers: where can this person still travel on this date, and why."""


@app.command()
def persons(fmt: FormatOption = "table", output: OutputOption = None) -> None:
    """List the persons in the knowledge base."""
    kb = knowledge_base()
    frame = kb.table("persons")[["id", "qid", "name", "home", "title", "aliases"]]
    emit(frame, fmt, output, title="Persons", caption=f"data {kb.version}")


def main() -> None:
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except HavenError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
