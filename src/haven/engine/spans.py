"""Spans: the engine's one data shape. A span says "from `begin` until `until`, country X carries `value`
because of fact F, whose particulars are `detail`". Rules turn facts into spans once per person; any grid of
dates is then evaluated with array operations, so one date and a daily series over decades take the same path.

Rules build spans as pandas frames (`make_spans`, `from_facts`); the compiled model keeps them as plain arrays
(`Packed`), which is all an assessment needs, so answering from a cached model does not import pandas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from haven.lazy import lazy
from haven.words import missing

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")

FAR = np.datetime64("9999-12-31", "D")
EVERY_COUNTRY = "*"
COLUMNS = ("iso3", "begin", "until", "value", "fact", "table", "source", "when", "certainty", "detail", "known")
UNVERIFIED = "unverified"
DISPUTED = "disputed"

Detail = Mapping[str, Any]


def make_spans(records: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """A spans frame with the declared columns; `until` NaT means open-ended; `known` (when the fact became
    public, for answers "as known on" an earlier day) defaults to `begin` and never lies after it."""
    frame = pd.DataFrame(records, columns=list(COLUMNS)) if not isinstance(records, pd.DataFrame) else records
    frame = frame.reindex(columns=list(COLUMNS))
    frame["begin"] = np.asarray(pd.to_datetime(frame["begin"]), dtype="datetime64[D]")
    until = np.asarray(pd.to_datetime(frame["until"]), dtype="datetime64[D]")
    frame["until"] = np.where(np.isnat(until), FAR, until)
    known = np.asarray(pd.to_datetime(frame["known"]), dtype="datetime64[D]")
    begin = np.asarray(frame["begin"], dtype="datetime64[D]")
    frame["known"] = np.where(np.isnat(known) | (known > begin), begin, known)
    frame["value"] = frame["value"].astype(float)
    frame["certainty"] = frame["certainty"].fillna("confirmed")
    frame["detail"] = pd.Series([d if isinstance(d, dict) else {} for d in frame["detail"]], index=frame.index, dtype=object)
    frame = frame[~np.isnat(np.asarray(frame["begin"], dtype="datetime64[D]"))]
    return frame.reset_index(drop=True)


def _plain(value: Any) -> Any:
    """A detail value as plain Python: missing values become None, numpy scalars Python numbers."""
    if value is None or value is pd.NA or missing(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def details(rows: pd.DataFrame, *columns: str, **values: Any) -> list[dict]:
    """One dict per row: the named columns of `rows`, plus `values` (a scalar, or a Series aligned with rows)."""
    n = len(rows)
    lists: dict[str, list] = {c: rows[c].tolist() for c in columns}
    for key, value in values.items():
        lists[key] = list(value) if isinstance(value, (pd.Series, np.ndarray, list)) else [value] * n
        if len(lists[key]) != n:
            raise ValueError(f"detail {key!r} has {len(lists[key])} values for {n} rows")
    keys = list(lists)
    if not keys:
        return [{} for _ in range(n)]
    return [{k: _plain(v) for k, v in zip(keys, row, strict=True)} for row in zip(*lists.values(), strict=True)]


def from_facts(rows: pd.DataFrame, iso3: str | pd.Series, value: float | pd.Series, detail: list[dict], table: str,
               until: pd.Series | None = None, begin: pd.Series | None = None) -> pd.DataFrame:
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
        "when": rows.get("start", ""),
        "certainty": certainty,
        "detail": pd.Series(detail, index=rows.index, dtype=object),
        "known": rows.get("disclosed", pd.NaT),
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
    values = np.asarray(series, dtype="datetime64[D]")
    return np.where(np.isnat(values), FAR, values)


@dataclass(frozen=True)
class Grid:
    """The dates and countries an evaluation covers. With `known` (one day per date, none after its date), each
    date is seen as it was known on that day: only facts public by then count, and those in force then are
    taken to go on (an end after that day was not yet foreseen)."""

    dates: np.ndarray  # datetime64[D], shape (n_dates,)
    countries: tuple[str, ...]
    known: np.ndarray | None = None  # datetime64[D], shape (n_dates,), or None: each date as known on itself

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.countries)}


@dataclass(frozen=True)
class Packed:
    """A rule's spans as plain arrays against a fixed list of countries: evaluation and evidence both read them."""

    begin: np.ndarray  # datetime64[D]
    until: np.ndarray  # datetime64[D]
    value: np.ndarray  # float
    column: np.ndarray  # country position; -1 for every country
    iso3: np.ndarray  # the rest are object arrays, one entry per span
    fact: np.ndarray
    table: np.ndarray
    source: np.ndarray
    when: np.ndarray
    certainty: np.ndarray
    detail: np.ndarray
    label: np.ndarray
    known: np.ndarray  # datetime64[D]: when the fact behind the span became public (never after `begin`)

    @property
    def size(self) -> int:
        return int(self.value.size)

    def only(self, keep: np.ndarray) -> Packed:
        """The spans where `keep` is true."""
        return Packed(**{name: getattr(self, name)[keep] for name in self.__dataclass_fields__})


def pack(spans: pd.DataFrame, countries: tuple[str, ...], labels: list[str]) -> Packed:
    """The spans that concern an assessed country (or every country), as arrays; `labels` are their words."""
    index = {c: i for i, c in enumerate(countries)}
    index[EVERY_COUNTRY] = -1
    column = np.array([index.get(c, -2) for c in spans["iso3"]], dtype=int)
    keep = column > -2

    def objects(values) -> np.ndarray:
        out = np.empty(len(values), dtype=object)
        out[:] = list(values)
        return out[keep]

    return Packed(
        begin=spans["begin"].to_numpy(dtype="datetime64[D]")[keep],
        until=spans["until"].to_numpy(dtype="datetime64[D]")[keep],
        value=spans["value"].to_numpy(dtype=float)[keep],
        column=column[keep],
        iso3=objects(spans["iso3"]), fact=objects(spans["fact"]), table=objects(spans["table"]),
        source=objects(spans["source"]), when=objects(spans["when"].fillna("")), certainty=objects(spans["certainty"]),
        detail=objects(spans["detail"]), label=objects(labels),
        known=spans["known"].to_numpy(dtype="datetime64[D]")[keep],
    )


def active(packed: Packed, dates: np.ndarray, known: np.ndarray | None = None) -> np.ndarray:
    """Boolean matrix (dates x spans): which spans hold on which dates; with `known` (see `Grid`), as known on
    those days: public by then, begun by the date, and not ended by the day it was known."""
    dates = dates[:, None]
    if known is None:
        return (packed.begin[None, :] <= dates) & (dates < packed.until[None, :])
    known = known[:, None]
    return (packed.known[None, :] <= known) & (packed.begin[None, :] <= dates) & (known < packed.until[None, :])


def evaluate(packed: Packed, dates: np.ndarray, n_countries: int, how: str = "sum",
             known: np.ndarray | None = None) -> np.ndarray:
    """Matrix (dates x countries) of the values of the spans active on each date: summed or the maximum."""
    out = np.zeros((len(dates), n_countries))
    if packed.value.size == 0:
        return out
    values = np.where(active(packed, dates, known), packed.value[None, :], 0.0)
    every = packed.column == -1
    rest = ~every
    combine = np.add if how == "sum" else np.maximum
    if rest.any():
        combine.at(out.T, packed.column[rest], values[:, rest].T)
    if every.any():
        column = values[:, every].sum(axis=1) if how == "sum" else values[:, every].max(axis=1)
        out = combine(out, column[:, None])
    return out
