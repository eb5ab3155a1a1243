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
from ggzregio.storage import users
from ggzregio.storage.database import transaction
from ggzregio.storage.models import ApiToken, AuditEntry, User, now
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


def token_for(ctx: Context, actor: Actor, email: str, name: str) -> str:
    """A new API token for the account ``email`` (audited); returns the secret."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        if user is None:
            raise users.AccountError("account.unknown_user", email=email)
        secret = users.create_token(db, user, name)
        repo.audit(db, "token.create", actor.user_id, None, f"{email}: {name}", actor.client)
    return secret


@dataclass(frozen=True)
class Member:
    email: str
    name: str
    role: str


def members(db: Session, code: str) -> list[Member]:
    """The accounts with a role in region ``code``."""
    get_region(db, code)
    return [Member(u.email, u.name, role) for u, role in users.members(db, code)]


@dataclass(frozen=True)
class Invitation:
    """A member added: the account, the role, and for a new account the one-time link's
    secret to set a password (shown once to the admin; no mail server is assumed)."""

    email: str
    role: str
    link_secret: str | None


def _refused(exc: users.AccountError) -> InvalidRequestError:
    return InvalidRequestError(exc.key, exc.key, **exc.values)


def add_member(ctx: Context, actor: Actor, code: str, email: str, role: str) -> Invitation:
    """Give ``email`` ``role`` in region ``code``; a new account is created without a usable
    password and gets a one-time link to set one. Only a national admin changes a national
    admin's roles. Audited."""
    try:
        return _add_member(ctx, actor, code, email, role)
    except users.AccountError as exc:
        raise _refused(exc) from exc


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


def password_link(ctx: Context, actor: Actor, code: str, email: str) -> str:
    """A new one-time link for a member of region ``code`` to set a password (a reset handed
    over by the region's admin); earlier links stop working. Audited."""
    with transaction(ctx.factory) as db:
        user = users.user_by_email(db, email)
        if user is None or email.strip().lower() not in {m.email for m in members(db, code)}:
            raise NotFoundError("not_found", email)
        if not _may_reset(db, actor.principal, user):
            raise ForbiddenError("forbidden", "password link")
        secret = users.create_password_link(db, user, actor.user_id)
        repo.audit(db, "password.link", actor.user_id, code, user.email, actor.client)
    return secret


def _may_reset(db: Session, principal: Principal, user: User) -> bool:
    """A national admin may hand anyone a new password link; a region admin only accounts
    whose every role lies in regions they administer (never a national admin): a link gives
    the account, and with it all its roles, to whoever holds it."""
    if principal.national_admin:
        return True
    if user.national_admin:
        return False
    roles = users.principal(db, user, "session").roles
    return all(principal.can(region, "admin") for region in roles)


def link_account(db: Session, secret: str) -> str | None:
    """The e-mail of the account a valid link is for (None: unknown, used or expired)."""
    found = users.link_user(db, secret)
    return None if found is None else found[0].email


def use_password_link(ctx: Context, secret: str, password: str, client: str) -> str:
    """Set the password through a one-time link (used once; the account's sessions end);
    returns the e-mail. :class:`NotFoundError` for an unknown, used or expired link."""
    with transaction(ctx.factory) as db:
        found = users.link_user(db, secret, lock=True)
        if found is not None:
            user, link = found
            try:
                users.set_password(db, user, password, revoke_tokens=True)
            except users.AccountError as exc:
                raise _refused(exc) from exc
            link.used_at = now()
            detail = f"{user.email} (link of account {link.created_by})"
            repo.audit(db, "password.set", user.id, None, detail, client)
            return user.email
    with transaction(ctx.factory) as db:  # a refused attempt is kept in the audit log
        repo.audit(db, "password.link_refused", None, None, "", client)
    raise NotFoundError("link_invalid")
