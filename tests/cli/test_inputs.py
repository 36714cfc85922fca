"""Inputs refused the same way everywhere (CLI, Python API, web API), runs with no answer, and caches that heal."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest
from fastapi.testclient import TestClient
from matplotlib.figure import Figure

import haven
from haven.dates import DATE_RANGE, EARLIEST, LATEST, parse_day
from haven.errors import BadDate, UnknownPerson
from haven.web import Settings, create_app
from tests.maps.conftest import wanted_world


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory):
    return wanted_world().write(tmp_path_factory.mktemp("kb"))


@pytest.mark.parametrize("value", ["1800-01-01", "2999-01-01", "1899-12-31", "2101-01-01", date(1800, 1, 1)])
def test_the_date_range_is_one_declaration(value):
    assert (EARLIEST, LATEST) == (date(1900, 1, 1), date(2100, 12, 31)) and DATE_RANGE == "1900-01-01 to 2100-12-31"
    with pytest.raises(BadDate, match="out of range: use a date from 1900-01-01 to 2100-12-31"):
        parse_day(value)
    assert parse_day("1900-01-01") == EARLIEST and parse_day("2100-12-31") == LATEST


@pytest.mark.parametrize("value", ["20240624", "2024-W26-1", "2024-6-24", "٢٠٢٤-٠٦-٢٤", "2024-06-24T00:00"])
def test_only_iso_calendar_dates_are_read(value):
    with pytest.raises(BadDate, match="bad date"):
        parse_day(value)


def test_the_python_api_refuses_blank_persons_and_dates_out_of_range(kb_dir):
    from haven.knowledge import load

    kb = load(kb_dir, use_cache=False)
    for blank in ("", "   ", "\t"):
        with pytest.raises(UnknownPerson, match="a person is required"):
            haven.assess(blank, on="2024-06-24", kb=kb)
    for day in ("1800-01-01", "2999-01-01", date(2999, 1, 1)):
        with pytest.raises(BadDate, match="out of range"):
            haven.assess("wanted", on=day, kb=kb)
    with pytest.raises(BadDate, match="out of range"):
        haven.facts("memberships", on="1800-01-01", kb=kb)
    assert haven.assess("wanted", on="2024-06-24", kb=kb).person.id == "wanted"


def test_the_web_api_uses_the_same_range_and_documents_it(kb_dir):
    client = TestClient(create_app(Settings(data_dir=kb_dir, today=date(2025, 1, 1))))
    for day in ("1800-01-01", "2999-01-01"):
        response = client.get("/api/assess", params={"person": "wanted", "on": day})
        assert response.status_code == 400 and "1900-01-01 to 2100-12-31" in response.text
    assert client.get("/api/assess", params={"person": "   "}).status_code in (400, 404, 422)
    schema = client.get("/openapi.json").json()
    on = next(p for p in schema["paths"]["/api/assess"]["get"]["parameters"] if p["name"] == "on")
    assert DATE_RANGE in on["description"]


def test_no_route_is_a_failure_not_an_answer(haven_real):
    code, out, err = haven_real("route", "putin", "AND", "--on", "2024-06-24", "--grid-km", "80")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no route for Vladimir Putin on 2024-06-24")
    assert "Andorra" in lines[0] and "closed" in lines[0]


@pytest.fixture
def haven_real(monkeypatch, capsys):
    """The CLI on the bundled knowledge base."""
    from haven.cli import common, main

    monkeypatch.delenv("HAVEN_DATA_DIR", raising=False)
    common._loaded.clear()

    def run(*args):
        try:
            main(list(args))
        except SystemExit as exit:
            out = capsys.readouterr()
            return exit.code, out.out, out.err
        raise AssertionError("main() must exit")

    yield run
    common._loaded.clear()


def test_the_legend_names_a_place_without_an_airport_by_name():
    from haven.maps.route_layers import RouteLine

    svo = SimpleNamespace(code="SVO", name="Sheremetyevo", lon=37.4, lat=55.9)
    andorra = SimpleNamespace(code="", name="Andorra la Vella", lon=1.5, lat=42.5)
    ax = Figure().add_subplot()
    found = SimpleNamespace(origin=svo, destination=andorra, fuel_stop=None, legs=[], found=True, distance_km=3456.4)
    (_, label), = RouteLine(found).draw(ax, SimpleNamespace(scale=1.0))
    assert label == "Flight path SVO – Andorra la Vella, 3,456 km"
    missing = SimpleNamespace(**{**vars(found), "found": False})
    (_, label), = RouteLine(missing).draw(ax, SimpleNamespace(scale=1.0))
    assert label == "No flight path SVO – Andorra la Vella without closed airspace"


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 not a zip at all", b"\x93NUMPY garbage"])
def test_a_damaged_route_cache_is_discarded_and_rebuilt(tmp_path, monkeypatch, capsys, damage):
    from haven.routes import grid

    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path))
    spacing = 900.0
    path = grid._cache_path(grid.nodes_for_spacing(spacing))
    path.parent.mkdir(parents=True, exist_ok=True)
    grid.world_grid.cache_clear()
    try:
        fresh = grid.world_grid(spacing)  # builds and stores the cache
        path.write_bytes(damage)
        grid.world_grid.cache_clear()
        healed = grid.world_grid(spacing)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "discarding the unreadable route cache" in err and "rebuilding it" in err
        assert np.array_equal(healed.labels, fresh.labels) and np.array_equal(healed.edges, fresh.edges)
        with np.load(path) as stored:  # the rebuilt file is whole again
            assert np.array_equal(stored["labels"], fresh.labels)
        grid.world_grid.cache_clear()
        grid.world_grid(spacing)
        assert capsys.readouterr().err == ""
    finally:
        grid.world_grid.cache_clear()


def test_a_cache_with_the_wrong_shape_is_rebuilt(tmp_path, monkeypatch, capsys):
    from haven.routes import grid

    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path))
    spacing = 900.0
    path = grid._cache_path(grid.nodes_for_spacing(spacing))
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, labels=np.zeros(3, np.int32), edges=np.zeros((1, 2), np.int32), via=np.zeros((1, 4), np.int32))
    grid.world_grid.cache_clear()
    try:
        assert grid.world_grid(spacing).size == grid.nodes_for_spacing(spacing)
        assert "discarding the unreadable route cache" in capsys.readouterr().err
    finally:
        grid.world_grid.cache_clear()


def test_the_version_lives_in_pyproject(capsys):
    import tomllib
    from pathlib import Path

    pyproject = Path(haven.__file__).resolve().parents[2] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text())["project"]["version"]
    assert haven.__version__ == declared
    from haven.cli import main

    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0 and capsys.readouterr().out == f"haven {declared}\n"
    assert "__version__ =" not in (Path(haven.__file__)).read_text()
