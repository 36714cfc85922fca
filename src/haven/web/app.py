"""The web app: a read-only JSON API over the engine, the boundaries as GeoJSON, and the map page.

`create_app(settings)` builds one app; `haven serve` runs it with uvicorn. Every error, whatever its cause,
leaves as {"error": {"code": ..., "message": ...}} with a 4xx status (5xx only for a bug or broken data).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from haven import __version__
from haven.dates import DATE_RANGE, EARLIEST, LATEST
from haven.errors import BadDate, DataError, HavenError, NoResult, UnknownCountry, UnknownPerson
from haven.web import forecast_api, models
from haven.web.answers import Answers
from haven.web.pages import STATIC, render
from haven.web.payload import LONG, NO_CACHE, SHORT, Payload
from haven.web.service import Service
from haven.web.settings import Limits, Settings

log = logging.getLogger("haven.web")

def _policy(frame_ancestors: str) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


CONTENT_SECURITY_POLICY = _policy("'none'")
EMBED_POLICY = _policy("*")  # the embed view, and only it, may be framed by any site
COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
SECURITY_HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()), (b"x-frame-options", b"DENY"), *COMMON_HEADERS]
EMBED_HEADERS = [(b"content-security-policy", EMBED_POLICY.encode()), *COMMON_HEADERS]
EMBED_PATHS = ("/embed",)

ERROR_STATUS: list[tuple[type[HavenError], int, str]] = [
    (UnknownPerson, 404, "unknown_person"),
    (UnknownCountry, 404, "unknown_country"),
    (BadDate, 400, "bad_date"),
    (NoResult, 404, "no_verdict"),
    (DataError, 500, "data_error"),
    (HavenError, 400, "bad_request"),
]
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
              413: "too_large", 415: "unsupported_media_type", 422: "invalid_parameter", 429: "too_many_requests"}

ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": models.ErrorResponse, "description": description} for status, description in [
    (400, f"A malformed or impossible date, a date outside {DATE_RANGE}, or a period that is reversed or too long (code bad_date)."),
    (404, "Unknown person or country (code unknown_person, unknown_country); for /api/explain, a person in custody "
          "or dead on the date, who has no verdict to explain (code no_verdict)."),
    (422, "A parameter is missing or malformed (code invalid_parameter)."),
]}

class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): the same security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        extra = EMBED_HEADERS if scope["path"] in EMBED_PATHS else SECURITY_HEADERS

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in names]
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


def date_query(description: str, alias: str | None, limits: Limits, example: str | None = None):
    return Query(alias=alias, max_length=limits.max_date_text, description=f"{description} YYYY-MM-DD, {DATE_RANGE}.",
                 examples=[example] if example else None,
                 json_schema_extra={"format": "date", "x-earliest": EARLIEST.isoformat(), "x-latest": LATEST.isoformat()})


TEXT_LIMITS = Limits()  # parameter lengths are part of the schema, so they take the declared defaults
PersonQuery = Annotated[str, Query(min_length=1, max_length=TEXT_LIMITS.max_text, examples=["putin"],
                                   description="Person: slug (putin), Wikidata QID (Q7747) or name.")]
CountryQuery = Annotated[str, Query(min_length=1, max_length=TEXT_LIMITS.max_text, examples=["MNG"],
                                    description="Country: ISO code (MNG, MN) or name (Mongolia).")]
OnQuery = Annotated[str | None, date_query("As-of date (default: today),", None, TEXT_LIMITS, "2024-09-04")]
FromQuery = Annotated[str | None, date_query("First date (default: the slider's start),", "from", TEXT_LIMITS, "2022-01-01")]
ToQuery = Annotated[str | None, date_query("Last date (default: today),", "to", TEXT_LIMITS, "2025-12-31")]
TripsFrom = Annotated[str | None, date_query("Only trips starting on or after this date,", "from", TEXT_LIMITS)]
TripsTo = Annotated[str | None, date_query("Only trips starting on or before this date,", "to", TEXT_LIMITS)]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for one knowledge base (settings.data_dir, or the bundled data)."""
    settings = settings or Settings.from_env()
    limits = settings.limits
    service = Service(settings)
    answers = Answers(service)
    app = FastAPI(
        title="haven",
        version=__version__,
        summary="Where can a wanted or sanctioned leader still travel, on a given date, and why.",
        description=(
            "A read-only JSON API over haven's engine: per-state verdicts (home, ally, open, risky, closed) for a person on a date, "
            "the rules and sourced facts behind each, tier counts over time, the person's trips and the map's boundaries. "
            f"Dates are YYYY-MM-DD, from {DATE_RANGE}; a timeline covers at most {limits.max_timeline_months} months; person and country "
            f"parameters are at most {limits.max_text} characters. "
            "Every error has the shape `{\"error\": {\"code\": ..., \"message\": ...}}`."
        ),
        docs_url=None, redoc_url=None,  # the CDN-based pages; a local one is served at /docs
    )
    app.state.settings = settings
    app.state.service = service
    app.state.answers = answers

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

    async def cached(request: Request, key: Hashable, build: Callable[[], dict], cache: str = NO_CACHE) -> Response:
        """A hit is served from the event loop; a miss is computed once in the thread pool."""
        payload = answers.peek(key)
        if payload is None:
            payload = await run_in_threadpool(answers.make, key, build)
        return payload.response(request, cache)

    # -- API -------------------------------------------------------------------------------------------
    @app.get("/api/persons", response_model=models.PersonsOut, tags=["api"], summary="Persons haven can assess")
    async def persons(request: Request):
        return answers.fixed("persons").response(request, SHORT)

    @app.get("/api/assess", response_model=models.AssessmentOut, responses=ERRORS, tags=["api"],
             summary="Every state's verdict for a person on a date")
    async def assess(request: Request, person: PersonQuery, on: OnQuery = None):
        who = service.person(person)
        day = service.day(on)
        ready = service.cached_assess_json(who, day)  # hot path: no thread hop, no encoding, no compression
        if ready is None:
            ready = await run_in_threadpool(service.assess_json, who, day)
        raw, packed = ready
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(content=packed, media_type="application/json",
                            headers={"Cache-Control": NO_CACHE, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return Response(content=raw, media_type="application/json", headers={"Cache-Control": NO_CACHE, "Vary": "Accept-Encoding"})

    @app.get("/api/explain", response_model=models.ExplanationOut, responses=ERRORS, tags=["api"],
             summary="Why one state gets its verdict: the rules that fired and the facts, with dates, sources and notes")
    async def explain(request: Request, person: PersonQuery, country: CountryQuery, on: OnQuery = None):
        who, day = service.person(person), service.day(on)
        return await cached(request, ("explain", who.id, country.casefold(), day), lambda: answers.explain(who, country, day))

    @app.get("/api/timeline", response_model=models.TimelineOut, responses=ERRORS, tags=["api"],
             summary=f"Tier counts per month between two dates (at most {limits.max_timeline_months} months)")
    async def timeline(request: Request, person: PersonQuery, start: FromQuery = None, end: ToQuery = None):
        who = service.person(person)
        first = service.day(start, default=settings.first_date, name="from")
        last = service.day(end, name="to")
        return await cached(request, ("timeline", who.id, first, last), lambda: answers.timeline(who, first, last))

    @app.get("/api/series", response_model=models.SeriesOut, responses=ERRORS, tags=["api"],
             summary="Each state's tier on every day from the slider's first date to today, as changes")
    async def series(request: Request, person: PersonQuery):
        who = service.person(person)
        return await cached(request, ("series", who.id, settings.current_date()), lambda: answers.series(who))

    @app.get("/api/visits", response_model=models.VisitsOut, responses=ERRORS, tags=["api"],
             summary="The person's trips (and trips not made), with sources and map points")
    async def visits(request: Request, person: PersonQuery, start: TripsFrom = None, end: TripsTo = None):
        who = service.person(person)
        first = service.day(start, name="from") if start else None
        last = service.day(end, name="to") if end else None
        return await cached(request, ("visits", who.id, first, last), lambda: answers.visits(who, first, last))

    @app.get("/api/method", response_model=models.MethodOut, tags=["api"], summary="Tiers, colours, rules and weights")
    async def method(request: Request):
        return answers.fixed("method").response(request, SHORT)

    @app.get("/api/countries", response_model=models.CountriesOut, tags=["api"],
             summary="Countries and territories sorted by name, with the other names people search for")
    async def countries(request: Request):
        return answers.fixed("countries").response(request, SHORT)

    @app.get("/api/boundaries", response_model=models.BoundariesOut, response_class=GeoJSONResponse, tags=["api"],
             summary="Country boundaries as GeoJSON, simplified for the web (compressed once; ETag)")
    async def boundaries(request: Request):
        return answers.fixed("boundaries").response(request, LONG)

    app.include_router(forecast_api.router, responses=ERRORS)

    # -- pages -----------------------------------------------------------------------------------------
    rendered: dict[str, Payload] = {}

    def page(name: str) -> Payload:
        if name not in rendered:
            rendered[name] = Payload.from_bytes(render(name, "api", settings.public_url), "text/html; charset=utf-8")
        return rendered[name]

    @app.get("/", include_in_schema=False)
    async def index(request: Request):
        return page("index").response(request, NO_CACHE)

    @app.get("/embed", include_in_schema=False)
    async def embed(request: Request):
        return page("embed").response(request, NO_CACHE)

    @app.get("/how", include_in_schema=False)
    async def how(request: Request):
        return page("how").response(request, NO_CACHE)

    @app.get("/docs", include_in_schema=False)
    async def docs(request: Request):
        return page("docs").response(request, NO_CACHE)

    preview: dict[str, bytes] = {}
    preview_lock = threading.Lock()

    def preview_bytes() -> bytes:
        from haven.web.preview import preview_png

        with preview_lock:
            if "png" not in preview:
                preview["png"] = preview_png(service.persons[0], settings.current_date(), service.kb)
            return preview["png"]

    @app.get("/preview.png", include_in_schema=False)
    async def preview_image():
        data = preview.get("png") or await run_in_threadpool(preview_bytes)
        return Response(data, media_type="image/png", headers={"Cache-Control": LONG})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(ReadOnly)
    app.add_middleware(SecurityHeaders)
    return app
