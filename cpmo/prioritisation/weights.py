"""Criterion weights: direct weights and AHP pairwise comparison (Saaty's eigenvector method)."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from cpmo.errors import InvalidInput, RuleViolation
from cpmo.prioritisation.pairwise import RECIPROCAL_TOLERANCE, validate_pairwise

# Saaty's random consistency index for n = 1..15.
# fmt: off
RANDOM_INDEX = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)
# fmt: on
CR_THRESHOLD = 0.10


def normalise_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Scale non-negative direct weights so they sum to 1, keeping their order."""
    errors = {
        key: ["must be a finite number ≥ 0"]
        for key, w in weights.items()
        if not isinstance(w, Real) or isinstance(w, bool) or not math.isfinite(w) or w < 0
    }
    if errors:
        raise InvalidInput("weights must be finite and non-negative", errors=errors)
    total = math.fsum(weights.values())
    if total <= 0:
        raise RuleViolation("at least one weight must be greater than zero", weights=dict(weights))
    return {key: w / total for key, w in weights.items()}


@dataclass(frozen=True)
class AhpResult:
    """Priority weights and consistency figures derived from a pairwise comparison matrix."""

    keys: tuple[str, ...]
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    most_inconsistent: tuple[str, str] | None
    deviation: float

    def weights_by_key(self) -> dict[str, float]:
        """The weights keyed by criterion key."""
        return dict(zip(self.keys, self.weights, strict=True))


def analyse_pairwise(
    matrix: Sequence[Sequence[float]] | np.ndarray,
    keys: Sequence[str] | None = None,
    *,
    tolerance: float = RECIPROCAL_TOLERANCE,
) -> AhpResult:
    """Weights (principal eigenvector), λmax, CI, CR and the most inconsistent pair."""
    a = np.asarray(matrix, dtype=float)
    validate_pairwise(a, tolerance)
    n = a.shape[0]
    names = tuple(keys) if keys is not None else tuple(str(i) for i in range(n))
    if len(set(names)) != n:
        raise InvalidInput(f"a {n}×{n} matrix needs {n} distinct criterion keys")
    eigenvalues, eigenvectors = np.linalg.eig(a)
    principal = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, principal].real)
    w = vector / vector.sum()
    lambda_max = float(eigenvalues[principal].real)
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    cr = ci / RANDOM_INDEX[n - 1] if n > 2 else 0.0
    pair, deviation = _most_inconsistent(a, w)
    return AhpResult(
        keys=names,
        weights=tuple(float(x) for x in w),
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        most_inconsistent=(names[pair[0]], names[pair[1]]) if pair else None,
        deviation=deviation,
    )


def _most_inconsistent(a: np.ndarray, w: np.ndarray) -> tuple[tuple[int, int] | None, float]:
    """The upper-triangle pair maximising |log(a_ij · w_j / w_i)|; None when all agree."""
    n = a.shape[0]
    if n < 2:
        return None, 0.0
    iu = np.triu_indices(n, 1)
    errors = np.abs(np.log(a[iu] * w[iu[1]] / w[iu[0]]))
    k = int(np.argmax(errors))
    deviation = float(errors[k])
    if deviation <= 1e-9:
        return None, 0.0
    return (int(iu[0][k]), int(iu[1][k])), deviation


def ahp_weights(
    matrix: Sequence[Sequence[float]] | np.ndarray,
    keys: Sequence[str] | None = None,
    *,
    accept_inconsistent: bool = False,
    threshold: float = CR_THRESHOLD,
    tolerance: float = RECIPROCAL_TOLERANCE,
) -> AhpResult:
    """AHP weights, refusing a consistency ratio ≥ threshold unless accept_inconsistent."""
    result = analyse_pairwise(matrix, keys, tolerance=tolerance)
    if result.cr >= threshold and not accept_inconsistent:
        a, b = result.most_inconsistent or ("", "")
        w = result.weights_by_key()
        raise RuleViolation(
            f"pairwise judgements are inconsistent (CR {result.cr:.3f} ≥ {threshold:.2f}); "
            f"revisit the judgement of {a!r} against {b!r}",
            cr=result.cr,
            threshold=threshold,
            most_inconsistent=[a, b],
            suggested_judgement=w[a] / w[b] if a else None,
        )
    return result
