"""A workshop's results: the ranking (with breakdown, spread and disagreement) and its
sensitivity to the weights. Runners see them any time, everyone else once closed."""

from dataclasses import dataclass, field

from sqlmodel import Session, select

from cpmo.errors import RuleViolation
from cpmo.prioritisation import RankedCandidate, SensitivityResult, rank_table, table_sensitivity
from cpmo.prioritisation.scoring import DISAGREEMENT_THRESHOLD
from cpmo.users.models import User
from cpmo.workshops.access import require_results
from cpmo.workshops.candidates import list_candidates
from cpmo.workshops.models import Workshop, WorkshopCriterion
from cpmo.workshops.scoring_service import score_table
from cpmo.workshops.service import draws_on_illustrative, get_or_raise

MAX_SAMPLE_CELLS = 5_000_000  # candidates × samples in one sensitivity run


@dataclass(frozen=True)
class Ranking:
    """The ranked candidates of a workshop, with names, programmes and normalised weights."""

    workshop: Workshop
    weights: dict[str, float]
    candidates: list[RankedCandidate]
    names: dict[str, str]
    programmes: dict[str, str | None]
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD
    illustrative: bool = False  # drawn from an illustrative weight, cost or score
    criteria: dict[str, str] = field(default_factory=dict)  # key → name, as people read it


def workshop_ranking(session: Session, *, workshop: Workshop) -> Ranking:
    """Rank a workshop's active candidates (no visibility check: callers do that)."""
    table = score_table(session, workshop=workshop)
    listed = list_candidates(session, workshop=workshop)
    return Ranking(
        workshop=workshop,
        weights=dict(zip(table.criteria, table.weights.tolist(), strict=True)),
        candidates=rank_table(table),
        names={c.key: c.name for c, _ in listed},
        programmes={c.key: programme for c, programme in listed},
        illustrative=draws_on_illustrative(session, workshop=workshop),
        criteria=dict(
            session.exec(
                select(WorkshopCriterion.key, WorkshopCriterion.name).where(
                    WorkshopCriterion.workshop_id == workshop.id
                )
            ).all()
        ),
    )


def ranking(session: Session, *, actor: User, code: str) -> Ranking:
    """The workshop's ranking, if the actor may see it."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    return workshop_ranking(session, workshop=workshop)


def sensitivity(
    session: Session,
    *,
    actor: User,
    code: str,
    top_k: int | None = None,
    perturbation: float = 0.10,
    samples: int = 1000,
    seed: int | None = None,
    confidence: float = 0.95,
) -> SensitivityResult:
    """Monte Carlo rank stability under ±perturbation of the weights (reproducible by seed)."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    table = score_table(session, workshop=workshop)
    n = len(table.candidates)
    if n * samples > MAX_SAMPLE_CELLS:
        raise RuleViolation(
            f"{samples} samples of {n} candidates is too large a run for a request; use at "
            f"most {MAX_SAMPLE_CELLS // max(n, 1)} samples.",
            errors={"samples": [f"at most {MAX_SAMPLE_CELLS // max(n, 1)}"]},
        )
    return table_sensitivity(
        table,
        top_k=top_k if top_k is not None else max(1, min(10, n)),
        perturbation=perturbation,
        samples=samples,
        seed=seed,
        confidence=confidence,
    )
