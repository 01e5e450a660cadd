"""Pairwise comparison matrices for AHP: construction from judgements and validation."""

import math
from collections.abc import Mapping, Sequence
from numbers import Real

import numpy as np

from cpmo.errors import InvalidInput

MAX_CRITERIA = 15  # the extent of Saaty's random index table
RECIPROCAL_TOLERANCE = 0.01


def _positive(value: object) -> bool:
    return (
        isinstance(value, Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def pairwise_matrix(upper: Sequence[float]) -> np.ndarray:
    """Build a reciprocal matrix from row-wise upper-triangle judgements a12, a13, …, a(n-1)n."""
    m = len(upper)
    n = round((1 + math.sqrt(1 + 8 * m)) / 2)
    if n * (n - 1) // 2 != m:
        raise InvalidInput(f"{m} judgements is not an upper triangle n(n-1)/2 for any n")
    if not all(_positive(v) for v in upper):
        raise InvalidInput("pairwise judgements must be positive finite numbers")
    values = np.asarray(upper, dtype=float)
    a = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    a[iu] = values
    a[(iu[1], iu[0])] = 1.0 / values
    return a


def matrix_from_judgements(
    keys: Sequence[str], judgements: Mapping[tuple[str, str], float]
) -> np.ndarray:
    """Build a reciprocal matrix from {(a, b): how many times more a matters than b}."""
    index = {key: i for i, key in enumerate(keys)}
    if len(index) != len(keys):
        raise InvalidInput("criterion keys must be unique")
    upper: dict[tuple[int, int], float] = {}
    for (a, b), value in judgements.items():
        if a not in index or b not in index or a == b:
            raise InvalidInput(f"judgement ({a!r}, {b!r}) does not name two distinct criteria")
        if not _positive(value):
            raise InvalidInput(f"judgement ({a!r}, {b!r}) must be a positive finite number")
        i, j = index[a], index[b]
        upper[(i, j) if i < j else (j, i)] = value if i < j else 1.0 / value
    n = len(keys)
    missing = [[keys[i], keys[j]] for i in range(n) for j in range(i + 1, n) if (i, j) not in upper]
    if missing:
        raise InvalidInput("every pair of criteria needs a judgement", missing=missing)
    return pairwise_matrix([upper[(i, j)] for i in range(n) for j in range(i + 1, n)])


def validate_pairwise(a: np.ndarray, tolerance: float = RECIPROCAL_TOLERANCE) -> None:
    """Refuse a matrix that is not square, positive, unit-diagonal and reciprocal (±tolerance)."""
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InvalidInput("a pairwise comparison matrix must be square and non-empty")
    if a.shape[0] > MAX_CRITERIA:
        raise InvalidInput(f"AHP supports at most {MAX_CRITERIA} criteria")
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise InvalidInput("pairwise judgements must be positive finite numbers")
    if np.any(np.abs(np.diag(a) - 1.0) > tolerance):
        raise InvalidInput("the diagonal of a pairwise comparison matrix must be 1")
    bad = np.argwhere(np.abs(a * a.T - 1.0) > tolerance)
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise InvalidInput(f"a[{i}][{j}] and a[{j}][{i}] are not reciprocal", pair=[i, j])
