"""Risk scoring and escalation: likelihood × impact on 1–5 scales, escalated above tolerance.

A risk is escalated when its score passes (is strictly greater than) the tolerance: the
risk's own, else its plan's, else 12 — so on a 5×5 matrix scores of 15 and above escalate.
The register lists the highest scores first; unscored risks come last.
"""

from collections.abc import Iterable
from typing import Protocol, TypeVar

DEFAULT_TOLERANCE = 12
SCALE = range(1, 6)


class Scored(Protocol):
    code: str
    likelihood: int | None
    impact: int | None


R = TypeVar("R", bound=Scored)


def score(likelihood: int | None, impact: int | None) -> int | None:
    """likelihood × impact, or None until both are assessed."""
    if likelihood is None or impact is None:
        return None
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError("likelihood and impact are rated 1 to 5")
    return likelihood * impact


def tolerance_of(risk_tolerance: int | None, plan_tolerance: int | None) -> int:
    """The tolerance that applies to a risk."""
    if risk_tolerance is not None:
        return risk_tolerance
    return DEFAULT_TOLERANCE if plan_tolerance is None else plan_tolerance


def escalates(risk_score: int | None, tolerance: int) -> bool:
    """True when the score passes the tolerance."""
    return risk_score is not None and risk_score > tolerance


def register_order(risks: Iterable[R]) -> list[R]:
    """Highest score first, then by code; unscored risks last."""

    def key(risk: R) -> tuple[bool, int, str]:
        value = score(risk.likelihood, risk.impact)
        return (value is None, -(value or 0), risk.code)

    return sorted(risks, key=key)
