"""Reading an importer's input from a path or a URL, failing with one clear line when it cannot."""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from pathlib import Path

from haven.errors import DataError

TIMEOUT_SECONDS = 30


def read_text(location: str | Path) -> str:
    """The text at a local path or an http(s) URL."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(text, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - user-given URL
                return io.TextIOWrapper(response, encoding="utf-8").read()
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DataError(f"cannot download {text}: {reason}") from None
    path = Path(text)
    if not path.exists():
        raise DataError(f"no such file: {path}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text") from None
