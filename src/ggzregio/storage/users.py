"""Accounts, roles, API tokens, sessions and sign-in rate limiting in the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ggzregio.accounts import (
    ROLES,
    TOKEN_DEFAULT_DAYS,
    TOKEN_MAX_DAYS,
    TOKEN_PREFIX,
    Principal,
    hash_password,
    new_token,
    password_problem,
    token_hash,
    valid_email,
    verify_password,
)
from ggzregio.storage import signin
from ggzregio.storage.models import (
    ApiToken,
    Membership,
    PasswordLink,
    Region,
    SessionRecord,
    User,
    aware,
    now,
)
from ggzregio.text import printable

SESSION_LIFETIME: Final = timedelta(hours=8)
#: A token's last use is written at most this often (reads should not all write).
TOKEN_TOUCH: Final = timedelta(minutes=5)


class AccountError(ValueError):
    """A rule about accounts was broken; ``key`` is the message key."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key = key
        self.values = values


def create_user(
    session: Session, email: str, password: str, name: str = "", national_admin: bool = False
) -> User:
    email = email.strip().lower()
    if not valid_email(email):
        raise AccountError("account.bad_email", email=email)
    problem = password_problem(password, email, name)
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
    """The account with this address (none has control characters: such an address is
    nobody's, and PostgreSQL would refuse a NUL in the query)."""
    if not printable(email):
        return None
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
    return _principal(user.id, user, roles, via, csrf_token)


def _principal(
    user_id: int, account: Any, roles: dict[str, str], via: str, csrf_token: str
) -> Principal:
    """The principal of an account (a :class:`User`, or a row with its e-mail, name and
    national-admin columns)."""
    return Principal(
        user_id=user_id,
        email=account.email,
        name=account.name or account.email,
        national_admin=account.national_admin,
        roles=roles,
        via=via,  # type: ignore[arg-type]
        csrf_token=csrf_token,
    )


# --- sign-in ------------------------------------------------------------------------------


def authenticate(
    session: Session, email: str, password: str, client: str, device: str | None = None
) -> User | None:
    """The active user with this email and password, or None (a failure is recorded).
    Raises :class:`ggzregio.storage.signin.ThrottledError` when the attempt must wait."""
    return signin.attempt(session, email, password, client, device).user


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


def end_session(session: Session, token: str) -> None:
    session.execute(delete(SessionRecord).where(SessionRecord.id_hash == token_hash(token)))


def create_token(session: Session, user: User, name: str, days: int | None = None) -> str:
    """A new API token for ``user`` valid for ``days`` (default
    :data:`~ggzregio.accounts.TOKEN_DEFAULT_DAYS`, at most ``TOKEN_MAX_DAYS``); the secret is
    returned once and only its hash stored."""
    days = TOKEN_DEFAULT_DAYS if days is None else days
    if not printable(name):
        raise AccountError("account.bad_text")
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise AccountError("account.token_days", days=days, maximum=TOKEN_MAX_DAYS)
    secret = new_token(TOKEN_PREFIX)
    session.add(
        ApiToken(
            user_id=user.id,
            name=name,
            token_hash=token_hash(secret),
            expires_at=now() + timedelta(days=days),
        )
    )
    return secret


def token_status(record: ApiToken, moment: datetime | None = None) -> str:
    """``active``, ``revoked`` or ``expired``."""
    if record.revoked:
        return "revoked"
    if record.expires_at is not None and aware(record.expires_at) <= (moment or now()):
        return "expired"
    return "active"


def _principal_rows(
    session: Session, record: type[ApiToken] | type[SessionRecord], key: Any, *extra: Any
) -> list[Any]:
    """The account behind a token or session with ``extra`` columns of the record, and its
    roles, in one query (a row per role)."""
    query = (
        select(
            record.user_id,
            User.email,
            User.name,
            User.national_admin,
            User.active,
            Membership.region_code,
            Membership.role,
            *extra,
        )
        .join(User, User.id == record.user_id)
        .outerjoin(Membership, Membership.user_id == User.id)
        .where(key)
    )
    return list(session.execute(query).all())


def _principal_of(rows: list[Any], via: str, csrf_token: str = "") -> Principal | None:
    first = rows[0]
    if not first.active:
        return None
    roles = {r.region_code: r.role for r in rows if r.region_code is not None}
    return _principal(first.user_id, first, roles, via, csrf_token)


def token_principal(session: Session, secret: str) -> Principal | None:
    """Who a Bearer token speaks for (None: unknown, revoked, expired or a deactivated
    account), checked on every request in one query; the last use is written at most every
    few minutes (then committed)."""
    rows = _principal_rows(
        session,
        ApiToken,
        ApiToken.token_hash == token_hash(secret),
        ApiToken.id.label("token_id"),
        ApiToken.revoked,
        ApiToken.expires_at,
        ApiToken.last_used_at,
    )
    if not rows:
        return None
    first, moment = rows[0], now()
    if first.revoked or (first.expires_at is not None and aware(first.expires_at) <= moment):
        return None
    found = _principal_of(rows, "token")
    used = first.last_used_at
    if found is not None and (used is None or moment - aware(used) > TOKEN_TOUCH):
        touch = update(ApiToken).where(ApiToken.id == first.token_id)
        session.execute(touch.values(last_used_at=moment))
        session.commit()
    return found


def session_principal(session: Session, secret: str) -> Principal | None:
    """Who a session cookie speaks for (None: unknown, expired or a deactivated account), in
    one query."""
    rows = _principal_rows(
        session,
        SessionRecord,
        SessionRecord.id_hash == token_hash(secret),
        SessionRecord.csrf_token,
        SessionRecord.expires_at,
    )
    if not rows or aware(rows[0].expires_at) < now():
        return None
    return _principal_of(rows, "session", rows[0].csrf_token)


def tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id))
    )


def revoke_token(session: Session, user_id: int, token_id: int) -> ApiToken | None:
    """Revoke the token ``token_id`` of account ``user_id`` (None: not one of its tokens)."""
    record = session.get(ApiToken, token_id)
    if record is None or record.user_id != user_id:
        return None
    if not record.revoked:
        record.revoked = True
        record.revoked_at = now()
    return record


def revoke_all_tokens(session: Session, user: User) -> None:
    moment = now()
    for token in session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked.is_(False))
    ):
        token.revoked = True
        token.revoked_at = moment


def set_active(session: Session, user: User, active: bool) -> None:
    """Deactivate (or reactivate) an account. Deactivating ends its sessions at once, revokes
    its API tokens, voids its unused password links and forgets its known devices; a
    reactivated account signs in with its password again (and makes new tokens)."""
    user.active = active
    if active:
        return
    moment = now()
    session.execute(delete(SessionRecord).where(SessionRecord.user_id == user.id))
    revoke_all_tokens(session, user)
    for link in session.scalars(
        select(PasswordLink).where(PasswordLink.user_id == user.id, PasswordLink.used_at.is_(None))
    ):
        link.used_at = moment
    signin.forget_devices(session, user)


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
    if record is None or record.used_at is not None or aware(record.expires_at) < now():
        return None
    user = session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    return user, record


def set_password(
    session: Session, user: User, password: str, *, revoke_tokens: bool = False
) -> None:
    """Set ``user``'s password (the rules of :func:`password_problem`) and end its sessions;
    after a reset (``revoke_tokens``) its API tokens and known devices stop working too."""
    problem = password_problem(password, user.email, user.name)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    session.execute(delete(SessionRecord).where(SessionRecord.user_id == user.id))
    if revoke_tokens:
        revoke_all_tokens(session, user)
        signin.forget_devices(session, user)


def change_password(session: Session, user: User, current: str, password: str) -> None:
    """Change the password with the current one (:class:`AccountError`
    ``account.wrong_password`` when it is wrong); every session of the account ends."""
    if not verify_password(user.password_hash, current):
        raise AccountError("account.wrong_password")
    if password == current:
        raise AccountError("account.password_same")
    set_password(session, user, password)


def members(session: Session, region_code: str) -> list[tuple[User, str]]:
    """The accounts with a role in ``region_code`` and their role, by e-mail."""
    rows = session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.region_code == region_code)
        .order_by(User.email)
    ).all()
    return [(user, str(role)) for user, role in rows]
