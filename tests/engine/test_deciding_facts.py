"""The deciding facts of issue 13, each with its effect: national warrants, safe passage, ICC rulings that widen
or narrow the duty, recognition (and what it does to an old regime's ties)."""

from datetime import date

from haven.engine import assess

ON = date(2024, 6, 24)


def verdict(world, tmp_path, iso3, on=ON):
    return assess("wanted", on, world.load(tmp_path))[iso3]


def test_a_national_warrant_obliges_the_issuing_state_alone(wanted_world, tmp_path):
    wanted_world.add("warrants", id="ukr-w", person="wanted", issuer="UKR", kind="warrant", start="2023-05-01")
    kb = wanted_world.load(tmp_path)
    result = assess("wanted", ON, kb)
    assert result["UKR"].obliged_to_arrest is True and result["UKR"].tier == "closed"
    assert result["IND"].obliged_to_arrest is False
    assert assess("wanted", date(2023, 4, 30), kb)["UKR"].obliged_to_arrest is False


def test_safe_passage_for_an_event_makes_an_obliged_state_risky_only_while_it_lasts(wanted_world, tmp_path):
    wanted_world.add("events", id="summit-fra", kind="summit", organiser="FRA", title="Summit", host="FRA",
                     start="2024-07-10", end="2024-07-12")
    wanted_world.add("stances", id="pass", country="FRA", person="wanted", kind="safe-passage", event="summit-fra",
                     by="President of France", summary="Pledged no arrest for the summit.", start="2024-06-20")
    kb = wanted_world.load(tmp_path)
    during, after = assess("wanted", date(2024, 7, 12), kb)["FRA"], assess("wanted", date(2024, 7, 13), kb)["FRA"]
    assert during.tier == "risky" and during.arrest_risk < 0.2 and after.tier == "closed"
    assert assess("wanted", date(2024, 6, 19), kb)["FRA"].tier == "closed"


def test_safe_passage_opens_a_hostile_state_not_obliged(wanted_world, tmp_path):
    wanted_world.add("sanctions", imposer="USA", target_state="RUS", measure="other", start="2014-03-17")
    wanted_world.add("stances", id="pass", country="USA", person="wanted", kind="safe-passage", summary="Talks.",
                     start="2025-08-01", end="2025-08-17")
    kb = wanted_world.load(tmp_path)
    assert assess("wanted", date(2025, 7, 31), kb)["USA"].tier == "risky"
    assert assess("wanted", date(2025, 8, 15), kb)["USA"].tier == "open"


def test_a_ruling_against_immunity_cancels_immunity_claims_but_not_other_stances(wanted_world, tmp_path):
    wanted_world.add("stances", id="claim", country="MNG", person="wanted", kind="immunity-claim", summary="Immune.",
                     start="2023-10-01")
    wanted_world.add("stances", id="refusal", country="ZAF", person="wanted", kind="will-not-arrest", summary="No.",
                     start="2023-07-18")
    wanted_world.add("stances", id="ruling", kind="icc-ruling-widens", by="Appeals Chamber",
                     summary="Head-of-state immunity is no bar to arrest.", start="2024-03-01")
    wanted_world.add("treaties", kind="strategic-partnership", title="Pact", parties="RUS;MNG", signed="2019", start="2019-09-03")
    wanted_world.add("treaties", kind="strategic-partnership", title="Pact", parties="RUS;ZAF", signed="2019", start="2019-09-03")
    kb = wanted_world.load(tmp_path)
    before, after = assess("wanted", date(2024, 2, 29), kb), assess("wanted", date(2024, 3, 1), kb)
    assert before["MNG"].tier == "risky" and after["MNG"].tier == "closed"
    assert before["ZAF"].tier == after["ZAF"].tier == "risky"
    found = {f.rule for f in after.explain("MNG").verdict.findings}
    assert "icc_ruling_widens" in found


def test_a_ruling_that_narrows_the_duty_releases_the_state_concerned(wanted_world, tmp_path):
    wanted_world.add("stances", id="narrow", country="FRA", person="wanted", kind="icc-ruling-narrows", by="Chamber",
                     summary="France need not arrest.", start="2024-01-01")
    result = assess("wanted", ON, wanted_world.load(tmp_path))
    assert result["FRA"].obliged_to_arrest is False and result["FRA"].tier == "open"
    assert result["DEU"].obliged_to_arrest is True


def test_non_recognition_either_way_means_no_relations(wanted_world, tmp_path):
    wanted_world.add("recognitions", recogniser="IND", recognised="RUS", kind="does-not-recognise-government", start="2022-01-01")
    wanted_world.add("recognitions", recogniser="RUS", recognised="BRA", kind="does-not-recognise-state", start="2022-01-01")
    result = assess("wanted", ON, wanted_world.load(tmp_path))
    assert result["IND"].tier == "closed" and result["BRA"].tier == "closed"


def test_recognising_the_new_government_creates_a_tie_and_brings_back_the_old_ones(wanted_world, tmp_path):
    wanted_world.add("military_presence", state="RUS", host="SYR", kind="base", site="Hmeimim", start="2015-09-30")
    wanted_world.add("treaties", kind="basing-agreement", title="Basing deal", parties="RUS;SYR", signed="2017-01-18", start="2017-01-18")
    wanted_world.add("government_changes", country="SYR", kind="collapse", summary="The government fell.", start="2024-12-08",
                     breaks_with="RUS")
    wanted_world.add("recognitions", id="rec", recogniser="RUS", recognised="SYR", kind="recognises-government",
                     government="Transitional authorities", start="2025-07-03")
    kb = wanted_world.load(tmp_path)
    assert assess("wanted", date(2024, 12, 7), kb)["SYR"].tier == "ally"
    assert assess("wanted", date(2025, 7, 2), kb)["SYR"].tier == "open"
    again = assess("wanted", date(2025, 7, 3), kb)
    assert again["SYR"].tier == "ally"
    assert {"recognised_government", "troops_and_bases", "treaty_ties"} <= {f.rule for f in again.explain("SYR").verdict.findings}


def test_a_default_verdict_says_nothing_is_on_record_and_a_fact_replaces_that(wanted_world, tmp_path):
    from haven.engine.assessment import NOTHING_ON_RECORD

    result = assess("wanted", ON, wanted_world.load(tmp_path / "before"))
    blank = [v for v in result.verdicts.values() if v.tier == "open" and NOTHING_ON_RECORD in v.reasons]
    assert blank and all(v.reasons == (NOTHING_ON_RECORD,) for v in blank)
    assert all(v.reasons for v in result.verdicts.values())  # no verdict is left without a reason
    iso3 = blank[0].iso3
    wanted_world.add("sanctions", imposer=iso3, target_person="wanted", measure="travel-ban", start="2023-01-01")
    after = assess("wanted", ON, wanted_world.load(tmp_path / "after"))[iso3]
    assert NOTHING_ON_RECORD not in after.reasons and after.reasons
