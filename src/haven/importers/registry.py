"""Every importer haven has, by command name: the one list `haven import`, `haven data refresh` and the docs use."""

from __future__ import annotations

from haven.importers import icc, kremlin, ofac, opensanctions, unga, untc, unvotes
from haven.importers.pipeline import Importer

IMPORTERS: dict[str, Importer] = {i.name: i for i in (
    unga.IMPORTER, unvotes.IMPORTER, opensanctions.IMPORTER, ofac.IMPORTER, icc.IMPORTER, kremlin.IMPORTER, untc.IMPORTER,
)}
