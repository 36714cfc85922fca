"""The JSON API on the fixture world: answers, the one error shape, validation, caching and headers."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from haven.vocabulary import TIER_COLOURS, TIERS
from tests.web.conftest import XSS_TITLE

ON = "2024-09-10"


def error_of(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    return body["error"]["message"]


def test_persons_lists_the_world(client):
    body = client.get("/api/persons").json()
    persons = {p["id"]: p for p in body["persons"]}
    assert set(persons) == {"wanted", "other"}
    assert persons["wanted"]["home"] == "RUS" and persons["wanted"]["home_name"] == "Russia"
    assert persons["wanted"]["first_warrant_public"] == "2023-03-17"
    assert persons["other"]["first_warrant_public"] is None


def test_assess_gives_every_state_a_tier(client):
    body = client.get("/api/assess", params={"person": "wanted", "on": ON}).json()
    verdicts = {v["iso3"]: v for v in body["countries"]}
    assert body["person"] == "wanted" and body["on"] == ON
    assert verdicts["RUS"]["tier"] == "home"
    assert verdicts["FRA"]["tier"] == "closed" and verdicts["FRA"]["obliged_to_arrest"]
    assert verdicts["PRK"]["tier"] == "ally"
    assert verdicts["IND"]["tier"] == "open"
    assert sum(body["counts"].values()) == len(body["countries"])
    assert set(body["counts"]) == set(TIERS)
    assert "findings" not in verdicts["FRA"]


def test_assess_before_the_warrant_obliges_no_one(client):
    body = client.get("/api/assess", params={"person": "wanted", "on": "2022-01-01"}).json()
    assert not any(v["obliged_to_arrest"] for v in body["countries"])


def test_person_may_be_named_by_qid_or_name(client):
    by_qid = client.get("/api/assess", params={"person": "Q1", "on": ON}).json()
    by_name = client.get("/api/assess", params={"person": "Wanted Person", "on": ON}).json()
    assert by_qid["person"] == by_name["person"] == "wanted"


def test_date_defaults_to_the_settings_today(client):
    assert client.get("/api/assess", params={"person": "wanted"}).json()["on"] == "2025-01-01"


def test_assessments_are_cached_per_person_and_date(client, app):
    service = app.state.service
    first = client.get("/api/assess", params={"person": "wanted", "on": ON}).content
    hits = service._assess_json.hits
    second = client.get("/api/assess", params={"person": "wanted", "on": ON}).content
    assert first == second and service._assess_json.hits == hits + 1


def test_lru_drops_the_oldest(tmp_path):
    from haven.web.service import LRU

    cache = LRU(2)
    for key in "abc":
        cache.get_or_make(key, lambda key=key: key.upper())
    assert cache.peek("a") is None and cache.peek("c") == "C" and len(cache) == 2


def test_explain_lists_rules_facts_dates_and_sources(client):
    body = client.get("/api/explain", params={"person": "wanted", "country": "Mongolia", "on": ON}).json()
    assert body["iso3"] == "MNG" and body["obliged_to_arrest"]
    rules = {f["rule"]: f for f in body["findings"]}
    assert "icc_warrant" in rules and "icc_state_party" in rules
    warrant = rules["icc_warrant"]["evidence"][0]
    assert warrant["when"] == "2023-02-22" and warrant["sources"][0]["url"] == "https://example.org/test"
    titles = [s["title"] for f in body["findings"] for e in f["evidence"] for s in e["sources"]]
    assert XSS_TITLE in titles  # JSON carries the text as it is; the page must render it as text
    assert [t["id"] for t in body["trips"]] == ["v-mng"]


def test_explain_answers_for_a_territory_with_its_sovereign(client):
    body = client.get("/api/explain", params={"person": "wanted", "country": "GRL", "on": ON}).json()
    assert body["iso3"] == "DNK"


def test_timeline_counts_per_month_match_assess(client):
    body = client.get("/api/timeline", params={"person": "wanted", "from": "2023-01-01", "to": "2023-06-30"}).json()
    assert [m["month"] for m in body["months"]] == ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"]
    april = client.get("/api/assess", params={"person": "wanted", "on": "2023-04-01"}).json()
    assert body["months"][3]["counts"] == april["counts"]
    before, after = body["months"][1]["counts"], body["months"][3]["counts"]
    assert after["closed"] > before["closed"]  # the warrant became public on 2023-03-17


def test_timeline_starting_mid_month_reads_its_first_day(client):
    body = client.get("/api/timeline", params={"person": "wanted", "from": "2023-03-20", "to": "2023-04-02"}).json()
    assert [m["on"] for m in body["months"]] == ["2023-03-20", "2023-04-01"]


def test_visits_carry_points_and_sources(client):
    visits = {v["id"]: v for v in client.get("/api/visits", params={"person": "wanted"}).json()["visits"]}
    assert list(visits) == ["v-zaf", "v-chn", "v-mng"]  # oldest first
    mng = visits["v-mng"]
    assert 106 < mng["lon"] < 108 and 47 < mng["lat"] < 48.5  # Ulaanbaatar, not the middle of Mongolia
    assert mng["made"] and not visits["v-zaf"]["made"]
    assert visits["v-chn"]["lon"] is not None and visits["v-zaf"]["lat"] is not None
    assert mng["source_url"].startswith("https://example.org/xss")
    only = client.get("/api/visits", params={"person": "wanted", "from": "2024-06-01"}).json()["visits"]
    assert [v["id"] for v in only] == ["v-mng"]


def test_method_carries_the_shared_colours(client):
    body = client.get("/api/method").json()
    assert [t["tier"] for t in body["tiers"]] == list(TIERS)
    assert {t["tier"]: t["colour"] for t in body["tiers"]} == TIER_COLOURS
    assert any(step["step"] == "icc_warrant" for step in body["steps"])
    assert body["first_date"] == "2020-01-01" and body["today"] == "2025-01-01"


def test_boundaries_are_simplified_geojson_with_states(client):
    from haven.geo.boundaries import areas

    response = client.get("/api/boundaries")
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and "Natural Earth" in body["attribution"]
    features = {f["properties"]["code"]: f for f in body["features"]}
    assert features["GRL"]["properties"]["state"] == "DNK"  # a territory is coloured as its sovereign
    assert features["MNG"]["properties"]["state"] == "MNG"
    assert "ATA" not in features

    def points(geometry):
        rings = geometry["coordinates"] if geometry["type"] == "Polygon" else [r for p in geometry["coordinates"] for r in p]
        return sum(len(r) for r in rings)

    original = sum(len(a.geometry.exterior.coords) if a.geometry.geom_type == "Polygon" else
                   sum(len(p.exterior.coords) for p in a.geometry.geoms) for a in areas())
    assert sum(points(f["geometry"]) for f in body["features"]) < original / 2


@pytest.mark.parametrize("params, status, code", [
    ({"person": "nobody", "on": ON}, 404, "unknown_person"),
    ({"person": "wanted", "on": "2024-13-01"}, 400, "bad_date"),
    ({"person": "wanted", "on": "yesterday"}, 400, "bad_date"),
    ({"person": "wanted", "on": "1066-10-14"}, 400, "bad_date"),
    ({"on": ON}, 422, "invalid_parameter"),
    ({"person": "x" * 500}, 422, "invalid_parameter"),
    ({"person": ""}, 422, "invalid_parameter"),
])
def test_assess_rejects_bad_parameters_with_one_shape(client, params, status, code):
    error_of(client.get("/api/assess", params=params), status, code)


def test_explain_rejects_unknown_and_missing_countries(client):
    message = error_of(client.get("/api/explain", params={"person": "wanted", "country": "Narnia", "on": ON}), 404, "unknown_country")
    assert "Narnia" in message
    error_of(client.get("/api/explain", params={"person": "wanted", "on": ON}), 422, "invalid_parameter")
    error_of(client.get("/api/explain", params={"person": "ghost", "country": "MNG"}), 404, "unknown_person")


def test_timeline_rejects_reversed_and_overlong_periods(client):
    error_of(client.get("/api/timeline", params={"person": "wanted", "from": "2024-01-01", "to": "2023-01-01"}), 400, "bad_date")
    error_of(client.get("/api/timeline", params={"person": "wanted", "from": "1900-01-01", "to": "2100-12-31"}), 400, "bad_date")
    error_of(client.get("/api/visits", params={"person": "wanted", "from": "soon"}), 400, "bad_date")


def test_unknown_paths_and_writes_get_the_same_shape(client):
    error_of(client.get("/api/nothing"), 404, "not_found")
    for method in ("post", "put", "delete", "patch"):
        response = client.request(method.upper(), "/api/assess", params={"person": "wanted"})
        error_of(response, 405, "method_not_allowed")
        assert response.headers["allow"] == "GET, HEAD"


def test_head_is_allowed(client):
    assert client.head("/api/method").status_code == 200


def test_every_response_carries_a_strict_content_security_policy(client):
    for path in ("/", "/api/method", "/api/nothing", "/static/app.js", "/docs"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert client.get("/api/method").headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_models_with_examples_and_the_error_shape(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/persons", "/api/assess", "/api/explain", "/api/timeline", "/api/visits", "/api/method",
            "/api/boundaries"} <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    for name in ("AssessmentOut", "ExplanationOut", "TimelineOut", "VisitsOut", "PersonsOut", "MethodOut", "BoundariesOut",
                 "ErrorResponse"):
        assert schemas[name].get("examples"), name
    assess = spec["paths"]["/api/assess"]["get"]
    assert assess["responses"]["404"]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorResponse")
    assert spec["paths"]["/api/timeline"]["get"]["parameters"][1]["name"] == "from"


def test_large_responses_are_compressed(client):
    response = client.get("/api/boundaries", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"


# -- hostile load: bounded cost, caching headers, the documented errors ---------------------------------

def test_boundaries_are_compressed_once_and_revalidate_with_an_etag(client, app):
    first = client.get("/api/boundaries", headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip" and "max-age" in first.headers["cache-control"]
    etag = first.headers["etag"]
    payload = app.state.answers.fixed("boundaries")
    assert payload is app.state.answers.fixed("boundaries")  # built once, the same bytes every time
    again = client.get("/api/boundaries", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    plain = client.get("/api/boundaries", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json()["type"] == "FeatureCollection"


@pytest.mark.parametrize("path", ["/api/persons", "/api/method", "/api/countries"])
def test_fixed_answers_carry_an_etag(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["etag"]
    assert client.get(path, headers={"If-None-Match": response.headers["etag"]}).status_code == 304


def test_visits_with_from_after_to_is_the_documented_400(client):
    message = error_of(client.get("/api/visits", params={"person": "wanted", "from": "2024-06-01", "to": "2024-01-01"}), 400, "bad_date")
    assert "after" in message


def test_dates_outside_the_declared_range_are_refused_everywhere(client):
    for path, params in [("/api/assess", {"on": "1899-12-31"}), ("/api/timeline", {"to": "2101-01-01"}),
                         ("/api/visits", {"from": "0001-01-01"}), ("/api/explain", {"country": "MNG", "on": "9999-12-31"})]:
        message = error_of(client.get(path, params={"person": "wanted", **params}), 400, "bad_date")
        assert "1900-01-01" in message and "2100-12-31" in message


def test_openapi_states_the_accepted_date_range_and_limits(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/assess", "/api/explain", "/api/timeline", "/api/visits"):
        for parameter in spec["paths"][path]["get"]["parameters"]:
            if parameter["name"] in ("on", "from", "to"):
                schema = parameter["schema"]
                assert "1900-01-01" in parameter["description"] and "2100-12-31" in parameter["description"], (path, parameter)
                assert schema["x-earliest"] == "1900-01-01" and schema["x-latest"] == "2100-12-31"
    assert "1200 months" in spec["info"]["description"]
    assert "1900-01-01" in spec["paths"]["/api/assess"]["get"]["responses"]["400"]["description"]


def test_timeline_length_is_bounded_by_the_declared_limit(tmp_path):
    from fastapi.testclient import TestClient

    from haven.web import create_app
    from haven.web.settings import Limits
    from tests.web.conftest import world_settings

    app = create_app(world_settings(tmp_path / "kb", limits=Limits(max_timeline_months=12)))
    with TestClient(app) as small:
        assert small.get("/api/timeline", params={"person": "wanted", "from": "2023-01-01", "to": "2023-12-31"}).status_code == 200
        message = error_of(small.get("/api/timeline", params={"person": "wanted", "from": "2023-01-01", "to": "2024-01-01"}), 400,
                           "bad_date")
        assert "12 months" in message


def test_timelines_inside_and_outside_the_precomputed_period_agree(client):
    inside = client.get("/api/timeline", params={"person": "wanted", "from": "2023-01-15", "to": "2024-12-31"}).json()
    outside = client.get("/api/timeline", params={"person": "wanted", "from": "2019-01-15", "to": "2025-06-30"}).json()
    by_month = {m["on"]: m["counts"] for m in outside["months"]}
    for month in inside["months"][1:]:
        assert by_month[month["on"]] == month["counts"], month["on"]
    assert inside["months"][0]["on"] == "2023-01-15"


def test_series_computes_in_bounded_chunks_one_or_two_at_a_time(tmp_path, monkeypatch):
    import threading
    import time

    import haven.web.series as series_module
    from haven.knowledge import load
    from haven.persons import find_person
    from haven.web.series import Evaluator
    from haven.web.settings import Limits
    from tests.web.conftest import web_world

    kb = load(web_world().write(tmp_path / "kb"))
    person = find_person(kb, "wanted")
    real = series_module.engine_series
    sizes: list[int] = []
    running = [0, 0]  # now, most at once
    lock = threading.Lock()

    def watched(who, dates, knowledge):
        with lock:
            running[0] += 1
            running[1] = max(running[1], running[0])
            sizes.append(len(dates))
        time.sleep(0.01)
        try:
            return real(who, dates, knowledge)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(series_module, "engine_series", watched)
    evaluator = Evaluator(kb, Limits(chunk_days=100, heavy_at_once=2))
    results = []
    threads = [threading.Thread(target=lambda: results.append(evaluator.days(person, date(2020, 1, 1), date(2021, 12, 31))))
               for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(sizes) == 100 and running[1] <= 2
    assert all(len(r.tier) == 731 for r in results)
    whole = real(person, np.arange(np.datetime64("2020-01-01"), np.datetime64("2022-01-01")), kb)
    assert (results[0].tier == whole.tier).all()  # chunks change nothing


def test_series_gives_each_state_its_tier_day_by_day(client):
    body = client.get("/api/series", params={"person": "wanted"}).json()
    assert body["from"] == "2020-01-01" and body["to"] == "2025-01-01"
    fra = body["changes"][body["countries"].index("FRA")]
    on = (date(2024, 9, 10) - date(2020, 1, 1)).days
    tier = next(fra[k + 1] for k in range(len(fra) - 2, -1, -2) if fra[k] <= on)
    assessed = {v["iso3"]: v["tier"] for v in client.get("/api/assess", params={"person": "wanted", "on": ON}).json()["countries"]}
    assert body["tiers"][tier] == assessed["FRA"] == "closed"
    assert fra[0] == 0 and fra[1] != tier  # open before the warrant, closed after


def test_countries_are_sorted_by_name_with_aliases(client):
    countries = client.get("/api/countries").json()["countries"]
    names = [c["name"] for c in countries]
    assert names.index("Côte d'Ivoire") < names.index("Denmark") < names.index("Türkiye") < names.index("United Kingdom")
    turkey = next(c for c in countries if c["iso3"] == "TUR")
    assert "Turkey" in turkey["aliases"] and turkey["iso2"] == "TR"
    greenland = next(c for c in countries if c["iso3"] == "GRL")
    assert greenland["sovereign"] == "DNK" and greenland["kind"] == "territory"


def test_explain_shows_the_curators_note_on_each_fact(client):
    body = client.get("/api/explain", params={"person": "wanted", "country": "MNG", "on": ON}).json()
    notes = {e["fact"]: e["note"] for f in body["findings"] for e in f["evidence"]}
    assert notes.get("v-mng") == "Curator: the visit was announced a week before."
    assert all(isinstance(n, str) for n in notes.values())


def test_only_the_embed_view_may_be_framed(client):
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"] and page.headers["x-frame-options"] == "DENY"
    embed = client.get("/embed")
    assert embed.status_code == 200 and 'data-view="embed"' in embed.text
    assert "frame-ancestors *" in embed.headers["content-security-policy"] and "x-frame-options" not in embed.headers
    for path in ("/how", "/docs", "/api/method"):
        assert "frame-ancestors 'none'" in client.get(path).headers["content-security-policy"]


def test_pages_carry_link_preview_tags(tmp_path):
    from fastapi.testclient import TestClient

    from haven.web import create_app
    from tests.web.conftest import world_settings

    with TestClient(create_app(world_settings(tmp_path / "kb", public_url="https://maps.example.org/haven"))) as test:
        page = test.get("/").text
        assert '<meta property="og:image" content="https://maps.example.org/haven/preview.png">' in page
        assert '<meta property="og:url" content="https://maps.example.org/haven/">' in page
        assert '<meta name="haven-mode" content="api">' in page and "%MODE%" not in page
        image = test.get("/preview.png")
        assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_answers_about_dates_say_how_current_the_facts_are(client):
    """The wanted person's newest source is dated 2024-09-01 (ICC membership: 2024-12-01): answers up to that day
    are current, later ones stale; the same coverage object in every answer."""
    cover = {"date": "2024-09-01", "limited_by": "person", "parts": {"person": "2024-09-01", "icc_membership": "2024-12-01"}}
    for on, stale in (("2024-09-01", False), ("2024-09-02", True)):
        for path, params in (("/api/assess", {"on": on}), ("/api/explain", {"on": on, "country": "MNG"}),
                             ("/api/timeline", {"from": "2024-01-01", "to": on})):
            body = client.get(path, params={"person": "wanted", **params}).json()
            assert body["coverage"] == {**cover, "stale": stale}, (path, on)
    assert client.get("/api/series", params={"person": "wanted"}).json()["coverage"] == {**cover, "stale": True}
