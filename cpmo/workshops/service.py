"""Workshops: create, read, list, update and delete (the status machine is in ``status``)."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, exists, or_
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import Conflict, DuplicateKey, RuleViolation
from cpmo.portfolios.lookup import one_by_code
from cpmo.portfolios.models import Portfolio
from cpmo.users.models import User
from cpmo.workshops.inputs import WorkshopCreate, WorkshopUpdate
from cpmo.workshops.models import (
    Workshop,
    WorkshopCandidate,
    WorkshopCriterion,
    WorkshopScenario,
    WorkshopScore,
    WorkshopScorer,
)

STATUSES = ("draft", "scoring", "closed")
RULE_NAMES = ("requires", "excludes", "mandatory", "forbidden")


def get_or_raise(session: Session, *, code: str) -> Workshop:
    """The workshop with ``code``; NotFound otherwise."""
    query = select(Workshop).where(Workshop.code == code)
    return one_by_code(session, query, code=code, what="workshop")


def draws_on_illustrative(session: Session, *, workshop: Workshop) -> bool:
    """Whether the workshop's results come from any illustrative record: the workshop itself
    (its budgets and rules), a criterion (its weight), a candidate (its costs) or a score."""
    if workshop.illustrative:
        return True
    marked = [
        exists().where(model.workshop_id == workshop.id, model.illustrative.is_(True))  # type: ignore[attr-defined]
        for model in (WorkshopCriterion, WorkshopCandidate, WorkshopScore)
    ]
    return bool(session.execute(select(or_(*marked))).scalar())


def lock(session: Session, *, code: str) -> Workshop:
    """The workshop with ``code``, its row locked (FOR UPDATE) until the transaction ends;
    NotFound otherwise.

    Every write whose meaning depends on the workshop's status takes this lock before it reads
    the status (status changes, set-up, score writes and imports), so a close waits for the
    score writes in flight, and a score write waits for a close in flight and then sees it
    closed. Score writes take it exclusively too: with shared (FOR SHARE) locks, scorers
    writing back to back kept the row share-locked and a close starved for minutes on
    PostgreSQL. (SQLite has no row locks; there every write transaction holds the database's
    write lock.)
    """
    query = (
        select(Workshop)
        .where(Workshop.code == code)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return one_by_code(session, query, code=code, what="workshop")


def list_workshops(session: Session) -> list[dict[str, Any]]:
    """Every workshop in brief (code, name, status, portfolio, when closed), by code."""
    rows = session.exec(
        select(Workshop, Portfolio.code)
        .outerjoin(Portfolio, Portfolio.id == Workshop.portfolio_id)
        .order_by(Workshop.code)
    ).all()
    return [{**w.model_dump(), "portfolio": portfolio} for w, portfolio in rows]


def require_status(workshop: Workshop, *allowed: str, doing: str) -> None:
    """Conflict (409) unless the workshop is in one of the allowed states."""
    if workshop.status not in allowed:
        raise Conflict(
            f"Workshop {workshop.code!r} is {workshop.status}: {doing} only while it is "
            f"{' or '.join(allowed)}.",
            workshop_status=workshop.status,
        )


def id_by_code(session: Session, model: Any, code: str | None, *, what: str) -> int | None:
    """The id of the ``model`` row with ``code`` (None for None); a RuleViolation on the
    field ``what`` if there is none."""
    if code is None:
        return None
    found = session.exec(select(model.id).where(model.code == code)).first()
    if found is None:
        raise RuleViolation(f"Unknown {what} {code!r}.", errors={what: ["unknown code"]})
    return found


def create(session: Session, *, actor: User, workshop_in: WorkshopCreate) -> Workshop:
    """A new draft workshop (criteria, candidates and scorers are added by ``setup``)."""
    code = workshop_in.code
    if session.exec(select(Workshop.id).where(Workshop.code == code)).first():
        raise DuplicateKey(f"A workshop with code {code!r} already exists.")
    workshop = Workshop(
        code=code,
        name=workshop_in.name,
        description=workshop_in.description,
        portfolio_id=id_by_code(session, Portfolio, workshop_in.portfolio, what="portfolio"),
        budgets=dict(workshop_in.budgets or {}),
        rules=clean_rules(workshop_in.rules or {}),
        created_by=actor.username,
    )
    session.add(workshop)
    session.flush()
    return workshop


def clean_rules(rules: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The four rule lists, each present (empty when not given)."""
    return {
        name: [list(x) if isinstance(x, list | tuple) else x for x in rules.get(name) or []]
        for name in RULE_NAMES
    }


def update(session: Session, *, code: str, workshop_in: WorkshopUpdate) -> Workshop:
    """Change name, description, portfolio; budgets and rules only before the workshop closes."""
    workshop = lock(session, code=code)
    data = workshop_in.changes()
    if "budgets" in data or "rules" in data:
        require_status(workshop, "draft", "scoring", doing="budgets and rules can change")
    if "budgets" in data:
        workshop.budgets = dict(data["budgets"])
    if "rules" in data:
        workshop.rules = clean_rules(data["rules"])
    if "portfolio" in data:
        workshop.portfolio_id = id_by_code(session, Portfolio, data["portfolio"], what="portfolio")
    for name in ("name", "description"):
        if name in data:
            setattr(workshop, name, data[name])
    workshop.updated_at = utcnow()
    session.add(workshop)
    session.flush()
    return workshop


def delete_workshop(session: Session, *, code: str) -> None:
    """Delete a draft workshop and everything in it."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", doing="a workshop can be deleted")
    for model in (
        WorkshopScore,
        WorkshopScenario,
        WorkshopScorer,
        WorkshopCandidate,
        WorkshopCriterion,
    ):
        session.execute(delete(model).where(model.workshop_id == workshop.id))
    session.delete(workshop)
    session.flush()
