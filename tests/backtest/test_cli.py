"""`haven backtest` and `haven model fit` from the command line, on a small world."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from haven.cli import common
from haven.cli.app import app
from tests.backtest.test_units import small_world


def run(args, world, tmp_path, monkeypatch):
    directory = world.write(tmp_path / "kb")
    monkeypatch.setenv("HAVEN_DATA_DIR", str(directory))
    monkeypatch.setenv("COLUMNS", "200")
    common._loaded.clear()
    try:
        return CliRunner().invoke(app, args)
    finally:
        common._loaded.clear()


def test_backtest_prints_a_table_and_writes_metrics_and_plots(world, tmp_path, monkeypatch):
    small_world(world)
    for day in ("2023-04-10", "2023-06-01", "2024-01-10", "2024-03-01", "2025-02-01", "2025-05-01"):
        world.add("visits", person="wanted", country="BLR", kind="summit", start=day)
        world.add("visits", person="wanted", country="PRK", kind="visit", start=day)
    out = tmp_path / "out"
    result = run(["backtest", "--today", "2026-11-25", "--every", "60d", "-o", str(out)], world, tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Backtest" in result.output and "icc-rule" in result.output and "prior-visits" in result.output
    metrics = json.loads((out / "metrics.json").read_text())
    pooled = metrics["scopes"]["all"]["pooled"]
    assert set(pooled) >= {"current", "icc-rule", "prior-visits", "fitted-lopo", "fitted-forward"}
    assert pooled["current"]["trips"] > 0 and 0 <= pooled["current"]["roc_auc"] <= 1
    assert pooled["icc-rule"]["brier"] is None and len(pooled["current"]["calibration"]) >= 1
    low, high = pooled["fitted-forward"]["roc_auc_interval"]
    assert low <= pooled["fitted-forward"]["roc_auc"] <= high and "bootstrap interval" in result.output
    assert pooled["fitted-lopo"]["roc_auc_interval"] is None  # one person: nobody else to fit on
    assert metrics["persons"]["wanted"]["from"] == "2023-03-17"
    for name in ("roc.png", "calibration.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "samples.csv").read_text().startswith("person,date,iso3,label")


def test_backtest_without_anyone_to_test_says_so(world, tmp_path, monkeypatch):
    result = run(["backtest", "--today", "2026-11-25"], world, tmp_path, monkeypatch)
    assert result.exit_code != 0


def test_model_fit_writes_the_same_file_twice(world, tmp_path, monkeypatch):
    small_world(world)
    for day in ("2023-04-10", "2023-06-01", "2023-09-10", "2024-01-10", "2024-03-01", "2024-06-01", "2025-02-01"):
        for country in ("BLR", "PRK", "CHN", "IND"):
            world.add("visits", person="wanted", country=country, kind="summit", start=day)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        result = run(["model", "fit", "--to", "2025-06-01", "--every", "30d", "-o", str(path), "--today", "2026-11-25"],
                     world, tmp_path, monkeypatch)
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    fitted = json.loads(first.read_text())
    assert fitted["grid"]["to"] <= "2025-06-01" and set(fitted["coefficients"]) == {"intercept", *fitted["features"]}
    assert "reproduce: haven model fit --to" in result.output
