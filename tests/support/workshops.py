"""Helpers for prioritisation workshop tests: a hand-worked workshop and HTTP shortcuts."""

from typing import Any

from sqlmodel import Session

from cpmo.users import service as users
from cpmo.users.models import User
from cpmo.workshops import status as workshop_status
from cpmo.workshops.creation import create_workshop
from cpmo.workshops.inputs import CandidateCreate, WorkshopCreate
from cpmo.workshops.scoring_service import ScoreInput, write_scores
from cpmo.workshops.service import get_or_raise

BASE = "/api/v1/workshops"

# Two criteria: quality (weight 3, 0–10) and cost (weight 1, 1–5, lower is better), so the
# normalised weights are 0.75 and 0.25. Normalised scores: quality v × 10; cost 100 − (v − 1) × 25.
HAND_CRITERIA = [
    {"key": "quality", "name": "Quality", "weight": 3, "scale_min": 0, "scale_max": 10},
    {
        "key": "cost",
        "name": "Cost",
        "weight": 1,
        "scale_min": 1,
        "scale_max": 5,
        "direction": "lower_is_better",
    },
]
HAND_CANDIDATES = [
    {"key": k, "name": k.upper(), "costs": {"2020": c20, "2021": c21}}
    for k, c20, c21 in [("a", 60, 40), ("b", 50, 50), ("c", 40, 30), ("d", 10, 10)]
]
# scorer → candidate → (quality, cost)
HAND_SCORES = {
    "scorer": {"a": (10, 1), "b": (8, 3), "c": (6, 3), "d": (0, 5)},
    "scorer2": {"a": (8, 1), "b": (8, 3), "c": (10, 3), "d": (6, 5)},
}
# worked by hand: a = .75 × 90 + .25 × 100 = 92.5; b = .75 × 80 + .25 × 50 = 72.5;
# c = .75 × 80 + .25 × 50 = 72.5 (a tie with b); d = .75 × 30 + .25 × 0 = 22.5
HAND_TOTALS = {"a": 92.5, "b": 72.5, "c": 72.5, "d": 22.5}
HAND_RANKS = {"a": 1, "b": 2, "c": 2, "d": 4}


def hand_scores(scorer: str) -> list[dict[str, Any]]:
    """One scorer's hand-worked scores as a PUT …/scores body's list."""
    return [
        {"candidate": cand, "criterion": crit, "value": value}
        for cand, pair in HAND_SCORES[scorer].items()
        for crit, value in zip(("quality", "cost"), pair, strict=True)
    ]


def runner(session: Session) -> User:
    """The CPMO officer `cpmo` (made if missing), who runs the test workshops."""
    return (
        users.get(session, username="cpmo")
        or users.create(session, username="cpmo", role="cpmo")[0]
    )


def build_workshop(
    session: Session,
    *,
    code: str,
    status: str = "draft",
    criteria: list[dict[str, Any]] | None = None,
    candidates: list[dict[str, Any]] | None = None,
    scorers: list[dict[str, Any]] | None = None,
    scores: dict[str, dict[str, tuple[float, ...]]] | None = None,
    budgets: dict[str, int] | None = None,
    portfolio: str | None = None,
) -> None:
    """A workshop built through the services, moved to ``status`` (scores written if given)."""
    actor = runner(session)
    workshop_in = WorkshopCreate(
        code=code,
        name=code,
        portfolio=portfolio,
        budgets=budgets if budgets is not None else {"2020": 100, "2021": 80},
        criteria=HAND_CRITERIA if criteria is None else criteria,
        candidates=[
            CandidateCreate(**c) for c in (HAND_CANDIDATES if candidates is None else candidates)
        ],
        scorers=[{"name": s} for s in HAND_SCORES] if scorers is None else scorers,
    )
    create_workshop(session, actor=actor, workshop_in=workshop_in)
    if status in ("scoring", "closed"):
        workshop_status.change_status(session, actor=actor, code=code, status="scoring")
    keys = [c["key"] for c in workshop_in.criteria]
    if scores:
        rows = [
            ScoreInput(scorer, cand, keys[i], value)
            for scorer, by_candidate in scores.items()
            for cand, values in by_candidate.items()
            for i, value in enumerate(values)
        ]
        write_scores(session, workshop=get_or_raise(session, code=code), scores=rows)
    if status == "closed":
        workshop_status.change_status(session, actor=actor, code=code, status="closed")
    session.commit()
