"""Accounts and access: sign-in and sign-out, API tokens, members of a region and the audit
log. Every change is audited with who made it and from where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import ForbiddenError, NotFoundError, RateLimitedError
from ggzregio.storage import repository as repo
from ggzregio.storage import users
from ggzregio.storage.database import transaction
from ggzregio.storage.models import ApiToken, AuditEntry, User
from ggzregio.storage.users import SESSION_LIFETIME

#: How long a session lasts (the cookie's lifetime).
SESSION_SECONDS = int(SESSION_LIFETIME.total_seconds())


@dataclass(frozen=True)
class SignIn:
    """A started session: the cookie's secret (None when the password was wrong)."""

    token: str | None


def sign_in(ctx: Context, email: str, password: str, client: str) -> SignIn:
    """Check the password (argon2; throttled per account and address) and start a session.
    Raises :class:`RateLimitedError` after too many failures."""
    name = email.strip().lower()[:254]
    try:
        with transaction(ctx.factory) as db:
            user = users.authenticate(db, email, password, client)
            if user is None:
                repo.audit(db, "login.failed", None, None, name, client)
                return SignIn(None)
            token, _csrf = users.start_session(db, user)
            repo.audit(db, "login", user.id, None, user.email, client)
            return SignIn(token)
    except users.AccountError as exc:
        with transaction(ctx.factory) as db:
            repo.audit(db, "login.rate_limited", None, None, name, client)
        raise RateLimitedError("rate_limited") from exc


def sign_out(ctx: Context, actor: Actor, session_token: str) -> None:
    with transaction(ctx.factory) as db:
        users.end_session(db, session_token)
        repo.audit(db, "logout", actor.user_id, None, actor.principal.email, actor.client)


def issue_token(ctx: Context, actor: Actor, name: str) -> str:
    """Create an API token for the signed-in account (audited); returns the secret."""
    with transaction(ctx.factory) as db:
        user = db.get(User, actor.user_id)
        if user is None:
            raise NotFoundError("not_found", "account")
        secret = users.create_token(db, user, name)
        repo.audit(db, "token.create", actor.user_id, None, name, actor.client)
    return secret


def tokens(db: Session, principal: Principal) -> list[ApiToken]:
    """The API tokens of the signed-in account."""
    return [] if principal.user_id is None else users.tokens(db, principal.user_id)


def set_member(ctx: Context, actor: Actor, code: str, email: str, role: str | None) -> None:
    """Give an account a role in region ``code`` (``None`` removes it). Only a national admin
    changes a national admin's roles."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        if user is None:
            raise NotFoundError("not_found", email)
        if user.national_admin and not actor.principal.national_admin:
            raise ForbiddenError("forbidden")
        users.set_role(db, user, code, role)
        repo.audit(db, "member.set", actor.user_id, code, f"{email}={role}", actor.client)


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    user_id: int | None
    action: str
    region_code: str | None
    detail: str | None
    client: str | None


def audit_log(db: Session, limit: int = 10_000) -> list[AuditLine]:
    """The latest audit entries, newest first."""
    rows = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
    return [AuditLine(a.at, a.user_id, a.action, a.region_code, a.detail, a.client) for a in rows]


def add_user(
    ctx: Context,
    actor: Actor,
    email: str,
    password: str,
    name: str = "",
    national_admin: bool = False,
    roles: dict[str, str] | None = None,
) -> str:
    """Create an account with its roles per region (audited); returns the stored e-mail.
    Raises :class:`ggzregio.storage.users.AccountError` for a bad address or password."""
    with transaction(ctx.factory) as db:
        user = users.create_user(db, email, password, name, national_admin)
        for region, role in (roles or {}).items():
            users.set_role(db, user, region, role)
        repo.audit(db, "user.add", actor.user_id, None, user.email, actor.client)
        return user.email


def set_role(ctx: Context, actor: Actor, email: str, code: str, role: str | None) -> None:
    """Give the account ``email`` a role in region ``code`` (None removes it), as the
    operator of the instance (the command line); audited."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        if user is None:
            raise users.AccountError("account.unknown_user", email=email)
        users.set_role(db, user, code, role)
        repo.audit(db, "member.set", actor.user_id, code, f"{email}={role}", actor.client)


def token_for(ctx: Context, actor: Actor, email: str, name: str) -> str:
    """A new API token for the account ``email`` (audited); returns the secret."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        if user is None:
            raise users.AccountError("account.unknown_user", email=email)
        secret = users.create_token(db, user, name)
        repo.audit(db, "token.create", actor.user_id, None, f"{email}: {name}", actor.client)
    return secret
