"""Scores: a scorer's batch of scores, who sees which scores, and the workshop's score table."""

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import NotPermitted, RuleViolation
from cpmo.prioritisation import Score, ScoreTable, build_score_table
from cpmo.users.models import User
from cpmo.vocabulary import Role
from cpmo.workshops.access import scorer_names, sees_everything
from cpmo.workshops.candidates import list_candidates
from cpmo.workshops.models import SCORE_CELL, Workshop, WorkshopScore
from cpmo.workshops.service import get_or_raise, lock, require_status
from cpmo.workshops.setup import as_criteria, list_criteria


@dataclass(frozen=True)
class ScoreInput:
    """One score as given: by whom, of which candidate, on which criterion."""

    scorer: str
    candidate: str
    criterion: str
    value: float
    comment: str | None = None


def open_for_scoring(
    session: Session, *, actor: User, code: str, doing: str
) -> tuple[Workshop, list[str]]:
    """The workshop's row locked while it is scoring (409 otherwise), and the actor's own
    scorer identities in it (403 when they have none): the check every score write makes
    before it writes, under the lock a close must wait for."""
    workshop = lock(session, code=code)
    require_status(workshop, "scoring", doing=doing)
    names = scorer_names(session, actor=actor, workshop=workshop)
    if not names:
        raise NotPermitted(f"You are not a scorer of workshop {workshop.code!r}.")
    return workshop, names


def put_scores(session: Session, *, actor: User, code: str, scores: list[dict[str, Any]]) -> int:
    """Record the actor's scores (while scoring, as a registered scorer); returns the count."""
    workshop, names = open_for_scoring(session, actor=actor, code=code, doing="scores can be given")
    rows = [
        ScoreInput(names[0], s["candidate"], s["criterion"], s["value"], s.get("comment"))
        for s in scores
    ]
    return write_scores(session, workshop=workshop, scores=rows)


def write_scores(session: Session, *, workshop: Workshop, scores: list[ScoreInput]) -> int:
    """Validate every score against candidates, criteria and scales, then upsert them all
    (one INSERT … ON CONFLICT DO UPDATE per score: two writes of one cell never collide).
    Callers check who may write and that the workshop is scoring (``open_for_scoring``)."""
    criteria = {c.key: c for c in list_criteria(session, workshop=workshop)}
    active = {c.key for c, _ in list_candidates(session, workshop=workshop)}
    cells = set()
    for s in scores:
        if s.candidate not in active:
            raise RuleViolation(
                f"Workshop {workshop.code!r} has no active candidate {s.candidate!r}.",
                candidate=s.candidate,
            )
        crit = criteria.get(s.criterion)
        if crit is None:
            raise RuleViolation(
                f"Workshop {workshop.code!r} has no criterion {s.criterion!r}.",
                criterion=s.criterion,
            )
        if not (math.isfinite(s.value) and crit.scale_min <= s.value <= crit.scale_max):
            raise RuleViolation(
                f"{s.value} is outside the scale of {s.criterion!r} "
                f"({crit.scale_min:g}–{crit.scale_max:g}) for candidate {s.candidate!r}.",
                candidate=s.candidate,
                criterion=s.criterion,
                value=s.value,
                scale_min=crit.scale_min,
                scale_max=crit.scale_max,
            )
        cell = (s.scorer, s.candidate, s.criterion)
        if cell in cells:
            raise RuleViolation(f"{s.candidate!r} on {s.criterion!r} is scored twice.")
        cells.add(cell)
    now = utcnow()
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    for s in scores:
        statement = insert(WorkshopScore).values(
            workshop_id=workshop.id,
            scorer=s.scorer,
            candidate_key=s.candidate,
            criterion_key=s.criterion,
            value=s.value,
            comment=s.comment,
            updated_at=now,
            illustrative=False,
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["workshop_id", "candidate_key", "criterion_key", "scorer"],
                set_={
                    "value": statement.excluded.value,
                    "comment": statement.excluded.comment,
                    "updated_at": statement.excluded.updated_at,
                    "illustrative": False,
                },
            )
        )
    return len(scores)


def visible_scores(session: Session, *, actor: User, code: str) -> list[WorkshopScore]:
    """Every score for runners or once closed; a scorer's own scores before that."""
    workshop = get_or_raise(session, code=code)
    query = select(WorkshopScore).where(WorkshopScore.workshop_id == workshop.id)
    if not sees_everything(actor, workshop):
        if actor.role != Role.SCORER:
            raise NotPermitted(
                f"Workshop {workshop.code!r} is {workshop.status}: scores are published when "
                "it closes."
            )
        mine = scorer_names(session, actor=actor, workshop=workshop)
        query = query.where(WorkshopScore.scorer.in_(mine))  # type: ignore[attr-defined]
    order = (WorkshopScore.candidate_key, WorkshopScore.criterion_key, WorkshopScore.scorer)
    return list(session.exec(query.order_by(*order)).all())


def score_table(session: Session, *, workshop: Workshop) -> ScoreTable:
    """The workshop's active candidates × criteria table of mean normalised scores."""
    criteria = as_criteria(list_criteria(session, workshop=workshop))
    candidates = [c.key for c, _ in list_candidates(session, workshop=workshop)]
    active = set(candidates)
    rows = session.exec(select(*SCORE_CELL).where(WorkshopScore.workshop_id == workshop.id))
    scores = [Score(*row) for row in rows if row[1] in active]
    return build_score_table(criteria, scores, candidates)
