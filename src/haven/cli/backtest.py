"""`haven backtest` and `haven model fit`: the predictions against the trips people really made."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from haven.cli.common import knowledge_base
from haven.cli.output import write_text
from haven.dates import parse_day, parse_period
from haven.errors import HavenError

model_app = typer.Typer(help="The fitted parts of the method.", no_args_is_help=True)

PersonOption = Annotated[Optional[list[str]], typer.Option("--person", "-p", help="Person (repeatable); default: every person under an ICC warrant with recorded trips.")]
FromOption = Annotated[Optional[str], typer.Option("--from", help="First as-of date, YYYY-MM-DD (default: the warrant's public date).")]
ToOption = Annotated[Optional[str], typer.Option("--to", help="Last as-of date, YYYY-MM-DD (default: today minus the horizon).")]
EveryOption = Annotated[str, typer.Option("--every", help="Step between as-of dates, e.g. 90d.")]
HorizonOption = Annotated[str, typer.Option("--horizon", help="A trip counts if it begins within this after the as-of date.")]


def register(app: typer.Typer) -> None:
    app.command()(backtest)
    model_app.command("fit")(fit)
    app.add_typer(model_app, name="model")


def _progress_bar():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True)


def _steps(bar) -> Callable[[str, int], Callable[[], None]]:
    def start(label: str, total: int) -> Callable[[], None]:
        task = bar.add_task(label, total=total)
        return lambda: bar.advance(task)

    return start


def backtest(person: PersonOption = None, start: FromOption = None, end: ToOption = None,
             every: EveryOption = "90d", horizon: HorizonOption = "365d",
             output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Directory for metrics.json, samples.csv and the plots.")] = None,
             today: Annotated[Optional[str], typer.Option("--today", help="Pretend today is this date (reproducible runs).")] = None) -> None:
    """Score the method and the baselines against the trips each wanted person really made."""
    from haven.backtest.report import print_report, run_backtest, write_outputs

    kb = knowledge_base()
    with _progress_bar() as bar:
        result = run_backtest(kb, today=parse_day(today, default=date.today()), persons=person or None,
                              start=parse_day(start) if start else None, end=parse_day(end) if end else None,
                              every=parse_period(every), horizon=parse_period(horizon), progress=_steps(bar))
    if result.samples.empty:
        raise HavenError("no as-of dates: no person under a public ICC warrant in the chosen window")
    print_report(result)
    if output is not None:
        for path in write_outputs(result, output):
            typer.echo(f"wrote {path}")


def fit(person: PersonOption = None, end: ToOption = None, every: EveryOption = "90d", horizon: HorizonOption = "365d",
        output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of haven/engine/fitted.json.")] = None,
        today: Annotated[Optional[str], typer.Option("--today", help="Pretend today is this date.")] = None) -> None:
    """Fit the coefficients of visit_likelihood on the trips ledger and write haven/engine/fitted.json."""
    from haven.backtest.fit import FITTED_PATH, fit_model, to_json

    kb = knowledge_base()
    fitted = fit_model(kb, today=parse_day(today, default=date.today()), to=parse_day(end) if end else None,
                       every=parse_period(every), horizon=parse_period(horizon), persons=person or None)
    path = output or FITTED_PATH
    write_text(path, to_json(fitted))
    forward = fitted["metrics"]["forward"]["pooled"]
    lopo = fitted["metrics"]["leave_one_person_out"]["pooled"]
    typer.echo(f"wrote {path}: {fitted['version']}")
    typer.echo("coefficients: " + ", ".join(f"{k} {v:+.4f}" for k, v in fitted["coefficients"].items()))
    typer.echo(f"out of sample, pooled: forward ROC AUC {forward['roc_auc']}, leave-one-person-out ROC AUC {lopo['roc_auc']}")
    typer.echo(f"reproduce: haven model fit --to {fitted['grid']['to']} --every {every} --horizon {horizon}")
