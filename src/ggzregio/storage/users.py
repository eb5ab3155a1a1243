"""Accounts, roles, API tokens, sessions and sign-in rate limiting in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ggzregio.accounts import (
    DUMMY_HASH,
    ROLES,
    TOKEN_PREFIX,
    Principal,
    hash_password,
    new_token,
    password_problem,
    token_hash,
    valid_email,
    verify_password,
)
from ggzregio.storage.models import (
    ApiToken,
    LoginAttempt,
    Membership,
    PasswordLink,
    Region,
    SessionRecord,
    User,
    now,
)

SESSION_LIFETIME: Final = timedelta(hours=8)
#: At most this many failed sign-ins per account name, and per client, within the window.
MAX_FAILURES: Final = 5
FAILURE_WINDOW: Final = timedelta(minutes=15)
#: A token's last use is written at most this often (reads should not all write).
TOKEN_TOUCH: Final = timedelta(minutes=5)


class AccountError(ValueError):
    """A rule about accounts was broken; ``key`` is the message key."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def create_user(
    session: Session, email: str, password: str, name: str = "", national_admin: bool = False
) -> User:
    email = email.strip().lower()
    if not valid_email(email):
        raise AccountError("account.bad_email", email=email)
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    if session.scalar(select(User).where(User.email == email)):
        raise AccountError("account.exists", email=email)
    user = User(
        email=email, name=name, password_hash=hash_password(password), national_admin=national_admin
    )
    session.add(user)
    session.flush()
    return user


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def set_role(session: Session, user: User, region_code: str, role: str | None) -> None:
    """Give ``user`` ``role`` in ``region_code`` (None removes the membership)."""
    if role is not None and role not in ROLES:
        raise AccountError("account.bad_role", role=role)
    if session.get(Region, region_code) is None:
        raise AccountError("account.unknown_region", region=region_code)
    membership = session.get(Membership, (user.id, region_code))
    if role is None:
        if membership is not None:
            session.delete(membership)
        return
    if membership is None:
        session.add(Membership(user_id=user.id, region_code=region_code, role=role))
    else:
        membership.role = role


def principal(session: Session, user: User, via: str, csrf_token: str = "") -> Principal:
    roles = {
        m.region_code: m.role
        for m in session.scalars(select(Membership).where(Membership.user_id == user.id))
    }
    return Principal(
        user_id=user.id,
        email=user.email,
        name=user.name or user.email,
        national_admin=user.national_admin,
        roles=roles,
        via=via,  # type: ignore[arg-type]
        csrf_token=csrf_token,
    )


# --- sign-in ------------------------------------------------------------------------------


def too_many_failures(session: Session, email: str, client: str) -> bool:
    since = now() - FAILURE_WINDOW
    count_email = session.scalar(
        select(func.count()).where(LoginAttempt.email == email, LoginAttempt.at >= since)
    )
    count_client = session.scalar(
        select(func.count()).where(LoginAttempt.client == client, LoginAttempt.at >= since)
    )
    return (count_email or 0) >= MAX_FAILURES or (count_client or 0) >= MAX_FAILURES * 4


def authenticate(session: Session, email: str, password: str, client: str) -> User | None:
    """The active user with this email and password, or None (a failure is recorded).
    Raises :class:`AccountError` ``account.rate_limited`` when too many recent failures."""
    email = email.strip().lower()
    if too_many_failures(session, email, client):
        raise AccountError("account.rate_limited")
    user = user_by_email(session, email)
    ok = verify_password(user.password_hash if user else DUMMY_HASH, password)
    if user is None or not ok or not user.active:
        session.add(LoginAttempt(email=email, client=client))
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    return user


def start_session(session: Session, user: User) -> tuple[str, str]:
    """A new browser session: returns (cookie token, CSRF token)."""
    token, csrf = new_token(), new_token()
    session.add(
        SessionRecord(
            id_hash=token_hash(token),
            user_id=user.id,
            csrf_token=csrf,
            expires_at=now() + SESSION_LIFETIME,
        )
    )
    return token, csrf


def session_user(session: Session, token: str) -> tuple[User, SessionRecord] | None:
    record = session.get(SessionRecord, token_hash(token))
    if record is None or _aware(record.expires_at) < now():
        return None
    user = session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    return user, record


def end_session(session: Session, token: str) -> None:
    session.execute(delete(SessionRecord).where(SessionRecord.id_hash == token_hash(token)))


def create_token(session: Session, user: User, name: str) -> str:
    """A new API token for ``user``; the secret is returned once and only its hash stored."""
    secret = new_token(TOKEN_PREFIX)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=token_hash(secret)))
    return secret


def token_user(session: Session, secret: str) -> User | None:
    record = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    if record is None or record.revoked:
        return None
    user = session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    moment = now()
    if record.last_used_at is None or moment - _aware(record.last_used_at) > TOKEN_TOUCH:
        record.last_used_at = moment
    return user


def tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id))
    )


def revoke_token(session: Session, user_id: int, token_id: int) -> bool:
    record = session.get(ApiToken, token_id)
    if record is None or record.user_id != user_id:
        return False
    record.revoked = True
    return True


#: How long a one-time link to set a password stays valid.
LINK_LIFETIME: Final = timedelta(days=3)


def create_password_link(session: Session, user: User, created_by: int | None) -> str:
    """A one-time link secret for ``user`` to set a password; earlier unused links of the
    account stop working. Only its hash is stored."""
    moment = now()
    for old in session.scalars(
        select(PasswordLink).where(PasswordLink.user_id == user.id, PasswordLink.used_at.is_(None))
    ):
        old.used_at = moment
    secret = new_token()
    session.add(
        PasswordLink(
            user_id=user.id,
            token_hash=token_hash(secret),
            expires_at=moment + LINK_LIFETIME,
            created_by=created_by,
        )
    )
    return secret


def link_user(
    session: Session, secret: str, *, lock: bool = False
) -> tuple[User, PasswordLink] | None:
    """The account of a valid (unused, unexpired) link, or None; ``lock`` holds the link's
    row until the transaction ends (two uses at once: the second sees it used)."""
    query = select(PasswordLink).where(PasswordLink.token_hash == token_hash(secret))
    if lock:
        query = query.with_for_update()
    record = session.scalar(query)
    if record is None or record.used_at is not None or _aware(record.expires_at) < now():
        return None
    user = session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    return user, record


def set_password(
    session: Session, user: User, password: str, *, revoke_tokens: bool = False
) -> None:
    """Set ``user``'s password (the rules of :func:`password_problem`) and end its sessions;
    after a reset (``revoke_tokens``) its API tokens stop working too."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    session.execute(delete(SessionRecord).where(SessionRecord.user_id == user.id))
    if revoke_tokens:
        for token in session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
            token.revoked = True


def members(session: Session, region_code: str) -> list[tuple[User, str]]:
    """The accounts with a role in ``region_code`` and their role, by e-mail."""
    rows = session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.region_code == region_code)
        .order_by(User.email)
    ).all()
    return [(user, str(role)) for user, role in rows]
