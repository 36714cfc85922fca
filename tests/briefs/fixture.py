"""A small, fixed world for brief tests: one wanted person with allies, stances and trips, one person with none.

Built with tests/factory.py so the goldens do not move when the bundled knowledge base grows."""

from __future__ import annotations

from tests.factory import World

SCRIPT_TITLE = "Base deal <script>alert('x')</script> & more"


def brief_world() -> World:
    world = World()
    add = world.add
    for sid, url, publisher, kind, title, published in [
        ("src-icc", "https://example.org/icc/warrant", "Test Court", "court", "Judges issue a warrant", "2023-03-17"),
        ("src-icc-copy", "https://example.org/icc/warrant", "Test Court (mirror)", "court", "Judges issue a warrant", "2023-03-17"),
        ("src-un", "https://example.org/un/r1", "Test UN Library", "un", "Resolution R1 voting record", "2022-03-02"),
        ("src-treaty", "https://example.org/treaty", "Test Wire", "press", "Treaty signed", "2024-06-19"),
        ("src-base", "https://example.org/base", "Test Herald", "press", SCRIPT_TITLE, "2015-09-01"),
        ("src-trip", "https://example.org/trip", "Test Agency", "press", "Leader arrives", "2024-05-23"),
        ("src-stance", "https://example.org/stance", "Test Times", "press", "Minister says no arrest", "2023-07-18"),
        ("src-change", "https://example.org/change", "Test Wire", "press", "Government falls", "2024-12-08"),
    ]:
        add("sources", id=sid, url=url, publisher=publisher, source_type=kind, title=title, published=published,
            accessed="2026-11-24")
    add("persons", id="quiet", qid="Q2", name="Quiet Person", home="IND", title="Minister", aliases="")
    # A weak tie for the quiet person's state, too weak to make an ally.
    add("treaties", id="treaty-ind-deu", kind="military-cooperation", title="Training Agreement (Test)", parties="DEU;IND",
        signed="2010-05-01", start="2010-05-01", source="src-treaty")
    add("organisations", id="CSTO", name="Collective Security Treaty Organization", kind="military-alliance",
        arrest_duty="false", start="1992-05-15")
    add("memberships", organisation="CSTO", iso3="RUS", role="member", start="1992-05-15")
    add("memberships", organisation="CSTO", iso3="BLR", role="member", start="1992-05-15")
    for iso3 in ("DEU", "FRA", "MNG", "ZAF", "TJK", "BRA", "HUN"):
        add("memberships", id=f"icc-{iso3.lower()}", organisation="ICC", iso3=iso3, role="party", start="2002-07-01")
    add("warrants", id="warrant-wanted", person="wanted", issuer="ICC", kind="warrant", case="Situation in Testland",
        charges="War crimes of unlawful deportation", start="2023-03-17", source="src-icc;src-icc-copy")
    add("treaties", id="treaty-prk", kind="defence-treaty", title="Treaty on Comprehensive Partnership (Test)",
        parties="PRK;RUS", signed="2024-06-19", start="2024-12-04", mutual_defence="true", source="src-treaty")
    add("treaties", id="treaty-blr", kind="strategic-partnership", title="Union Treaty (Test)", parties="BLR;RUS",
        signed="1999-12-08", start="2000-01-26", source="src-treaty")
    add("military_presence", id="presence-blr", state="RUS", host="BLR", kind="base", site="Radar station, Test region",
        start="1996-06-07")
    add("military_presence", id="presence-syr", state="RUS", host="SYR", kind="base", site="Air base, Latakia",
        start="2015-08-26", source="src-base")
    add("support", id="support-prk", supplier="PRK", recipient="RUS", what="munitions", detail="Artillery shells",
        start="2023-08", source="src-press")
    add("un_resolutions", id="A/RES/ES-99/1", title="Aggression against Testland", start="2022-03-02", concerns="RUS",
        yes_means="against", yes="141", no="5", abstain="35", source="src-un")
    for iso3, vote in (("PRK", "N"), ("BLR", "N"), ("SYR", "N"), ("CHN", "A"), ("IND", "A"), ("DEU", "Y")):
        add("un_votes", id=f"vote-r1-{iso3.lower()}", resolution="A/RES/ES-99/1", iso3=iso3, vote=vote, start="2022-03-02", source="src-un")
    add("trade", id="trade-blr", reporter="BLR", partner="RUS", start="2022", share="0.6", source="src-press")
    add("visits", id="visit-chn", person="wanted", country="CHN", kind="visit", place="Beijing", event="State visit",
        start="2024-05-16", end="2024-05-17", source="src-trip")
    add("visits", id="visit-blr", person="wanted", country="BLR", kind="visit", place="Minsk", event="Official visit",
        start="2024-05-23", end="2024-05-24", source="src-trip")
    add("visits", id="visit-prk", person="wanted", country="PRK", kind="visit", place="Pyongyang",
        event="State visit and treaty signing", start="2024-06-19", source="src-treaty")
    add("visits", id="avoided-zaf", person="wanted", country="ZAF", kind="avoided", place="Johannesburg",
        event="Bloc summit", start="2023-08-22", end="2023-08-24", source="src-press")
    add("visits", id="visit-mng", person="wanted", country="MNG", kind="visit", place="Ulaanbaatar",
        event="Official visit", start="2024-09-03", source="src-press")
    add("stances", id="stance-zaf", country="ZAF", person="wanted", kind="will-not-arrest", by="President of South Africa",
        summary="Said an arrest would mean war.", start="2023-07-18", source="src-stance")
    add("stances", id="invitation-mng", country="MNG", person="wanted", kind="invitation", by="President of Mongolia",
        summary="Invited the person.", start="2024-08-20", end="2024-09-04", source="src-stance")
    add("stances", id="finding-mng", country="MNG", person="wanted", kind="icc-non-compliance-finding", by="Test Chamber",
        summary="Found that Mongolia failed to arrest.", start="2024-10-24", source="src-icc")
    add("visits", id="virtual-zaf", person="wanted", country="ZAF", kind="virtual", place="Johannesburg",
        event="Bloc summit by video link", start="2023-08-22", end="2023-08-24", source="src-stance")
    add("organisations", id="BLOC", name="Test Bloc", kind="forum", arrest_duty="false", start="2006-01-01")
    for iso3 in ("RUS", "CHN", "ZAF"):
        add("memberships", organisation="BLOC", iso3=iso3, role="member", start="2006-01-01")
    add("events", id="bloc-2022", kind="summit", organiser="BLOC", title="14th Test Bloc summit", host="CHN", city="Beijing",
        start="2022-06-23", end="2022-06-23", announced="2022-01-10", public="2022-01-10", source="src-press")
    add("events", id="bloc-2023", kind="summit", organiser="BLOC", title="15th Test Bloc summit", host="ZAF",
        city="Johannesburg (Sandton)", start="2023-08-22", end="2023-08-24", announced="2023-03-02", public="2023-03-02",
        source="src-press")
    add("event_outcomes", id="bloc-2022-wanted", event="bloc-2022", person="wanted", outcome="video", public="2022-06-23",
        source="src-press")
    add("event_outcomes", id="bloc-2023-wanted", event="bloc-2023", person="wanted", outcome="video", public="2023-07-19",
        source="src-stance")
    add("sanctions", id="freeze-usa", imposer="USA", target_person="wanted", measure="asset-freeze", start="2022-02-25")
    add("government_changes", id="gov-syr", country="SYR", kind="collapse", summary="Rebels took the capital and the president fled.",
        breaks_with="RUS", start="2024-12-08", source="src-change")
    return world
