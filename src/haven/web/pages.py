"""The HTML pages, filled in for where they are served: by `haven serve` (mode "api": the page asks the JSON API)
or from a static site (mode "static": the page reads precomputed files). Both use the same files in static/."""

from __future__ import annotations

import re
from html import escape
from importlib import resources
from pathlib import Path

STATIC = Path(str(resources.files("haven.web") / "static"))
PARTS = Path(str(resources.files("haven.web") / "parts"))  # pieces several pages share, never served alone
PART = re.compile(r"^( *)%PART:([a-z-]+)%$", re.MULTILINE)
PAGES = {"index": "index.html", "embed": "embed.html", "how": "how.html", "docs": "docs.html"}
MODES = ("api", "static")


def render(page: str, mode: str, public_url: str = "") -> bytes:
    """A page's HTML with its mode and (when the public address is known) absolute link-preview URLs."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    base = public_url.rstrip("/") + "/" if public_url else ""
    text = PART.sub(_part, (STATIC / PAGES[page]).read_text(encoding="utf-8"))
    og_url = f'<meta property="og:url" content="{escape(base, quote=True)}">' if base else ""
    return (text.replace("%MODE%", mode).replace("%PUBLIC%", escape(base, quote=True)).replace("%OG_URL%", og_url)
            .encode("utf-8"))


def _part(match: re.Match[str]) -> str:
    """A shared piece of a page (parts/NAME.html), indented where the page places it."""
    indent, name = match.groups()
    lines = (PARTS / f"{name}.html").read_text(encoding="utf-8").rstrip("\n").split("\n")
    return "\n".join(indent + line if line else line for line in lines)
