"""Documents typeset from standalone HTML: the PDF writer of the output registry.

WeasyPrint (a maintained, pure-Python typesetter on Pango) lays out the very HTML a command writes for `.html`,
with that page's print stylesheet, so the PDF says exactly what the HTML says. Nothing is fetched: the page
is self-contained, and the fetcher allows `data:` URIs only. The output is deterministic (no creation date;
the PDF identifier is a hash of the HTML), given the same fonts on the machine.
"""

from __future__ import annotations

import hashlib
from typing import Any

from haven.errors import OutputError


def pdf(html: str, meta: dict[str, Any]) -> bytes:
    """A tagged PDF of `html`, titled `meta["title"]` when given (else the page's own <title>)."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise OutputError(f"cannot write a PDF: WeasyPrint is not usable here ({reason}); "
                          "install it with its Pango libraries, or write .html") from None
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols=("data",))).render()
    if meta.get("title"):
        document.metadata.title = str(meta["title"])
    return bytes(document.write_pdf(pdf_identifier=identifier, pdf_tags=True))
