"""`haven backtest` and `haven model fit`: the predictions against the trips people really made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from haven.cli.common import knowledge_base, window
from haven.dates import parse_day, parse_period
from haven.errors import NoResult
from haven.outputs import check_target, choose, write_text

model_app = typer.Typer(help="The fitted parts of the method.", no_args_is_help=True)

PersonOption = Annotated[list[str] | None, typer.Option("--person", "-p",
                                                        help="Person (repeatable); default: every person under an ICC warrant with "
                                                             "recorded trips.")]
FromOption = Annotated[str | None, typer.Option("--from", help="First as-of date, YYYY-MM-DD (default: the warrant's public date).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last as-of date, YYYY-MM-DD (default: today minus the horizon).")]
EveryOption = Annotated[str, typer.Option("--every", help="Step between as-of dates, e.g. 90d.")]
HorizonOption = Annotated[str, typer.Option("--horizon", help="A trip counts if it begins within this after the as-of date.")]


def register(app: typer.Typer) -> None:
    app.command()(backtest)
    model_app.command("fit")(fit)
    app.add_typer(model_app, name="model")


def _progress_bar():
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True)


def _steps(bar) -> Callable[[str, int], Callable[[], None]]:
    def start(label: str, total: int) -> Callable[[], None]:
        task = bar.add_task(label, total=total)
        return lambda: bar.advance(task)

    return start


def backtest(person: PersonOption = None, start: FromOption = None, end: ToOption = None,
             every: EveryOption = "90d", horizon: HorizonOption = "365d",
             output: Annotated[Path | None,
                               typer.Option("--output", "-o", help="Directory for metrics.json, samples.csv and the plots.")] = None,
             today: Annotated[str | None,
                              typer.Option("--today", help="Pretend today is this date, YYYY-MM-DD (reproducible runs).")] = None) -> None:
    """Score the method and the baselines against the trips each wanted person really made."""
    from haven.backtest.report import (
        check_folder,
        print_events,
        print_report,
        run_backtest,
        write_outputs,
    )

    first, last = window(start, end)
    step, ahead, now = parse_period(every), parse_period(horizon), parse_day(today, default=date.today())
    if output is not None:
        check_folder(output)
    kb = knowledge_base()
    with _progress_bar() as bar:
        result = run_backtest(kb, today=now, persons=person or None, start=first, end=last,
                              every=step, horizon=ahead, progress=_steps(bar))
    if result.samples.empty:
        raise NoResult("no as-of dates: no person under a public ICC warrant in the chosen window")
    print_report(result)
    print_events(result)
    if output is not None:
        for path in write_outputs(result, output):
            typer.echo(f"wrote {path}")


def fit(person: PersonOption = None, end: ToOption = None, every: EveryOption = "90d", horizon: HorizonOption = "365d",
        output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of haven/engine/fitted.json.")] = None,
        today: Annotated[str | None, typer.Option("--today", help="Pretend today is this date, YYYY-MM-DD.")] = None) -> None:
    """Fit the coefficients of visit_likelihood on the trips ledger and write haven/engine/fitted.json.

    The same data and options give the same file and the same method version, whatever the day it is run."""
    from haven.backtest.fit import FITTED_PATH, fit_model, to_json

    _, last = window(None, end)
    step, ahead, now = parse_period(every), parse_period(horizon), parse_day(today, default=date.today())
    path = output or FITTED_PATH
    if output is not None:
        choose(None, output, ("json",), option=None)
    check_target(path)
    kb = knowledge_base()
    fitted = fit_model(kb, today=now, to=last, every=step, horizon=ahead, persons=person or None)
    write_text(path, to_json(fitted))
    forward = fitted["metrics"]["forward"]["pooled"]
    lopo = fitted["metrics"]["leave_one_person_out"]["pooled"]
    typer.echo(f"wrote {path}: {fitted['version']}")
    typer.echo("coefficients: " + ", ".join(f"{k} {v:+.4f}" for k, v in fitted["coefficients"].items()))
    typer.echo(f"out of sample, pooled: forward ROC AUC {forward['roc_auc']}, leave-one-person-out ROC AUC {lopo['roc_auc']}")
    typer.echo(f"reproduce: haven model fit --to {fitted['grid']['to']} --every {every} --horizon {horizon} --today {now}")
