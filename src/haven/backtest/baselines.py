"""Simple rivals the method must beat, scored on the same grid.

- `icc-rule`: a state not obliged to arrest is likely (score 1 - obliged), with no other knowledge.
- `prior-visits`: where the person went in the two years before D (the number of such trips).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from haven.backtest.labels import visits_before
from haven.engine import Series

PRIOR_VISITS_DAYS = 730
BASELINES = ("icc-rule", "prior-visits")


def icc_rule(result: Series) -> np.ndarray:
    """1 where the state is free of a duty to arrest, 0 where obliged, 0.5 where the duty is disputed."""
    return 1.0 - result.obliged.astype(float) - 0.5 * result.disputed.astype(float)


def prior_visits(trips: pd.DataFrame, dates: np.ndarray, countries: tuple[str, ...]) -> np.ndarray:
    return visits_before(trips, dates, countries, PRIOR_VISITS_DAYS)
