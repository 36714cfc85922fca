"""GeoJSON of a per-state table: one feature per bundled boundary area, carrying its state's row."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd


def geojson(frame: pd.DataFrame, meta: dict[str, Any]) -> str:
    """`frame` needs an `iso3` column; areas of states without a row keep only their own properties."""
    from shapely.geometry import mapping

    from haven.geo.boundaries import areas, attribution

    if "iso3" not in frame.columns:
        raise ValueError("a GeoJSON table needs an iso3 column")
    rows = frame.set_index("iso3").to_dict("index")
    features = []
    for area in areas():
        row = rows.get(area.iso3)
        properties = {"code": area.code, "iso3": area.iso3 or None, "name": area.name, "disputed": area.disputed}
        if row is not None:
            properties.update({str(k): (None if _missing(v) else v) for k, v in row.items()})
            properties["name"] = area.name
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(area.geometry)})
    collection = {"type": "FeatureCollection", **{f"haven:{k}": v for k, v in meta.items()},
                  "haven:boundaries": attribution(), "features": features}
    return json.dumps(collection, ensure_ascii=False, default=_plain)


def _missing(value: Any) -> bool:
    return not isinstance(value, (list, dict, tuple)) and bool(pd.isna(value))


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot serialise {type(value).__name__}")
