"""The answer for one person on one date: a verdict per state, each with its reasons and evidence.

Tiers and scores come from the evaluation matrices; the short reasons are gathered per rule in one pass;
the full evidence (facts with their sources) is assembled only when a verdict is explained.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from typing import Iterator

import numpy as np
import pandas as pd

from haven.engine.model import Model
from haven.engine.spans import EVERY_COUNTRY, UNVERIFIED, active
from haven.engine.verdicts import Evaluation
from haven.engine.weights import METHOD_VERSION
from haven.errors import UnknownCountry
from haven.knowledge.coverage import coverage_for
from haven.vocabulary import TIERS

CSV_COLUMNS = ["iso3", "country", "tier", "obliged_to_arrest", "arrest_risk", "visit_likelihood", "reasons"]
# Duty facts about the person (the warrant) matter for a state only where they create an obligation.
SHOWN_ONLY_WHEN_OBLIGED = ("icc_warrant",)


@dataclass(frozen=True)
class Evidence:
    fact: str
    table: str
    label: str
    when: str
    certainty: str
    sources: tuple[dict, ...]


@dataclass(frozen=True)
class Finding:
    rule: str
    axis: str
    explanation: str
    value: float
    phrase: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def counted(self) -> bool:
        return self.value != 0


@dataclass(frozen=True)
class Verdict:
    iso3: str
    country: str
    tier: str
    obliged_to_arrest: bool
    arrest_risk: float
    visit_likelihood: float
    reasons: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["reasons"] = list(self.reasons)
        if not self.findings:
            data.pop("findings")
        return data


def phrase(rule: str, labels: list[str], home: str) -> str:
    """A short reason from the labels of the facts behind one rule for one state."""
    if rule == "un_vote_alignment":
        counts = {word: sum(label.startswith(prefix) for label in labels)
                  for word, prefix in (("no", "voted no"), ("abstentions", "abstained"), ("absences", "did not vote"))}
        parts = [f"{n} {word}" for word, n in counts.items() if n]
        return f"{', '.join(parts) or 'no votes'} in the last {len(labels)} UN votes condemning {home}"
    return labels[0] + (f" (+{len(labels) - 1} more)" if len(labels) > 1 else "")


class Assessment:
    """Verdicts for every state: a DataFrame, an iterator of verdicts, and `.explain(country)`."""

    def __init__(self, model: Model, evaluation: Evaluation, on: date):
        self.model = model
        self.on = on
        self.person = model.subject.person
        self.kb = model.subject.kb
        self.method_version = METHOD_VERSION
        self.data_version = self.kb.version
        self.evaluation = evaluation
        self.countries = evaluation.grid.countries
        self._position = evaluation.grid.index
        self._live = self._live_spans()
        self._reasons = self._gather_reasons()
        self.verdicts: dict[str, Verdict] = {iso3: self._verdict(iso3) for iso3 in self.countries}

    def _live_spans(self) -> dict[str, np.ndarray]:
        """Per rule, positions of the spans active on the date (zero-valued ones kept: unverified facts, yes votes)."""
        day = self.evaluation.grid.dates[:1]
        live = {}
        for rule in self.model.rules:
            packed = self.model.packed[rule.name]
            if packed.value.size == 0:
                continue
            rows = packed.row[active(packed, day)[0]]
            if rows.size:
                live[rule.name] = rows
        return live

    def _fired(self, rule: str, iso3: str) -> bool:
        return self.evaluation.rules[rule][0, self._position[iso3]] != 0

    def _gather_reasons(self) -> dict[str, list[str]]:
        reasons: dict[str, list[str]] = {iso3: [] for iso3 in self.countries}
        obliged = self.evaluation.obliged[0]
        for rule in self.model.rules:
            rows = self._live.get(rule.name)
            if rows is None:
                continue
            fired = self.evaluation.rules[rule.name][0] != 0
            iso3s, texts_, certainties = self.model.columns[rule.name]
            labels: dict[str, list[str]] = {}
            for iso3, label, certainty in zip(iso3s[rows], texts_[rows], certainties[rows]):
                if certainty != UNVERIFIED or rule.name == "un_vote_alignment":
                    labels.setdefault(iso3, []).append(label)
            for iso3, texts in labels.items():
                targets = self.countries if iso3 == EVERY_COUNTRY else (iso3,) if iso3 in self._position else ()
                text = phrase(rule.name, texts, self.person.home)
                for target in targets:
                    i = self._position[target]
                    if fired[i] and (rule.name not in SHOWN_ONLY_WHEN_OBLIGED or obliged[i]):
                        reasons[target].append(text)
        return reasons

    def _verdict(self, iso3: str, findings: tuple[Finding, ...] = ()) -> Verdict:
        e, i = self.evaluation, self._position[iso3]
        tier = TIERS[int(e.tier[0, i])]
        return Verdict(
            iso3=iso3,
            country=self.kb.countries.name(iso3),
            tier=tier,
            obliged_to_arrest=bool(e.obliged[0, i]),
            arrest_risk=round(float(e.arrest_risk[0, i]), 3),
            visit_likelihood=round(float(e.visit_likelihood[0, i]), 3),
            reasons=("home state",) if tier == "home" else tuple(self._reasons[iso3]),
            findings=findings,
        )

    def findings(self, iso3: str) -> tuple[Finding, ...]:
        """Every rule that fired for a state (or rests only on unverified facts), with its evidence."""
        obliged = bool(self.evaluation.obliged[0, self._position[iso3]])
        found = []
        for rule in self.model.rules:
            rows = self._live.get(rule.name)
            if rows is None:
                continue
            live = self.model.spans[rule.name].iloc[rows]
            active = live[live["iso3"].isin([iso3, EVERY_COUNTRY])]
            value = float(self.evaluation.rules[rule.name][0, self._position[iso3]])
            doubtful = (active["certainty"] == UNVERIFIED).any()
            if active.empty or (value == 0 and not doubtful):
                continue
            if rule.name in SHOWN_ONLY_WHEN_OBLIGED and not obliged:
                continue
            labels = list(active.loc[active["certainty"] != UNVERIFIED, "label"]) or list(active["label"])
            found.append(Finding(rule.name, rule.axis, rule.explanation, round(value, 3),
                                 phrase(rule.name, labels, self.person.home), self._evidence(active)))
        return tuple(found)

    def _evidence(self, active: pd.DataFrame) -> tuple[Evidence, ...]:
        items = []
        for row in active.drop_duplicates("fact").itertuples(index=False):
            sources = tuple(
                {k: s[k] for k in ("id", "url", "publisher", "title", "published")} for s in self.kb.sources_of(row.source)
            )
            items.append(Evidence(row.fact, row.table, row.label, row.when, row.certainty, sources))
        return tuple(items)

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts.values())

    def __len__(self) -> int:
        return len(self.verdicts)

    def __getitem__(self, country: str) -> Verdict:
        return self.verdicts[self.code(country)]

    def code(self, country: str) -> str:
        """The assessed state for a code or name; a territory answers to its sovereign."""
        iso3 = self.kb.countries.sovereign_of(self.kb.countries.resolve(country))
        if iso3 not in self.verdicts:
            raise UnknownCountry(f"{country!r} is not a state haven assesses")
        return iso3

    @cached_property
    def frame(self) -> pd.DataFrame:
        rows = [{**{c: getattr(v, c) for c in CSV_COLUMNS[:-1]}, "reasons": "; ".join(v.reasons)} for v in self]
        return pd.DataFrame(rows, columns=CSV_COLUMNS)

    def to_frame(self) -> pd.DataFrame:
        """One row per state with the columns of `haven assess --format csv`."""
        return self.frame.copy()

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(TIERS, 0)
        for verdict in self:
            counts[verdict.tier] += 1
        return counts

    def explain(self, country: str) -> "Explanation":
        iso3 = self.code(country)
        verdict = self._verdict(iso3, self.findings(iso3))
        return Explanation(self.person.id, self.on.isoformat(), verdict, self.method_version, self.data_version)

    def meta(self) -> dict:
        return {"person": self.person.id, "name": self.person.name, "on": self.on.isoformat(),
                "method_version": self.method_version, "data_version": self.data_version,
                "coverage": coverage_for(self.kb, self.person.id).as_dict(self.on)}


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
            f"visit likelihood (next 365 days) {v.visit_likelihood:.2f}",
        ]
        for finding in v.findings:
            lines.append(f"- {finding.rule} [{finding.axis}, {finding.value:g}]: {finding.explanation}")
            for item in finding.evidence:
                doubt = " (unverified: not counted)" if item.certainty == UNVERIFIED else ""
                lines.append(f"    {item.when or '?':<10} {item.label}{doubt} [{item.fact}]")
                for source in item.sources:
                    lines.append(f"               {source['publisher']}: {source['url']}")
        if not v.findings:
            lines.append("- no rule fired: no duty to arrest, no hostility and no ties on record")
        lines.append(f"method {self.method_version}; data {self.data_version}")
        return "\n".join(lines)
