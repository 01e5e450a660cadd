"""How often each candidate stays in the selected portfolio when the weights wobble.

Each sample scales every criterion weight by an independent uniform(1 − p, 1 + p) factor and
renormalises (as ``sensitivity.perturb_weights``), so each candidate's value becomes its
weighted score under those weights. Then, per sample, one of two rules counts a candidate in:

- ``resolved``: the selection is solved again within the same budgets and rules with the new
  values, and the candidate is in if that selection includes it. Used when the run is small
  enough (candidates × samples at most ``RESOLVE_CELLS``).
- ``top_k``: otherwise, the candidate is in if it ranks among the top k by value, with k the
  number of candidates in the selection under the unperturbed weights (so a workshop of five
  candidates whose budget buys three is judged against three places, not against five).

A candidate is ``stable`` when it is in (or out) in at least ``confidence`` of the samples.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from cpmo.errors import InvalidInput
from cpmo.prioritisation.scoring import TIE_DECIMALS, competition_ranks
from cpmo.prioritisation.selection import solve
from cpmo.prioritisation.selection_input import SelectionProblem
from cpmo.prioritisation.sensitivity import perturb_weights

RESOLVE_CELLS = 2_000  # candidates × samples re-solved (measured: ~15 ms a solve for 10)
RESOLVED, TOP_K = "resolved", "top_k"


@dataclass(frozen=True)
class CandidateStability:
    """One candidate: in the base selection or not, and the share of samples it is in."""

    candidate: str
    selected: bool
    p_selected: float
    stable: bool


@dataclass(frozen=True)
class SelectionStability:
    """The run's rule and parameters, and each candidate's share, in the problem's order."""

    method: str  # "resolved" or "top_k"
    k: int  # the size of the unperturbed selection
    samples: int
    perturbation: float
    confidence: float
    seed: int | None
    candidates: tuple[CandidateStability, ...]


def choose_method(n_candidates: int, samples: int, limit: int = RESOLVE_CELLS) -> str:
    """Re-solve every sample when the run is small enough; otherwise count the top k."""
    return RESOLVED if n_candidates * samples <= limit else TOP_K


def in_top_k(values: np.ndarray, k: int, decimals: int = TIE_DECIMALS) -> np.ndarray:
    """candidates × samples booleans: ranked (competition ranking) within the top k by value."""
    if k <= 0 or values.size == 0:
        return np.zeros(values.shape, dtype=bool)
    return competition_ranks(values, decimals) <= k


def selection_stability(
    problem: SelectionProblem,
    means: np.ndarray,
    weights: Sequence[float] | np.ndarray,
    base_selected: Sequence[int],
    *,
    perturbation: float = 0.10,
    samples: int = 200,
    seed: int | None = None,
    confidence: float = 0.95,
    method: str | None = None,
    time_limit: float | None = 1.0,
) -> SelectionStability:
    """Share of perturbed-weight samples in which each candidate is in the selection.

    ``means`` is candidates × criteria (in ``problem.keys`` order), ``weights`` the criterion
    weights, ``base_selected`` the indices of the selection under the unperturbed weights.
    """
    scores = np.asarray(means, dtype=float).reshape(len(problem.keys), -1)
    w = np.asarray(weights, dtype=float)
    if samples < 1 or not 0.0 <= perturbation < 1.0 or not 0.0 < confidence <= 1.0:
        raise InvalidInput("samples ≥ 1, perturbation in [0, 1) and confidence in (0, 1]")
    if w.size != scores.shape[1] or w.sum() <= 0 or np.any(w < 0):
        raise InvalidInput("one non-negative weight per criterion, at least one above zero")
    n, k = len(problem.keys), len(base_selected)
    rule = method or choose_method(n, samples)
    rng = np.random.default_rng(seed)
    sampled = perturb_weights(w / w.sum(), samples=samples, perturbation=perturbation, rng=rng)
    values = scores @ sampled.T  # candidates × samples
    inside = np.zeros((n, samples), dtype=bool)
    if rule == TOP_K:
        inside = in_top_k(values, k)
    else:
        for s in range(samples):
            _, chosen, _ = solve(replace(problem, values=values[:, s]), time_limit=time_limit)
            inside[chosen, s] = True
    share = inside.mean(axis=1) if samples else np.zeros(n)
    base = set(base_selected)
    rows = tuple(
        CandidateStability(
            candidate=problem.keys[i],
            selected=i in base,
            p_selected=float(share[i]),
            stable=bool(share[i] >= confidence or share[i] <= 1 - confidence),
        )
        for i in range(n)
    )
    return SelectionStability(rule, k, samples, perturbation, confidence, seed, rows)
