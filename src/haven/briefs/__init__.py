"""Briefs: a news article about where a person can still travel, written by haven from its facts, every
claim with a numbered citation. `picks` chooses the facts, `article`, `appendix` and `explainer` word them
(facts in the rulebook's words), `render` lays them out as Markdown, HTML or PDF."""

from haven.briefs.build import build_brief, default_since
from haven.briefs.explainer import build_event_brief
from haven.briefs.model import Brief, Paragraph, Section, Sentence, Source, Table
from haven.briefs.render import render, render_html, render_markdown

__all__ = ["Brief", "Paragraph", "Section", "Sentence", "Source", "Table", "build_brief", "build_event_brief", "default_since", "render",
           "render_html", "render_markdown"]
