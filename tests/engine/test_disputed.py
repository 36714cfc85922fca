"""Disputed law stays disputed: a duty fact marked `disputed` is worked out both ways, by the rule the rulebook
declares (at least risky, closed only if closed both ways, arrest risk the mean of the two)."""

from datetime import date

import numpy as np
import pytest

from haven.engine import assess, series
from haven.engine.rulebook import DISPUTES
from haven.engine.serialise import assessment_csv, assessment_dict, explanation_dict

ON = date(2026, 7, 1)


@pytest.fixture
def disputed_world(wanted_world):
    wanted_world.rows["memberships"] = [r for r in wanted_world.rows["memberships"] if r["id"] != "icc-hun"]
    wanted_world.add("memberships", id="icc-hun", organisation="ICC", iso3="HUN", role="party", start="2002-07-01",
                     exit_notified="2025-06-02", end="2026-06-02")
    wanted_world.add("memberships", id="icc-hun-after", organisation="ICC", iso3="HUN", role="party", start="2026-06-02",
                     certainty="disputed")
    return wanted_world


def test_the_rule_for_disputed_duty_is_declared_in_the_rulebook():
    (rule,) = DISPUTES
    assert (rule.axis, rule.tier_floor, rule.closed_only_if_both, rule.risk) == ("duty", "risky", True, "mean")


def test_a_disputed_duty_is_disputed_risky_and_its_risk_the_mean_of_both_readings(disputed_world, tmp_path):
    kb = disputed_world.load(tmp_path)
    before, after = assess("wanted", date(2026, 6, 1), kb), assess("wanted", ON, kb)
    assert before["HUN"].obliged_to_arrest is True and before["HUN"].tier == "closed"
    verdict = after["HUN"]
    assert verdict.obliged_to_arrest == "disputed" and verdict.tier == "risky"  # closed one way, open the other
    holds, fails = after.readings("HUN")
    assert (holds.obliged_to_arrest, holds.tier, fails.obliged_to_arrest, fails.tier) == (True, "closed", False, "open")
    assert verdict.arrest_risk == pytest.approx((holds.arrest_risk + fails.arrest_risk) / 2, abs=0.001)
    assert "HUN,Hungary,risky,disputed," in assessment_csv(after)
    assert {v["iso3"]: v for v in assessment_dict(after)["countries"]}["HUN"]["obliged_to_arrest"] == "disputed"
    data = explanation_dict(after.explain("HUN"))
    assert [r["reading"] for r in data["readings"]] == ["if the disputed fact holds", "if it does not"]
    evidence = [e for f in data["findings"] for e in f["evidence"] if e["fact"] == "icc-hun-after"]
    assert evidence and evidence[0]["certainty"] == "disputed" and evidence[0]["sources"]
    assert "ICC state party after 2026-06-02 (disputed)" in after["HUN"].reasons


def test_closed_only_if_closed_both_ways(disputed_world, tmp_path):
    disputed_world.add("sanctions", imposer="HUN", target_person="wanted", measure="travel-ban", start="2026-01-01")
    verdict = assess("wanted", ON, disputed_world.load(tmp_path))["HUN"]
    assert verdict.obliged_to_arrest == "disputed" and verdict.tier == "closed"  # an entry ban closes it either way


def test_the_backtest_sees_a_disputed_duty_as_half_an_obligation(disputed_world, tmp_path):
    from haven.backtest.baselines import icc_rule

    kb = disputed_world.load(tmp_path)
    result = series("wanted", np.array([np.datetime64(ON, "D")]), kb)
    i = result.countries.index("HUN")
    assert result.disputed[0, i] and not result.obliged[0, i]
    assert result.features["obliged"][0, i] == 0.5 and icc_rule(result)[0, i] == 0.5
    one = assess("wanted", ON, kb)["HUN"]
    assert round(float(result.visit_likelihood[0, i]), 3) == one.visit_likelihood


def test_hungary_after_its_withdrawal_date_reads_as_disputed_for_netanyahu():
    from haven.knowledge import load

    kb = load()
    assert assess("netanyahu", date(2026, 6, 1), kb)["HUN"].obliged_to_arrest is True
    assert assess("netanyahu", date(2026, 6, 10), kb)["HUN"].obliged_to_arrest == "disputed"
