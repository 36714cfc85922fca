"""A backtest run: samples, every method's scores, their metrics, and the files and table that show them."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from haven.backtest.attendance import AttendanceResult
from haven.backtest.fit import C, forward_predictions, leave_one_person_out, predict
from haven.backtest.grid import DEFAULT_EVERY, DEFAULT_HORIZON, Window, backtest_persons
from haven.backtest.metrics import LEVEL, roc_auc_interval, score_metrics
from haven.backtest.samples import build_samples
from haven.engine import METHOD_VERSION
from haven.knowledge import KnowledgeBase

# method -> (column, is a probability, what it is)
METHODS: dict[str, tuple[str, bool, str]] = {
    "current": ("current", True, "visit_likelihood of the engine as it stands (weights.VISIT)"),
    "fitted-forward": ("fitted-forward", True, "logistic fit on the samples observable by each as-of date"),
    "fitted-lopo": ("fitted-lopo", True, "logistic fit on every other person"),
    "icc-rule": ("icc-rule", False, "1 - obliged to arrest"),
    "prior-visits": ("prior-visits", False, "trips to the state in the two years before D"),
}
INTERVALS = ("fitted-forward", "fitted-lopo")  # the test results, pooled: how far chance alone could move them
SHIPPED = ("fitted-shipped", True, "coefficients in haven/engine/fitted.json (fitted on these samples: in-sample)")
SCOPES = {
    "all": "every sample of the grid",
    "forward": "only the samples a forward fit could score (the same rows for every method)",
}


@dataclass
class BacktestResult:
    samples: pd.DataFrame
    windows: dict[str, Window]
    metrics: dict
    every: timedelta
    horizon: timedelta
    data_version: str
    method_version: str = METHOD_VERSION
    methods: dict[str, tuple[str, bool, str]] = field(default_factory=lambda: dict(METHODS))
    attendance: AttendanceResult | None = None
    crowd: pd.DataFrame | None = None

    def figure(self, scope: str, who: str, method: str, metric: str):
        return self.metrics["scopes"][scope][who].get(method, {}).get(metric)


def _shipped_coefficients() -> dict | None:
    try:
        from haven.engine.calibration import visit_coefficients
        return visit_coefficients()
    except Exception:  # no fitted.json yet: the shipped fit is simply not shown
        return None


def _clean(value):
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def run_backtest(kb: KnowledgeBase, *, today: date, persons: list[str] | None = None, start: date | None = None,
                 end: date | None = None, every: timedelta = DEFAULT_EVERY, horizon: timedelta = DEFAULT_HORIZON,
                 progress: Callable[[str, int], Callable[[], None]] | None = None) -> BacktestResult:
    """Backtest every method on the grid. `progress(label, total)` returns a step function (for a progress bar)."""
    who = backtest_persons(kb, persons)
    step = progress("assessing", len(who)) if progress else None
    samples, windows = build_samples(kb, who, today=today, every=every, horizon=horizon, start=start, end=end,
                                     progress=(lambda _p: step() if step else None) if step else None)
    methods = dict(METHODS)
    if samples.empty:
        return BacktestResult(samples, windows, {"scopes": {}}, every, horizon, kb.version, methods=methods)
    dates = samples["date"].nunique()
    step = progress("fitting", dates) if progress else None
    samples["fitted-forward"] = forward_predictions(samples, horizon, C, step)
    samples["fitted-lopo"] = leave_one_person_out(samples, C)
    shipped = _shipped_coefficients()
    if shipped is not None:
        samples["fitted-shipped"] = predict(samples, shipped)
        methods["fitted-shipped"] = SHIPPED
    scopes = {"all": samples, "forward": samples[samples["fitted-forward"].notna()]}
    result = {}
    for scope, frame in scopes.items():
        groups = {"pooled": frame, **{p: g for p, g in frame.groupby("person", sort=False)}}
        result[scope] = {who_: {name: score_metrics(g, column, prob) for name, (column, prob, _) in methods.items()}
                         for who_, g in groups.items()}
        for name in INTERVALS:
            scored = frame[frame[name].notna()]
            found = roc_auc_interval(scored["label"], scored[name], scored["person"].astype(str) + "|" + scored["date"].astype(str))
            result[scope]["pooled"][name]["roc_auc_interval"] = None if found is None else list(found)
    metrics = {
        "method_version": METHOD_VERSION, "data_version": kb.version,
        "grid": {"every_days": every.days, "horizon_days": horizon.days, "today": today.isoformat()},
        "persons": {p: {"from": w.start.isoformat() if w.start else None, "to": w.end.isoformat() if w.end else None,
                        "ends_because": w.reason,
                        "dates": int(samples.loc[samples["person"] == p, "date"].nunique())}
                    for p, w in windows.items()},
        "methods": {name: description for name, (_, _, description) in methods.items()},
        "scopes_described": SCOPES,
        "shipped_coefficients": shipped,
        "scopes": result,
    }
    attendance, crowd = _events_sections(kb, today, persons, progress)
    metrics["attendance"] = attendance.metrics
    from haven.backtest.crowd import summary

    metrics["crowd"] = summary(crowd)
    return BacktestResult(samples, windows, _clean(metrics), every, horizon, kb.version, methods=methods,
                          attendance=attendance, crowd=crowd)


def _events_sections(kb: KnowledgeBase, today: date, persons: list[str] | None,
                     progress: Callable[[str, int], Callable[[], None]] | None):
    """The attendance backtest (every past event with a known outcome) and the crowd comparison."""
    from haven.backtest import attendance, crowd
    from haven.engine.forecast import attendance_coefficients
    from haven.errors import DataError

    try:
        shipped = attendance_coefficients()
    except DataError:  # no attendance fit shipped yet: the in-sample column is simply not shown
        shipped = None
    return attendance.run(kb, today=today, persons=persons, shipped=shipped, progress=progress), crowd.compare(kb)


# --- output -------------------------------------------------------------------------------------------------

def _fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}"


def table_rows(result: BacktestResult, scope: str) -> list[list[str]]:
    rows = []
    for who, by_method in result.metrics["scopes"].get(scope, {}).items():
        for name, m in by_method.items():
            if m["samples"] == 0:
                continue
            rows.append([who, name, str(m["dates"]), str(m["trips"]), _fmt(m["roc_auc"]), _fmt(m["average_precision"]),
                         _fmt(m["precision_at_5"]), _fmt(m["recall_at_10"]), _fmt(m["brier"]), _fmt(m["log_loss"])])
    return rows


def _span(interval) -> str:
    return "—" if not interval else f"{interval[0]:.3f}-{interval[1]:.3f}"


def print_report(result: BacktestResult, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    for scope, described in SCOPES.items():
        if scope not in result.metrics["scopes"]:
            continue
        pooled = result.metrics["scopes"][scope].get("pooled", {})
        spans = [f"{name} {_span(pooled[name].get('roc_auc_interval'))}" for name in INTERVALS if name in pooled]
        table = Table(title=f"Backtest ({scope}: {described})",
                      caption=f"method {result.method_version} · data {result.data_version} · every {result.every.days}d · "
                              f"horizon {result.horizon.days}d\npooled ROC AUC, {LEVEL:.0%} bootstrap interval: " + "; ".join(spans))
        for column in ("person", "method", "dates", "trips", "ROC AUC", "avg prec", "P@5", "R@10", "Brier", "log loss"):
            table.add_column(column, justify="left" if column in ("person", "method") else "right")
        previous = None
        for row in table_rows(result, scope):
            if previous is not None and row[0] != previous:
                table.add_section()
            previous = row[0]
            table.add_row(*row)
        console.print(table)


def print_events(result: BacktestResult, console=None) -> None:
    """The attendance section (per horizon and method) and haven beside the crowds."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    att = result.metrics.get("attendance") or {}
    for scope, described in (att.get("scopes_described") or {}).items():
        spans = [f"{h} days {_span(block.get('haven_forward_roc_auc_interval'))}" for h, block in att["scopes"][scope].items()]
        table = Table(title=f"Attendance ({scope}: {described})",
                      caption="in person (1) against video, representative or declined (0); the same rows for every method\n"
                              f"haven-forward ROC AUC, {LEVEL:.0%} bootstrap interval (events drawn whole): " + "; ".join(spans))
        for column in ("days ahead", "method", "events", "attended", "ROC AUC", "Brier", "log loss"):
            table.add_column(column, justify="left" if column == "method" else "right")
        for h, block in att["scopes"][scope].items():
            for name, m in block["methods"].items():
                table.add_row(h, name, str(m["samples"]), str(m["attended"]), _fmt(m["roc_auc"]), _fmt(m["brier"]),
                              _fmt(m["log_loss"]))
            table.add_section()
        console.print(table)
    crowd = result.metrics.get("crowd") or {}
    if crowd.get("rows"):
        table = Table(title="haven beside the crowds (Brier, same questions, same days)",
                      caption=f"mean Brier: crowd {_fmt(crowd['crowd_brier'])}, haven {_fmt(crowd['haven_brier'])} "
                              f"on {crowd['scored']} forecasts")
        for column in ("question", "day", "resolved", "crowd", "haven", "crowd Brier", "haven Brier"):
            table.add_column(column, justify="left" if column == "question" else "right")
        for r in crowd["rows"]:
            table.add_row(r["question"], r["on"], r["resolution"], _fmt(r["crowd"]), _fmt(r["haven"]),
                          _fmt(r["crowd_brier"]), _fmt(r["haven_brier"]))
        console.print(table)


OUTPUT_FILES = ("metrics.json", "samples.csv", "roc.png", "calibration.png", "attendance.csv",
                "attendance_reliability.png", "crowd.csv")


def check_folder(directory: Path) -> Path:
    """The output folder of a backtest: it may be new, but the folder it goes in must exist."""
    from haven.errors import OutputError
    from haven.outputs import check_target

    directory = Path(directory)
    if str(directory).strip() == "-":
        from haven.errors import UsageError

        raise UsageError("-o - is not a folder name: the backtest writes several files; name a folder")
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"cannot write into {directory}: it is a file, not a folder")
    if not directory.exists():
        check_target(directory)
    return directory


def write_outputs(result: BacktestResult, directory: Path) -> list[Path]:
    """metrics.json, samples.csv, roc.png and calibration.png in `directory` (created if its parent exists);
    all four are rendered first and renamed into place together."""
    from haven.errors import OutputError
    from haven.outputs import write_many

    directory = check_folder(directory)
    frame = result.samples.assign(date=result.samples["date"].astype("datetime64[ns]").dt.strftime("%Y-%m-%d"))
    attendance = result.attendance.samples if result.attendance is not None else pd.DataFrame()
    crowd = result.crowd if result.crowd is not None else pd.DataFrame()
    contents: list[str | bytes] = [
        json.dumps(result.metrics, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
        frame.to_csv(index=False, float_format="%.6g", lineterminator="\n"),
        plot_roc(result),
        plot_calibration(result),
        attendance.to_csv(index=False, float_format="%.6g", lineterminator="\n"),
        plot_reliability(result),
        crowd.to_csv(index=False, float_format="%.6g", lineterminator="\n"),
    ]
    try:
        directory.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {directory}: {(exc.strerror or str(exc)).lower()}") from None
    return write_many({directory / name: content for name, content in zip(OUTPUT_FILES, contents, strict=True)})


def _roc_points(labels: np.ndarray, scores: np.ndarray):
    from sklearn.metrics import roc_curve

    fpr, tpr, _ = roc_curve(labels, scores)
    return fpr, tpr


def plot_roc(result: BacktestResult) -> bytes:
    """ROC curves of every method, pooled and per person, as PNG."""
    from haven.outputs.figures import png, reproducible

    with reproducible():
        return png(_roc_figure(result), 110)


def _roc_figure(result: BacktestResult):
    from matplotlib.figure import Figure

    samples = result.samples
    panels = [("pooled, forward rows", samples[samples["fitted-forward"].notna()], "forward", "pooled")]
    panels += [(f"{p}, all rows", g, "all", str(p)) for p, g in samples.groupby("person", sort=False) if g["label"].nunique() == 2]
    columns = 3
    rows = math.ceil(len(panels) / columns)
    fig = Figure(figsize=(4.2 * columns, 4.0 * rows))
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, (title, frame, scope, who) in zip(axes.flat, panels, strict=False):
        for name, (column, _, _) in result.methods.items():
            part = frame[frame[column].notna()]
            if part["label"].nunique() < 2:
                continue
            fpr, tpr = _roc_points(part["label"].to_numpy(), part[column].to_numpy(dtype=float))
            auc = result.figure(scope, who, name, "roc_auc")
            ax.plot(fpr, tpr, label=f"{name} ({_fmt(auc)})", linewidth=1.3)
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=0.8)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("false positive rate")
        ax.set_ylabel("true positive rate")
        ax.legend(fontsize=7, loc="lower right")
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.suptitle(f"ROC: visited within {result.horizon.days} days · {result.method_version} · data {result.data_version}", fontsize=10)
    fig.tight_layout()
    return fig


def plot_calibration(result: BacktestResult) -> bytes:
    """Observed share against predicted likelihood, by decile, as PNG."""
    from matplotlib.figure import Figure

    from haven.outputs.figures import png, reproducible

    with reproducible():
        fig = Figure(figsize=(6, 6))
        ax = fig.subplots()
        _calibration(result, ax)
        fig.tight_layout()
        return png(fig, 110)


def plot_reliability(result: BacktestResult) -> bytes:
    """Attendance: the share attended against the forecast, by bin, for each horizon (scope all), as PNG."""
    from matplotlib.figure import Figure

    from haven.outputs.figures import png, reproducible

    with reproducible():
        fig = Figure(figsize=(6, 6))
        ax = fig.subplots()
        scopes = (result.metrics.get("attendance") or {}).get("scopes", {})
        for h, block in scopes.get("all", {}).items():
            rows = block.get("reliability") or []
            if rows:
                ax.plot([r["mean_forecast"] for r in rows], [r["attended"] for r in rows], marker="o",
                        label=f"{h} days ahead (n={sum(r['n'] for r in rows)})")
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=0.8)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("forecast chance of attending in person (bin mean)")
        ax.set_ylabel("share attended in person")
        ax.set_title(f"Attendance reliability, haven-forward · {result.method_version}", fontsize=10)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
        fig.tight_layout()
        return png(fig, 110)


def _calibration(result: BacktestResult, ax) -> None:
    for name, (_, probability, _) in result.methods.items():
        if not probability:
            continue
        scope = "forward" if name == "fitted-forward" else "all"
        table = result.metrics["scopes"][scope]["pooled"][name].get("calibration") or []
        if table:
            ax.plot([r["mean_predicted"] for r in table], [r["observed"] for r in table], marker="o", label=f"{name} ({scope})")
    ax.plot([0, 1], [0, 1], color="grey", linestyle=":", linewidth=0.8)
    ax.set_xscale("symlog", linthresh=0.01)
    ax.set_yscale("symlog", linthresh=0.01)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean predicted visit likelihood (decile)")
    ax.set_ylabel("share of states visited within the horizon")
    ax.set_title(f"Calibration, pooled · {result.method_version}", fontsize=10)
    ax.legend(fontsize=8)
