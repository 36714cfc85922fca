"""Reproducible outputs: the same inputs give the same bytes, in another process and whatever fonts or
matplotlib settings the machine has; the fit's version changes only with the method."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import matplotlib
import pytest

from haven.engine import calibration
from haven.outputs.figures import TYPEFACE, typeface_file
from tests.maps.conftest import wanted_world

RENDER = """
import sys
from datetime import date
from pathlib import Path
from haven.knowledge import load
from haven.maps import render_map
from haven.persons import find_person
kb = load(Path(sys.argv[1]), use_cache=False)
for name in sys.argv[2:]:
    render_map(find_person(kb, "wanted"), date(2024, 7, 1), kb, Path(name), visits_since=date(2024, 1, 1), width_px=600)
"""


def _render(kb_dir: Path, targets: list[Path]) -> None:
    result = subprocess.run([sys.executable, "-c", RENDER, str(kb_dir), *map(str, targets)], capture_output=True,
                            text=True, timeout=300, check=False, env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.returncode == 0, result.stderr


def test_the_typeface_is_matplotlibs_own_dejavu_sans():
    for weight in ("normal", "bold"):
        path = typeface_file(weight)
        assert Path(matplotlib.get_data_path()) in path.parents and path.name.startswith("DejaVuSans")


def test_maps_are_byte_identical_across_processes_and_user_settings(tmp_path):
    kb_dir = wanted_world().write(tmp_path / "kb")
    first = [tmp_path / f"a.{ext}" for ext in ("png", "svg", "pdf")]
    second = [tmp_path / f"b.{ext}" for ext in ("png", "svg", "pdf")]
    _render(kb_dir, first)
    from haven.knowledge import load
    from haven.maps import render_map
    from haven.persons import find_person

    kb = load(kb_dir, use_cache=False)
    settings = {"font.family": "serif", "font.serif": ["Liberation Serif"], "font.sans-serif": ["Liberation Sans"],
                "svg.hashsalt": None, "lines.linewidth": 4.0, "text.color": "red"}
    with matplotlib.rc_context(settings):  # what a user's matplotlibrc might say: it must not leak in
        for target in second:
            render_map(find_person(kb, "wanted"), date(2024, 7, 1), kb, target, visits_since=date(2024, 1, 1), width_px=600)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.suffix
    svg = first[1].read_text(encoding="utf-8")
    assert f"font-family: '{TYPEFACE}'" in svg or f'font-family="{TYPEFACE}"' in svg or TYPEFACE in svg
    assert "Liberation" not in svg and "<dc:date>" not in svg
    pdf = first[2].read_bytes()
    assert b"DejaVuSans" in pdf and b"CreationDate" not in pdf and b"Liberation" not in pdf


def test_the_fit_version_depends_on_the_method_only():
    shipped = calibration.fitted()
    assert calibration.fitted_version() == shipped["version"] == calibration.version_of(shipped)
    provenance = {**shipped, "grid": {**shipped["grid"], "to": "2099-01-01"}, "data_version": "another",
                  "persons": {}, "metrics": {}}
    assert calibration.version_of(provenance) == shipped["version"]
    changed = {**shipped, "coefficients": {**shipped["coefficients"], "ties": shipped["coefficients"]["ties"] + 0.0001}}
    assert calibration.version_of(changed) != shipped["version"]


def test_model_fit_on_another_day_keeps_the_version(world, tmp_path, monkeypatch, capsys):
    """A fit that ends at today - horizon and one run later with the same --to differ in their provenance (why
    the window ends) but not in their coefficients, so they must share the fit version and the method version."""
    from haven.cli import common, main
    from tests.backtest.test_units import small_world

    small_world(world)
    for day in ("2023-04-10", "2023-06-01", "2023-09-10", "2024-01-10", "2024-03-01", "2024-06-01", "2025-02-01"):
        for country in ("BLR", "PRK", "CHN", "IND"):
            world.add("visits", person="wanted", country=country, kind="summit", start=day)
    monkeypatch.setenv("HAVEN_DATA_DIR", str(world.write(tmp_path / "kb")))
    common._loaded.clear()
    runs = {"a.json": ["--today", "2026-06-01"], "b.json": ["--to", "2025-06-01", "--today", "2027-01-01"]}
    try:
        for name, args in runs.items():
            with pytest.raises(SystemExit) as exit:
                main(["model", "fit", "--every", "30d", *args, "-o", str(tmp_path / name)])
            assert exit.value.code == 0, capsys.readouterr().err
    finally:
        common._loaded.clear()
    one, two = (json.loads((tmp_path / name).read_text()) for name in runs)
    assert one["grid"] == two["grid"] and one["persons"] != two["persons"]  # the same window, told differently
    assert one["coefficients"] == two["coefficients"]
    assert one["version"] == two["version"] == calibration.version_of(one)
