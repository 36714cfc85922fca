"""Build haven's gravity table: where each state's capital is, and how large the state is.

Usage: python tools/build_gravity.py NATURAL_EARTH_10M_ZIP OUTPUT_CSV

- Capital: the airport named for the state in src/haven/routes/capitals.csv (its coordinates from
  airportsdata), or the coordinates that table gives for a capital without an airport.
- Size: population (POP_EST) and GDP in millions of US dollars (GDP_MD) with their reference years, from the
  attribute table of Natural Earth's 1:10m Admin 0 countries (v5.1.1, public domain), matched on ISO_A3, then
  ADM0_A3 (Natural Earth gives some states, France and Norway among them, -99 as ISO_A3).

The engine reads the result (src/haven/geo/data/gravity.csv) through `haven.geo.gravity`; run this again only
to change the sources.
"""

from __future__ import annotations

import csv
import io
import struct
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAPITALS = ROOT / "src" / "haven" / "routes" / "capitals.csv"
NE_CODES = {"XKX": "KOS"}  # haven's code -> Natural Earth's, where they differ
COLUMNS = ("iso3", "capital", "lat", "lon", "located_by", "population", "population_year", "gdp_musd", "gdp_year")


def dbf_rows(data: bytes) -> list[dict[str, str]]:
    """The records of a dBase III table (a shapefile's attributes), every value as stripped text."""
    count, header, size = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        fields.append((data[pos:pos + 11].split(b"\0")[0].decode("ascii"), data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        record, offset, row = data[header + i * size: header + (i + 1) * size], 1, {}
        for name, length in fields:
            row[name] = record[offset: offset + length].decode("utf-8", "replace").strip("\x00 ")
            offset += length
        rows.append(row)
    return rows


def sizes(zip_path: Path) -> dict[str, dict[str, str]]:
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dbf"))
        rows = dbf_rows(archive.read(name))
    found: dict[str, dict[str, str]] = {}
    for key in ("ISO_A3", "ADM0_A3"):
        for row in rows:
            code = row[key]
            if code and code != "-99" and code not in found and row["TYPE"] != "Dependency":
                found[code] = row
    return found


def _amount(text: str | None) -> str:
    """A whole number, or empty where Natural Earth has none (it writes -99)."""
    value = float(text) if text else -1.0
    return str(int(value)) if value > 0 else ""


def main(zip_path: str, output: str) -> None:
    import airportsdata

    airports = {row["iata"]: row for row in airportsdata.load("ICAO").values() if row["iata"]}
    size = sizes(Path(zip_path))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv.DictReader(CAPITALS.read_text(encoding="utf-8").splitlines()):
        iso3 = row["iso3"]
        airport = airports.get(row["iata"]) if row["iata"] else None
        if airport is not None:
            lat, lon, by = float(airport["lat"]), float(airport["lon"]), f"airport {row['iata']} (airportsdata)"
        elif row["lat"]:
            lat, lon, by = float(row["lat"]), float(row["lon"]), "capitals.csv"
        else:
            raise SystemExit(f"{iso3}: no airport and no coordinates for {row['capital']}")
        ne = size.get(NE_CODES.get(iso3, iso3), {})
        writer.writerow({"iso3": iso3, "capital": row["capital"], "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "located_by": by,
                         "population": _amount(ne.get("POP_EST")),
                         "population_year": ne.get("POP_YEAR", ""),
                         "gdp_musd": _amount(ne.get("GDP_MD")),
                         "gdp_year": ne.get("GDP_YEAR", "")})
    Path(output).write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    main(sys.argv[1], sys.argv[2])
