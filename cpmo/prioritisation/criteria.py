"""Workshop inputs: criteria with weights and scales, and scorers' scores."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Literal

import numpy as np

from cpmo.errors import InvalidInput
from cpmo.prioritisation.weights import normalise_weights

Direction = Literal["higher_is_better", "lower_is_better"]
DIRECTIONS = ("higher_is_better", "lower_is_better")


@dataclass(frozen=True)
class Criterion:
    """A scoring criterion: its weight, its scale and which end of the scale is better."""

    key: str
    weight: float
    scale_min: float
    scale_max: float
    direction: Direction = "higher_is_better"


@dataclass(frozen=True)
class Score:
    """One scorer's score of one candidate against one criterion, on the criterion's scale."""

    scorer: str
    candidate: str
    criterion: str
    value: float


def validate_criteria(criteria: Sequence[Criterion]) -> np.ndarray:
    """Check keys, directions and scales; return the normalised weights in criterion order."""
    keys = [c.key for c in criteria]
    if not keys:
        raise InvalidInput("a workshop needs at least one criterion")
    if len(set(keys)) != len(keys):
        raise InvalidInput("criterion keys must be unique")
    errors: dict[str, list[str]] = {}
    for c in criteria:
        if c.direction not in DIRECTIONS:
            errors.setdefault(c.key, []).append(f"direction must be one of {DIRECTIONS}")
        bounds = (c.scale_min, c.scale_max)
        numeric = all(isinstance(b, Real) and not isinstance(b, bool) for b in bounds)
        if not numeric or not all(map(math.isfinite, bounds)) or c.scale_max <= c.scale_min:
            errors.setdefault(c.key, []).append("scale_max must be greater than scale_min")
    if errors:
        raise InvalidInput("invalid criteria", errors=errors)
    weights = normalise_weights({c.key: c.weight for c in criteria})
    return np.array([weights[k] for k in keys], dtype=float)
