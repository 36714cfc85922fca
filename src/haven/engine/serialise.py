"""One serialiser per shape: the assessment as JSON, rows (CSV) or a frame, and an explanation as JSON or text.

The CLI, the web API and the exports all call these, so the same answer has the same shape everywhere; the
web API's response models (`haven.web.models`) describe exactly these dicts and are checked against them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from haven.engine.evidence import UNVERIFIED

if TYPE_CHECKING:
    import pandas as pd

    from haven.engine.assessment import Assessment, Explanation, Verdict

CSV_COLUMNS = ("iso3", "country", "tier", "obliged_to_arrest", "arrest_risk", "visit_likelihood", "reasons")


def verdict_dict(verdict: Verdict, *, findings: bool = False) -> dict[str, Any]:
    """A verdict as JSON: its scores and reasons, and (when asked) its findings with their evidence."""
    data: dict[str, Any] = {"iso3": verdict.iso3, "country": verdict.country, "tier": verdict.tier,
            "obliged_to_arrest": verdict.obliged_to_arrest, "arrest_risk": verdict.arrest_risk,
            "visit_likelihood": verdict.visit_likelihood, "reasons": list(verdict.reasons)}
    if findings:
        if verdict.readings:
            data["readings"] = [asdict(r) for r in verdict.readings]
        found: list[dict[str, Any]] = [asdict(f) for f in verdict.findings]
        data["findings"] = found
        for finding in found:
            for item in finding["evidence"]:
                item["sources"] = list(item["sources"])
                item["later_sources"] = list(item["later_sources"])
                item["detail"] = dict(item["detail"])
    return data


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    """`haven assess --format json` and `/api/assess`: who, when, which versions and the person's status, tier
    counts, every verdict (none for a person in custody or dead: there is no travel to assess)."""
    if assessment.no_travel:
        return {**assessment.meta(), "counts": dict.fromkeys(assessment.counts(), 0), "countries": []}
    return {**assessment.meta(), "counts": assessment.counts(), "countries": [verdict_dict(v) for v in assessment]}


def assessment_rows(assessment: Assessment) -> list[list[Any]]:
    """The CSV rows (header first): one per state, reasons joined by '; ' (only the header for a person in custody
    or dead)."""
    rows: list[list[Any]] = [list(CSV_COLUMNS)]
    if assessment.no_travel:
        return rows
    for v in assessment:
        rows.append([v.iso3, v.country, v.tier, v.obliged_to_arrest, v.arrest_risk, v.visit_likelihood, "; ".join(v.reasons)])
    return rows


def _cell(value: Any) -> str:  # CSV: True, False, disputed
    if isinstance(value, bool):
        return "True" if value else "False"
    return str(value)


def assessment_csv(assessment: Assessment) -> str:
    """`haven assess --format csv`, written without pandas (a new process then never imports it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in assessment_rows(assessment):
        writer.writerow([_cell(c) for c in row])
    return buffer.getvalue()


def assessment_frame(assessment: Assessment) -> pd.DataFrame:
    """The same rows as a DataFrame (terminal tables, GeoJSON, Parquet)."""
    import pandas as pd

    header, *rows = assessment_rows(assessment)
    return pd.DataFrame(rows, columns=header)


def explanation_dict(explanation: Explanation) -> dict[str, Any]:
    """`haven explain --format json` and `/api/explain`: the verdict with every finding and its evidence, and how
    current the facts are (`coverage`, with `stale`)."""
    data: dict[str, Any] = {"person": explanation.person, "on": explanation.on,
                            "method_version": explanation.method_version, "data_version": explanation.data_version}
    if explanation.coverage is not None:
        data["coverage"] = explanation.coverage
    return {**data, **verdict_dict(explanation.verdict, findings=True)}


EXPLANATION_COLUMNS = ("rule", "axis", "value", "fact", "table", "when", "certainty", "label", "sources",
                       "later_sources", "note")


def _citations(sources: tuple[dict, ...]) -> str:
    return " | ".join(f"{s['publisher']}, {s['published'] or 'undated'}: {s['url']}" for s in sources)


def explanation_rows(explanation: Explanation) -> list[list[Any]]:
    """`haven explain --format csv`: one row per fact behind each finding (header first), its sources published
    by the date in `sources` and those published after it in `later_sources`, kept apart as everywhere."""
    rows: list[list[Any]] = [list(EXPLANATION_COLUMNS)]
    for finding in explanation.verdict.findings:
        for item in finding.evidence:
            rows.append([finding.rule, finding.axis, f"{finding.value:g}", item.fact, item.table, item.when,
                         item.certainty, item.label, _citations(item.sources), _citations(item.later_sources), item.note])
    return rows


def explanation_csv(explanation: Explanation) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(explanation_rows(explanation))
    return buffer.getvalue()


def coverage_text(coverage: dict[str, Any] | None, on: str) -> str | None:
    """'facts current to 2026-05-17' and, past that, what it means for an answer on `on`."""
    if not coverage or not coverage.get("date"):
        return None
    text = f"facts current to {coverage['date']}"
    if coverage.get("stale"):
        text += f"; {on} is later, and whatever happened since is not in the data"
    return text


def explanation_text(explanation: Explanation) -> str:
    v = explanation.verdict
    obliged = "disputed" if v.obliged_to_arrest == "disputed" else "yes" if v.obliged_to_arrest else "no"
    lines = [
        f"{v.country} ({v.iso3}) for {explanation.person} on {explanation.on}: {v.tier}",
        (f"  obliged to arrest: {obliged}; arrest risk {v.arrest_risk:.2f}; "
         f"visit likelihood (next 365 days) {v.visit_likelihood:.2f}"),
    ]
    for r in v.readings:
        lines.append(f"  {r.reading}: {'obliged' if r.obliged_to_arrest else 'not obliged'} to arrest, {r.tier}, "
                     f"arrest risk {r.arrest_risk:.2f}")
    for finding in v.findings:
        lines.append(f"- {finding.rule} [{finding.axis}, {finding.value:g}]: {finding.explanation}")
        for item in finding.evidence:
            doubt = {UNVERIFIED: " (unverified: not counted)", "disputed": " (disputed: worked out both ways)"}.get(item.certainty, "")
            lines.append(f"    {item.when or '?':<10} {item.label}{doubt} [{item.fact}]")
            for source in item.sources:
                lines.append(f"               {source['publisher']}: {source['url']}")
            if not item.sources and item.later_sources:
                lines.append(f"               (no source published by {explanation.on} is on record)")
            if item.later_sources:
                lines.append(f"               published after {explanation.on}, so not known on that date:")
                for source in item.later_sources:
                    lines.append(f"                 {source['published']} {source['publisher']}: {source['url']}")
            if item.note:
                lines.append(f"               curator's note (written later): {item.note}")
    if v.tier == "home":
        lines.append(f"- {v.country} is {explanation.person}'s own state: no rule applies to it")
    elif not v.findings:
        lines.append("- no rule fired: no duty to arrest, no hostility and no ties on record")
    current = coverage_text(explanation.coverage, explanation.on)
    lines.append(f"method {explanation.method_version}; data {explanation.data_version}" + (f"; {current}" if current else ""))
    return "\n".join(lines)
