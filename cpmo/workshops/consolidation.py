"""Consolidation: merge duplicate proposals into one candidate, keeping the trail.

The merged candidates keep their rows with ``merged_into`` naming the survivor, so the story
(577 proposals → 481 candidates) can always be retold; costs add up year by year and the
sponsors are combined.
"""

from sqlmodel import Session

from cpmo.db import utcnow
from cpmo.errors import RuleViolation
from cpmo.workshops.candidates import get_candidate, get_candidate_or_raise
from cpmo.workshops.models import WorkshopCandidate
from cpmo.workshops.service import lock, require_status


def combined_costs(rows: list[WorkshopCandidate]) -> dict[str, int]:
    """Costs added up per year, years in order."""
    total: dict[str, int] = {}
    for row in rows:
        for year, amount in row.costs.items():
            total[year] = total.get(year, 0) + int(amount)
    return dict(sorted(total.items()))


def combined_sponsors(rows: list[WorkshopCandidate]) -> list[str]:
    """Every sponsor once, in first-seen order."""
    return list(dict.fromkeys(s for row in rows for s in row.sponsors))


def merge(
    session: Session,
    *,
    code: str,
    candidates: list[str],
    into: str,
    name: str | None = None,
    note: str | None = None,
) -> WorkshopCandidate:
    """Merge candidates into ``into``: an existing candidate survives, or a new one is made."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", doing="candidates can be merged")
    keys = list(dict.fromkeys(k for k in candidates if k != into))
    if not keys:
        raise RuleViolation("Name at least one candidate to merge into another.")
    rows = [get_candidate_or_raise(session, workshop=workshop, key=k) for k in keys]
    gone = [r.key for r in rows if r.merged_into is not None]
    if gone:
        raise RuleViolation(f"Already merged into another candidate: {', '.join(gone)}.")
    survivor = get_candidate(session, workshop=workshop, key=into)
    if survivor is None:
        survivor = _new_survivor(workshop.id, into, name, note, rows)
    elif survivor.merged_into is not None:
        raise RuleViolation(f"{into!r} has itself been merged into {survivor.merged_into!r}.")
    programmes = {r.programme_id for r in [survivor, *rows] if r.programme_id is not None}
    if len(programmes) > 1:
        raise RuleViolation("Candidates for different programmes cannot be merged.")
    group = [survivor, *rows] if survivor.id is not None else rows
    survivor.costs = combined_costs(group)
    survivor.sponsors = combined_sponsors(group)
    survivor.programme_id = next(iter(programmes), None)
    if name:
        survivor.name = name
    session.add(survivor)
    for row in rows:
        row.merged_into = into
        row.merge_note = note
        session.add(row)
    workshop.updated_at = utcnow()
    session.add(workshop)
    session.flush()
    return survivor


def _new_survivor(
    workshop_id: int | None,
    key: str,
    name: str | None,
    note: str | None,
    rows: list[WorkshopCandidate],
) -> WorkshopCandidate:
    if not name:
        raise RuleViolation(
            f"{key!r} is not a candidate yet: give the consolidated candidate a name.",
            errors={"name": ["required for a new consolidated candidate"]},
        )
    return WorkshopCandidate(
        workshop_id=workshop_id,
        key=key,
        name=name,
        position=min(r.position for r in rows),
        description=note,
        consolidated=True,
    )
