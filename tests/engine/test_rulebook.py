"""The rulebook is the one place a rule lives: the combination reads declared axes and effects, never names."""

import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from haven.engine import weights as W
from haven.engine.combine import evaluate_model
from haven.engine.method import axis_table, rule_table
from haven.engine.model import compile_model
from haven.engine.rulebook import MODIFIERS, RULEBOOK, Effect, Words, rule
from haven.engine.rulebook.declare import BAN, HOSTILITY, LENIENCY, TIE
from haven.engine.spans import Grid, make_spans
from haven.persons import find_person
from haven.vocabulary import TIERS

ON = date(2024, 6, 24)
SRC = Path(__file__).resolve().parents[2] / "src" / "haven"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _tiers(kb, rulebook=RULEBOOK) -> dict[str, str]:
    model = compile_model(kb, find_person(kb, "wanted"), rulebook)
    evaluation = evaluate_model(model, Grid(np.array([np.datetime64(ON, "D")]), model.countries))
    return {iso3: TIERS[int(t)] for iso3, t in zip(model.countries, evaluation.tier[0], strict=True)}


def _one_span(iso3: str, value: float = 1.0):
    def facts(s):
        return make_spans([{"iso3": iso3, "begin": "2024-01-01", "until": None, "value": value, "fact": "new-fact",
                            "table": "stances", "source": "src-test", "when": "2024-01-01", "certainty": "confirmed",
                            "detail": {"what": "a new kind of fact"}}])
    return facts


def _declare(axis: str, iso3: str, effect: Effect | None = None, value: float = 1.0):
    def new_rule(s):
        """A rule declared only in this test."""
        return _one_span(iso3, value)(s)

    return rule(axis, Words(label=lambda d: d["what"]), effect=effect or Effect())(new_rule)


@pytest.mark.parametrize("axis, iso3, effect, value, before, after", [
    (HOSTILITY, "IND", Effect(risk_not_obliged=0.1), 1.0, "open", "risky"),
    (BAN, "IND", Effect(risk_not_obliged=0.1), 1.0, "open", "closed"),
    (LENIENCY, "FRA", Effect(risk=-0.6), 1.0, "closed", "risky"),
    (TIE, "IND", Effect(), 0.6, "open", "ally"),
])
def test_a_new_rule_moves_tiers_through_its_declaration_alone(wanted_world, tmp_path, axis, iso3, effect, value, before, after):
    kb = wanted_world.load(tmp_path)
    assert _tiers(kb)[iso3] == before
    assert _tiers(kb, (*RULEBOOK, _declare(axis, iso3, effect, value)))[iso3] == after


def test_a_tier_cap_declared_by_a_rule_holds_while_it_fires(wanted_world, tmp_path):
    kb = wanted_world.load(tmp_path)
    capped = _declare(LENIENCY, "FRA", Effect(tier_cap_obliged="risky"))
    assert _tiers(kb)["FRA"] == "closed" and _tiers(kb, (*RULEBOOK, capped))["FRA"] == "risky"


def test_the_combination_never_names_a_rule():
    source = (SRC / "engine" / "combine.py").read_text()
    named = [r.name for r in RULEBOOK if re.search(rf"\b{r.name}\b", source)]
    assert named == []


def test_rule_names_appear_outside_the_engine_in_at_most_two_files():
    names = [r.name for r in (*RULEBOOK, *MODIFIERS)]
    files = set()
    for path in SRC.rglob("*"):
        if path.suffix not in (".py", ".js", ".html", ".j2") or "engine" in path.relative_to(SRC).parts:
            continue
        text = path.read_text(encoding="utf-8")
        for name in names:  # a name without "_" is an English word too: count it only as a quoted identifier
            pattern = rf"\b{name}\b" if "_" in name else rf"[\"']{name}[\"']"
            if re.search(pattern, text):
                files.add(path.relative_to(SRC).as_posix())
    assert len(files) <= 2, sorted(files)


def test_every_rule_is_declared_completely():
    for r in RULEBOOK:
        assert r.explanation.endswith(".") and "\n" not in r.explanation, r.name
        assert r.words.label is not None and r.words.statements is not None, r.name
        assert r.how in ("sum", "max"), r.name


def test_every_fitted_visit_feature_is_provided_by_a_rule_or_the_combination():
    from haven.engine import visit_feature_names

    assert set(W.VISIT_FEATURES) <= set(visit_feature_names())
    assert set(visit_feature_names()) <= set(W.VISIT)  # each has a coefficient


def test_every_treaty_kind_and_alliance_has_a_weight():
    from haven.knowledge.schema import enum

    assert set(enum("treaties", "kind")) == set(W.TREATY)


def _section(text: str, marker: str) -> str:
    match = re.search(rf"<!-- {marker}:start -->\n(.*?)\n<!-- {marker}:end -->", text, flags=re.DOTALL)
    assert match, f"docs/method.md lacks the {marker} markers"
    return match.group(1)


def test_docs_method_rule_table_is_the_generated_one():
    """Regenerate with `python -m haven.engine.method --write docs/method.md` after changing a declaration."""
    text = (DOCS / "method.md").read_text(encoding="utf-8")
    assert _section(text, "rulebook") == rule_table()
    assert _section(text, "axes") == axis_table()
