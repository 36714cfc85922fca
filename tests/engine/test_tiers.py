from datetime import date

from haven.engine import assess

ON = date(2024, 6, 24)


def tier(world, tmp_path, iso3, on=ON):
    return assess("wanted", on, world.load(tmp_path))[iso3]


def test_home_state_is_home_with_no_risk(wanted_world, tmp_path):
    verdict = tier(wanted_world, tmp_path, "RUS")
    assert (verdict.tier, verdict.obliged_to_arrest, verdict.arrest_risk) == ("home", False, 0.0)


def test_state_party_without_ties_is_closed_and_obliged(wanted_world, tmp_path):
    verdict = tier(wanted_world, tmp_path, "FRA")
    assert verdict.tier == "closed" and verdict.obliged_to_arrest and verdict.arrest_risk >= 0.5
    assert "ICC state party since 2002-07-01" in verdict.reasons


def test_non_party_with_strong_ties_is_ally(wanted_world, tmp_path):
    wanted_world.add("treaties", id="t", kind="defence-treaty", title="Mutual aid treaty", parties="RUS;PRK", signed="2020-01-01",
                     start="2020-06-01", mutual_defence="true")
    verdict = tier(wanted_world, tmp_path, "PRK")
    assert verdict.tier == "ally" and not verdict.obliged_to_arrest


def test_non_party_without_ties_is_open(wanted_world, tmp_path):
    assert tier(wanted_world, tmp_path, "IND").tier == "open"


def test_obliged_state_with_strong_ties_is_risky(wanted_world, tmp_path):
    wanted_world.add("memberships", organisation="CSTO", iso3="RUS", role="member", start="2002-10-07")
    wanted_world.add("memberships", organisation="CSTO", iso3="TJK", role="member", start="2002-10-07")
    wanted_world.add("military_presence", state="RUS", host="TJK", kind="base", site="201st base", start="2005")
    verdict = tier(wanted_world, tmp_path, "TJK")
    assert verdict.tier == "risky" and verdict.obliged_to_arrest and verdict.arrest_risk < 0.5


def test_invitation_makes_an_obliged_state_risky(wanted_world, tmp_path):
    wanted_world.add("stances", country="MNG", person="wanted", kind="invitation", by="President of Mongolia",
                     summary="Invited the person.", start="2024-08-30")
    assert tier(wanted_world, tmp_path, "MNG", date(2024, 8, 29)).tier == "closed"
    assert tier(wanted_world, tmp_path, "MNG", date(2024, 8, 30)).tier == "risky"


def test_hosting_the_person_under_warrant_becomes_a_record(wanted_world, tmp_path):
    wanted_world.add("visits", id="v-mng", person="wanted", country="MNG", kind="visit", start="2024-09-02", end="2024-09-03")
    kb = wanted_world.load(tmp_path)
    after = assess("wanted", date(2025, 1, 1), kb).explain("MNG").verdict
    assert after.tier == "risky"
    assert "hosted_under_warrant" in [f.rule for f in after.findings]


def test_hostile_state_not_obliged_is_risky(wanted_world, tmp_path):
    wanted_world.add("sanctions", imposer="USA", target_person="wanted", measure="asset-freeze", start="2022-02-25")
    verdict = tier(wanted_world, tmp_path, "USA")
    assert verdict.tier == "risky" and not verdict.obliged_to_arrest


def test_entry_ban_through_a_bloc_closes_its_members(wanted_world, tmp_path):
    wanted_world.add("memberships", organisation="EU", iso3="DEU", role="member", start="1993-11-01")
    wanted_world.add("memberships", organisation="EU", iso3="DNK", role="member", start="1993-11-01")
    wanted_world.add("sanctions", imposer="EU", target_person="wanted", measure="travel-ban", start="2022-02-25")
    verdict = tier(wanted_world, tmp_path, "DNK")
    assert verdict.tier == "closed" and not verdict.obliged_to_arrest


def test_war_closes_a_state(wanted_world, tmp_path):
    wanted_world.add("hostilities", parties="RUS;UKR", kind="war", start="2022-02-24")
    assert tier(wanted_world, tmp_path, "UKR").tier == "closed"


def test_sealed_warrant_obliges_only_once_public(wanted_world, tmp_path):
    kb = wanted_world.load(tmp_path)
    assert not assess("wanted", date(2023, 3, 16), kb)["FRA"].obliged_to_arrest
    assert assess("wanted", date(2023, 3, 17), kb)["FRA"].obliged_to_arrest


def test_withdrawal_counts_only_once_effective(wanted_world, tmp_path):
    wanted_world.rows["memberships"] = [r for r in wanted_world.rows["memberships"] if r["id"] != "icc-hun"]
    wanted_world.add("memberships", id="icc-hun", organisation="ICC", iso3="HUN", role="party", start="2002-07-01",
                     exit_notified="2025-06-02", end="2026-06-02")
    kb = wanted_world.load(tmp_path)
    assert assess("wanted", date(2026, 6, 1), kb)["HUN"].obliged_to_arrest
    assert not assess("wanted", date(2026, 6, 2), kb)["HUN"].obliged_to_arrest


def test_regime_change_ends_the_old_regimes_ties(wanted_world, tmp_path):
    wanted_world.add("military_presence", state="RUS", host="SYR", kind="base", site="Hmeimim", start="2015-09-30")
    wanted_world.add("treaties", kind="basing-agreement", title="Basing deal", parties="RUS;SYR", signed="2017-01-18", start="2017-01-18")
    wanted_world.add("government_changes", country="SYR", kind="collapse", summary="The government fell.", start="2024-12-08",
                     breaks_with="RUS")
    kb = wanted_world.load(tmp_path)
    assert assess("wanted", date(2024, 12, 7), kb)["SYR"].tier == "ally"
    assert assess("wanted", date(2024, 12, 8), kb)["SYR"].tier == "open"


def test_unverified_facts_are_shown_but_not_counted(wanted_world, tmp_path):
    wanted_world.add("sanctions", id="ban", imposer="USA", target_person="wanted", measure="travel-ban", start="2022-02-25",
                     certainty="unverified")
    result = assess("wanted", ON, wanted_world.load(tmp_path))
    assert result["USA"].tier == "open"
    findings = {f.rule: f for f in result.explain("USA").verdict.findings}
    assert findings["entry_ban"].value == 0 and findings["entry_ban"].evidence[0].fact == "ban"


def test_a_treaty_with_several_parties_binds_each_of_them(wanted_world, tmp_path):
    wanted_world.add("treaties", kind="defence-treaty", title="Three-way pact", parties="RUS;PRK;BLR", signed="2019", start="2020-01-01",
                     mutual_defence="true")
    wanted_world.add("treaties", kind="joint-statement", title="Signed only", parties="CHN;RUS;IND", signed="2024-01-01")
    result = assess("wanted", ON, wanted_world.load(tmp_path))
    assert result["PRK"].tier == result["BLR"].tier == "ally"
    assert any("Signed only" in reason for reason in result["IND"].reasons)


def test_a_state_reached_only_through_others_is_no_safer_than_the_safest_of_them(wanted_world, tmp_path):
    """An enclave with no airport (the Vatican inside Rome): a visit meets the duty of the state around it."""
    wanted_world.add("countries", iso3="VAT", name="Vatican City", kind="state", entered_through="FRA")
    wanted_world.add("countries", iso3="SMR", name="San Marino", kind="state", entered_through="FRA;IND")
    result = assess("wanted", ON, wanted_world.load(tmp_path))
    enclave = result["VAT"]
    assert (enclave.tier, enclave.obliged_to_arrest) == ("closed", False)
    assert enclave.arrest_risk == result["FRA"].arrest_risk
    assert "reached only through France" in enclave.reasons
    assert result["SMR"].tier == result["IND"].tier == "open"  # India will do
