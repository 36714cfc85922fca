"""Disputed law: what the method does where authoritative sources conflict on the duty to arrest."""

from __future__ import annotations

from haven.engine.rulebook.declare import DUTY, Dispute

disputed_duty = Dispute(
    name="disputed_duty",
    axis=DUTY,
    explanation=("Where sources conflict on whether the state must arrest, the verdict is worked out both ways: "
                 "obliged_to_arrest is disputed, the tier at least risky and closed only if closed both ways, the "
                 "arrest risk the mean of the two."),
    tier_floor="risky",
    closed_only_if_both=True,
    risk="mean",
)
