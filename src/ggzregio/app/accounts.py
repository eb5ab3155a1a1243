"""Accounts and access: sign-in and sign-out, API tokens, members of a region and the audit
log. Every change is audited with who made it and from where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal, new_token
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
)
from ggzregio.app.regions import get_region
from ggzregio.storage import repository as repo
from ggzregio.storage import signin, users
from ggzregio.storage.database import transaction
from ggzregio.storage.models import ApiToken, AuditEntry, User, aware
from ggzregio.storage.users import SESSION_LIFETIME
from ggzregio.text import without_control

#: How long a session lasts (the cookie's lifetime).
SESSION_SECONDS = int(SESSION_LIFETIME.total_seconds())


@dataclass(frozen=True)
class SignIn:
    """A started session: the cookie's secret (None when the password was wrong) and the
    known-device secret to keep in the browser."""

    token: str | None
    device: str | None = None


def sign_in(
    ctx: Context, email: str, password: str, client: str, device: str | None = None
) -> SignIn:
    """Check the password (argon2; throttled per account and address, see
    :mod:`ggzregio.storage.signin`) and start a session. Raises :class:`RateLimitedError`
    (with ``retry_after`` seconds) while the attempt must wait; a known ``device`` of the
    account is not throttled."""
    name = without_control(email.strip().lower())[:254]
    try:
        with transaction(ctx.factory) as db:
            outcome = signin.attempt(db, email, password, client, device)
            if outcome.user is None:
                repo.audit(db, "login.failed", None, None, name, client)
                return SignIn(None)
            token, _csrf = users.start_session(db, outcome.user)
            repo.audit(db, "login", outcome.user.id, None, outcome.user.email, client)
            return SignIn(token, outcome.device)
    except signin.ThrottledError as exc:
        with transaction(ctx.factory) as db:
            repo.audit(db, "login.rate_limited", None, None, name, client)
        raise RateLimitedError("rate_limited", retry_after=retry_seconds(exc.wait_s)) from exc


def retry_seconds(wait: float) -> int:
    return max(1, int(wait + 0.999))


def sign_out(ctx: Context, actor: Actor, session_token: str) -> None:
    with transaction(ctx.factory) as db:
        users.end_session(db, session_token)
        repo.audit(db, "logout", actor.user_id, None, actor.principal.email, actor.client)


def issue_token(ctx: Context, actor: Actor, name: str, days: int | None = None) -> NewToken:
    """Create an API token for the signed-in account, valid ``days`` (audited); returns the
    secret (shown once) with the token's id and expiry."""
    with transaction(ctx.factory) as db:
        user = db.get(User, actor.user_id)
        if user is None:
            raise NotFoundError("not_found", "account")
        try:
            secret = users.create_token(db, user, name, days)
        except users.AccountError as exc:
            raise refusal(exc) from exc
        db.flush()
        record = users.tokens(db, user.id)[-1]
        repo.audit(db, "token.create", actor.user_id, None, name, actor.client)
        return NewToken(secret, _token_info(record))


@dataclass(frozen=True)
class TokenInfo:
    """An API token as its owner sees it (never the secret)."""

    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: str


@dataclass(frozen=True)
class NewToken:
    secret: str
    info: TokenInfo


def _token_info(record: ApiToken) -> TokenInfo:
    def utc(value: datetime | None) -> datetime | None:
        return None if value is None else aware(value)

    return TokenInfo(
        record.id,
        record.name,
        aware(record.created_at),
        utc(record.expires_at),
        utc(record.last_used_at),
        utc(record.revoked_at),
        users.token_status(record),
    )


def tokens(db: Session, principal: Principal) -> list[TokenInfo]:
    """The API tokens of the signed-in account, oldest first."""
    if principal.user_id is None:
        return []
    return [_token_info(r) for r in users.tokens(db, principal.user_id)]


def revoke_token(ctx: Context, actor: Actor, token_id: int) -> TokenInfo:
    """Revoke one of the signed-in account's tokens: refused from the next request on
    (audited). :class:`NotFoundError` for a token of another account."""
    with transaction(ctx.factory) as db:
        record = None if actor.user_id is None else users.revoke_token(db, actor.user_id, token_id)
        if record is None:
            raise NotFoundError("not_found", f"token {token_id}")
        repo.audit(db, "token.revoke", actor.user_id, None, record.name, actor.client)
        return _token_info(record)


def _account_tokens(ctx: Context, email: str) -> list[TokenInfo]:
    with ctx.factory() as db:
        user = users.user_by_email(db, email)
        if user is None:
            raise users.AccountError("account.unknown_user", email=email)
        return [_token_info(r) for r in users.tokens(db, user.id)]


def account_tokens(ctx: Context, email: str) -> list[TokenInfo]:
    """The tokens of account ``email``, for the instance's operator (the command line)."""
    return _account_tokens(ctx, email)


def revoke_account_token(ctx: Context, actor: Actor, email: str, token_id: int) -> TokenInfo:
    """Revoke a token of account ``email`` as the instance's operator (audited)."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        record = None if user is None else users.revoke_token(db, user.id, token_id)
        if user is None or record is None:
            raise users.AccountError("account.unknown_token", email=email, id=token_id)
        repo.audit(db, "token.revoke", actor.user_id, None, f"{email}: {record.name}", actor.client)
        return _token_info(record)


def set_member(ctx: Context, actor: Actor, code: str, email: str, role: str | None) -> None:
    """Give an account a role in region ``code`` (``None`` removes it). Only a national admin
    changes a national admin's roles."""
    with transaction(ctx.factory) as db:
        get_region(db, code)
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


def token_for(ctx: Context, actor: Actor, email: str, name: str, days: int | None = None) -> str:
    """A new API token for the account ``email`` (audited); returns the secret."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        if user is None:
            raise users.AccountError("account.unknown_user", email=email)
        secret = users.create_token(db, user, name, days)
        repo.audit(db, "token.create", actor.user_id, None, f"{email}: {name}", actor.client)
    return secret


@dataclass(frozen=True)
class Member:
    email: str
    name: str
    role: str
    active: bool = True
    #: Seconds until the account may try to sign in again (0: not throttled).
    locked_s: float = 0.0


def members(db: Session, code: str) -> list[Member]:
    """The accounts with a role in region ``code``, with whether they are active and
    throttled."""
    get_region(db, code)
    found = users.members(db, code)
    waits = signin.locked(db, [u.email for u, _ in found])
    return [Member(u.email, u.name, role, u.active, waits.get(u.email, 0.0)) for u, role in found]


@dataclass(frozen=True)
class Invitation:
    """A member added: the account, the role, and for a new account the one-time link's
    secret to set a password (shown once to the admin; no mail server is assumed)."""

    email: str
    role: str
    link_secret: str | None


def refusal(exc: users.AccountError) -> InvalidRequestError:
    return InvalidRequestError(exc.key, exc.key, **exc.values)


def add_member(ctx: Context, actor: Actor, code: str, email: str, role: str) -> Invitation:
    """Give ``email`` ``role`` in region ``code``; a new account is created without a usable
    password and gets a one-time link to set one. Only a national admin changes a national
    admin's roles. Audited."""
    try:
        return _add_member(ctx, actor, code, email, role)
    except users.AccountError as exc:
        raise refusal(exc) from exc


def _add_member(ctx: Context, actor: Actor, code: str, email: str, role: str) -> Invitation:
    with transaction(ctx.factory) as db:
        get_region(db, code)
        user = users.user_by_email(db, email)
        secret = None
        if user is None:
            user = users.create_user(db, email, new_token(), "", False)
            secret = users.create_password_link(db, user, actor.user_id)
            repo.audit(db, "user.invite", actor.user_id, code, user.email, actor.client)
        elif user.national_admin and not actor.principal.national_admin:
            raise ForbiddenError("forbidden")
        users.set_role(db, user, code, role)
        repo.audit(db, "member.set", actor.user_id, code, f"{user.email}={role}", actor.client)
        return Invitation(user.email, role, secret)


def remove_member(ctx: Context, actor: Actor, code: str, email: str) -> None:
    """Take the account's role in region ``code`` away (audited)."""
    set_member(ctx, actor, code, email, None)
