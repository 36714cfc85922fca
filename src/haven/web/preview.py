"""The link-preview image (og:image): the first person's travel map today, drawn by haven.maps."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from haven.knowledge import KnowledgeBase
from haven.persons import Person

WIDTH_PX = 1200  # the size link previews expect (about 1200 x 630)


def preview_png(person: Person, on: date, kb: KnowledgeBase) -> bytes:
    from haven.maps.world import render_map

    with tempfile.TemporaryDirectory(prefix="haven-preview-") as directory:
        path = Path(directory) / "preview.png"
        render_map(person, on, kb, path, width_px=WIDTH_PX)
        return path.read_bytes()
