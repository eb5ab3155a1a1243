"""``ggzregio users ...`` for an account's life cycle: list and revoke API tokens, deactivate
and reactivate, lift a sign-in block, a one-time password link. The command line acts as the
instance's operator (``cli`` in the audit log) and may manage every account."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

import typer

from ggzregio.cli.common import err, out
from ggzregio.cli.server import UrlOpt, _context, _operator, users_app
from ggzregio.i18n import t

T = TypeVar("T")
EmailArg = Annotated[str, typer.Argument(help="E-mail")]


def _run(call: Callable[[], T]) -> T:
    """Run a use case; a refused one ends with its message and exit code 2."""
    from ggzregio.app.errors import AppError
    from ggzregio.labels import error_text
    from ggzregio.storage.users import AccountError

    try:
        return call()
    except AccountError as exc:
        err.print(t(exc.key, **exc.values), markup=False)
        raise typer.Exit(2) from exc
    except AppError as exc:
        err.print(error_text(exc)[0] or exc.kind, markup=False)
        raise typer.Exit(2) from exc


def _when(moment: datetime | None) -> str:
    return "–" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


@users_app.command("tokens", help=t("help.users_tokens"))
def users_tokens(email: EmailArg, database_url: UrlOpt = None) -> None:
    from ggzregio.app import accounts

    for tok in _run(lambda: accounts.account_tokens(_context(database_url), email)):
        line = t(
            "cli.token_line",
            id=tok.id,
            name=tok.name,
            status=t(f"web.{tok.status}"),
            created=_when(tok.created_at),
            expires=_when(tok.expires_at),
            used=_when(tok.last_used_at),
        )
        out.print(line, markup=False)


@users_app.command("revoke-token", help=t("help.users_revoke_token"))
def users_revoke_token(
    email: EmailArg, token_id: Annotated[int, typer.Argument()], database_url: UrlOpt = None
) -> None:
    from ggzregio.app import accounts

    ctx = _context(database_url)
    _run(lambda: accounts.revoke_account_token(ctx, _operator(), email, token_id))
    out.print(t("cli.token_revoked", id=token_id), markup=False)


def _set_active(email: str, active: bool, database_url: str | None) -> None:
    from ggzregio.app import account_admin

    ctx = _context(database_url)
    _run(lambda: account_admin.set_active(ctx, _operator(), email, active))
    key = "cli.user_reactivated" if active else "cli.user_deactivated"
    out.print(t(key, email=email.strip().lower()), markup=False)


@users_app.command("deactivate", help=t("help.users_deactivate"))
def users_deactivate(email: EmailArg, database_url: UrlOpt = None) -> None:
    _set_active(email, False, database_url)


@users_app.command("reactivate", help=t("help.users_reactivate"))
def users_reactivate(email: EmailArg, database_url: UrlOpt = None) -> None:
    _set_active(email, True, database_url)


@users_app.command("unlock", help=t("help.users_unlock"))
def users_unlock(email: EmailArg, database_url: UrlOpt = None) -> None:
    from ggzregio.app import account_admin

    ctx = _context(database_url)
    count = _run(lambda: account_admin.unlock(ctx, _operator(), email))
    out.print(t("cli.user_unlocked", email=email.strip().lower(), count=count), markup=False)


@users_app.command("reset-link", help=t("help.users_reset_link"))
def users_reset_link(
    email: EmailArg,
    base_url: Annotated[
        str, typer.Option("--base-url", help=t("help.base_url"))
    ] = "http://127.0.0.1:8000",
    database_url: UrlOpt = None,
) -> None:
    from ggzregio.app import account_admin

    ctx = _context(database_url)
    secret = _run(lambda: account_admin.password_link(ctx, _operator(), None, email))
    out.print(t("cli.reset_link", email=email.strip().lower()), markup=False)
    out.print(base_url.rstrip("/") + f"/wachtwoord/{secret}", markup=False)
