"""Assessment exports beyond CSV and JSON: GeoJSON with the bundled boundaries, Parquet with metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from shapely.geometry import mapping

from haven.geo.boundaries import areas, attribution


def write_geojson(frame: pd.DataFrame, path: Path, meta: dict) -> None:
    """One feature per boundary area, carrying the verdict of the state it belongs to."""
    verdicts = frame.set_index("iso3").to_dict("index")
    features = []
    for area in areas():
        verdict = verdicts.get(area.iso3)
        properties = {"code": area.code, "iso3": area.iso3 or None, "name": area.name, "disputed": area.disputed}
        if verdict is not None:
            properties.update({k: (None if pd.isna(v) else v) for k, v in verdict.items()})
            properties["name"] = area.name
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(area.geometry)})
    collection = {"type": "FeatureCollection", **{f"haven:{k}": v for k, v in meta.items()},
                  "haven:boundaries": attribution(), "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, default=_plain), encoding="utf-8")


def write_parquet(frame: pd.DataFrame, path: Path, meta: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), b"haven": json.dumps(meta).encode()}
    pq.write_table(table.replace_schema_metadata(metadata), path)


def _plain(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot serialise {type(value).__name__}")
