"""The web view: a read-only JSON API and an interactive travel map (`haven serve`)."""

from haven.web.app import create_app
from haven.web.settings import Settings

__all__ = ["Settings", "create_app"]
