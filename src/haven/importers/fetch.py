"""Fetching an importer's input: the raw bytes with where and when they came from and their SHA-256.

The bytes are kept exactly as received (a `.gz` stays compressed) so that the snapshot stored with the knowledge
base is the file that was read; `Snapshot.text()` gives the decoded text the parsers work on.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from haven.errors import DataError

TIMEOUT_SECONDS = 30
CHUNK = 1 << 16
USER_AGENT = "haven-importer (+https://github.com/haven)"

Progress = Callable[..., None]
"""Called with (bytes read so far, total bytes or None) while a download runs."""


class FetchError(DataError):
    """A source could not be read: offline, refused, missing. One line, exit 1."""


@dataclass(frozen=True)
class Snapshot:
    """One retrieval of one source."""

    location: str
    retrieved: datetime
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def day(self) -> str:
        """The retrieval date (UTC), the `accessed` date of every source row made from it."""
        return self.retrieved.date().isoformat()

    @property
    def is_url(self) -> bool:
        return is_url(self.location)

    @property
    def suffix(self) -> str:
        """File ending to store it under: the location's own, else `.bin`."""
        name = self.location.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        suffixes = Path(name).suffixes[-2:]
        ending = "".join(s for s in suffixes if s[1:].isalnum() and len(s) <= 8).lower()
        return ending or ".bin"

    def text(self) -> str:
        """The content as text: gunzipped when compressed, UTF-8 (a byte-order mark is dropped)."""
        raw = self.content
        if raw[:2] == b"\x1f\x8b":
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError) as exc:
                raise DataError(f"{self.location}: broken gzip file ({exc})") from None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(f"{self.location} is not UTF-8 text (byte {exc.start} cannot be decoded)") from None


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def fetch(location: str | Path, progress: Progress | None = None, *, now: datetime | None = None) -> Snapshot:
    """Read a local file or download an http(s) URL; any failure is one `FetchError` line."""
    text = str(location)
    retrieved = now or datetime.now(UTC).replace(microsecond=0)
    if is_url(text):
        return Snapshot(text, retrieved, _download(text, progress))
    path = Path(text)
    if not path.is_file():
        raise FetchError(f"{path} is a folder, not a file" if path.is_dir() else f"no such file: {path}")
    try:
        return Snapshot(text, retrieved, path.read_bytes())
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from None


def _download(url: str, progress: Progress | None) -> bytes:
    import urllib.error  # only here: every command registers the importers, few of them download
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            total = response.headers.get("Content-Length")
            size = int(total) if total and total.isdigit() else None
            parts, read = [], 0
            while chunk := response.read(CHUNK):
                parts.append(chunk)
                read += len(chunk)
                if progress:
                    progress(read, size)
            return b"".join(parts)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise FetchError(f"cannot download {url}: {reason}") from None
