"""Which sources `haven data refresh` reads: each importer's own feeds, as changed by the knowledge base's
`feeds.toml`.

    [ofac-sdn]                      # an importer by its command name
    urls = ["https://www.treasury.gov/ofac/downloads/sdn.csv"]
    [kremlin-trips]
    enabled = false                 # leave it out
    [unga-votes]                    # an importer without a feed of its own runs once given urls
    urls = ["https://example.org/votes.csv"]
    options = { concerns = "RUS" }

An unknown importer or key is an error, not a silent no-op. Each configured importer runs on its own: one that
cannot reach its source fails with one line and the others go on.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from haven.errors import DataError, HavenError
from haven.importers.pipeline import Importer
from haven.importers.registry import IMPORTERS

CONFIG = "feeds.toml"
KEYS = frozenset({"urls", "enabled", "options"})


@dataclass
class Feed:
    importer: Importer
    urls: list[str]
    options: dict[str, Any] = field(default_factory=dict)


def configured(directory: Path | None) -> list[Feed]:
    """The feeds to read, in the registry's order."""
    settings = _settings(directory)
    feeds = []
    for name, importer in IMPORTERS.items():
        entry = settings.get(name, {})
        if not entry.get("enabled", True):
            continue
        urls = list(entry.get("urls", importer.feeds))
        if urls:
            feeds.append(Feed(importer, urls, dict(entry.get("options", {}))))
    return feeds


def _settings(directory: Path | None) -> dict[str, dict[str, Any]]:
    path = Path(directory) / CONFIG if directory else None
    if path is None or not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not valid TOML ({exc})") from None
    for name, entry in data.items():
        if name not in IMPORTERS:
            raise HavenError(f"{path}: [{name}] is not an importer ({', '.join(IMPORTERS)})")
        if not isinstance(entry, dict) or set(entry) - KEYS:
            raise HavenError(f"{path}: [{name}] takes only {', '.join(sorted(KEYS))}")
        urls = entry.get("urls", [])
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise HavenError(f"{path}: [{name}] urls must be a list of strings")
        if not isinstance(entry.get("options", {}), dict) or not isinstance(entry.get("enabled", True), bool):
            raise HavenError(f"{path}: [{name}] options must be a table and enabled true or false")
    return data
