"""Each rule fires on its own fact, names that fact as evidence, and stays silent without it."""

from datetime import date

import pytest

from haven.engine import assess
from haven.engine.rulebook import RULEBOOK

ON = date(2024, 6, 24)

CASES = {
    "icc_warrant": ("FRA", []),
    "icc_state_party": ("FRA", []),
    "icc_declaration": ("UKR", [("memberships", dict(id="fact", organisation="ICC", iso3="UKR", role="declaration", start="2015-09-08"))]),
    "national_warrant": ("UKR", [("warrants", dict(id="fact", person="wanted", issuer="UKR", kind="warrant", start="2023-01-01"))]),
    "entry_ban": ("USA", [("sanctions", dict(id="fact", imposer="USA", target_person="wanted", measure="travel-ban", start="2022-01-01"))]),
    "asset_freeze": ("USA",
                     [("sanctions", dict(id="fact", imposer="USA", target_person="wanted", measure="asset-freeze", start="2022-01-01"))]),
    "state_sanctions": ("USA", [("sanctions", dict(id="fact", imposer="USA", target_state="RUS", measure="other", start="2022-01-01"))]),
    "airspace_closed": ("USA", [("airspace", dict(id="fact", closer="USA", aircraft_of="RUS", scope="all", start="2022-03-03"))]),
    "flight_refused": ("IND", [("airspace", dict(id="fact", closer="IND", aircraft_of="RUS", person="wanted", scope="single-flight",
                                                 start="2024-01-10"))]),
    "at_war": ("UKR", [("hostilities", dict(id="fact", parties="RUS;UKR", kind="war", start="2022-02-24"))]),
    "no_relations": ("UKR", [("hostilities", dict(id="fact", parties="UKR;RUS", kind="no-relations", start="2022-02-24"))]),
    "shared_alliance": ("BLR", [("memberships", dict(id="home", organisation="CSTO", iso3="RUS", role="member", start="2002-10-07")),
                                 ("memberships", dict(id="fact", organisation="CSTO", iso3="BLR", role="member", start="2002-10-07"))]),
    "treaty_ties": ("PRK", [("treaties", dict(id="fact", kind="strategic-partnership", title="Partnership", parties="PRK;RUS",
                                              signed="2020", start="2020-05-01"))]),
    "troops_and_bases": ("BLR", [("military_presence", dict(id="fact", state="RUS", host="BLR", kind="base", start="2010"))]),
    "arms_supplies": ("PRK", [("support", dict(id="fact", supplier="PRK", recipient="RUS", what="munitions", start="2023-08"))]),
    "un_vote_alignment": ("PRK", [("un_resolutions",
                                   dict(id="A/RES/ES-11/1", title="Aggression", start="2022-03-02", concerns="RUS", yes_means="against")),
                                   ("un_votes", dict(id="fact", resolution="A/RES/ES-11/1", iso3="PRK", vote="N", start="2022-03-02"))]),
    "trade_dependence": ("CHN",
                         [("trade", dict(id="fact", reporter="RUS", partner="CHN", start="2023", share="0.34", public="2024-01-15"))]),
    "recent_visits": ("IND", [("visits", dict(id="fact", person="wanted", country="IND", kind="visit", start="2023-12-06"))]),
    "will_not_arrest": ("MNG", [("stances", dict(id="fact", country="MNG", person="wanted", kind="will-not-arrest",
                                                 summary="Will not arrest.", start="2024-01-01"))]),
    "invitation": ("MNG", [("stances",
                            dict(id="fact", country="MNG", person="wanted", kind="invitation", summary="Invited.", start="2024-05-01"))]),
    "non_compliance_record": ("ZAF", [("stances", dict(id="fact", country="ZAF", kind="icc-non-compliance-finding",
                                                       summary="Failed to arrest.", start="2017-07-06"))]),
    "hosted_under_warrant": ("FRA", [("visits", dict(id="fact", person="wanted", country="FRA", kind="summit", start="2024-01-10",
                                                     end="2024-01-11"))]),
    "neighbour": ("MNG", []),
    "event_scheduled": ("BLR", [("memberships", dict(id="home", organisation="CSTO", iso3="RUS", role="member", start="2002-10-07")),
                                 ("events", dict(id="fact", kind="council", organiser="CSTO", title="Council", host="BLR", city="Minsk",
                                                 start="2024-09-01", announced="2024-03-01"))]),
    "event_record": ("BLR", [("memberships", dict(id="home", organisation="CSTO", iso3="RUS", role="member", start="2002-10-07")),
                              ("events", dict(id="fact", kind="council", organiser="CSTO", title="Council", host="BLR", city="Minsk",
                                              start="2024-09-01", announced="2024-03-01"))]),
    "distance": ("MNG", []),
    "host_size": ("MNG", []),
    "will_arrest": ("FRA", [("stances", dict(id="fact", country="FRA", person="wanted", kind="will-arrest", summary="Would arrest.",
                                             start="2024-01-01"))]),
    "safe_passage": ("FRA", [("stances", dict(id="fact", country="FRA", person="wanted", kind="safe-passage", summary="Pledged.",
                                              start="2024-06-01", end="2024-07-01"))]),
    "icc_ruling_widens": ("FRA", [("stances", dict(id="claim", country="FRA", person="wanted", kind="immunity-claim", summary="Immune.",
                                                   start="2024-01-01")),
                                  ("stances", dict(id="fact", kind="icc-ruling-widens", by="Appeals Chamber", summary="No immunity.",
                                                   start="2019-05-06"))]),
    "icc_ruling_narrows": ("FRA", [("stances", dict(id="fact", country="FRA", person="wanted", kind="icc-ruling-narrows",
                                                    by="Pre-Trial Chamber", summary="Need not arrest.", start="2024-01-01"))]),
    "not_recognised": ("IND", [("recognitions", dict(id="fact", recogniser="IND", recognised="RUS", kind="does-not-recognise-government",
                                                     start="2022-01-01"))]),
    "entered_through": ("VAT", [("countries", dict(iso3="VAT", name="Vatican City", kind="state", entered_through="FRA"))]),
    "recognised_government": ("SYR", [("recognitions", dict(id="fact", recogniser="RUS", recognised="SYR", kind="recognises-government",
                                                            government="New authorities", start="2024-01-01"))]),
}


def test_every_rule_has_a_case():
    assert set(CASES) == {rule.name for rule in RULEBOOK if rule.needs is None}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_with_its_evidence(wanted_world, tmp_path, rule):
    iso3, facts = CASES[rule]
    for table, values in facts:
        wanted_world.add(table, **values)
    findings = {f.rule: f for f in assess("wanted", ON, wanted_world.load(tmp_path)).explain(iso3).verdict.findings}
    assert rule in findings and findings[rule].value != 0
    expected = {"icc_warrant": "w-icc", "icc_state_party": "icc-fra", "neighbour": "border-rus-mng", "distance": "gravity-mng",
                "host_size": "gravity-mng", "entered_through": "entered-through-vat"}.get(rule, "fact")
    assert expected in [e.fact for e in findings[rule].evidence]
    assert all(e.sources and e.sources[0]["url"].startswith(("https://", "http://")) for e in findings[rule].evidence)


@pytest.mark.parametrize("rule", sorted(r for r in CASES if CASES[r][1]))
def test_rule_is_silent_without_its_fact(wanted_world, tmp_path, rule):
    iso3, facts = CASES[rule]
    for table, values in facts:  # a state the case adds is added bare: its fact is the column, not the row
        if table == "countries":
            wanted_world.add(table, **{k: v for k, v in values.items() if k != "entered_through"})
    findings = assess("wanted", ON, wanted_world.load(tmp_path)).explain(iso3).verdict.findings
    assert rule not in [f.rule for f in findings]


def test_every_rule_explains_itself_in_one_line():
    for rule in RULEBOOK:
        assert rule.explanation and "\n" not in rule.explanation


def _vote_evidence(world, tmp_path, on):
    findings = assess("wanted", on, world.load(tmp_path)).explain("PRK").verdict.findings
    return sorted(e.fact for f in findings if f.rule == "un_vote_alignment" for e in f.evidence)


@pytest.mark.parametrize("order", [1, -1])
def test_a_vote_lasts_until_five_resolutions_on_later_days_whatever_the_row_order(wanted_world, tmp_path, order):
    # Six resolutions adopted the same day never supersede one another; five on later days do.
    days = ["2019-12-13"] * 6 + ["2020-12-01", "2021-12-01", "2022-12-01", "2023-12-01", "2024-12-01"]
    resolutions = list(enumerate(days))[::order]
    for n, day in resolutions:
        wanted_world.add("un_resolutions", id=f"A/RES/{n}", title=f"R{n}", start=day, concerns="RUS", yes_means="against")
        wanted_world.add("un_votes", id=f"v{n}", resolution=f"A/RES/{n}", iso3="PRK", vote="N", start=day)
    assert _vote_evidence(wanted_world, tmp_path / "a", date(2024, 11, 30)) == sorted(f"v{n}" for n in range(10))
    assert _vote_evidence(wanted_world, tmp_path / "b", date(2024, 12, 1)) == sorted(f"v{n}" for n in range(6, 11))


def test_a_declaration_binds_only_for_the_situation_it_covers(wanted_world, tmp_path):
    """A declaration over another situation (Libya's of 2025, say) creates no duty to arrest someone wanted for Ukraine."""
    wanted_world.add("memberships", id="lby-decl", organisation="ICC", iso3="SYR", role="declaration", start="2024-01-01")
    wanted_world.add("memberships", id="ukr-decl", organisation="ICC", iso3="UKR", role="declaration", start="2015-09-08")
    result = assess("wanted", ON, wanted_world.load(tmp_path))
    assert result["UKR"].obliged_to_arrest is True
    assert result["SYR"].obliged_to_arrest is False
