"""Everything the web app can be told, in one place: where the data is, how much to cache, what one request may cost."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from haven.errors import HavenError


@dataclass(frozen=True)
class Limits:
    """The most one request may ask for. Each is enforced (400 `bad_date` / 422 `invalid_parameter` in the one
    error shape), stated in the OpenAPI schema and listed in docs/web.md."""

    max_text: int = 100  # characters in a person or country parameter
    max_date_text: int = 32  # characters in a date parameter
    max_timeline_months: int = 1200  # months in one /api/timeline answer (a century)
    chunk_days: int = 240  # dates evaluated at once when a series is computed: caps the memory of one request
    heavy_at_once: int = 2  # series computed at the same time in one process; the others wait their turn


@dataclass(frozen=True)
class Settings:
    """Settings of one app instance. `Settings.from_env()` reads HAVEN_DATA_DIR and HAVEN_WEB_* variables."""

    data_dir: Path | None = None  # None: the bundled knowledge base
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1  # processes `haven serve` starts (each with its own caches)
    cache_size: int = 512  # assessments kept per (person, date)
    answer_cache_size: int = 256  # other encoded answers kept (timelines, visits, series)
    simplify: float = 0.05  # degrees; tolerance of the boundaries served to the page
    first_date: date = date(2000, 1, 1)  # the date slider's start; the API accepts haven.dates' range
    today: date | None = None  # fix "today" (tests, reproducible screenshots); None: the real date
    public_url: str = ""  # absolute address of the site, for link previews (og:image); empty: relative links
    limits: Limits = Limits()
    extra: dict = field(default_factory=dict)

    @property
    def max_timeline_months(self) -> int:
        return self.limits.max_timeline_months

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        env = os.environ
        values: dict = {}
        try:
            if env.get("HAVEN_DATA_DIR"):
                values["data_dir"] = Path(env["HAVEN_DATA_DIR"])
            if env.get("HAVEN_WEB_CACHE_SIZE"):
                values["cache_size"] = int(env["HAVEN_WEB_CACHE_SIZE"])
            if env.get("HAVEN_WEB_TODAY"):
                values["today"] = date.fromisoformat(env["HAVEN_WEB_TODAY"])
            if env.get("HAVEN_WEB_FIRST_DATE"):
                values["first_date"] = date.fromisoformat(env["HAVEN_WEB_FIRST_DATE"])
        except ValueError as exc:
            raise HavenError(f"bad HAVEN_WEB_* setting: {exc}") from None
        if env.get("HAVEN_WEB_PUBLIC_URL"):
            values["public_url"] = env["HAVEN_WEB_PUBLIC_URL"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    def current_date(self) -> date:
        return self.today or date.today()

    def environment(self) -> dict[str, str]:
        """The variables that make `Settings.from_env()` in another process (a `--workers` child) equal this one."""
        env = {"HAVEN_WEB_CACHE_SIZE": str(self.cache_size), "HAVEN_WEB_FIRST_DATE": self.first_date.isoformat()}
        if self.data_dir is not None:
            env["HAVEN_DATA_DIR"] = str(self.data_dir)
        if self.today is not None:
            env["HAVEN_WEB_TODAY"] = self.today.isoformat()
        if self.public_url:
            env["HAVEN_WEB_PUBLIC_URL"] = self.public_url
        return env
