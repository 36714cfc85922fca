"""Briefs: a short article about where a person can still travel, written by haven from its facts, every
claim with a numbered citation. `selection` decides what to tell, `sentences` words it, `render` lays it out."""

from haven.briefs.render import render, render_html, render_markdown
from haven.briefs.selection import Brief, Entry, Section, Sentence, Source, build_brief

__all__ = ["Brief", "Entry", "Section", "Sentence", "Source", "build_brief", "render", "render_html", "render_markdown"]
