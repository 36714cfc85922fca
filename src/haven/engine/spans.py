"""Spans: the engine's one data shape. A span says "from `begin` until `until`, country X carries `value`
because of fact F". Rules turn facts into spans once per person; any grid of dates is then evaluated with
array operations, so one date and a daily series over decades take the same code path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FAR = np.datetime64("9999-12-31", "D")
EVERY_COUNTRY = "*"
COLUMNS = ("iso3", "begin", "until", "value", "fact", "table", "source", "when", "label", "certainty")
UNVERIFIED = "unverified"


def make_spans(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A spans frame with the declared columns; `until` NaT means open-ended."""
    frame = pd.DataFrame(records, columns=list(COLUMNS)) if not isinstance(records, pd.DataFrame) else records
    frame = frame.reindex(columns=list(COLUMNS))
    frame["begin"] = pd.to_datetime(frame["begin"]).values.astype("datetime64[D]")
    until = pd.to_datetime(frame["until"]).values.astype("datetime64[D]")
    frame["until"] = np.where(np.isnat(until), FAR, until)
    frame["value"] = frame["value"].astype(float)
    frame["certainty"] = frame["certainty"].fillna("confirmed")
    frame = frame[~np.isnat(frame["begin"].values.astype("datetime64[D]"))]
    return frame.reset_index(drop=True)


def from_facts(rows: pd.DataFrame, iso3: str | pd.Series, value: float | pd.Series, label: str | pd.Series,
               table: str, until: pd.Series | None = None, begin: pd.Series | None = None) -> pd.DataFrame:
    """Spans from knowledge-base rows: held from `held_from` until `held_until`, unless told otherwise.

    Facts marked unverified are kept as evidence but carry no weight: doubt is shown, never counted."""
    if rows.empty:
        return make_spans([])
    certainty = rows["certainty"] if "certainty" in rows else pd.Series("confirmed", index=rows.index)
    if not isinstance(value, pd.Series):
        value = pd.Series(value, index=rows.index, dtype=float)
    value = value.where(certainty != UNVERIFIED, 0.0)
    frame = pd.DataFrame({
        "iso3": iso3 if isinstance(iso3, pd.Series) else pd.Series(iso3, index=rows.index),
        "begin": rows["held_from"] if begin is None else begin,
        "until": rows["held_until"] if until is None else until,
        "value": value,
        "fact": rows["id"],
        "table": table,
        "source": rows["source"],
        "when": rows["start"] if "start" in rows else "",
        "label": label if isinstance(label, pd.Series) else pd.Series(label, index=rows.index),
        "certainty": certainty,
    })
    return make_spans(frame)


def intersect(left: pd.DataFrame, right: pd.DataFrame, on: str) -> pd.DataFrame:
    """Pairs of rows sharing `on`, with the overlap of their [held_from, held_until) intervals."""
    pairs = left.merge(right, on=on, suffixes=("_l", "_r"))
    if pairs.empty:
        return pairs
    begin = np.maximum(_days(pairs["held_from_l"]), _days(pairs["held_from_r"]))
    until = np.minimum(_days(pairs["held_until_l"]), _days(pairs["held_until_r"]))
    pairs["begin"], pairs["until"] = begin, until
    return pairs[begin < until].reset_index(drop=True)


def _days(series: pd.Series) -> np.ndarray:
    values = series.values.astype("datetime64[D]")
    return np.where(np.isnat(values), FAR, values)


@dataclass(frozen=True)
class Grid:
    """The dates and countries an evaluation covers."""

    dates: np.ndarray  # datetime64[D], shape (n_dates,)
    countries: tuple[str, ...]

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.countries)}


@dataclass(frozen=True)
class Packed:
    """A rule's spans as plain arrays against a fixed list of countries: the fast path for evaluation."""

    begin: np.ndarray  # datetime64[D]
    until: np.ndarray  # datetime64[D]
    value: np.ndarray  # float
    column: np.ndarray  # country position; -1 for every country
    row: np.ndarray  # position of the span in the rule's spans frame


def pack(spans: pd.DataFrame, countries: tuple[str, ...]) -> Packed:
    index = {c: i for i, c in enumerate(countries)}
    index[EVERY_COUNTRY] = -1
    column = spans["iso3"].map(index) if not spans.empty else pd.Series([], dtype=float)
    keep = column.notna().to_numpy()
    return Packed(
        begin=spans["begin"].to_numpy(dtype="datetime64[D]")[keep] if keep.any() else np.array([], dtype="datetime64[D]"),
        until=spans["until"].to_numpy(dtype="datetime64[D]")[keep] if keep.any() else np.array([], dtype="datetime64[D]"),
        value=spans["value"].to_numpy(dtype=float)[keep] if keep.any() else np.array([]),
        column=column.to_numpy()[keep].astype(int) if keep.any() else np.array([], dtype=int),
        row=np.flatnonzero(keep),
    )


def active(packed: Packed, dates: np.ndarray) -> np.ndarray:
    """Boolean matrix (dates x spans): which spans hold on which dates."""
    dates = dates[:, None]
    return (packed.begin[None, :] <= dates) & (dates < packed.until[None, :])


def evaluate(packed: Packed, dates: np.ndarray, n_countries: int, how: str = "sum") -> np.ndarray:
    """Matrix (dates x countries) of the values of the spans active on each date: summed or the maximum."""
    out = np.zeros((len(dates), n_countries))
    if packed.value.size == 0:
        return out
    values = np.where(active(packed, dates), packed.value[None, :], 0.0)
    every = packed.column == -1
    rest = ~every
    combine = np.add if how == "sum" else np.maximum
    if rest.any():
        combine.at(out.T, packed.column[rest], values[:, rest].T)
    if every.any():
        column = values[:, every].sum(axis=1) if how == "sum" else values[:, every].max(axis=1)
        out = combine(out, column[:, None])
    return out
