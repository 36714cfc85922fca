"""Grid, labels, metrics, fit and calibration of the backtest, on small worlds and hand-made numbers."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from haven.backtest.fit import fit_coefficients, forward_predictions, leave_one_person_out, predict
from haven.backtest.grid import as_of_dates, backtest_persons, window
from haven.backtest.labels import counted_trips, visited, visits_before
from haven.backtest.metrics import at_k, calibration_table, hits_in_top, roc_auc, roc_auc_interval, score_metrics
from haven.backtest.samples import FEATURES, person_samples
from haven.engine import calibration, likelihood
from haven.engine import weights as W
from haven.persons import find_person

TODAY = date(2026, 11, 25)
YEAR = timedelta(days=365)


def small_world(world):
    world.add("warrants", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    world.add("memberships", organisation="ICC", iso3="MNG", role="party", start="2002-11-01")
    world.add("memberships", organisation="ICC", iso3="DEU", role="party", start="2002-07-01")
    world.add("visits", person="wanted", country="CHN", kind="visit", start="2023-10-17")
    world.add("visits", person="wanted", country="MNG", kind="visit", start="2024-09-02", end="2024-09-03")
    world.add("visits", person="wanted", country="ZAF", kind="avoided", start="2023-08-22")
    world.add("visits", person="wanted", country="BRA", kind="virtual", start="2024-11-18")
    world.add("visits", person="wanted", country="HKG", kind="visit", start="2024-05-01")
    world.add("visits", person="wanted", country="IND", kind="visit", start="2024-07", certainty="unverified")
    return world


def test_window_runs_from_the_public_warrant_to_today_minus_the_horizon(world, tmp_path):
    kb = small_world(world).load(tmp_path)
    w = window(kb, find_person(kb, "wanted"), today=TODAY)
    assert (w.start, w.end) == (date(2023, 3, 17), TODAY - YEAR)
    dates = as_of_dates(w, timedelta(days=90))
    assert dates[0] == np.datetime64("2023-03-17") and dates[1] == np.datetime64("2023-06-15")
    assert dates[-1] <= np.datetime64(TODAY - YEAR)


def test_window_stops_when_the_person_loses_power_or_the_warrant_ends(world, tmp_path):
    world.add("warrants", person="wanted", issuer="ICC", kind="warrant", start="2009-03-04", public="2009-03-05")
    world.add("government_changes", country="RUS", kind="coup", summary="out", start="2019-04-11")
    world.add("persons", id="gone", qid="Q9", name="Gone", home="BRA", title="x")
    world.add("warrants", person="gone", issuer="ICC", kind="warrant", start="2025-03-07", public="2025-03-11", end="2025-03-12")
    world.add("persons", id="quiet", qid="Q8", name="Quiet", home="IND", title="x")
    world.add("warrants", person="quiet", issuer="ICC", kind="application", start="2024-01-01")
    kb = world.load(tmp_path)
    w = window(kb, find_person(kb, "wanted"), today=TODAY)
    assert (w.start, w.end) == (date(2009, 3, 5), date(2019, 4, 11)) and "out of power" in w.reason
    gone = window(kb, find_person(kb, "gone"), today=TODAY)
    assert (gone.start, gone.end) == (date(2025, 3, 11), date(2025, 3, 11))
    assert window(kb, find_person(kb, "quiet"), today=TODAY).empty
    assert [p.id for p in backtest_persons(kb)] == []  # nobody's trips are recorded
    limited = window(kb, find_person(kb, "wanted"), today=TODAY, start=date(2012, 1, 1), end=date(2013, 1, 1))
    assert (limited.start, limited.end) == (date(2012, 1, 1), date(2013, 1, 1))


def test_labels_count_trips_made_in_the_horizon_only(world, tmp_path):
    kb = small_world(world).load(tmp_path)
    trips = counted_trips(kb, find_person(kb, "wanted"))
    assert set(trips["iso3"]) == {"CHN", "MNG"}  # avoided, virtual and unverified trips are not trips; HKG is China
    countries = ("CHN", "MNG", "ZAF", "BRA", "IND")
    dates = np.array(["2023-10-16", "2023-10-17", "2024-09-02", "2024-09-01"], dtype="datetime64[D]")
    label = visited(trips, dates, countries, YEAR)
    assert label[0].tolist() == [True, True, False, False, False]  # CHN next day; MNG 2024-09-02 is within 365 days
    assert label[1].tolist() == [True, True, False, False, False]  # the CHN trip of that day is not ahead, but HKG 2024-05 is
    assert label[2].tolist() == [False] * 5 and label[3, 1]
    before = visits_before(trips, np.array(["2024-09-02"], dtype="datetime64[D]"), countries)
    assert before[0].tolist() == [2, 1, 0, 0, 0]


def test_samples_exclude_home_and_carry_the_engine_likelihood(world, tmp_path):
    kb = small_world(world).load(tmp_path)
    result = person_samples(kb, find_person(kb, "wanted"), today=TODAY)
    frame = result.frame
    assert "RUS" not in set(frame["iso3"]) and len(frame) == len(result.dates) * (len(kb.countries.states()) - 1)
    # the features rebuilt by the backtest give back the engine's own visit_likelihood with the engine's weights
    np.testing.assert_allclose(predict(frame, W.VISIT), frame["current"].to_numpy(), rtol=1e-12)
    assert frame.loc[frame["iso3"] == "MNG", "icc-rule"].eq(0).all()


def test_hits_in_top_shares_ties_out_and_at_k_averages_over_dates_with_trips():
    labels, scores = np.array([1, 0, 1, 0, 0]), np.array([0.9, 0.5, 0.5, 0.5, 0.1])
    assert hits_in_top(labels, scores, 2) == pytest.approx(1 + 1 / 3)
    frame = pd.DataFrame({"person": "p", "date": [1] * 5 + [2] * 5, "label": list(labels) + [0] * 5,
                          "s": list(scores) + [0.2] * 5})
    precision, recall = at_k(frame, "s", 2)
    assert precision == pytest.approx((1 + 1 / 3) / 2) and recall == pytest.approx((1 + 1 / 3) / 2)
    assert math.isnan(roc_auc([0, 0], [0.1, 0.2]))
    assert roc_auc([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8]) == 1.0


def test_roc_auc_interval_brackets_the_figure_and_draws_groups_whole():
    rng = np.random.default_rng(3)
    labels = (rng.uniform(size=400) < 0.3).astype(int)
    scores = labels * 0.4 + rng.uniform(size=400)
    rows = np.arange(400)
    low, high = roc_auc_interval(labels, scores, rows)
    assert low < roc_auc(labels, scores) < high < 1 and roc_auc_interval(labels, scores, rows) == (low, high)
    # the same 40 rows ten times over: as ten copies of each row the data look ten times larger, but drawn as 40
    # groups (one per original row) the interval is as wide as the 40 rows alone give
    few = slice(0, 40)
    copies = np.tile(rows[few], 10)
    as_rows = roc_auc_interval(np.tile(labels[few], 10), np.tile(scores[few], 10), np.arange(400))
    as_groups = roc_auc_interval(np.tile(labels[few], 10), np.tile(scores[few], 10), copies)
    alone = roc_auc_interval(labels[few], scores[few], rows[few])
    assert as_rows is not None and as_groups is not None and alone is not None
    assert as_groups[1] - as_groups[0] > 2 * (as_rows[1] - as_rows[0])
    assert as_groups == pytest.approx(alone, abs=0.03)
    assert roc_auc_interval([0, 0, 0], [0.1, 0.2, 0.3], [1, 2, 3]) is None


def test_calibration_table_has_deciles_that_add_up():
    rng = np.random.default_rng(0)
    p = rng.uniform(size=1000)
    labels = (rng.uniform(size=1000) < p).astype(int)
    table = calibration_table(labels, p)
    assert len(table) == 10 and sum(r["n"] for r in table) == 1000 and sum(r["trips"] for r in table) == labels.sum()
    assert table[0]["mean_predicted"] < table[-1]["mean_predicted"] and table[0]["observed"] < table[-1]["observed"]
    frame = pd.DataFrame({"person": "p", "date": np.repeat(np.arange(100), 10), "label": labels, "s": p})
    metrics = score_metrics(frame, "s", probability=True)
    assert 0.6 < metrics["roc_auc"] <= 1 and metrics["brier"] < 0.25 and metrics["calibration"]


def synthetic_samples(seed: int = 1, persons=("a", "b")) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for person in persons:
        for day in np.arange(np.datetime64("2010-01-01"), np.datetime64("2016-01-01"), np.timedelta64(90, "D")):
            for _ in range(40):
                f = {"recent_visits": rng.integers(0, 4) * 1.0, "ties": rng.uniform(0, 1.5), "invitation": float(rng.uniform() < 0.1),
                     "neighbour": float(rng.uniform() < 0.05),
                     "obliged": float(rng.uniform() < 0.5), "arrest_risk": rng.uniform(), "hostile": float(rng.uniform() < 0.1)}
                f["closed"] = float(f["obliged"] and f["arrest_risk"] > 0.5)
                f.update({name: rng.uniform() for name in FEATURES if name not in f})  # features the labels ignore
                z = -3 + 1.0 * f["recent_visits"] + 1.5 * f["ties"] - 2 * f["closed"]
                rows.append({"person": person, "date": day, **f, "label": int(rng.uniform() < 1 / (1 + np.exp(-z)))})
    return pd.DataFrame(rows)


def test_fit_is_deterministic_and_recovers_the_signs():
    samples = synthetic_samples()
    first, second = fit_coefficients(samples), fit_coefficients(samples.copy())
    assert first == second and list(first) == ["intercept", *FEATURES]
    assert first["recent_visits"] > 0.5 and first["ties"] > 0.5 and first["closed"] < 0
    np.testing.assert_allclose(predict(samples, first), likelihood({f: samples[f].to_numpy() for f in FEATURES}, first))


def test_forward_predictions_use_only_samples_whose_horizon_had_closed():
    samples = synthetic_samples()
    forward = forward_predictions(samples, YEAR)
    first_scored = samples.loc[forward.notna(), "date"].min()
    assert first_scored >= samples["date"].min() + np.timedelta64(365, "D")
    # changing the labels of later samples does not change an earlier forward prediction
    cut = np.datetime64("2013-01-01")
    changed = samples.copy()
    later = changed["date"] + np.timedelta64(365, "D") > cut
    changed.loc[later, "label"] = 1 - changed.loc[later, "label"]
    again = forward_predictions(changed, YEAR)
    upto = samples["date"] <= cut
    np.testing.assert_allclose(forward[upto].fillna(-1), again[upto].fillna(-1))


def test_leave_one_person_out_never_sees_the_person():
    samples = synthetic_samples(persons=("a", "b", "c"))
    lopo = leave_one_person_out(samples)
    changed = samples.copy()
    changed.loc[changed["person"] == "a", "label"] = 1 - changed.loc[changed["person"] == "a", "label"]
    np.testing.assert_allclose(lopo[samples["person"] == "a"], leave_one_person_out(changed)[samples["person"] == "a"])


def test_calibration_reads_fitted_json_in_the_shape_of_the_weights():
    coefficients = calibration.visit_coefficients()
    assert list(coefficients) == list(W.VISIT) and all(isinstance(v, float) for v in coefficients.values())
    data = calibration.fitted()
    assert calibration.fitted_version() == data["version"] == calibration.version_of(data)
    assert data["version"].startswith("visit-fit+")
    assert data["features"] == list(FEATURES) and data["metrics"]["forward"]["pooled"]["roc_auc"] is not None
    json.dumps(data, allow_nan=False)
