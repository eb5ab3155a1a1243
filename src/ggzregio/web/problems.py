"""RFC 9457 problem details: one error shape for every API response that fails."""

from __future__ import annotations

from typing import Any, Final

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ggzregio.errors import InputError
from ggzregio.i18n import t

PROBLEM_TYPE: Final = "https://ggzregio.nl/problems/"
MEDIA_TYPE: Final = "application/problem+json"


class ProblemError(Exception):
    """Raised by the application to answer with a problem document."""

    def __init__(
        self,
        status: int,
        kind: str,
        detail: str = "",
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail or kind)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


def problem_body(
    status: int, kind: str, detail: str, instance: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + kind,
        "title": t(f"problem_title.{kind}"),
        "status": status,
        "detail": detail or t(f"problem_title.{kind}"),
        "instance": instance,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    request: Request,
    status: int,
    kind: str,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, kind, detail, request.url.path, errors),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


def input_problems(exc: InputError) -> list[dict[str, Any]]:
    """The problems of an input error as JSON objects (file, sheet, rows, column, key, rule)."""
    out = []
    for p in exc.problems:
        item: dict[str, Any] = {"rule": p.rule, "message": p.message()}
        for name in ("file", "sheet", "column", "key"):
            value = getattr(p, name, None)
            if value:
                item[name] = value
        if p.rows:
            item["rows"] = list(p.rows[:50])
        out.append(item)
    return out


_KIND_BY_STATUS: Final = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
}


def kind_for(status: int) -> str:
    return _KIND_BY_STATUS.get(status, "server_error" if status >= 500 else "bad_request")


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "rule": str(e.get("type", "invalid")),
            "location": ".".join(str(part) for part in e.get("loc", ())),
            "message": str(e.get("msg", "")),
        }
        for e in exc.errors()
    ]


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


__all__ = [
    "MEDIA_TYPE",
    "ProblemError",
    "StarletteHTTPException",
    "input_problems",
    "is_api",
    "kind_for",
    "problem_body",
    "problem_response",
    "validation_errors",
]
