"""Setting a workshop up: criteria, weights (direct or AHP) and scorers."""

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import RuleViolation
from cpmo.prioritisation import (
    Criterion,
    ahp_weights,
    matrix_from_judgements,
    normalise_weights,
)
from cpmo.prioritisation.criteria import validate_criteria
from cpmo.users.models import User
from cpmo.workshops import audit
from cpmo.workshops.models import Workshop, WorkshopCriterion, WorkshopScore
from cpmo.workshops.service import lock, require_status

CRITERIA_FIELDS = ("key", "name", "description", "weight", "scale_min", "scale_max", "direction")


def list_criteria(session: Session, *, workshop: Workshop) -> list[WorkshopCriterion]:
    """The workshop's criteria in their order."""
    return list(
        session.exec(
            select(WorkshopCriterion)
            .where(WorkshopCriterion.workshop_id == workshop.id)
            .order_by(WorkshopCriterion.position, WorkshopCriterion.key)
        ).all()
    )


def as_criteria(rows: list[WorkshopCriterion]) -> list[Criterion]:
    """Rows as the maths' Criterion values."""
    return [
        Criterion(r.key, r.weight, r.scale_min, r.scale_max, r.direction)  # type: ignore[arg-type]
        for r in rows
    ]


def replace_criteria(
    session: Session, *, actor: User, code: str, criteria: list[dict[str, Any]]
) -> Workshop:
    """Replace every criterion (draft only); direct weights are kept as entered (audited)."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", doing="criteria can change")
    rows = [
        WorkshopCriterion(
            workshop_id=workshop.id, position=i, **{k: c[k] for k in CRITERIA_FIELDS if k in c}
        )
        for i, c in enumerate(criteria)
    ]
    if rows:
        validate_criteria(as_criteria(rows))
    session.execute(delete(WorkshopScore).where(WorkshopScore.workshop_id == workshop.id))
    session.execute(delete(WorkshopCriterion).where(WorkshopCriterion.workshop_id == workshop.id))
    session.add_all(rows)
    workshop.weighting, workshop.judgements, workshop.consistency_ratio = "direct", None, None
    return _saved(
        session, workshop, actor, "set_criteria", {"weights": {r.key: r.weight for r in rows}}
    )


def set_weights(
    session: Session,
    *,
    actor: User,
    code: str,
    method: str,
    weights: dict[str, float] | None = None,
    judgements: list[dict[str, Any]] | None = None,
    accept_inconsistent: bool = False,
) -> Workshop:
    """Direct weights (normalised to sum 1) or AHP judgements (422 when CR ≥ 0.10 unless
    accept_inconsistent). Allowed in draft and scoring; audited with the weights set."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", "scoring", doing="weights can change")
    rows = list_criteria(session, workshop=workshop)
    keys = [r.key for r in rows]
    if not rows:
        raise RuleViolation("Add criteria before weighting them.")
    if method == "direct":
        given = dict(weights or {})
        _same_keys(keys, set(given), "weights")
        new = normalise_weights(given)
        workshop.judgements, workshop.consistency_ratio = None, None
    else:
        pairs = {(j["a"], j["b"]): j["value"] for j in judgements or []}
        if len(pairs) != len(judgements or []):
            raise RuleViolation("Each pair of criteria may be judged only once.")
        result = ahp_weights(
            matrix_from_judgements(keys, pairs), keys, accept_inconsistent=accept_inconsistent
        )
        new = result.weights_by_key()
        workshop.judgements = [[a, b, v] for (a, b), v in pairs.items()]
        workshop.consistency_ratio = result.cr
    old = {r.key: r.weight for r in rows}
    for row in rows:
        row.weight = new[row.key]
        session.add(row)
    workshop.weighting = method
    workshop.accept_inconsistent = bool(accept_inconsistent)
    details = {
        "method": method,
        "weights": {k: float(new[k]) for k in keys},
        "previous": old,
        "consistency_ratio": (
            None if workshop.consistency_ratio is None else float(workshop.consistency_ratio)
        ),
        "accept_inconsistent": workshop.accept_inconsistent,
    }
    return _saved(session, workshop, actor, "set_weights", details)


def _saved(
    session: Session, workshop: Workshop, actor: User, event: str, details: dict[str, Any]
) -> Workshop:
    """Write the set-up change to the workshop and audit it (its status stays as it was)."""
    workshop.updated_at = utcnow()
    session.add(workshop)
    session.flush()
    audit.record_setup(session, workshop=workshop, actor=actor, event=event, details=details)
    return workshop


def _same_keys(keys: list[str], given: set[str], what: str) -> None:
    missing, unknown = sorted(set(keys) - given), sorted(given - set(keys))
    if missing or unknown:
        errors = {k: ["no such criterion"] for k in unknown} | {
            k: ["a weight is needed"] for k in missing
        }
        raise RuleViolation(f"The {what} must name every criterion exactly.", errors=errors)
