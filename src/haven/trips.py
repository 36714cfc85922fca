"""A person's trips as a table, with their sources: the data behind `haven visits`."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from haven.knowledge import KnowledgeBase
from haven.persons import Person

COLUMNS = ["start", "end", "iso3", "country", "kind", "place", "event", "certainty", "source_url", "id"]


def trips(kb: KnowledgeBase, person: Person, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Trips (and trips not made) of `person` that began between `start` and `end`, oldest first."""
    rows = kb.table("visits")
    rows = rows[rows["person"] == person.id]
    if start is not None:
        rows = rows[rows["start_on"] >= np.datetime64(start, "D")]
    if end is not None:
        rows = rows[rows["start_on"] <= np.datetime64(end, "D")]
    rows = rows.sort_values(["start_on", "country"])
    frame = pd.DataFrame({
        "start": rows["start"], "end": rows["end"], "iso3": rows["country"],
        "country": rows["country"].map(kb.countries.name), "kind": rows["kind"], "place": rows["place"],
        "event": rows["event"], "certainty": rows["certainty"],
        "source_url": rows["source"].map(lambda ids: kb.source(ids)["url"]), "id": rows["id"],
    })
    return frame[COLUMNS].reset_index(drop=True)
