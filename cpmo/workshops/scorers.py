"""A workshop's scorers: user accounts with the scorer role, or role titles with no account."""

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.errors import Conflict, RuleViolation
from cpmo.users.models import User
from cpmo.vocabulary import Role
from cpmo.workshops import audit
from cpmo.workshops.models import Workshop, WorkshopScore, WorkshopScorer
from cpmo.workshops.service import lock, require_status


def list_scorers(
    session: Session, *, workshop: Workshop
) -> list[tuple[WorkshopScorer, str | None]]:
    """The workshop's scorers with the username of their account (None for role titles)."""
    return list(
        session.exec(
            select(WorkshopScorer, User.username)
            .outerjoin(User, User.id == WorkshopScorer.user_id)
            .where(WorkshopScorer.workshop_id == workshop.id)
            .order_by(WorkshopScorer.name)
        ).all()
    )


def replace_scorers(
    session: Session, *, actor: User, code: str, scorers: list[dict[str, Any]]
) -> Workshop:
    """Replace the scorer list (draft or scoring; audited). A scorer who has scored cannot be
    dropped, and once scoring has opened no scorer's account link may change: linking a scorer
    to an account happens before scoring opens (late joiners may still be added)."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", "scoring", doing="scorers can change")
    wanted: dict[str, int | None] = {}
    for entry in scorers:
        user = _scorer_account(session, entry.get("username"))
        name = entry.get("name") or (user.username if user else None)
        if not name:
            raise RuleViolation("Each scorer needs a name or a username.")
        if name in wanted or (user and user.id in wanted.values()):
            raise RuleViolation(f"Scorer {name!r} is listed twice.")
        wanted[name] = user.id if user else None
    existing = {s.name: s for s, _ in list_scorers(session, workshop=workshop)}
    if workshop.status != "draft":
        relinked = sorted(
            name for name, row in existing.items() if name in wanted and wanted[name] != row.user_id
        )
        if relinked:
            raise Conflict(
                f"Workshop {workshop.code!r} is {workshop.status}: linking a scorer to an account "
                "happens before scoring opens, so the account of "
                + ", ".join(repr(n) for n in relinked)
                + " cannot change now.",
                workshop_status=workshop.status,
            )
    dropped = sorted(set(existing) - set(wanted))
    scored = session.exec(
        select(WorkshopScore.scorer, func.count())
        .where(WorkshopScore.workshop_id == workshop.id, WorkshopScore.scorer.in_(dropped))
        .group_by(WorkshopScore.scorer)
    ).all()
    if scored:
        raise Conflict(
            "These scorers have scored and cannot be removed: "
            + ", ".join(name for name, _ in scored)
        )
    for name in dropped:
        session.delete(existing[name])
    session.flush()
    for name, user_id in wanted.items():
        row = existing.get(name) or WorkshopScorer(workshop_id=workshop.id, name=name)
        row.user_id = user_id
        session.add(row)
    session.flush()
    links = {
        name: username
        for name, username in session.exec(
            select(WorkshopScorer.name, User.username)
            .outerjoin(User, User.id == WorkshopScorer.user_id)
            .where(WorkshopScorer.workshop_id == workshop.id)
            .order_by(WorkshopScorer.name)
        )
    }
    details = {"scorers": links, "dropped": dropped}
    audit.record_setup(
        session, workshop=workshop, actor=actor, event="set_scorers", details=details
    )
    return workshop


def _scorer_account(session: Session, username: str | None) -> User | None:
    if username is None:
        return None
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or user.role != Role.SCORER or not user.active:
        raise RuleViolation(
            f"{username!r} is not an active user with the scorer role.",
            errors={"username": ["must be an active user with the scorer role"]},
        )
    return user


def scorer_accounts(session: Session) -> list[User]:
    """Active user accounts with the scorer role, by username: whom a workshop can invite."""
    query = (
        select(User)
        .where(User.role == Role.SCORER, User.active.is_(True))  # type: ignore[attr-defined]
        .order_by(User.username)
    )
    return list(session.exec(query).all())
