"""Everything the web app can be told, in one place: where the data is, how much to cache, what to serve."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Settings of one app instance. `Settings.from_env()` reads HAVEN_DATA_DIR and HAVEN_WEB_* variables."""

    data_dir: Path | None = None  # None: the bundled knowledge base
    host: str = "127.0.0.1"
    port: int = 8000
    cache_size: int = 512  # assessments kept per (person, date)
    simplify: float = 0.05  # degrees; tolerance of the boundaries served to the page
    first_date: date = date(2000, 1, 1)  # the date slider's start; the API accepts 1900..2100
    today: date | None = None  # fix "today" (tests, reproducible screenshots); None: the real date
    max_timeline_months: int = 1200
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = os.environ
        values: dict = {}
        if env.get("HAVEN_DATA_DIR"):
            values["data_dir"] = Path(env["HAVEN_DATA_DIR"])
        if env.get("HAVEN_WEB_CACHE_SIZE"):
            values["cache_size"] = int(env["HAVEN_WEB_CACHE_SIZE"])
        if env.get("HAVEN_WEB_TODAY"):
            values["today"] = date.fromisoformat(env["HAVEN_WEB_TODAY"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    def current_date(self) -> date:
        return self.today or date.today()
