"""Laying a `Brief` out as Markdown or HTML with the Jinja2 templates in `templates/` (HTML autoescaped). A PDF is
the HTML typeset by the output registry's PDF writer (`haven.outputs.documents`), so both say the same."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from haven import words as w
from haven.briefs.model import Brief, Sentence
from haven.errors import HavenError

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = {"md": "brief.md.j2", "html": "brief.html.j2"}
_MD_SPECIAL = str.maketrans({"\\": "\\\\", "[": "\\[", "]": "\\]", "*": "\\*", "`": "\\`", "<": "&lt;", ">": "&gt;"})


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: no links, emphasis or raw HTML can be smuggled in."""
    return str(text).translate(_MD_SPECIAL)


def _split_stop(text: str) -> tuple[str, str]:
    return (text[:-1], text[-1]) if text.endswith((".", "?", "!")) else (text, "")


def md_sentence(sentence: Sentence) -> str:
    body, stop = _split_stop(sentence.text)
    marks = "".join(f"[{n}]" for n in sentence.cites)
    return md_escape(body) + (f" {marks}" if marks else "") + stop


def html_sentence(sentence: Sentence) -> Markup:
    body, stop = _split_stop(sentence.text)
    marks = Markup("").join(Markup('<a class="cite" href="#source-{0}">[{0}]</a>').format(n) for n in sentence.cites)
    return escape(body) + (Markup(" ") + marks if sentence.cites else Markup("")) + escape(stop)


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".html"))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=_autoescape,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(md=md_escape, md_sentence=md_sentence, html_sentence=html_sentence, day=w.day)
    return env


def render(brief: Brief, fmt: str = "md") -> str:
    if fmt not in FORMATS:
        raise HavenError(f"unknown brief format {fmt!r}: use md or html")
    text = environment().get_template(FORMATS[fmt]).render(brief=brief)
    text = "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def render_markdown(brief: Brief) -> str:
    return render(brief, "md")


def render_html(brief: Brief) -> str:
    return render(brief, "html")
