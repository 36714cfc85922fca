"""Words every layer shares, declared once: the tiers and what they mean."""

from haven.knowledge.schema import not_visited_kinds, visited_kinds

TIERS: tuple[str, ...] = ("home", "ally", "open", "risky", "closed")

TIER_MEANINGS: dict[str, str] = {
    "home": "the person's own state",
    "ally": "not obliged to arrest and bound to the person's state by strong ties "
            "(alliance or treaty, troops or bases, arms, repeated visits, votes, trade)",
    "open": "not obliged to arrest, no entry ban, no hostile measures, no strong ties",
    "risky": "obliged to arrest but with a record, stance or ties that make arrest unlikely; "
             "or not obliged but hostile (sanctions on the person or the state, airspace closed to its aircraft)",
    "closed": "obliged and expected to arrest, or entry banned, or at war with the person's state",
}

VISITED_KINDS: tuple[str, ...] = visited_kinds()  # declared in datapackage.json (x-made on visits.kind)
NOT_VISITED_KINDS: tuple[str, ...] = not_visited_kinds()

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. Maps and the web page use these.
TIER_COLOURS: dict[str, str] = {
    "home": "#4B2C83",
    "ally": "#0072B2",
    "open": "#56B4E9",
    "risky": "#E69F00",
    "closed": "#D55E00",
}
NO_DATA_COLOUR = "#D9D9D9"
