"""Workshop scoring: normalise each score to 0–100, average across scorers, weight, rank."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from cpmo.prioritisation.criteria import Criterion, Score
from cpmo.prioritisation.score_table import ScoreTable, build_score_table

__all__ = [
    "Criterion",
    "CriterionResult",
    "RankedCandidate",
    "Score",
    "ScoreTable",
    "build_score_table",
    "competition_ranks",
    "rank_candidates",
    "rank_table",
]

DISAGREEMENT_THRESHOLD = 40.0
TIE_DECIMALS = 9


@dataclass(frozen=True)
class CriterionResult:
    """One candidate's result on one criterion (None figures where nobody scored it)."""

    criterion: str
    weight: float
    normalised_mean: float | None
    contribution: float
    scores: int
    spread: float | None
    std: float | None


@dataclass(frozen=True)
class RankedCandidate:
    """A candidate's weighted total (0–100), competition rank and per-criterion breakdown."""

    candidate: str
    total: float
    rank: int
    breakdown: dict[str, CriterionResult]
    disagreement: bool
    missing: tuple[str, ...]


def competition_ranks(totals: np.ndarray, decimals: int = TIE_DECIMALS) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4) down axis 0, higher totals first, ties after rounding."""
    rounded = np.round(np.asarray(totals, dtype=float), decimals)
    order = np.argsort(-rounded, axis=0, kind="stable")
    ordered = np.take_along_axis(rounded, order, axis=0)
    position = np.arange(ordered.shape[0]).reshape((-1,) + (1,) * (ordered.ndim - 1))
    starts = np.ones(ordered.shape, dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=0)
    ranks = np.empty(ordered.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=0)
    return ranks


def rank_candidates(
    criteria: Sequence[Criterion],
    scores: Iterable[Score],
    candidates: Sequence[str] | None = None,
    *,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    decimals: int = TIE_DECIMALS,
) -> list[RankedCandidate]:
    """Rank candidates by weighted mean normalised score, best first."""
    table = build_score_table(criteria, scores, candidates)
    return rank_table(table, disagreement_threshold=disagreement_threshold, decimals=decimals)


def rank_table(
    table: ScoreTable,
    *,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    decimals: int = TIE_DECIMALS,
) -> list[RankedCandidate]:
    """Rank an already-built score table, best first (ties in candidate order)."""
    contributions = table.means * table.weights
    totals = contributions.sum(axis=1)
    ranks = competition_ranks(totals, decimals)
    scored = table.counts > 0
    disagreement = (np.where(scored, table.spread, 0.0) > disagreement_threshold).any(axis=1)
    weights = table.weights.tolist()
    means, contribs = table.means.tolist(), contributions.tolist()
    spreads, stds, counts = table.spread.tolist(), table.std.tolist(), table.counts.tolist()
    results = []
    for c in np.lexsort((np.arange(len(ranks)), ranks)).tolist():
        breakdown = {}
        for k, key in enumerate(table.criteria):
            has = counts[c][k] > 0
            breakdown[key] = CriterionResult(
                criterion=key,
                weight=weights[k],
                normalised_mean=means[c][k] if has else None,
                contribution=contribs[c][k],
                scores=counts[c][k],
                spread=spreads[c][k] if has else None,
                std=stds[c][k] if has else None,
            )
        results.append(
            RankedCandidate(
                candidate=table.candidates[c],
                total=float(totals[c]),
                rank=int(ranks[c]),
                breakdown=breakdown,
                disagreement=bool(disagreement[c]),
                missing=tuple(key for k, key in enumerate(table.criteria) if not counts[c][k]),
            )
        )
    return results
