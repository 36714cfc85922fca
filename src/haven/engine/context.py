"""Context inputs: what a caller may declare beside the knowledge base, and the rules that read it.

The engine plans no flights. The routes view does, and hands the result in as a `Reachability` input to
`assess(..., inputs=[reachability])`; the rule that needs it (`airspace_access`) then explains it like any
other fact. Nothing in the engine imports a view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

REACHABILITY = "reachability"
ACCESS_STATUSES = ("clean", "exposed-only", "unreachable")


@dataclass(frozen=True)
class Reachability:
    """How the person's aircraft reaches each state on one day: iso3 -> clean, exposed-only or unreachable,
    and, per state, the airspaces in the way (for the explanation)."""

    on: date
    status: Mapping[str, str]
    crossed: Mapping[str, str] = field(default_factory=dict)
    name: str = REACHABILITY

    def __post_init__(self) -> None:
        unknown = sorted(set(self.status.values()) - set(ACCESS_STATUSES))
        if unknown:
            raise ValueError(f"unknown reachability status {unknown[0]!r}: one of {', '.join(ACCESS_STATUSES)}")

    @property
    def until(self) -> date:
        return self.on + timedelta(days=1)

    def key(self) -> tuple:
        return (self.name, self.on, tuple(sorted(self.status.items())), tuple(sorted(self.crossed.items())))
