"""The formats haven writes, each declared here once."""

from __future__ import annotations

from haven.outputs.registry import Format, register

TABLE = register(Format("table", (), "a table on the terminal", terminal=True))
CSV = register(Format("csv", (".csv",), "comma-separated values, one row per line", table="haven.outputs.tables:csv",
                      sidecar=True))
JSON = register(Format("json", (".json",), "JSON", table="haven.outputs.tables:records", sidecar=True))
GEOJSON = register(Format("geojson", (".geojson",), "GeoJSON (RFC 7946) with the bundled boundaries",
                          table="haven.outputs.geo:geojson"))
PARQUET = register(Format("parquet", (".parquet",), "Apache Parquet with haven's metadata", binary=True,
                          table="haven.outputs.tables:parquet"))
JSONL = register(Format("jsonl", (".jsonl", ".ndjson"), "JSON lines, one object per line"))
MARKDOWN = register(Format("md", (".md", ".markdown"), "Markdown"))
HTML = register(Format("html", (".html", ".htm"), "a standalone HTML page"))
TEXT = register(Format("text", (".txt",), "plain text"))
PNG = register(Format("png", (".png",), "PNG image", binary=True, figure="haven.outputs.figures:png"))
SVG = register(Format("svg", (".svg",), "SVG vector image, text kept as text", binary=True,
                      figure="haven.outputs.figures:svg"))
PDF = register(Format("pdf", (".pdf",), "PDF document", binary=True, figure="haven.outputs.figures:pdf",
                      document="haven.outputs.documents:pdf"))

FIGURES = (PNG.name, SVG.name, PDF.name)
