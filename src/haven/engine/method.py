"""The method described by itself: rules, their one-line explanations and the numbers they use."""

from __future__ import annotations

import pandas as pd

from haven.engine import weights as W
from haven.engine.rules import RULES

RULE_WEIGHTS = {
    "recent_visits": f"{W.TIES['recent_visits']} per trip in {W.RECENT_VISITS_DAYS} days, at most {W.RECENT_VISITS_CAP}",
    "shared_alliance": ", ".join(f"{k} {v}" for k, v in W.ALLIANCE.items()) + f"; lesser roles x{W.LESSER_ROLE}",
    "treaty_ties": ", ".join(f"{k} {v}" for k, v in W.TREATY.items()) + f"; mutual defence +{W.MUTUAL_DEFENCE_BONUS}; signed only x{W.SIGNED_NOT_IN_FORCE}",
    "troops_and_bases": str(W.TIES["troops_and_bases"]),
    "arms_supplies": str(W.TIES["arms_supplies"]),
    "un_vote_alignment": f"{W.TIES['un_vote_alignment']} x alignment over the last 5 votes (no 1, abstain 0.5, absent 0.35, yes 0)",
    "trade_dependence": f"{W.TIES['trade_dependence']} when either side's share >= {W.TRADE_MAJOR_SHARE}",
    "will_not_arrest": f"arrest risk {W.RISK['will_not_arrest']:+}",
    "non_compliance_record": f"arrest risk {W.RISK['non_compliance_record']:+}",
    "hosted_under_warrant": f"arrest risk {W.RISK['hosted_under_warrant']:+}",
    "invitation": f"arrest risk {W.RISK['invitation']:+}; visit {W.VISIT['invitation']:+} (logit)",
    "will_arrest": f"arrest risk {W.RISK['will_arrest']:+}",
}
DECISIONS = [
    ("obliged_to_arrest", "an ICC warrant is public and in force AND the state is a party (or bound by an Art. 12(3) declaration); or its own court issued a warrant"),
    ("ties", f"sum of the tie rules; ally from {W.ALLY_THRESHOLD}"),
    ("arrest_risk", f"obliged: {W.RISK['base']} {W.RISK['ties']:+} x ties (max 1) plus the stance rules, clipped to [{W.RISK['floor']}, {W.RISK['ceiling']}]; not obliged: {W.RISK_NOT_OBLIGED}"),
    ("tier", f"home; closed if entry ban, war or no relations, or obliged with arrest risk >= {W.CLOSED_RISK}; risky if obliged or hostile; ally if ties >= {W.ALLY_THRESHOLD}; else open"),
    ("visit_likelihood", "logistic(" + ", ".join(f"{k} {v:+}" for k, v in W.VISIT.items()) + ")"),
]


def method_frame() -> pd.DataFrame:
    from haven.engine.access import ACCESS_RULE

    rows = [{"step": r.name, "axis": r.axis, "weight": RULE_WEIGHTS.get(r.name, "fires or not"), "explanation": r.explanation} for r in RULES]
    rows.append({"step": ACCESS_RULE.name, "axis": ACCESS_RULE.axis, "weight": f"visit log-odds {W.ACCESS} (only with --routes)",
                 "explanation": ACCESS_RULE.explanation})
    rows += [{"step": name, "axis": "decision", "weight": how, "explanation": ""} for name, how in DECISIONS]
    return pd.DataFrame(rows)
