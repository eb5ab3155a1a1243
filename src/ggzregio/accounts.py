"""Accounts and access rules: password hashing (argon2id), random tokens, roles per region.

Roles, from least to most: ``viewer`` (may read a region's private data), ``editor`` (may also
change it), ``admin`` (may also manage the region's members). A national admin has every role
in every region. Public data (national overview, estimates from open data, public scenarios,
monitor series after suppression) need no role at all.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Final, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ggzregio.text import printable

Role = Literal["viewer", "editor", "admin"]
ROLES: Final[tuple[Role, ...]] = ("viewer", "editor", "admin")
_RANK: Final = {role: i for i, role in enumerate(ROLES)}
#: Password length in characters (NIST SP 800-63B §5.1.1.2: at least 8; ggzregio asks 10 and
#: accepts long passphrases; no composition rules).
MIN_PASSWORD_LENGTH: Final = 10
MAX_PASSWORD_LENGTH: Final = 1024
TOKEN_PREFIX: Final = "ggz_"
EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Words of this service a password may not consist of (NIST: context-specific words).
SERVICE_WORDS: Final = ("ggzregio", "ggz", "regio", "regiegroep")

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; parameters in the hash)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; never raises for a wrong password."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


#: A valid hash to verify against when the account does not exist, so that a sign-in with an
#: unknown name takes as long as one with a wrong password.
DUMMY_HASH: Final = hash_password(secrets.token_urlsafe(16))


@cache
def common_passwords() -> frozenset[str]:
    """The offline list of common and breached passwords (lower case), from
    ``data/accounts`` (sources and licences in its README)."""
    folder = resources.files("ggzregio") / "data" / "accounts"
    breached = gzip.decompress((folder / "common-passwords.txt.gz").read_bytes())
    words = breached.decode("utf-8").splitlines()
    own = (folder / "dutch-common.txt").read_text(encoding="utf-8").splitlines()
    words += [w for w in own if w and not w.startswith("#")]
    return frozenset(w.strip().lower() for w in words if w.strip())


def password_problem(password: str, *context: str) -> str | None:
    """The message key of the rule ``password`` breaks, or None when it is acceptable.

    The rules of NIST SP 800-63B §5.1.1.2: a minimum and a (generous) maximum length, not in
    the list of common or breached passwords, not a context-specific word (the account's
    e-mail address, its part before the ``@``, its name: ``context``), not one character
    repeated. No composition rules (no "one digit, one capital")."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "account.password_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "account.password_long"
    lowered = password.lower()
    if lowered in common_passwords():
        return "account.password_common"
    words = {w.strip().lower() for w in context if w.strip()}
    words |= {w.split("@", 1)[0] for w in words if "@" in w}
    words |= set(SERVICE_WORDS)
    letters = re.sub(r"[\W_]+", "", lowered)
    if lowered in words or any(_repeats(letters, re.sub(r"[\W_]+", "", w)) for w in words):
        return "account.password_context"
    if len(set(password)) == 1:
        return "account.password_repeated"
    return None


def _repeats(text: str, word: str) -> bool:
    """``text`` is ``word`` said once or more (``ggzregioggzregio``), digits aside."""
    text = re.sub(r"\d+", "", text)
    return bool(word) and len(text) % len(word) == 0 and text == word * (len(text) // len(word))


#: Sign-in throttling (per account name and address, per account, per address): the number of
#: failures allowed before a delay, the first delay and the longest (seconds). The delay
#: doubles with each further failure; after it, the right password works again.
THROTTLE_FREE: Final = {"pair": 5, "account": 10, "client": 20}
THROTTLE_FIRST_S: Final = 30.0
THROTTLE_MAX_S: Final = 300.0
#: How far back failures count.
THROTTLE_WINDOW_S: Final = 3600.0


def backoff_seconds(failures: int, free: int) -> float:
    """The wait after ``failures`` recent failures when ``free`` are allowed without one:
    0 below ``free``, then :data:`THROTTLE_FIRST_S` doubling up to :data:`THROTTLE_MAX_S`."""
    if failures < free:
        return 0.0
    return float(min(THROTTLE_MAX_S, THROTTLE_FIRST_S * 2.0 ** min(failures - free, 16)))


#: API tokens: the lifetime given when none is asked for, and the longest allowed (days).
TOKEN_DEFAULT_DAYS: Final = 90
TOKEN_MAX_DAYS: Final = 365


def valid_email(email: str) -> bool:

    return bool(EMAIL.match(email)) and len(email) <= 254 and printable(email)


def new_token(prefix: str = "") -> str:
    """A random secret (256 bits) for an API token, session or CSRF token."""
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """SHA-256 of a token: what is stored, so a database leak reveals no usable token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def at_least(role: str | None, needed: Role) -> bool:
    """True when ``role`` is ``needed`` or a stronger role."""
    return role in _RANK and _RANK[role] >= _RANK[needed]


@dataclass(frozen=True)
class Principal:
    """Who is asking: an account with its roles per region, or nobody (anonymous)."""

    user_id: int | None = None
    email: str = ""
    name: str = ""
    national_admin: bool = False
    roles: Mapping[str, str] = field(default_factory=dict)
    via: Literal["anonymous", "session", "token"] = "anonymous"
    csrf_token: str = ""

    @property
    def authenticated(self) -> bool:
        return self.user_id is not None

    def role_in(self, region_code: str) -> str | None:
        """The role in ``region_code`` (national admins are admin everywhere)."""
        if self.national_admin:
            return "admin"
        return self.roles.get(region_code)

    def can(self, region_code: str | None, needed: Role) -> bool:
        """May this principal act as ``needed`` for ``region_code``? (None: national data,
        only national admins may change it.)"""
        if region_code is None:
            return self.national_admin
        return at_least(self.role_in(region_code), needed)


ANONYMOUS: Final = Principal()
