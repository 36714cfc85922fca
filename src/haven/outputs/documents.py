"""Documents typeset from standalone HTML: the PDF writer of the output registry.

WeasyPrint (a maintained, pure-Python typesetter on Pango) lays out the very HTML a command writes for `.html`,
with that page's print stylesheet, so the PDF says exactly what the HTML says. Nothing is fetched: the page
is self-contained, and the fetcher allows `data:` URIs only. The output is deterministic (no creation date;
the PDF identifier is a hash of the HTML), given the same fonts on the machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from types import ModuleType
from typing import Any

from haven.errors import OutputError

PANGO = "libpango-1.0-0 libpangoft2-1.0-0"  # the Debian packages WeasyPrint loads at run time


def load_weasyprint() -> ModuleType:
    """WeasyPrint, loaded; OutputError in one line when it or the Pango libraries it opens are missing."""
    try:
        # a failed load prints a paragraph of advice on stdout, which would land inside piped output
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # type: ignore[import-untyped]
            import weasyprint.urls  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: a system library is missing
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise OutputError(f"cannot write a PDF: WeasyPrint cannot run here ({reason}); install Pango "
                          f"(Debian: apt-get install {PANGO}) or write .html") from None
    return weasyprint


def pdf(html: str, meta: dict[str, Any]) -> bytes:
    """A tagged PDF of `html`, titled `meta["title"]` when given (else the page's own <title>)."""
    module = load_weasyprint()
    HTML, URLFetcher = module.HTML, module.urls.URLFetcher
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols=("data",))).render()
    if meta.get("title"):
        document.metadata.title = str(meta["title"])
    return bytes(document.write_pdf(pdf_identifier=identifier, pdf_tags=True))
