"""The web app: a read-only JSON API over the engine, the boundaries as GeoJSON, and the map page.

`create_app(settings)` builds one app; `haven serve` runs it with uvicorn. Every error, whatever its cause,
leaves as {"error": {"code": ..., "message": ...}} with a 4xx status (5xx only for a bug or broken data).
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from haven import __version__
from haven.dates import DATE_RANGE
from haven.errors import BadDate, DataError, HavenError, UnknownCountry, UnknownPerson
from haven.web import forecast_api, models
from haven.web.service import Service, encode
from haven.web.settings import Settings

log = logging.getLogger("haven.web")

STATIC = Path(str(resources.files("haven.web") / "static"))

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

ERROR_STATUS: list[tuple[type[HavenError], int, str]] = [
    (UnknownPerson, 404, "unknown_person"),
    (UnknownCountry, 404, "unknown_country"),
    (BadDate, 400, "bad_date"),
    (DataError, 500, "data_error"),
    (HavenError, 400, "bad_request"),
]
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
              413: "too_large", 415: "unsupported_media_type", 422: "invalid_parameter", 429: "too_many_requests"}

ERRORS = {status: {"model": models.ErrorResponse, "description": description} for status, description in [
    (400, f"A bad date or period, or a date outside {DATE_RANGE} (code bad_date)."),
    (404, "Unknown person or country (code unknown_person, unknown_country)."),
    (422, "A parameter is missing or malformed (code invalid_parameter)."),
]}

PersonQuery = Annotated[str, Query(min_length=1, max_length=100, description="Person: slug (putin), Wikidata QID (Q7747) or name.",
                                   examples=["putin"])]
OnQuery = Annotated[Optional[str], Query(max_length=32, description=f"As-of date, YYYY-MM-DD, {DATE_RANGE} (default: today).",
                                         examples=["2024-09-04"], json_schema_extra={"format": "date"})]
CountryQuery = Annotated[str, Query(min_length=1, max_length=100, description="Country: ISO code (MNG, MN) or name (Mongolia).",
                                    examples=["MNG"])]


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): the same security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ReadOnly:
    """Only GET and HEAD reach the app: the API changes nothing."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD"):
            response = error_response(405, "method_not_allowed", f"{scope['method']} is not allowed: this API is read-only",
                                      headers={"Allow": "GET, HEAD"})
            return await response(scope, receive, send)
        if scope["type"] == "http" and scope["method"] == "HEAD":
            # answered as GET, headers only
            async def headers_only(message):
                if message["type"] == "http.response.body":
                    message = {**message, "body": b""}
                await send(message)

            return await self.app({**scope, "method": "GET"}, receive, headers_only)
        await self.app(scope, receive, send)


def json_bytes(content: bytes, *, cache: str = "no-cache") -> Response:
    return Response(content=content, media_type="application/json", headers={"Cache-Control": cache})


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for one knowledge base (settings.data_dir, or the bundled data)."""
    settings = settings or Settings.from_env()
    service = Service(settings)
    app = FastAPI(
        title="haven",
        version=__version__,
        summary="Where can a wanted or sanctioned leader still travel, on a given date, and why.",
        description=(
            "A read-only JSON API over haven's engine: per-state verdicts (home, ally, open, risky, closed) for a person on a date, "
            "the rules and sourced facts behind each, tier counts over time, the person's trips and the map's boundaries. "
            "Every error has the shape `{\"error\": {\"code\": ..., \"message\": ...}}`."
        ),
        docs_url=None, redoc_url=None,  # the CDN-based pages; a local one is served at /docs
    )
    app.state.settings = settings
    app.state.service = service

    # -- errors: one shape ---------------------------------------------------------------------------
    @app.exception_handler(HavenError)
    async def haven_error(request: Request, exc: HavenError):
        for kind, status, code in ERROR_STATUS:
            if isinstance(exc, kind):
                if status >= 500:
                    log.error("data error on %s: %s", request.url.path, exc)
                return error_response(status, code, str(exc))
        return error_response(400, "bad_request", str(exc))  # pragma: no cover

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = []
        for problem in exc.errors()[:3]:
            where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
        return error_response(422, "invalid_parameter", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404:
            message = f"nothing at {request.url.path[:200]}"
        return error_response(exc.status_code, HTTP_CODES.get(exc.status_code, "error"), message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):  # a bug: still the one shape, and logged
        log.exception("internal error on %s", request.url.path)
        return error_response(500, "internal_error", "internal error")

    # -- API -------------------------------------------------------------------------------------------
    @app.get("/api/persons", response_model=models.PersonsOut, tags=["api"], summary="Persons haven can assess")
    def persons():
        return json_bytes(_persons_json())

    persons_cache: dict[str, bytes] = {}

    def _persons_json() -> bytes:
        if "v" not in persons_cache:
            persons_cache["v"] = encode(service.persons_dict())
        return persons_cache["v"]

    @app.get("/api/assess", response_model=models.AssessmentOut, responses=ERRORS, tags=["api"],
             summary="Every state's verdict for a person on a date")
    async def assess(request: Request, person: PersonQuery, on: OnQuery = None):
        who = service.person(person)
        day = service.day(on)
        cached = service.cached_assess_json(who, day)  # hot path: no thread hop, no encoding, no compression
        if cached is None:
            cached = await run_in_threadpool(service.assess_json, who, day)
        raw, packed = cached
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(content=packed, media_type="application/json",
                            headers={"Cache-Control": "no-cache", "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return json_bytes(raw)

    @app.get("/api/explain", response_model=models.ExplanationOut, responses=ERRORS, tags=["api"],
             summary="Why one state gets its verdict: the rules that fired and the facts, with dates and sources")
    def explain(person: PersonQuery, country: CountryQuery, on: OnQuery = None):
        return json_bytes(encode(service.explain(service.person(person), country, service.day(on))))

    @app.get("/api/timeline", response_model=models.TimelineOut, responses=ERRORS, tags=["api"],
             summary="Tier counts per month between two dates")
    def timeline(person: PersonQuery,
                 start: Annotated[Optional[str], Query(alias="from", max_length=32, description="First date, YYYY-MM-DD (default: the slider's start, 2000-01-01).",
                                                       examples=["2022-01-01"], json_schema_extra={"format": "date"})] = None,
                 end: Annotated[Optional[str], Query(alias="to", max_length=32, description="Last date, YYYY-MM-DD (default: today).",
                                                     examples=["2025-12-31"], json_schema_extra={"format": "date"})] = None):
        who = service.person(person)
        first = service.day(start, default=settings.first_date, name="from")
        last = service.day(end, name="to")
        return json_bytes(encode(service.timeline(who, first, last)))

    @app.get("/api/visits", response_model=models.VisitsOut, responses=ERRORS, tags=["api"],
             summary="The person's trips (and trips not made), with sources and map points")
    def visits(person: PersonQuery,
               start: Annotated[Optional[str], Query(alias="from", max_length=32, description="Only trips starting on or after this date.",
                                                     json_schema_extra={"format": "date"})] = None,
               end: Annotated[Optional[str], Query(alias="to", max_length=32, description="Only trips starting on or before this date.",
                                                   json_schema_extra={"format": "date"})] = None):
        who = service.person(person)
        first = service.day(start, name="from") if start else None
        last = service.day(end, name="to") if end else None
        return json_bytes(encode(service.visits(who, first, last)))

    @app.get("/api/method", response_model=models.MethodOut, tags=["api"], summary="Tiers, colours, rules and weights")
    def method():
        return json_bytes(encode(service.method()))

    @app.get("/api/boundaries", response_model=models.BoundariesOut, tags=["api"],
             summary="Country boundaries as GeoJSON, simplified for the web")
    def boundaries():
        return Response(content=service.boundaries_json(), media_type="application/geo+json",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.include_router(forecast_api.router, responses=ERRORS)

    # -- page ------------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs():
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(ReadOnly)
    app.add_middleware(SecurityHeaders)
    return app
