"""Server-side page sessions: start, resume, touch, end.

The session cookie carries only a random id (32 bytes); the table keeps its SHA-256 hash, who
it belongs to, when it started, when it was last seen and when it ended. A session is live
while it has not ended, was seen within the idle timeout and started within the absolute
lifetime. ``last_seen_at`` is rewritten at most once per :data:`TOUCH_INTERVAL`, so reading
pages does not turn every request into a write.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.users.models import User, WebSession
from cpmo.users.tokens import find_holder, hash_token, well_formed

TOKEN_BYTES = 32
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetime:
    """How long a session lives: ``idle`` without a request, ``absolute`` in all."""

    idle: timedelta
    absolute: timedelta


def start(session: Session, *, user: User, now: datetime | None = None) -> str:
    """Open a session for ``user``; return its id (the only time it is visible)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    moment = now or utcnow()
    session.add(
        WebSession(
            token_hash=hash_token(token), user_id=user.id, created_at=moment, last_seen_at=moment
        )
    )
    session.flush()
    return token


# Built once: every page request runs it.
HOLDER = (
    select(WebSession, User)
    .join(User, User.id == WebSession.user_id)  # type: ignore[arg-type]
    .where(WebSession.token_hash == bindparam("digest"))
)


def resume(
    session: Session, *, token: str, lifetime: Lifetime, now: datetime | None = None
) -> tuple[WebSession, User] | None:
    """The live session holding ``token`` and its active user, or None."""
    row = find_holder(session, HOLDER, token)
    if row is None:
        return None
    web, user = row
    moment = now or utcnow()
    if web.ended_at is not None:
        return None
    if moment - web.last_seen_at > lifetime.idle or moment - web.created_at > lifetime.absolute:
        return None
    if not user.active or not user.password_hash:
        return None
    return web, user


def due_for_touch(web: WebSession, *, now: datetime | None = None) -> bool:
    """Whether ``last_seen_at`` is old enough to be rewritten."""
    return (now or utcnow()) - web.last_seen_at >= TOUCH_INTERVAL


def touch(session: Session, *, session_id: int, now: datetime | None = None) -> bool:
    """Record that the session was seen now (unless another request just did)."""
    moment = now or utcnow()
    result = session.execute(
        update(WebSession)
        .where(
            WebSession.id == session_id,
            WebSession.ended_at.is_(None),  # type: ignore[union-attr]
            WebSession.last_seen_at <= moment - TOUCH_INTERVAL,
        )
        .values(last_seen_at=moment)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def end(session: Session, *, token: str, reason: str, now: datetime | None = None) -> bool:
    """End the session holding ``token`` (sign-out); False when there was none live."""
    if not well_formed(token):
        return False
    result = session.execute(
        update(WebSession)
        .where(WebSession.token_hash == hash_token(token), WebSession.ended_at.is_(None))  # type: ignore[union-attr]
        .values(ended_at=now or utcnow(), end_reason=reason[:40])
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def end_for_user(
    session: Session, *, user_id: int | None, reason: str, now: datetime | None = None
) -> int:
    """End every live session of the user; return how many were ended."""
    result = session.execute(
        update(WebSession)
        .where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))  # type: ignore[union-attr]
        .values(ended_at=now or utcnow(), end_reason=reason[:40])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def last_sign_ins(session: Session) -> dict[int, datetime]:
    """user id → when that user last signed in to the pages."""
    rows = session.exec(
        select(WebSession.user_id, func.max(WebSession.created_at)).group_by(WebSession.user_id)
    ).all()
    return {user_id: at for user_id, at in rows}
