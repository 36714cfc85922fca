"""Markers for tests that need an optional part of haven: each skips, with the reason and the fix, where the
part is missing (as the browser tests skip without Chromium). `.ci/run` installs all of them."""

from __future__ import annotations

import functools

import pytest

from haven.errors import OutputError
from haven.extras import available


@functools.cache
def pango_reason() -> str | None:
    """Why WeasyPrint cannot typeset here, or None when it can."""
    from haven.outputs.documents import load_weasyprint

    try:
        load_weasyprint()
    except OutputError as exc:
        return str(exc)
    return None


needs_ftm = pytest.mark.skipif(not available("ftm"), reason="followthemoney is missing: pip install -e '.[ftm]' "
                                                            "(needs libicu-dev, pkg-config and g++ to build PyICU)")
needs_pango = pytest.mark.skipif(pango_reason() is not None, reason=f"{pango_reason()}")
