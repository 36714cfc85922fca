"""Hostile query strings at the JSON API: every answer is a 2xx or a 4xx in the one error shape, never a 5xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.web.app import create_app
from tests.web.conftest import world_settings

TEXT = st.one_of(st.text(max_size=40), st.sampled_from(["", " ", "\x00", "today", "2024-02-30", "0000-01-01",
                                                        "99999-01-01", "2024-06-24T00:00", "wanted", "MNG", "x" * 500]))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(world_settings(tmp_path_factory.mktemp("fuzz") / "kb")),
                    raise_server_exceptions=False) as test_client:
        yield test_client


def _answer_is_clean(response):
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=TEXT, on=TEXT, country=TEXT)
def test_assess_and_explain_answer_or_refuse(client, person, on, country):
    _answer_is_clean(client.get("/api/assess", params={"person": person, "on": on}))
    _answer_is_clean(client.get("/api/explain", params={"person": person, "country": country, "on": on}))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=TEXT, end=TEXT)
def test_timeline_and_visits_answer_or_refuse(client, start, end):
    _answer_is_clean(client.get("/api/timeline", params={"person": "wanted", "from": start, "to": end}))
    _answer_is_clean(client.get("/api/visits", params={"person": "wanted", "from": start, "to": end}))
