"""The answer for one person on one date: a verdict per state, each with its reasons and evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Iterator

import numpy as np
import pandas as pd

from haven.engine.model import Model
from haven.engine.rules import Rule
from haven.engine.spans import EVERY_COUNTRY, Grid
from haven.engine.verdicts import Evaluation
from haven.engine.weights import METHOD_VERSION
from haven.errors import UnknownCountry
from haven.vocabulary import TIERS

CSV_COLUMNS = ["iso3", "country", "tier", "obliged_to_arrest", "arrest_risk", "visit_likelihood", "reasons"]
# Duty facts are about the person, not the state: show them only where they create an obligation.
SHOWN_ONLY_WHEN_OBLIGED = ("icc_warrant",)


@dataclass(frozen=True)
class Evidence:
    fact: str
    table: str
    label: str
    when: str
    sources: tuple[dict, ...]


@dataclass(frozen=True)
class Finding:
    rule: str
    axis: str
    explanation: str
    value: float
    evidence: tuple[Evidence, ...]

    @property
    def phrase(self) -> str:
        labels = [e.label for e in self.evidence]
        if self.rule == "un_vote_alignment":
            with_home = sum(1 for e in self.evidence if e.label.startswith(("voted no", "abstained")))
            return f"sided with or abstained on {with_home} of the last {len(labels)} UN votes on its partner"
        return labels[0] + (f" (+{len(labels) - 1} more)" if len(labels) > 1 else "")


@dataclass(frozen=True)
class Verdict:
    iso3: str
    country: str
    tier: str
    obliged_to_arrest: bool
    arrest_risk: float
    visit_likelihood: float
    findings: tuple[Finding, ...] = field(default=())

    @property
    def reasons(self) -> list[str]:
        if self.tier == "home":
            return ["home state"]
        return [f.phrase for f in self.findings if f.rule not in SHOWN_ONLY_WHEN_OBLIGED or self.obliged_to_arrest]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["reasons"] = self.reasons
        return data


def _evidence(kb, active: pd.DataFrame) -> tuple[Evidence, ...]:
    seen, items = set(), []
    for row in active.itertuples(index=False):
        if row.fact in seen:
            continue
        seen.add(row.fact)
        sources = tuple(
            {k: s[k] for k in ("id", "url", "publisher", "title", "published")} for s in kb.sources_of(row.source)
        )
        items.append(Evidence(row.fact, row.table, row.label, row.when, sources))
    return tuple(items)


class Assessment:
    """Verdicts for every state: a DataFrame, an iterator of verdicts, and `.explain(country)`."""

    def __init__(self, model: Model, evaluation: Evaluation, on: date):
        self.model = model
        self.on = on
        self.person = model.subject.person
        self.kb = model.subject.kb
        self.method_version = METHOD_VERSION
        self.data_version = self.kb.version
        self._evaluation = evaluation
        self._active = self._active_spans(model, evaluation.grid)
        self.verdicts: dict[str, Verdict] = {iso3: self._verdict(i, iso3) for i, iso3 in enumerate(evaluation.grid.countries)}

    @staticmethod
    def _active_spans(model: Model, grid: Grid) -> dict[str, dict[str, pd.DataFrame]]:
        day = grid.dates[0]
        active = {}
        for rule in model.rules:
            spans = model.spans[rule.name]
            if spans.empty:
                continue
            live = spans[(spans["begin"] <= day) & (day < spans["until"]) & (spans["value"] != 0)]
            active[rule.name] = dict(tuple(live.groupby("iso3")))
        return active

    def _findings(self, iso3: str) -> tuple[Finding, ...]:
        findings = []
        for rule in self.model.rules:
            groups = self._active.get(rule.name, {})
            parts = [groups[k] for k in (iso3, EVERY_COUNTRY) if k in groups]
            if not parts:
                continue
            active = pd.concat(parts) if len(parts) > 1 else parts[0]
            value = float(self._evaluation.rules[rule.name][0, self._evaluation.grid.index[iso3]])
            findings.append(Finding(rule.name, rule.axis, rule.explanation, round(value, 3), _evidence(self.kb, active)))
        return tuple(findings)

    def _verdict(self, i: int, iso3: str) -> Verdict:
        e = self._evaluation
        return Verdict(
            iso3=iso3,
            country=self.kb.countries.name(iso3),
            tier=TIERS[int(e.tier[0, i])],
            obliged_to_arrest=bool(e.obliged[0, i]),
            arrest_risk=round(float(e.arrest_risk[0, i]), 3),
            visit_likelihood=round(float(e.visit_likelihood[0, i]), 3),
            findings=self._findings(iso3),
        )

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts.values())

    def __len__(self) -> int:
        return len(self.verdicts)

    def __getitem__(self, country: str) -> Verdict:
        return self.verdicts[self._code(country)]

    def _code(self, country: str) -> str:
        iso3 = self.kb.countries.resolve(country)
        iso3 = self.kb.countries.sovereign_of(iso3)
        if iso3 not in self.verdicts:
            raise UnknownCountry(f"{country!r} is not a state haven assesses")
        return iso3

    def to_frame(self) -> pd.DataFrame:
        """One row per state with the columns of `haven assess --format csv`."""
        rows = [{**{c: getattr(v, c) for c in CSV_COLUMNS[:-1]}, "reasons": "; ".join(v.reasons)} for v in self]
        return pd.DataFrame(rows, columns=CSV_COLUMNS)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TIERS, 0)
        for verdict in self:
            counts[verdict.tier] += 1
        return counts

    def explain(self, country: str) -> "Explanation":
        verdict = self[country]
        return Explanation(self.person.id, self.on.isoformat(), verdict, self.method_version, self.data_version)

    def meta(self) -> dict:
        return {"person": self.person.id, "name": self.person.name, "on": self.on.isoformat(),
                "method_version": self.method_version, "data_version": self.data_version}


@dataclass(frozen=True)
class Explanation:
    person: str
    on: str
    verdict: Verdict
    method_version: str
    data_version: str

    def as_dict(self) -> dict:
        return {"person": self.person, "on": self.on, "method_version": self.method_version,
                "data_version": self.data_version, **self.verdict.as_dict()}

    def to_text(self) -> str:
        v = self.verdict
        lines = [
            f"{v.country} ({v.iso3}) for {self.person} on {self.on}: {v.tier}",
            f"  obliged to arrest: {'yes' if v.obliged_to_arrest else 'no'}; arrest risk {v.arrest_risk:.2f}; "
            f"visit likelihood (365 days) {v.visit_likelihood:.2f}",
        ]
        for finding in v.findings:
            lines.append(f"- {finding.rule} [{finding.axis}, {finding.value:g}]: {finding.explanation}")
            for item in finding.evidence:
                for source in item.sources or ({"url": "", "publisher": ""},):
                    lines.append(f"    {item.when or '?':<10} {item.label} [{item.fact}] {source['publisher']}: {source['url']}")
        if not v.findings:
            lines.append("- no rule fired: no duty, no hostility and no ties on record")
        lines.append(f"method {self.method_version}; data {self.data_version}")
        return "\n".join(lines)
