"""The workshop seed kinds' own checks, against what is loaded so far."""

from typing import Any

from sqlmodel import Session, select

from cpmo.workshops.models import Workshop, WorkshopCandidate, WorkshopCriterion, WorkshopScorer

Problem = tuple[int, str, str]


def check_workshop_criteria(session: Session, records: list[dict[str, Any]]) -> list[Problem]:
    """Each criterion's scale must run upwards."""
    return [
        (i, "scale_max", "must be greater than scale_min")
        for i, r in enumerate(records)
        if r["scale_max"] <= r["scale_min"]
    ]


def check_workshop_scores(session: Session, records: list[dict[str, Any]]) -> list[Problem]:
    """Each score names a candidate, criterion and scorer of its workshop, within the scale."""
    codes = {r["workshop"] for r in records}
    ids = dict(
        session.exec(select(Workshop.code, Workshop.id).where(Workshop.code.in_(codes))).all()
    )
    scales = {
        (w, k): (lo, hi)
        for w, k, lo, hi in session.exec(
            select(
                WorkshopCriterion.workshop_id,
                WorkshopCriterion.key,
                WorkshopCriterion.scale_min,
                WorkshopCriterion.scale_max,
            )
        ).all()
    }
    candidates = set(
        session.exec(select(WorkshopCandidate.workshop_id, WorkshopCandidate.key)).all()
    )
    scorers = set(session.exec(select(WorkshopScorer.workshop_id, WorkshopScorer.name)).all())
    problems: list[Problem] = []
    for i, r in enumerate(records):
        w = ids.get(r["workshop"])
        if w is None:
            problems.append((i, "workshop", f"unknown code {r['workshop']!r}"))
            continue
        if (w, r["candidate_key"]) not in candidates:
            problems.append(
                (i, "candidate", f"no candidate {r['candidate_key']!r} in the workshop")
            )
        if (w, r["scorer"]) not in scorers:
            problems.append((i, "scorer", f"no scorer {r['scorer']!r} in the workshop"))
        scale = scales.get((w, r["criterion_key"]))
        if scale is None:
            problems.append(
                (i, "criterion", f"no criterion {r['criterion_key']!r} in the workshop")
            )
        elif not scale[0] <= r["value"] <= scale[1]:
            problems.append((i, "value", f"outside the scale {scale[0]:g}–{scale[1]:g}"))
    return problems
