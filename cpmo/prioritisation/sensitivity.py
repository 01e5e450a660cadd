"""Monte Carlo weight sensitivity: how stable is each candidate's rank when weights wobble?

Each sample multiplies every weight by an independent uniform(1 − p, 1 + p) factor and
renormalises; all samples are scored with one matrix product and ranked with competition
ranking (ties share the better rank). A candidate is ``robust`` when it stays in the top k
in at least ``confidence`` (default 95%) of samples, or when its rank never changes at all
(so a candidate firmly outside the top k is robust too: the decision about it is stable).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cpmo.errors import InvalidInput
from cpmo.prioritisation.score_table import ScoreTable
from cpmo.prioritisation.scoring import TIE_DECIMALS, competition_ranks


@dataclass(frozen=True)
class CandidateSensitivity:
    """One candidate's rank statistics over the perturbed-weight samples."""

    candidate: str
    base_rank: int
    p_top_k: float
    min_rank: int
    max_rank: int
    median_rank: float
    robust: bool


@dataclass(frozen=True)
class SensitivityResult:
    """The run's parameters and every candidate's statistics, in base-rank order."""

    samples: int
    perturbation: float
    top_k: int
    confidence: float
    seed: int | None
    candidates: tuple[CandidateSensitivity, ...]


def perturb_weights(
    weights: Sequence[float] | np.ndarray,
    *,
    samples: int,
    perturbation: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """A samples × criteria array of weights scaled by uniform(1 − p, 1 + p), rows summing to 1."""
    w = np.asarray(weights, dtype=float)
    factors = rng.uniform(1.0 - perturbation, 1.0 + perturbation, size=(samples, w.size))
    perturbed = w * factors
    return perturbed / perturbed.sum(axis=1, keepdims=True)


def _validate(
    means: np.ndarray,
    w: np.ndarray,
    n: int,
    top_k: int,
    samples: int,
    perturbation: float,
    confidence: float,
) -> None:
    if means.ndim != 2 or means.shape != (n, w.size):
        raise InvalidInput(f"scores must be a {n} × {w.size} candidate × criterion array")
    if not np.all(np.isfinite(means)) or not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InvalidInput("scores and weights must be finite; weights non-negative")
    if w.sum() <= 0:
        raise InvalidInput("at least one weight must be greater than zero")
    if top_k < 1 or samples < 1:
        raise InvalidInput("top_k and samples must be at least 1")
    if not 0.0 <= perturbation < 1.0 or not 0.0 < confidence <= 1.0:
        raise InvalidInput("perturbation must be in [0, 1) and confidence in (0, 1]")


def weight_sensitivity(
    candidates: Sequence[str],
    means: np.ndarray,
    weights: Sequence[float] | np.ndarray,
    *,
    top_k: int = 10,
    perturbation: float = 0.10,
    samples: int = 1000,
    seed: int | np.random.Generator | None = None,
    confidence: float = 0.95,
    decimals: int = TIE_DECIMALS,
) -> SensitivityResult:
    """Rank stability of each candidate under random ±perturbation of the criterion weights."""
    w = np.asarray(weights, dtype=float)
    scores = np.asarray(means, dtype=float)
    if not len(candidates) and not scores.size:
        scores = np.zeros((0, w.size))
    _validate(scores, w, len(candidates), top_k, samples, perturbation, confidence)
    w = w / w.sum()
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    sampled = perturb_weights(w, samples=samples, perturbation=perturbation, rng=rng)
    ranks = competition_ranks(scores @ sampled.T, decimals)  # candidates × samples
    base = competition_ranks(scores @ w, decimals)
    p_top = (ranks <= top_k).mean(axis=1)
    low, high = ranks.min(axis=1), ranks.max(axis=1)
    median = np.median(ranks, axis=1)
    robust = (p_top >= confidence) | (low == high)
    order = np.lexsort((np.arange(len(candidates)), base)).tolist()
    rows = tuple(
        CandidateSensitivity(
            candidate=candidates[i],
            base_rank=int(base[i]),
            p_top_k=float(p_top[i]),
            min_rank=int(low[i]),
            max_rank=int(high[i]),
            median_rank=float(median[i]),
            robust=bool(robust[i]),
        )
        for i in order
    )
    return SensitivityResult(
        samples=samples,
        perturbation=perturbation,
        top_k=top_k,
        confidence=confidence,
        seed=seed if isinstance(seed, int) else None,
        candidates=rows,
    )


def table_sensitivity(
    table: ScoreTable,
    *,
    top_k: int = 10,
    perturbation: float = 0.10,
    samples: int = 1000,
    seed: int | np.random.Generator | None = None,
    confidence: float = 0.95,
) -> SensitivityResult:
    """weight_sensitivity over a workshop's score table and its normalised weights."""
    return weight_sensitivity(
        table.candidates,
        table.means,
        table.weights,
        top_k=top_k,
        perturbation=perturbation,
        samples=samples,
        seed=seed,
        confidence=confidence,
    )
