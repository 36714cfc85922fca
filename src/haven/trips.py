"""A person's trips as a table, with their sources: the data behind `haven visits` and the web's trip list."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from haven.engine import profile_of
from haven.knowledge import KnowledgeBase
from haven.persons import Person

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["start", "end", "iso3", "country", "kind", "place", "event", "certainty", "source_url", "id"]


def trips(kb: KnowledgeBase, person: Person, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Trips (and trips not made) of `person` that began between `start` and `end`, oldest first."""
    import pandas as pd

    rows = [t for t in profile_of(kb, person).trips
            if t.start_on is not None and (start is None or t.start_on >= start) and (end is None or t.start_on <= end)]
    frame = pd.DataFrame({
        "start": [t.start for t in rows], "end": [t.end for t in rows], "iso3": [t.country for t in rows],
        "country": [kb.countries.name(t.country) for t in rows], "kind": [t.kind for t in rows],
        "place": [t.place for t in rows], "event": [t.event for t in rows], "certainty": [t.certainty for t in rows],
        "source_url": [kb.source(t.source)["url"] for t in rows], "id": [t.fact for t in rows],
    }, columns=COLUMNS)
    return frame.reset_index(drop=True)
