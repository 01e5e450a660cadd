"""Candidates: existing programmes or new proposals, with yearly costs in whole pounds."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import Conflict, DuplicateKey, NotFound
from cpmo.portfolios.models import Programme
from cpmo.workshops.inputs import CandidateCreate
from cpmo.workshops.models import Workshop, WorkshopCandidate, WorkshopScore
from cpmo.workshops.service import id_by_code, lock, require_status

FIELDS = ("key", "name", "description", "sponsors", "costs")


def list_candidates(
    session: Session, *, workshop: Workshop, active_only: bool = True
) -> list[tuple[WorkshopCandidate, str | None]]:
    """Candidates in order with their programme code; merged ones too unless active_only."""
    query = (
        select(WorkshopCandidate, Programme.code)
        .outerjoin(Programme, Programme.id == WorkshopCandidate.programme_id)
        .where(WorkshopCandidate.workshop_id == workshop.id)
        .order_by(WorkshopCandidate.position, WorkshopCandidate.key)
    )
    if active_only:
        query = query.where(WorkshopCandidate.merged_into.is_(None))  # type: ignore[union-attr]
    return list(session.exec(query).all())


def get_candidate(session: Session, *, workshop: Workshop, key: str) -> WorkshopCandidate | None:
    """One candidate of the workshop by key, or None."""
    return session.exec(
        select(WorkshopCandidate).where(
            WorkshopCandidate.workshop_id == workshop.id, WorkshopCandidate.key == key
        )
    ).first()


def get_candidate_or_raise(session: Session, *, workshop: Workshop, key: str) -> WorkshopCandidate:
    """One candidate of the workshop by key; NotFound otherwise."""
    row = get_candidate(session, workshop=workshop, key=key)
    if row is None:
        raise NotFound(f"Workshop {workshop.code!r} has no candidate {key!r}.")
    return row


def add_candidates(
    session: Session,
    *,
    workshop: Workshop,
    candidates: Sequence[CandidateCreate],
    source: str | None,
) -> list[WorkshopCandidate]:
    """Add candidates to a draft workshop (409 if a key is taken)."""
    require_status(workshop, "draft", doing="candidates can change")
    keys = [c.key for c in candidates]
    taken = session.exec(
        select(WorkshopCandidate.key).where(
            WorkshopCandidate.workshop_id == workshop.id, WorkshopCandidate.key.in_(keys)
        )
    ).all()
    repeated = sorted({k for k in keys if keys.count(k) > 1} | set(taken))
    if repeated:
        raise DuplicateKey(f"Candidate keys already used: {', '.join(repeated)}.")
    start = session.exec(
        select(func.count()).where(WorkshopCandidate.workshop_id == workshop.id)
    ).one()
    rows = [
        WorkshopCandidate(
            workshop_id=workshop.id,
            programme_id=id_by_code(session, Programme, c.programme, what="programme"),
            position=start + i,
            source=source,
            **_given(c),
        )
        for i, c in enumerate(candidates)
    ]
    session.add_all(rows)
    workshop.updated_at = utcnow()
    session.add(workshop)
    session.flush()
    return rows


def _given(candidate: CandidateCreate) -> dict[str, Any]:
    """The candidate's fields that were given (an empty list or mapping counts as given)."""
    values = {name: getattr(candidate, name) for name in FIELDS}
    values["sponsors"], values["costs"] = list(candidate.sponsors), dict(candidate.costs)
    return {name: value for name, value in values.items() if value is not None}


def create_candidate(
    session: Session, *, code: str, candidate_in: CandidateCreate
) -> WorkshopCandidate:
    """Add one candidate to a draft workshop."""
    workshop = lock(session, code=code)
    return add_candidates(session, workshop=workshop, candidates=[candidate_in], source=None)[0]


def delete_candidate(session: Session, *, code: str, key: str) -> None:
    """Remove a candidate from a draft workshop (not one that is part of a merge trail)."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", doing="candidates can change")
    row = get_candidate_or_raise(session, workshop=workshop, key=key)
    merged = session.exec(
        select(WorkshopCandidate.key).where(
            WorkshopCandidate.workshop_id == workshop.id, WorkshopCandidate.merged_into == key
        )
    ).first()
    if row.merged_into is not None or merged is not None:
        raise Conflict(f"Candidate {key!r} is part of a consolidation trail and is kept.")
    if _named_in_rules(workshop.rules or {}, key):
        raise Conflict(
            f"{row.name} is named in the workshop's selection rules: remove those rules first."
        )
    session.execute(
        delete(WorkshopScore).where(
            WorkshopScore.workshop_id == workshop.id, WorkshopScore.candidate_key == key
        )
    )
    session.delete(row)
    session.flush()


def _named_in_rules(rules: dict[str, Any], key: str) -> bool:
    """Whether any selection rule (a key, or a pair of keys) names the candidate ``key``."""
    return any(
        key == item or (isinstance(item, list | tuple) and key in item)
        for items in rules.values()
        for item in items or []
    )


def update_candidate(
    session: Session, *, code: str, key: str, candidate_in: CandidateCreate
) -> WorkshopCandidate:
    """Change a candidate of a draft workshop (its key stays; not one in a merge trail)."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", doing="candidates can change")
    row = get_candidate_or_raise(session, workshop=workshop, key=key)
    if row.merged_into is not None or row.consolidated:
        raise Conflict(f"Candidate {key!r} is part of a consolidation trail and is kept.")
    row.programme_id = id_by_code(session, Programme, candidate_in.programme, what="programme")
    row.name, row.description = candidate_in.name, candidate_in.description
    row.sponsors, row.costs = list(candidate_in.sponsors), dict(candidate_in.costs)
    session.add(row)
    workshop.updated_at = utcnow()
    session.add(workshop)
    session.flush()
    return row


def programme_choices(session: Session, *, workshop: Workshop) -> list[tuple[str, str]]:
    """(code, name) of the programmes a candidate may link to: the workshop portfolio's
    (every programme when the workshop has no portfolio), by name."""
    query = select(Programme.code, Programme.name).order_by(Programme.name)
    if workshop.portfolio_id is not None:
        query = query.where(Programme.portfolio_id == workshop.portfolio_id)
    return [(c, n) for c, n in session.exec(query).all()]
