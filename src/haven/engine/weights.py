"""Every number the method uses, in one place. Changing any of them changes the method version (`version`)."""

from __future__ import annotations

from haven.engine.calibration import fitted_version, visit_coefficients, visit_features

# How strongly a shared membership binds two states (per organisation id).
ALLIANCE = {
    "UNION_STATE": 1.0, "CSTO": 0.6, "EAEU": 0.3, "CIS": 0.2, "SCO": 0.2, "BRICS": 0.15,
    "ARAB_LEAGUE": 0.15, "AU": 0.1, "NATO": 0.6, "EU": 0.4,
}
# Lesser roles (observer, partner ...) count for this share of a full membership.
LESSER_ROLE = 0.35
LESSER_ROLES = ("observer", "partner", "dialogue-partner", "associate", "participant", "invited")

TREATY = {
    "defence-treaty": 0.6, "strategic-partnership": 0.3, "friendship-treaty": 0.15,
    "basing-agreement": 0.3, "military-cooperation": 0.2, "joint-statement": 0.2,
}
MUTUAL_DEFENCE_BONUS = 0.2
SIGNED_NOT_IN_FORCE = 0.5  # share of a treaty's weight while signed but not yet in force

TIES = {
    "troops_and_bases": 0.5,
    "arms_supplies": 0.5,
    "un_vote_alignment": 0.4,
    "trade_dependence": 0.3,
    "recent_visits": 0.15,  # per trip in the window, up to RECENT_VISITS_CAP trips
    "recognised_government": 0.2,  # the person's state recognises the government in power there
}
RECENT_VISITS_DAYS = 730
RECENT_VISITS_CAP = 3
VOTE_SCORE = {"N": 1.0, "A": 0.5, "X": 0.35, "Y": 0.0}
VOTE_MEMORY_DAYS = 3650
VOTE_FLOOR = 0.25  # alignment below this earns no tie
TRADE_MAJOR_SHARE = 0.15  # share of either side's trade that makes a partner major
TRADE_MEMORY_DAYS = 730
INVITATION_DAYS = 365
SAFE_PASSAGE_DAYS = 365  # a pledge with neither an end nor an event counts for a year
REFUSAL_DAYS = 730

ALLY_THRESHOLD = 0.5  # tie strength from which a state not obliged to arrest is an ally

# Expected enforcement for a state obliged to arrest: a base, lowered by stances, record, invitations, ties.
RISK = {
    "base": 0.9,
    "will_not_arrest": -0.45,
    "non_compliance_record": -0.3,
    "hosted_under_warrant": -0.45,
    "invitation": -0.45,
    "ties": -0.45,  # times tie strength capped at 1
    "will_arrest": 0.15,
    "safe_passage": -0.8,  # a pledge not to arrest the person for an event or a period, while it lasts
    "floor": 0.03,
    "ceiling": 0.97,
}
CLOSED_RISK = 0.5  # an obliged state at or above this expected enforcement is closed
RISK_NOT_OBLIGED = {"national_warrant": 0.9, "entry_ban": 0.3, "hostile": 0.1, "neutral": 0.03}

# visit_likelihood = logistic(intercept + sum of coefficient x feature); features in verdicts.visit_features.
# The coefficients are fitted on the trips ledger by `haven model fit` (see docs/backtest.md) and shipped as data.
VISIT = visit_coefficients()
VISIT_FEATURES = visit_features()
VISIT_FIT = fitted_version()  # upper-case, so it enters the fingerprint: the method version changes with the fit


# Applied only when a reachability table is passed to assess (haven assess --routes): log-odds of a visit.
ACCESS = {"exposed-only": -1.5, "unreachable": -4.0}

# Events and the gravity model of visits (rulebook/events.py, rulebook/gravity.py, engine/forecast.py).
EVENT_LOOKAHEAD_DAYS = 365  # an event counts towards visit_likelihood while it lies this close ahead
EVENT_SCHEDULED_CAP = 2  # events in the same state within the year that count
RECORD_PRIOR = 2.0  # pseudo-events drawing an attendance record towards the person's overall one (and that to 1/2)
RECENT_RECORD_DAYS = 730  # the person's current habit: the attendance record over the events of the last two years
MIN_DISTANCE_KM = 100.0  # closer capitals count as this far (log scale)
# A forecast over a window of days from the year-ahead likelihood without events: 1 - (1 - p)^(days / 365).
YEAR_DAYS = 365
# Once the person's part in an event is announced, the forecast takes it as settled, with this much doubt left.
ANNOUNCED = {"in-person": 0.97, "not-attending": 0.01}
