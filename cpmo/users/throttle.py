"""Sign-in throttling, per account and per client address, kept in the database.

Every attempt is recorded (and committed) *before* its password is checked, then the attempts
within the window are counted: so however many workers or hosts receive guesses at the same
moment, at most ``limit`` of them get a password check per window. A refused attempt removes
its own row (it checked nothing); a successful one removes its row and the account's earlier
failures. An address's failures are not cleared by a success, so signing in to one's own
account does not reset a guessing run against others.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.users.models import SignInAttempt

ACCOUNT_MAX = 80
ADDRESS_MAX = 64


@dataclass(frozen=True)
class Limits:
    account: int
    address: int
    window: timedelta


@dataclass(frozen=True)
class Refusal:
    """Too many attempts: try again after ``retry_after`` seconds."""

    retry_after: int


def account_key(username: str) -> str:
    return (username or "").strip().lower()[:ACCOUNT_MAX]


def address_key(address: str | None) -> str:
    return (address or "unknown")[:ADDRESS_MAX]


def begin(
    session: Session,
    *,
    username: str,
    address: str | None,
    limits: Limits,
    now: datetime | None = None,
) -> tuple[int, Refusal | None]:
    """Record an attempt and commit it; return its id and a refusal when over a limit.

    Commits ``session`` (the count must see every other worker's committed attempts)."""
    moment = now or utcnow()
    since = moment - limits.window
    account, place = account_key(username), address_key(address)
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < since))  # type: ignore[arg-type]
    attempt = SignInAttempt(account=account, address=place, at=moment)
    session.add(attempt)
    session.commit()
    retry = 0
    for column, key, limit in (
        (SignInAttempt.account, account, limits.account),
        (SignInAttempt.address, place, limits.address),
    ):
        times = list(
            session.exec(
                select(SignInAttempt.at)
                .where(column == key, SignInAttempt.at >= since, SignInAttempt.id != attempt.id)
                .order_by(SignInAttempt.at)  # type: ignore[arg-type]
            )
        )
        if len(times) >= limit:
            # the count drops below the limit when the (len - limit + 1)-th oldest expires
            frees_at = times[len(times) - limit] + limits.window
            retry = max(retry, math.ceil((frees_at - moment).total_seconds()), 1)
    if retry:
        session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt.id))  # type: ignore[arg-type]
        session.commit()
        return attempt.id or 0, Refusal(retry_after=retry)
    return attempt.id or 0, None


def succeeded(session: Session, *, attempt_id: int, username: str) -> None:
    """The attempt signed in: forget it and the account's earlier failures."""
    session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt_id))  # type: ignore[arg-type]
    session.execute(
        delete(SignInAttempt).where(SignInAttempt.account == account_key(username))  # type: ignore[arg-type]
    )
