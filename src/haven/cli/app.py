"""Entry point: the Typer app, its sub-commands, and the one place failures become a line and an exit code.

Adding a command: write it in a module of this package with the shared arguments and options of
`haven.cli.common` (PersonArgument, OnOption, OutputOption, `format_option(...)`), let
`haven.outputs.choose` pick its format and `emit_table` / `emit_text` / `emit_figure` write it, and register
it here (a sub-command group: `app.add_typer(group, name=...)`; a view's commands: the loop below).

Errors: raise a `haven.errors` exception and let it travel up; never print and exit yourself. `UsageError`,
`BadDate`, `UnknownPerson`, `UnknownCountry` (or any HavenError) mean the input was wrong: one line on stderr,
exit code 2. `DataError`, `OutputError`, `NoResult` mean the work failed: one line, exit code 1. The
framework's own usage errors (unknown option, missing argument, a value of the wrong type) are rewritten
by `haven.cli.usage` into one line naming what is accepted, exit code 2. Anything else is a bug: one line,
exit code 1, and the traceback only with --debug.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from typing import Annotated

import typer

from haven import __version__
from haven.cli import data as data_commands
from haven.cli import engine as engine_commands
from haven.cli import export as export_commands
from haven.cli import imports as import_commands
from haven.cli import refresh as refresh_commands
from haven.cli import upkeep as upkeep_commands
from haven.cli.common import (
    TABLE_FORMATS,
    FormatOption,
    OnOption,
    OutputOption,
    as_of,
    knowledge_base,
)
from haven.cli.usage import is_help_request, is_usage_error, one_line
from haven.errors import HavenError
from haven.outputs import choose, emit_table

DEBUG = "--debug"

app = typer.Typer(
    name="haven",
    help="Where can a wanted or sanctioned leader still travel, on a given date, and why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(data_commands.app, name="data")
app.add_typer(import_commands.app, name="import")
refresh_commands.register(data_commands.app)
upkeep_commands.register(data_commands.app)
app.add_typer(export_commands.app, name="export")
engine_commands.register(app)
for _name in ("maps", "briefs", "web", "site", "routes", "backtest", "forecast"):
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
    version: Annotated[bool | None, typer.Option("--version", callback=_show_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
    debug: Annotated[bool,
                     typer.Option(DEBUG, help="On a failure, print the Python traceback too (may be given anywhere on the line).")] = False,
) -> None:
    """haven answers: where can this person still travel on this date, and why."""


@app.command()
def persons(on: OnOption = None, fmt: FormatOption = None, output: OutputOption = None) -> None:
    """List the persons in the knowledge base, with each one's status on a date (at large, in custody, ...)."""
    from haven.engine import persons_frame

    chosen = choose(fmt, output, TABLE_FORMATS)
    kb = knowledge_base()
    day = as_of(on)
    emit_table(persons_frame(kb, day), chosen, output, title=f"Persons on {day}", caption=f"data {kb.version}")


def _split_debug(args: list[str]) -> tuple[list[str], bool]:
    """--debug may stand anywhere before a `--`; it is taken out so that every command accepts it."""
    end = args.index("--") if "--" in args else len(args)
    kept = [a for a in args[:end] if a != DEBUG] + args[end:]
    return kept, len(kept) != len(args)


_RUN = re.compile(r"\S{201,}")  # a word this long is an echoed input (a 100k-character date, say), not prose


def _shorten(match: re.Match[str]) -> str:
    word = match.group(0)
    return f"{word[:60]}…{word[-20:]} ({len(word)} characters)"


def readable(line: str) -> str:
    """One line fit for a terminal: whitespace collapsed, control and invisible characters shown as escapes
    (a NUL byte, a zero-width space), and any echoed input longer than 200 characters cut in the middle."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in " ".join(line.split()))
    return _RUN.sub(_shorten, shown)


def _say(line: str) -> None:
    typer.echo(f"error: {readable(line)}", err=True)


def exit_code(exc: BaseException, args: list[str], debug: bool) -> int:
    """Report `exc` (one line on stderr, the traceback too with --debug) and return the exit code."""
    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, (typer.Abort, KeyboardInterrupt)):
        typer.echo("aborted", err=True)
        return 130
    if isinstance(exc, BrokenPipeError):  # the reader (head, less) went away: nothing left to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, HavenError):
        _say(str(exc))
        return exc.exit_code
    if is_help_request(exc):
        text = exc.ctx.get_help()  # type: ignore[attr-defined]  # Rich help prints itself and returns ""
        if text:
            typer.echo(text, err=True)
        return 2
    if is_usage_error(exc):
        _say(one_line(exc, args))
        return 2
    if isinstance(exc, typer.TyperException):
        _say(exc.format_message())
        return exc.exit_code
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        _say(f"{(exc.strerror or str(exc)).lower()}{where}")
        return 1
    _say(f"internal error, {type(exc).__name__}: {exc} (please report it; --debug shows the traceback)")
    return 1


def main(argv: list[str] | None = None) -> None:
    args, debug = _split_debug(list(sys.argv[1:] if argv is None else argv))
    try:
        result = app(args=args, prog_name="haven", standalone_mode=False)
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - the one place every failure becomes a line and a code
        sys.exit(exit_code(exc, args, debug))
    sys.exit(result if isinstance(result, int) else 0)
