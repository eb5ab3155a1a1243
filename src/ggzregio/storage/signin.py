"""Sign-in in the database: throttling with back-off and known devices.

A failed sign-in is a :class:`~ggzregio.storage.models.LoginAttempt`. Three scopes count
recent failures (:data:`ggzregio.accounts.THROTTLE_FREE`): the account name from this address,
the account name from anywhere, and this address for any account. Past a scope's free
failures the next attempt must wait (doubling, at most five minutes): then the right password
works again, so nobody can lock the rightful user out for good. A browser that signed in to the
account before carries a *known device* cookie and is not throttled at all (OWASP's device
cookies), until it fails five times itself. An admin can lift the account's delays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from ggzregio.accounts import (
    DUMMY_HASH,
    THROTTLE_FREE,
    THROTTLE_WINDOW_S,
    backoff_seconds,
    new_token,
    token_hash,
    verify_password,
)
from ggzregio.storage.models import KnownDevice, LoginAttempt, User, aware, now
from ggzregio.text import without_control

#: How long a known-device cookie lasts, and how many failures it may have before it no
#: longer lifts the throttle.
DEVICE_LIFETIME: Final = timedelta(days=180)
DEVICE_MAX_FAILURES: Final = 5


class ThrottledError(Exception):
    """Too many recent failures: the attempt was not checked; try after ``wait_s`` seconds."""

    def __init__(self, wait_s: float, scope: str):
        super().__init__(scope)
        self.wait_s = wait_s
        self.scope = scope


@dataclass(frozen=True)
class Outcome:
    """A sign-in attempt: the account when the password was right, and the known-device
    secret to set as a cookie (new, or the one sent when it was valid)."""

    user: User | None
    device: str | None = None


def _wait(session: Session, where: ColumnElement[bool], free: int, moment: datetime) -> float:
    since = moment - timedelta(seconds=THROTTLE_WINDOW_S)
    count, last = session.execute(
        select(func.count(), func.max(LoginAttempt.at)).where(where, LoginAttempt.at >= since)
    ).one()
    delay = backoff_seconds(int(count or 0), free)
    if delay <= 0 or last is None:
        return 0.0
    return max(0.0, delay - (moment - aware(last)).total_seconds())


def wait_seconds(
    session: Session, email: str, client: str | None, *, address: bool = True
) -> tuple[float, str]:
    """How long the next attempt for ``email`` from ``client`` must wait (0: now), and the
    scope that makes it wait. ``client`` None: the account's own delay only; ``address``
    False leaves out the address's failures for other accounts."""
    moment = now()
    scopes: list[tuple[str, ColumnElement[bool]]] = [("account", LoginAttempt.email == email)]
    if client is not None:
        scopes.insert(0, ("pair", (LoginAttempt.email == email) & (LoginAttempt.client == client)))
        if address:
            scopes.append(("client", LoginAttempt.client == client))
    found = [(_wait(session, where, THROTTLE_FREE[name], moment), name) for name, where in scopes]
    return max(found)


def _device(session: Session, secret: str | None, user: User | None) -> KnownDevice | None:
    if not secret or user is None:
        return None
    record = session.get(KnownDevice, token_hash(secret))
    if (
        record is None
        or record.user_id != user.id
        or aware(record.expires_at) < now()
        or record.failures >= DEVICE_MAX_FAILURES
    ):
        return None
    return record


def attempt(
    session: Session, email: str, password: str, client: str, device: str | None = None
) -> Outcome:
    """Check a sign-in: raises :class:`ThrottledError` (the password is not even checked) when
    this attempt must wait; records a failure; clears the account's failures on success."""
    email = without_control(email.strip().lower())[:254]
    user = session.scalar(select(User).where(User.email == email)) if email else None
    known = _device(session, device, user)
    if known is None:
        wait, scope = wait_seconds(session, email, client)
        if wait > 0:
            raise ThrottledError(wait, scope)
    ok = verify_password(user.password_hash if user else DUMMY_HASH, password)
    if user is None or not ok or not user.active:
        session.add(LoginAttempt(email=email, client=without_control(client)[:64]))
        if known is not None:
            known.failures += 1
        return Outcome(None)
    # Only this address's failures for the account are forgotten: an attacker elsewhere does
    # not get a fresh budget each time the rightful user signs in (the account's own delay
    # lapses with the window, or an admin lifts it).
    session.execute(
        delete(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.client == client)
    )
    if known is not None:
        known.failures = 0
        return Outcome(user, device)
    return Outcome(user, remember_device(session, user))


def remember_device(session: Session, user: User) -> str:
    """A new known-device secret for ``user`` (expired ones of the account are dropped)."""
    moment = now()
    session.execute(
        delete(KnownDevice).where(KnownDevice.user_id == user.id, KnownDevice.expires_at < moment)
    )
    secret = new_token()
    session.add(
        KnownDevice(
            token_hash=token_hash(secret),
            user_id=user.id,
            expires_at=moment + DEVICE_LIFETIME,
            failures=0,
        )
    )
    return secret


def forget_devices(session: Session, user: User) -> None:
    """The account's known devices stop lifting the throttle (deactivation, reset)."""
    session.execute(delete(KnownDevice).where(KnownDevice.user_id == user.id))


def unlock(session: Session, email: str) -> int:
    """Lift the delays of account ``email`` (an admin's decision): its recorded failures
    are removed; returns how many."""
    result = session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    return int(getattr(result, "rowcount", 0) or 0)


def locked(session: Session, emails: list[str]) -> dict[str, float]:
    """Of ``emails``, those that must wait now from some address, with the longest wait."""
    out: dict[str, float] = {}
    since = now() - timedelta(seconds=THROTTLE_WINDOW_S)
    clients = session.execute(
        select(LoginAttempt.email, LoginAttempt.client)
        .where(LoginAttempt.email.in_(emails), LoginAttempt.at >= since)
        .distinct()
    ).all()
    for email, client in [*clients, *((e, None) for e in emails)]:
        wait, _scope = wait_seconds(session, email, client, address=False)
        if wait > 0:
            out[email] = max(wait, out.get(email, 0.0))
    return out
