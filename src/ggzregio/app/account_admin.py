"""An account's life cycle: one-time password links (a reset an admin hands over),
changing one's password, deactivating and reactivating, lifting a sign-in delay.

Who may manage an account (:func:`may_manage`): a national admin any account; a region admin
only accounts whose every role lies in regions they administer, never a national admin —
whatever is done to an account is done to all its roles. The instance's operator (the
command line, ``Actor(client="cli")`` without an account) may manage every account. Every
change is audited with who made it and from where.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ggzregio.accounts import Principal
from ggzregio.app.accounts import members, refusal, retry_seconds
from ggzregio.app.context import Actor, Context
from ggzregio.app.errors import (
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
)
from ggzregio.storage import repository as repo
from ggzregio.storage import signin, users
from ggzregio.storage.database import transaction
from ggzregio.storage.models import LoginAttempt, User, now


def _operator(actor: Actor) -> bool:
    """The command line acts for the instance's operator."""
    return actor.user_id is None and actor.client == "cli"


def may_manage(db: Session, principal: Principal, user: User) -> bool:
    """May ``principal`` reset, deactivate or unlock ``user``? (see the module's rule)"""
    if principal.national_admin:
        return True
    if user.national_admin or principal.user_id is None:
        return False
    roles = users.principal(db, user, "session").roles
    return bool(roles) and all(principal.can(region, "admin") for region in roles)


def _manages_anyone(principal: Principal) -> bool:
    return principal.national_admin or any(role == "admin" for role in principal.roles.values())


def _managed(db: Session, actor: Actor, email: str, code: str | None) -> User:
    """The account ``email`` that ``actor`` may manage (as admin of ``code`` when given):
    :class:`NotFoundError` when unknown (or not a member of ``code``), else
    :class:`ForbiddenError` when not theirs to manage."""
    if not (_operator(actor) or _manages_anyone(actor.principal)):
        raise ForbiddenError("forbidden", "account")  # before the lookup: no probing
    user = users.user_by_email(db, email)
    if user is None:
        raise NotFoundError("not_found", email)
    if code is not None and user.email not in {m.email for m in members(db, code)}:
        raise NotFoundError("not_found", email)
    if not (_operator(actor) or may_manage(db, actor.principal, user)):
        raise ForbiddenError("forbidden", email)
    return user


def password_link(ctx: Context, actor: Actor, code: str | None, email: str) -> str:
    """A new one-time link for account ``email`` (a member of region ``code`` when given) to
    set a password: a reset handed over by an admin; earlier links stop working. Audited."""
    with transaction(ctx.factory) as db:
        user = _managed(db, actor, email, code)
        if user.id == actor.user_id:
            # A stolen session would otherwise set a new password without the current one.
            raise InvalidRequestError("account.own_link")
        if not user.active:
            raise InvalidRequestError("account.inactive", email=user.email)
        secret = users.create_password_link(db, user, actor.user_id)
        repo.audit(db, "password.link", actor.user_id, code, user.email, actor.client)
    return secret


def link_account(db: Session, secret: str) -> str | None:
    """The e-mail of the account a valid link is for (None: unknown, used or expired)."""
    found = users.link_user(db, secret)
    return None if found is None else found[0].email


def use_password_link(ctx: Context, secret: str, password: str, client: str) -> str:
    """Set the password through a one-time link (used once; the account's sessions, tokens
    and known devices end); returns the e-mail. :class:`NotFoundError` for an unknown, used or
    expired link."""
    with transaction(ctx.factory) as db:
        found = users.link_user(db, secret, lock=True)
        if found is not None:
            user, link = found
            try:
                users.set_password(db, user, password, revoke_tokens=True)
            except users.AccountError as exc:
                raise refusal(exc) from exc
            link.used_at = now()
            signin.unlock(db, user.email)
            detail = f"{user.email} (link of account {link.created_by})"
            repo.audit(db, "password.set", user.id, None, detail, client)
            return user.email
    with transaction(ctx.factory) as db:  # a refused attempt is kept in the audit log
        repo.audit(db, "password.link_refused", None, None, "", client)
    raise NotFoundError("link_invalid")


def change_password(ctx: Context, actor: Actor, current: str, password: str) -> None:
    """Change the signed-in account's password, with the current one. Every session of the
    account ends (sign in again); a wrong current password counts as a failed sign-in, so
    this cannot be used to guess it (:class:`RateLimitedError` while throttled). Audited."""
    with transaction(ctx.factory) as db:
        user = None if actor.user_id is None else db.get(User, actor.user_id)
        if user is None:
            raise NotFoundError("not_found", "account")
        wait, _scope = signin.wait_seconds(db, user.email, actor.client)
        if wait > 0:
            raise RateLimitedError("rate_limited", retry_after=retry_seconds(wait))
        email = user.email
        try:
            users.change_password(db, user, current, password)
        except users.AccountError as exc:
            problem = exc
        else:
            repo.audit(db, "password.change", user.id, None, email, actor.client)
            return
    with transaction(ctx.factory) as db:  # the refused attempt is kept (and counted)
        if problem.key == "account.wrong_password":
            db.add(LoginAttempt(email=email, client=actor.client[:64]))
        repo.audit(db, "password.change_refused", actor.user_id, None, problem.key, actor.client)
    raise refusal(problem) from problem


def set_active(
    ctx: Context, actor: Actor, email: str, active: bool, code: str | None = None
) -> bool:
    """Deactivate or reactivate account ``email`` (a member of region ``code`` when given).
    Deactivating ends its sessions at once and revokes its API tokens; nobody deactivates
    their own account, nor the last active national admin. Returns the new state. Audited."""
    with transaction(ctx.factory) as db:
        user = _managed(db, actor, email, code)
        if not active and user.id == actor.user_id:
            raise InvalidRequestError("account.self", email=user.email)
        if not active and user.national_admin and user.active:
            others = db.scalar(
                select(func.count()).where(
                    User.national_admin.is_(True), User.active.is_(True), User.id != user.id
                )
            )
            if not others:
                raise InvalidRequestError("account.last_admin", email=user.email)
        if user.active != active:
            users.set_active(db, user, active)
            action = "user.reactivate" if active else "user.deactivate"
            repo.audit(db, action, actor.user_id, code, user.email, actor.client)
        return active


def unlock(ctx: Context, actor: Actor, email: str, code: str | None = None) -> int:
    """Lift the sign-in delays of account ``email`` (a member of region ``code`` when given;
    its failures are forgotten); returns how many failures there were. Audited."""
    with transaction(ctx.factory) as db:
        user = _managed(db, actor, email, code)
        count = signin.unlock(db, user.email)
        detail = f"{user.email} ({count})"
        repo.audit(db, "login.unlock", actor.user_id, code, detail, actor.client)
        return count
