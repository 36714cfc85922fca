"""The country -> colour table: which tier colour every drawn area takes for one assessment.

Rules, in order:
- an area flagged disputed, or assigned to no state (Siachen), is drawn neutrally: hatched light grey;
- a territory with no sovereign in the knowledge base (Western Sahara) is unassigned, drawn the same way;
- any other area takes the tier of the state that answers for it (`kb.countries.sovereign_of`): Greenland is
  coloured as Denmark, Hong Kong as China;
- an area whose state was not assessed (a knowledge base without it) is "no data" grey;
- a state whose duty to arrest is disputed (obliged_to_arrest = "disputed") keeps its tier colour, as hatching
  over a pale ground of the same colour.
"""

from __future__ import annotations

import pandas as pd

from haven.engine import Assessment
from haven.maps.geometry import WORLD, View, shapes
from haven.vocabulary import NO_DATA_COLOUR, TIER_COLOURS, TIERS

DISPUTED = "disputed"
NO_DATA = "no data"
DISPUTED_COLOUR = "#EDEDED"
DISPUTED_HATCH_COLOUR = "#A6A6A6"

# What each tier means, in the few words a map legend has room for (haven.vocabulary.TIER_MEANINGS in full).
TIER_LABELS: dict[str, str] = {
    "home": "Home: own state",
    "ally": "Ally: not obliged to arrest, strong ties",
    "open": "Open: not obliged to arrest, no strong ties",
    "risky": "Risky: obliged but unlikely to arrest, or hostile",
    "closed": "Closed: expected to arrest, entry banned or at war",
}
DISPUTED_LABEL = "Disputed or unassigned"
NO_DATA_LABEL = "Not assessed"
DUTY_DISPUTED_LABEL = "Duty to arrest disputed (hatched in its tier's colour)"

COLUMNS = ["code", "name", "iso3", "state", "tier", "kind", "colour", "duty", "hatched"]


def duty_disputed(value) -> bool:
    """Whether a verdict's obliged_to_arrest says the duty is disputed (the engine gives True, False or
    "disputed")."""
    return isinstance(value, str) and value.strip().lower() == "disputed"


def tint(colour: str, amount: float = 0.42) -> str:
    """`colour` mixed with white (`amount` of the colour kept): the ground under a disputed-duty hatching."""
    value = colour.lstrip("#")
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02X}" for c in rgb)


def colour_of(kind: str, tier: str | None = None) -> str:
    if kind == "tier" and tier is not None:
        return TIER_COLOURS[tier]
    return DISPUTED_COLOUR if kind == DISPUTED else NO_DATA_COLOUR


def state_of(iso3: str, disputed: bool, kb) -> str:
    """The state an area is coloured as; "" for disputed or unassigned areas."""
    if disputed or not iso3:
        return ""
    if iso3 in kb.countries:
        country = kb.countries.get(iso3)
        if country.kind != "state" and not country.sovereign:
            return ""  # a territory that no state answers for (Western Sahara)
    return kb.countries.sovereign_of(iso3)


def area_colours(assessment: Assessment, view: View = WORLD) -> pd.DataFrame:
    """One row per drawn area: its code, name, the state it is drawn as, that state's tier and duty to arrest,
    the colour, and whether it is hatched because that duty is disputed (`view`: the areas a region shows)."""
    kb = assessment.kb
    rows = []
    for shape in shapes(view):
        area = shape.area
        state = state_of(area.iso3, area.disputed, kb)
        duty = None
        if not state:
            kind, tier = DISPUTED, None
        elif state in assessment.verdicts:
            verdict = assessment.verdicts[state]
            kind, tier, duty = "tier", verdict.tier, verdict.obliged_to_arrest
        else:
            kind, tier = NO_DATA, None
        rows.append({"code": area.code, "name": area.name, "iso3": area.iso3, "state": state, "tier": tier,
                     "kind": kind, "colour": colour_of(kind, tier), "duty": duty, "hatched": duty_disputed(duty)})
    return pd.DataFrame(rows, columns=COLUMNS)


def tier_counts_text(counts: dict[str, int]) -> str:
    """'1 home · 12 allies · 59 open · 7 risky · 118 closed' (tiers with no state are left out)."""
    words = {"home": "home", "ally": "allies", "open": "open", "risky": "risky", "closed": "closed"}
    singular = {"ally": "ally"}
    parts = []
    for tier in TIERS:
        n = counts.get(tier, 0)
        if n:
            parts.append(f"{n} {singular.get(tier, words[tier]) if n == 1 else words[tier]}")
    return " · ".join(parts)
