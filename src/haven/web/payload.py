"""An answer encoded once: JSON bytes, the same gzipped, and an ETag, so serving it again costs no encoding,
no compression and (with If-None-Match) no body at all."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

# Answers that change only with the data or the code may be cached by browsers and CDNs for a while; an
# ETag lets them revalidate for free afterwards.
SHORT = "public, max-age=300"
LONG = "public, max-age=86400"
NO_CACHE = "no-cache"


def encode(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


@dataclass(frozen=True)
class Payload:
    raw: bytes
    gz: bytes
    etag: str
    media_type: str = "application/json"

    @classmethod
    def of(cls, data, media_type: str = "application/json") -> Payload:
        return cls.from_bytes(encode(data), media_type)

    @classmethod
    def from_bytes(cls, raw: bytes, media_type: str = "application/json") -> Payload:
        etag = '"' + hashlib.blake2b(raw, digest_size=12).hexdigest() + '"'
        return cls(raw, gzip.compress(raw, compresslevel=9, mtime=0), etag, media_type)

    def response(self, request: Request, cache: str = NO_CACHE) -> Response:
        headers = {"Cache-Control": cache, "ETag": self.etag, "Vary": "Accept-Encoding"}
        if self.etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", "") and len(self.raw) > 512:
            return Response(self.gz, media_type=self.media_type, headers={**headers, "Content-Encoding": "gzip"})
        return Response(self.raw, media_type=self.media_type, headers=headers)
