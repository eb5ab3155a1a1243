"""Domain errors of the application layer. Each carries a *kind* (a stable code such as
``not_found`` or ``no_observed``) and a detail; the edges decide how to show it (the web maps
the class to an HTTP status, the command line to an exit code)."""

from __future__ import annotations

from typing import ClassVar

from ggzregio.errors import GgzregioError


class AppError(GgzregioError):
    """A request the application cannot carry out, for a reason the user can act on."""

    #: The error's category (``not_found``, ``forbidden``, ...): the web's status follows it.
    category: ClassVar[str] = "invalid_input"

    def __init__(self, kind: str = "", detail: str = "", **values: object) -> None:
        super().__init__(detail or kind or self.category)
        self.kind = kind or self.category
        self.detail = detail
        #: Values for the message the kind names (``rule.<kind>``), filled in at the edge.
        self.values = values


class NotFoundError(AppError):
    """What was asked for does not exist, or is not visible to the one asking."""

    category = "not_found"


class NotYetError(NotFoundError):
    """What was asked for rests on data that is not there yet (no area table, no observed
    counts, no inventory). Pages and downloads show it as an explanation of what to import
    (HTTP 200); the API answers 404 with the same explanation."""

    category = "not_yet"


class UnauthenticatedError(AppError):
    """The use case needs a signed-in account."""

    category = "unauthenticated"


class ForbiddenError(AppError):
    """The account may not do this."""

    category = "forbidden"


class ConflictError(AppError):
    """The change clashes with what is stored (a name already taken)."""

    category = "conflict"


class TooLargeError(AppError):
    """The input is larger than the configured limit."""

    category = "too_large"


class InvalidRequestError(AppError):
    """The request as a whole is not acceptable (detail says why)."""

    category = "invalid_input"


class BusyError(AppError):
    """The server is at its limit for this kind of work; try again shortly."""

    category = "busy"


class RateLimitedError(AppError):
    """Too many attempts in a short time."""

    category = "rate_limited"
