"""The method described by itself, from the rulebook: every rule and modifier with its axis, the numbers it
uses and its one-line explanation, then how the axes combine. `haven method`, the web API's /api/method and
the rule table in docs/method.md are all made here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from haven.engine import weights as W
from haven.engine.rulebook import AXES, DISPUTES, MODIFIERS, RULEBOOK
from haven.engine.rulebook.declare import (
    BAN,
    BOUND,
    HOSTILITY,
    LENIENCY,
    OWN_WARRANT,
    TIE,
    WARRANT,
)

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("step", "axis", "weight", "explanation")
DECISIONS = [
    ("obliged_to_arrest", (f"a {WARRANT} rule fires AND a {BOUND} rule fires (an ICC warrant in force and public, the state a "
                           f"party or bound by an Art. 12(3) declaration); or an {OWN_WARRANT} rule fires (its own court's warrant)")),
    ("ties", f"sum of the {TIE} rules; ally from {W.ALLY_THRESHOLD}"),
    ("arrest_risk", (f"obliged: {W.RISK['base']} plus each firing rule's declared risk, {W.RISK['ties']:+} x ties (max 1), "
                     f"clipped to [{W.RISK['floor']}, {W.RISK['ceiling']}]; not obliged: the largest floor a firing rule "
                     f"declares, else {W.RISK_NOT_OBLIGED['neutral']} x (1 - ties)")),
    ("tier", (f"home; closed if a {BAN} rule fires, or obliged with arrest risk >= {W.CLOSED_RISK}; risky if obliged or a "
              f"{HOSTILITY} rule fires; ally if ties >= {W.ALLY_THRESHOLD}; else open; then any tier cap a firing rule declares")),
    ("visit_likelihood", ("logistic(" + ", ".join(f"{k} {v:+}" for k, v in W.VISIT.items())
                          + ") plus the fixed log-odds a context rule declares")),
]


def method_rows() -> list[dict[str, Any]]:
    rows = [{"step": r.name, "axis": r.axis, "weight": r.weight, "explanation": r.explanation} for r in RULEBOOK]
    rows += [{"step": m.name, "axis": "modifier", "weight": "ends " + " and ".join(m.acts_on) + " spans",
              "explanation": m.explanation} for m in MODIFIERS]
    rows += [{"step": d.name, "axis": "dispute", "weight": _dispute(d), "explanation": d.explanation} for d in DISPUTES]
    rows += [{"step": name, "axis": "decision", "weight": how, "explanation": ""} for name, how in DECISIONS]
    return rows


def method_frame() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(method_rows(), columns=list(COLUMNS))


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|")


def rule_table() -> str:
    """The rule table of docs/method.md (between its `rulebook` markers), generated from the declarations."""
    lines = ["| axis | rule | what it does | weight or effect |", "| --- | --- | --- | --- |"]
    for r in RULEBOOK:
        effect = _effect(r)
        lines.append(f"| {r.axis} | `{r.name}` | {_cell(r.explanation)} | {_cell(effect)} |")
    for m in MODIFIERS:
        lines.append(f"| modifier | `{m.name}` | {_cell(m.explanation)} | ends {' and '.join(m.acts_on)} spans |")
    for d in DISPUTES:
        lines.append(f"| dispute | `{d.name}` | {_cell(d.explanation)} | {_cell(_dispute(d))} |")
    return "\n".join(lines)


def _dispute(d) -> str:
    closed = "; closed only if closed both ways" if d.closed_only_if_both else ""
    return f"{d.axis} facts marked disputed: tier at least {d.tier_floor}{closed}; arrest risk the {d.risk} of the two"


def axis_table() -> str:
    lines = ["| axis | meaning |", "| --- | --- |"]
    lines += [f"| {axis} | {_cell(meaning)} |" for axis, meaning in AXES.items()]
    return "\n".join(lines)


def _effect(rule) -> str:
    parts = [rule.weight] if rule.weight != "fires or not" else []
    e = rule.effect
    if e.duty:
        parts.append(f"duty role: {e.duty}")
    if rule.axis == LENIENCY and not e.risk:
        parts.append("no risk change")
    if e.risk_not_obliged is not None:
        parts.append(f"arrest risk at least {e.risk_not_obliged} when not obliged")
    if e.closes_airspace:
        parts.append("shuts its airspace to the person's aircraft")
    if e.feature:
        parts.append(f"visit feature `{e.feature}` (coefficient fitted)")
    if e.tier_cap_obliged or e.tier_cap_free:
        parts.append(f"tier at most {e.tier_cap_obliged or '-'} if obliged, {e.tier_cap_free or '-'} if not")
    if e.overrides:
        parts.append(f"cancels the facts resting on the grounds of {e.overrides}")
    if rule.needs:
        parts.append(f"needs the `{rule.needs}` input")
    return "; ".join(parts) or "fires or not"


def write_docs(path: str) -> bool:
    """Rewrite the generated sections of docs/method.md (between its markers); True if anything changed."""
    import re
    from pathlib import Path

    file = Path(path)
    text = original = file.read_text(encoding="utf-8")
    for marker, table in (("rulebook", rule_table()), ("axes", axis_table())):
        start, end = f"<!-- {marker}:start -->\n", f"<!-- {marker}:end -->"
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), (start + table + "\n" + end).replace("\\", "\\\\"), text,
                      flags=re.DOTALL)
    if text != original:
        file.write_text(text, encoding="utf-8")
    return text != original


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] != ["--write"] or len(sys.argv) != 3:
        sys.exit("usage: python -m haven.engine.method --write docs/method.md")
    print("updated" if write_docs(sys.argv[2]) else "up to date", sys.argv[2])
