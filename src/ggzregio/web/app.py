"""The FastAPI application: middleware (language, security headers), error handling (RFC 9457
for the API, friendly pages for people), static files and the routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ggzregio import __version__
from ggzregio.app.context import Context
from ggzregio.app.errors import AppError, BusyError
from ggzregio.errors import InputError
from ggzregio.i18n import MESSAGES, Language, reset_request_language, set_request_language, t
from ggzregio.labels import error_text
from ggzregio.privacy import DisclosureError
from ggzregio.web.cache import FastResponses, PublicReadCache
from ggzregio.web.limits import JsonBodyLimit
from ggzregio.web.problems import (
    ProblemError,
    input_problems,
    is_api,
    kind_for,
    problem_response,
    validation_errors,
)
from ggzregio.web.responses import PROBLEM_RESPONSES
from ggzregio.web.security import LANG_COOKIE, SESSION_COOKIE, access
from ggzregio.web.text_guard import NulGuard
from ggzregio.web.work import admit, limit_request_threads

STATIC_DIR = Path(str(resources.files("ggzregio.web") / "static"))
PLOTLY_JS = STATIC_DIR / "vendor" / "plotly-basic.min.js"
#: Where the vendored Swagger UI is served (static/vendor/swagger-ui).
SWAGGER = "/static/vendor/swagger-ui"
#: Seconds a client is asked to wait when the server is at a limit (503).
RETRY_AFTER_S = 5
#: The trace types the basic bundle draws (every figure of ggzregio uses only these).
PLOTLY_TRACES = frozenset({"scatter", "bar", "pie"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def request_language(scope: Scope) -> Language:
    """``?lang=`` wins, then the language cookie, then Dutch."""
    query = scope.get("query_string", b"").decode("latin-1")
    for part in query.split("&"):
        if part.startswith("lang="):
            return "en" if part[5:].lower().startswith("en") else "nl"
    for header, value in scope.get("headers", ()):
        if header == b"cookie":
            for item in value.decode("latin-1").split(";"):
                name, _, content = item.strip().partition("=")
                if name == LANG_COOKIE:
                    return "en" if content.lower().startswith("en") else "nl"
    return "nl"


def _private(scope: Scope) -> bool:
    """Whether the request carries credentials (a token or a session): its answer may hold
    what only this account may see."""
    headers = dict(scope.get("headers") or [])
    if b"authorization" in headers:
        return True
    return f"{SESSION_COOKIE}=".encode() in headers.get(b"cookie", b"")


class LanguageAndHeaders:
    """Pure ASGI middleware: sets the request's language (a context variable, inherited by
    the worker threads of sync endpoints) and adds security headers to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        language = request_language(scope)
        token = set_request_language(language)
        private = _private(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {h[0].lower() for h in headers}
                extra = {
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"same-origin",
                    b"x-frame-options": b"DENY",
                    b"content-language": language.encode(),
                }
                extra[b"content-security-policy"] = CSP.encode()  # the API docs page too
                if private or "/download/" in scope["path"] or "/rapport." in scope["path"]:
                    extra[b"cache-control"] = b"no-store"  # kept by no shared cache, no disk
                if scope.get("scheme") == "https":  # directly, or from a trusted proxy
                    extra[b"strict-transport-security"] = b"max-age=31536000"
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            reset_request_language(token)


def create_app(
    database_url: str | None = None,
    *,
    secure_cookies: bool = True,
    threshold: int | None = None,
) -> FastAPI:
    """The application on ``database_url`` (default: ``GGZREGIO_DATABASE_URL`` or the SQLite
    file). The schema must be current (``ggzregio db upgrade``)."""
    from ggzregio.privacy import DEFAULT_THRESHOLD, check_threshold
    from ggzregio.web.routes import FEATURES

    ctx = Context.open(
        database_url,
        secure_cookies=secure_cookies,
        threshold=check_threshold(DEFAULT_THRESHOLD if threshold is None else threshold),
    )
    _resume_jobs(ctx)
    app = FastAPI(
        title="ggzregio API",
        version=__version__,
        description=(
            "Planning and monitoring of regional mental health care (GGZ). Errors are "
            "RFC 9457 problem details; lists are paginated with `page` and `size`. "
            "Authenticate with `Authorization: Bearer <token>` for private data."
        ),
        openapi_url="/api/v1/openapi.json",
        responses=PROBLEM_RESPONSES,
        docs_url=None,  # served below from the package's own Swagger UI (offline)
        redoc_url=None,
        lifespan=_lifespan,
        dependencies=[Depends(admit)],  # a bounded number of requests in progress
    )
    fast = FastResponses()
    app.state.ggzregio = ctx
    app.state.fast = fast
    # Middleware added last runs first: language and headers wrap the fast path.
    app.add_middleware(NulGuard)  # innermost: after the body limit, inside the headers
    app.add_middleware(PublicReadCache, ctx=ctx, fast=fast, session_cookie=SESSION_COOKIE)
    app.add_middleware(LanguageAndHeaders)
    app.add_middleware(
        JsonBodyLimit,
        max_bytes=ctx.settings.max_json_bytes,
        max_upload_bytes=ctx.settings.max_upload_bytes,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _api_docs(app)

    @app.get("/static-lib/plotly.min.js", include_in_schema=False, **access("public"))
    def plotly_js() -> FileResponse:
        # The basic bundle of the plotly.js version the Python package bundles (vendor/README).
        return FileResponse(PLOTLY_JS, media_type="text/javascript", headers=_long_cache())

    # Public without the access check: it needs nobody's account, so it runs wholly on the
    # event loop and never waits for a request thread, whatever the load.
    @app.get("/healthz", include_in_schema=False, openapi_extra={"x-access": "public"})
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    # In this order: a feature's fixed download names come before the monitor's general one.
    for feature in FEATURES:
        app.include_router(feature.api)
        app.include_router(feature.pages)
    _handlers(app)
    return app


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    limit_request_threads()  # in the server's event loop, before the first request
    yield


def _api_docs(app: FastAPI) -> None:
    """The interactive API documentation: Swagger UI 5 (vendored, Apache-2.0, renders the
    OpenAPI 3.1 that FastAPI writes) served by the application itself: no CDN, the same CSP as
    every page, started by a script file rather than an inline script."""

    @app.get("/api/v1/docs", include_in_schema=False, **access("public"))
    def api_docs() -> HTMLResponse:
        return HTMLResponse(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>ggzregio API</title>"
            f'<link rel="stylesheet" href="{SWAGGER}/swagger-ui.css">'
            '</head><body><div id="swagger-ui"></div>'
            f'<script src="{SWAGGER}/swagger-ui-bundle.js"></script>'
            '<script src="/static/swagger-init.js"></script></body></html>'
        )


def _resume_jobs(ctx: Context) -> None:
    """Pick up simulation jobs an earlier server process left (none before the schema)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ggzregio.app import simulation

    try:
        simulation.resume(ctx)
    except SQLAlchemyError:  # a database not yet set up has no jobs to resume
        ctx.engine.dispose()


def _long_cache() -> dict[str, str]:
    return {"Cache-Control": "public, max-age=86400"}


def _handlers(app: FastAPI) -> None:
    from ggzregio.web.render import render_error, render_not_yet

    @app.exception_handler(ProblemError)
    async def problem(request: Request, exc: ProblemError) -> Response:
        if is_api(request):
            return problem_response(
                request, exc.status, exc.kind, exc.detail, exc.errors, exc.headers
            )
        if exc.status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return render_error(request, exc.status, t(f"problem_title.{exc.kind}"), exc.errors)

    @app.exception_handler(AppError)
    async def refused(request: Request, exc: AppError) -> Response:
        status = _STATUS.get(exc.category, 422)
        kind = exc.kind if f"problem_title.{exc.kind}" in MESSAGES else exc.category
        detail, explained = error_text(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if status == 503:  # at a limit: come back shortly
            headers = {"Retry-After": str(RETRY_AFTER_S)}
        if is_api(request):
            return problem_response(request, status, kind, detail, None, headers)
        if status == 401:
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        if exc.category == "not_yet":  # data not there yet: say what to import (200)
            return render_not_yet(request, t(f"problem_title.{kind}"), detail)
        # People see the title, and an explanation only where the kind names one in their
        # language (the detail of a plain "not found" is for the API and the logs).
        errors = [{"message": detail}] if explained or status == 503 else []
        page = render_error(request, status, t(f"problem_title.{kind}"), errors)
        page.headers.update(headers or {})
        return page

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        errors = input_problems(exc)
        if is_api(request):
            return problem_response(request, 422, "invalid_input", exc.report(), errors)
        return render_error(request, 422, t("problem_title.invalid_input"), errors)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = validation_errors(exc)
        if is_api(request):
            return problem_response(request, 422, "invalid_input", "", errors)
        return render_error(request, 422, t("problem_title.invalid_input"), errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        kind = kind_for(exc.status_code)
        headers: dict[str, Any] | None = getattr(exc, "headers", None)
        if is_api(request):
            return problem_response(request, exc.status_code, kind, "", None, headers)
        return render_error(request, exc.status_code, t(f"problem_title.{kind}"), [])

    @app.exception_handler(DisclosureError)
    async def not_publishable(request: Request, exc: DisclosureError) -> Response:
        # Refused on purpose: an output that would disclose a small count is never sent.
        detail = t("problem.not_publishable")
        if is_api(request):
            return problem_response(request, 409, "not_publishable", detail)
        title = t("problem_title.not_publishable")
        return render_error(request, 409, title, [{"message": detail}])

    @app.exception_handler(PoolTimeoutError)
    async def no_connection(request: Request, exc: PoolTimeoutError) -> Response:
        # Every database connection is in use: come back shortly (not a server error).
        return await refused(request, BusyError("busy", "database connections in use"))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        if is_api(request):
            return problem_response(request, 500, "server_error")
        return render_error(request, 500, t("problem_title.server_error"), [])


#: The HTTP status of each category of :class:`~ggzregio.app.errors.AppError`.
_STATUS = {
    "not_found": 404,
    "not_yet": 404,  # on the API; pages explain with 200 (see the handler)
    "unauthenticated": 401,
    "forbidden": 403,
    "conflict": 409,
    "too_large": 413,
    "invalid_input": 422,
    "rate_limited": 429,
    "busy": 503,
}


def route_table(app: FastAPI) -> list[tuple[str, str, str | None]]:
    """(method, path, declared access) of every application route, including those of
    included routers (listed for audits and for the access tests)."""
    from fastapi.routing import APIRoute

    out: list[tuple[str, str, str | None]] = []

    def walk(routes: list[Any], prefix: str) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                level = (route.openapi_extra or {}).get("x-access")
                out.extend((m, prefix + route.path, level) for m in sorted(route.methods or ()))
            elif hasattr(route, "original_router"):  # FastAPI's included router
                walk(route.original_router.routes, prefix + route.include_context.prefix)

    walk(list(app.routes), "")
    return out
