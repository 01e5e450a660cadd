"""Users and API tokens: create, list, revoke, authenticate; disable, enable, password and
role changes (audited as ``user:<username>``, and each ends the user's page sessions).

Tokens are 32 random bytes (URL-safe text), stored only as SHA-256 hashes; the lookup is by
hash and the final comparison is constant-time.
"""

import secrets
from functools import cache
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from cpmo.config import DEFAULT_PASSWORD_HASH_METHOD
from cpmo.db import PASSWORD_HASH_METHOD, utcnow
from cpmo.errors import DuplicateKey, InvalidInput, NotFound, RuleViolation
from cpmo.users import sessions
from cpmo.users.models import ApiToken, User
from cpmo.users.tokens import find_holder, hash_token
from cpmo.vocabulary import ROLES
from cpmo.workflows import audit_store

TOKEN_BYTES = 32
USERNAME_MAX = 80
PASSWORD_MIN = 10
ADMIN = "admin"
LAST_ADMIN = (
    "{username} is the only active administrator: make another user an administrator "
    "before you {doing} {username}"
)


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


def register(
    session: Session,
    *,
    username: str,
    role: str,
    password: str | None = None,
    display_name: str | None = None,
    must_change_password: bool = False,
) -> User:
    """Create a user without any API token (``must_change_password``: the password is an
    initial one, to be changed at first sign-in)."""
    name = _check_username(username)
    _check_role(role)
    if get(session, username=name) is not None:
        raise DuplicateKey(f"a user called {name!r} already exists")
    user = User(
        username=name,
        role=role,
        display_name=display_name,
        must_change_password=must_change_password and password is not None,
    )
    if password is not None:
        set_password(user, password, method=password_hash_method(session))
    session.add(user)
    session.flush()
    return user


def create(session: Session, **fields: Any) -> tuple[User, str]:
    """Create a user (the fields of :func:`register`) with a first API token; return both."""
    user = register(session, **fields)
    return user, issue_token(session, user=user)


def created(session: Session, *, user: User, actor: str, actor_role: str) -> User:
    """Audit that an administrator created ``user`` (as create_user, with the role given)."""
    return _changed(
        session,
        user,
        event="create_user",
        before="",
        after=user.role,
        actor=actor,
        actor_role=actor_role,
        ends_sessions=None,
    )


def password_hash_method(session: Session) -> str:
    """How ``session`` hashes new passwords: its app's CPMO_PASSWORD_HASH_METHOD, else scrypt."""
    return session.info.get(PASSWORD_HASH_METHOD) or DEFAULT_PASSWORD_HASH_METHOD


def set_password(user: User, password: str, *, method: str = DEFAULT_PASSWORD_HASH_METHOD) -> None:
    """Store a hash of ``password`` (at least 10 characters), scrypt unless ``method`` says."""
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(
            "password must be at least 10 characters",
            errors={"password": ["must be at least 10 characters"]},
        )
    user.password_hash = generate_password_hash(password, method=method)


@cache
def dummy_password_hash(method: str = DEFAULT_PASSWORD_HASH_METHOD) -> str:
    """A hash made like every stored one, verified when there is no real hash to check, so an
    unknown or disabled username costs the same time as a wrong password."""
    return generate_password_hash(secrets.token_hex(16), method=method)


def check_password(session: Session, *, username: str, password: str) -> User | None:
    """The active user if ``password`` is theirs, else None (always after one hash check)."""
    user = get(session, username=username) if len(username) <= USERNAME_MAX else None
    stored = user.password_hash if user is not None and user.active else None
    checked = stored or dummy_password_hash(password_hash_method(session))
    matches = check_password_hash(checked, password)
    return user if stored and matches else None


def _changed(
    session: Session,
    user: User,
    *,
    event: str,
    before: str,
    after: str,
    actor: str,
    actor_role: str,
    ends_sessions: str | None,
) -> User:
    """Record a change already made to ``user``: end their page sessions (for
    ``ends_sessions``, the reason) and audit it as ``user:<username>``."""
    session.add(user)
    details: dict[str, object] = {}
    if ends_sessions is not None:
        details["sessions_ended"] = sessions.end_for_user(
            session, user_id=user.id, reason=ends_sessions
        )
    audit_store.append(
        session,
        programme_code=f"user:{user.username}"[:80],
        event=event,
        from_stage=before,
        to_stage=after,
        actor=actor,
        role=actor_role,
        rationale=None,
        business_case_version=None,
        details=details,
    )
    session.flush()
    return user


def _state(user: User) -> str:
    return "active" if user.active else "disabled"


def disable(session: Session, *, username: str, actor: str, actor_role: str) -> User:
    """Stop ``username`` signing in or using tokens (kept, not revoked: see :func:`enable`);
    their page sessions end at once."""
    return _set_active(session, username, False, actor=actor, actor_role=actor_role)


def enable(session: Session, *, username: str, actor: str, actor_role: str) -> User:
    """Let a disabled user sign in and use their live tokens again."""
    return _set_active(session, username, True, actor=actor, actor_role=actor_role)


def _set_active(
    session: Session, username: str, active: bool, *, actor: str, actor_role: str
) -> User:
    """Enable or disable the user (audited as enable_user / disable_user); disabling ends
    their page sessions."""
    user = get_or_raise(session, username=username)
    if not active:
        refuse_last_admin(session, user=user, doing="disable")
    before = _state(user)
    user.active = active
    return _changed(
        session,
        user,
        event="enable_user" if active else "disable_user",
        before=before,
        after=_state(user),
        actor=actor,
        actor_role=actor_role,
        ends_sessions=None if active else "disabled",
    )


def refuse_last_admin(session: Session, *, user: User, doing: str) -> None:
    """RuleViolation when ``user`` is the only active administrator (so nobody would be left
    to administer the users)."""
    if user.role != ADMIN or not user.active:
        return
    others = session.exec(
        select(User.id).where(User.role == ADMIN, User.active, User.id != user.id)  # type: ignore[arg-type]
    ).first()
    if others is None:
        raise RuleViolation(LAST_ADMIN.format(username=user.username, doing=doing))


def change_password(
    session: Session,
    *,
    username: str,
    password: str,
    actor: str,
    actor_role: str,
    must_change: bool = False,
) -> User:
    """Set a new password (``must_change``: an initial one, to be changed at the next
    sign-in; audited as reset_password); every page session of the user ends."""
    user = get_or_raise(session, username=username)
    set_password(user, password, method=password_hash_method(session))
    user.must_change_password = must_change
    return _changed(
        session,
        user,
        event="reset_password" if must_change else "change_password",
        before="",
        after="",
        actor=actor,
        actor_role=actor_role,
        ends_sessions="password changed",
    )


def change_own_password(session: Session, *, user: User, current: str, new: str) -> User:
    """The user replaces their own password: ``current`` must be theirs and ``new`` must
    differ from it (InvalidInput on ``current_password`` or ``password`` otherwise); this
    clears the must-change flag and ends every page session of theirs."""
    if not user.password_hash or not check_password_hash(user.password_hash, current):
        raise InvalidInput(
            "current password is not correct", errors={"current_password": ["is not correct"]}
        )
    if check_password_hash(user.password_hash, new):
        raise InvalidInput(
            "the new password must differ from the current one",
            errors={"password": ["must differ from the current password"]},
        )
    return change_password(
        session, username=user.username, password=new, actor=user.username, actor_role=user.role
    )


def change_role(
    session: Session, *, username: str, new_role: str, actor: str, actor_role: str
) -> User:
    """Give the user another role; every page session of the user ends."""
    _check_role(new_role)
    user = get_or_raise(session, username=username)
    if new_role != ADMIN:
        refuse_last_admin(session, user=user, doing="change the role of")
    before = user.role
    user.role = new_role
    return _changed(
        session,
        user,
        event="change_role",
        before=before,
        after=new_role,
        actor=actor,
        actor_role=actor_role,
        ends_sessions="role changed",
    )


def revoke_tokens(
    session: Session, *, username: str, actor: str = "cli", actor_role: str = ADMIN
) -> int:
    """Revoke every live token of ``username`` and end their page sessions (audited as
    revoke_tokens, by ``actor``: the command line unless said); return how many tokens were
    revoked."""
    user = get_or_raise(session, username=username)
    tokens = session.exec(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))  # type: ignore[union-attr]
    ).all()
    for token in tokens:
        token.revoked_at = utcnow()
    _changed(
        session,
        user,
        event="revoke_tokens",
        before=f"{len(tokens)} live",
        after="0 live",
        actor=actor,
        actor_role=actor_role,
        ends_sessions="tokens revoked",
    )
    return len(tokens)


def live_token_count(session: Session, *, user: User) -> int:
    """How many unrevoked API tokens ``user`` holds."""
    return len(
        session.exec(
            select(ApiToken.id).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))  # type: ignore[union-attr]
        ).all()
    )


# Built once: every API request runs it, and composing it cost more than running it.
TOKEN_HOLDER = (
    select(ApiToken, User)
    .join(User, User.id == ApiToken.user_id)  # type: ignore[arg-type]
    .where(ApiToken.token_hash == bindparam("digest"))
)


def authenticate(session: Session, *, token: str) -> User | None:
    """The active user holding live ``token``, or None."""
    row = find_holder(session, TOKEN_HOLDER, token)
    if row is None:
        return None
    stored, user = row
    if stored.revoked_at is not None or not user.active:
        return None
    return user
