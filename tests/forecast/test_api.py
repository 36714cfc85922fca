"""The Python API (`haven.forecast`, `haven.events`, `haven.upcoming_events`) and the web API's two endpoints."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

import haven
from haven.knowledge import load
from haven.web.app import create_app
from haven.web.settings import Settings


@pytest.fixture(scope="module")
def kb(calendar_kb):
    return load(calendar_kb, use_cache=False)


def test_python_api(kb):
    answer = haven.forecast("wanted", "IND", on="2024-06-24", by="2024-12-31", kb=kb)
    assert answer.probability > answer.background > 0
    attend = haven.forecast("wanted", event="sco-ind-2024", on="2024-06-24", kb=kb)
    assert attend.event == "sco-ind-2024" and attend.country == "IND"
    assert [c.event.fact for c in haven.events("wanted", "2024-07-01", "2024-12-31", on="2024-06-24", kb=kb)] == \
        ["sco-ind-2024", "csto-blr-2024"]


def test_upcoming_events_for_a_brief(kb):
    ahead = haven.upcoming_events("wanted", on=date(2024, 6, 24), horizon=120, kb=kb)
    assert [c.event.fact for c in ahead] == ["sco-ind-2024"]
    chance = ahead[0]
    assert 0 < chance.probability < 1 and chance.venue is not None and chance.reasons[0].kind == "event"


@pytest.fixture(scope="module")
def client(calendar_kb):
    return TestClient(create_app(Settings(data_dir=calendar_kb)))


def test_api_forecast(client):
    r = client.get("/api/forecast", params={"person": "wanted", "country": "IND", "on": "2024-06-24", "by": "2024-12-31"})
    assert r.status_code == 200
    body = r.json()
    assert body["events"][0]["id"] == "sco-ind-2024" and 0 < body["probability"] < 1
    r = client.get("/api/forecast", params={"person": "wanted", "event": "sco-ind-2024", "on": "2024-06-24"})
    assert r.status_code == 200 and r.json()["event"] == "sco-ind-2024"


def test_api_events(client):
    r = client.get("/api/events", params={"person": "wanted", "on": "2024-06-24", "from": "2024-07-01", "to": "2024-12-31"})
    assert r.status_code == 200
    body = r.json()
    assert body["from"] == "2024-07-01" and [e["id"] for e in body["events"]] == ["sco-ind-2024", "csto-blr-2024"]


@pytest.mark.parametrize("params, status, code", [
    ({"person": "wanted", "country": "RUS", "on": "2024-06-24", "by": "2024-12-31"}, 400, "bad_request"),
    ({"person": "nobody", "country": "IND", "on": "2024-06-24", "by": "2024-12-31"}, 404, "unknown_person"),
    ({"person": "wanted", "country": "IND", "on": "24.06.2024", "by": "2024-12-31"}, 400, "bad_date"),
    ({"person": "wanted", "country": "IND", "on": "2024-06-24"}, 400, "bad_request"),
])
def test_api_forecast_errors(client, params, status, code):
    r = client.get("/api/forecast", params=params)
    assert r.status_code == status and r.json()["error"]["code"] == code


def test_the_schema_documents_both_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/forecast" in paths and "/api/events" in paths


def test_api_forecast_and_events_carry_coverage(client, kb):
    from haven.knowledge.coverage import coverage_for

    coverage = coverage_for(kb, "wanted")
    r = client.get("/api/forecast", params={"person": "wanted", "country": "IND", "on": "2024-06-24", "by": "2024-12-31"})
    assert r.json()["coverage"] == coverage.as_dict(date(2024, 6, 24))
    late = coverage.day.replace(year=coverage.day.year + 3)
    r = client.get("/api/events", params={"person": "wanted", "on": late.isoformat()})
    assert r.status_code == 200 and r.json()["coverage"]["stale"] is True
