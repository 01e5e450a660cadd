"""Users and API tokens: create, list, revoke, authenticate.

Tokens are 32 random bytes (URL-safe text), stored only as SHA-256 hashes; the lookup is by
hash and the final comparison is constant-time.
"""

import hashlib
import hmac
import secrets

from sqlalchemy import bindparam
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from cpmo.db import utcnow
from cpmo.errors import DuplicateKey, InvalidInput, NotFound
from cpmo.users.models import ApiToken, User
from cpmo.vocabulary import ROLES

TOKEN_BYTES = 32
USERNAME_MAX = 80


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_username(username: str) -> str:
    name = (username or "").strip()
    if not name or len(name) > USERNAME_MAX or any(c.isspace() for c in name):
        raise InvalidInput(
            "username must be 1 to 80 characters without spaces",
            errors={"username": ["must be 1 to 80 characters without spaces"]},
        )
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(
            f"unknown role {role!r}; choose one of {', '.join(ROLES)}",
            errors={"role": [f"must be one of {', '.join(ROLES)}"]},
        )
    return role


def get(session: Session, *, username: str) -> User | None:
    """The user called ``username``, or None."""
    return session.exec(select(User).where(User.username == username)).first()


def get_or_raise(session: Session, *, username: str) -> User:
    """The user called ``username``; NotFound otherwise."""
    user = get(session, username=username)
    if user is None:
        raise NotFound(f"no user called {username!r}")
    return user


def list_users(session: Session) -> list[tuple[User, list[ApiToken]]]:
    """Every user with their tokens (hashes never leave this module's callers' sight)."""
    users = session.exec(select(User).order_by(User.username)).all()
    tokens = session.exec(select(ApiToken).order_by(ApiToken.id)).all()
    by_user: dict[int, list[ApiToken]] = {}
    for token in tokens:
        by_user.setdefault(token.user_id, []).append(token)
    return [(user, by_user.get(user.id or 0, [])) for user in users]


def issue_token(session: Session, *, user: User) -> str:
    """Create a new token for ``user`` and return it (the only time it is visible)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), prefix=token[:8]))
    session.flush()
    return token


def create(
    session: Session,
    *,
    username: str,
    role: str,
    password: str | None = None,
    display_name: str | None = None,
) -> tuple[User, str]:
    """Create a user with a first API token; return both."""
    name = _check_username(username)
    _check_role(role)
    if get(session, username=name) is not None:
        raise DuplicateKey(f"a user called {name!r} already exists")
    user = User(username=name, role=role, display_name=display_name)
    if password is not None:
        set_password(user, password)
    session.add(user)
    session.flush()
    return user, issue_token(session, user=user)


def set_password(user: User, password: str) -> None:
    """Store a scrypt hash of ``password`` (at least 10 characters)."""
    if len(password) < 10:
        raise InvalidInput(
            "password must be at least 10 characters",
            errors={"password": ["must be at least 10 characters"]},
        )
    user.password_hash = generate_password_hash(password, method="scrypt")


def check_password(session: Session, *, username: str, password: str) -> User | None:
    """The active user if ``password`` is theirs, else None."""
    user = get(session, username=username)
    if user is None or not user.active or not user.password_hash:
        return None
    return user if check_password_hash(user.password_hash, password) else None


def revoke_tokens(session: Session, *, username: str) -> int:
    """Revoke every live token of ``username``; return how many were revoked."""
    user = get_or_raise(session, username=username)
    tokens = session.exec(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))  # type: ignore[union-attr]
    ).all()
    for token in tokens:
        token.revoked_at = utcnow()
    session.flush()
    return len(tokens)


# Built once: every API request runs it, and composing it cost more than running it.
TOKEN_HOLDER = (
    select(ApiToken, User)
    .join(User, User.id == ApiToken.user_id)  # type: ignore[arg-type]
    .where(ApiToken.token_hash == bindparam("digest"))
)


def authenticate(session: Session, *, token: str) -> User | None:
    """The active user holding live ``token``, or None."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token)
    row = session.exec(TOKEN_HOLDER, params={"digest": digest}).first()
    if row is None:
        return None
    stored, user = row
    if not hmac.compare_digest(stored.token_hash, digest):
        return None
    if stored.revoked_at is not None or not user.active:
        return None
    return user
