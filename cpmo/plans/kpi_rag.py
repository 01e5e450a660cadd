"""KPI RAG: an actual against its target, in the direction in which the indicator improves.

Green when the actual meets the target; amber when it misses by no more than the tolerance
(a fraction of the target, 5% unless the KPI sets its own); red beyond that. Where higher is
better, meeting means at or above the target; where lower is better, at or below it. Without
an actual, a target or a direction the KPI is unrated, with the reason.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from cpmo.plans.periods import Period

DIRECTIONS = ("higher", "lower")
DEFAULT_TOLERANCE = 0.05
T = TypeVar("T")


@dataclass(frozen=True)
class Rating:
    rag: str  # green, amber, red or unrated
    reason: str | None = None


def rate(
    *,
    actual: float | None,
    target: float | None,
    direction: str | None,
    tolerance: float | None = None,
) -> Rating:
    """The RAG of ``actual`` against ``target``."""
    if actual is None:
        return Rating("unrated", "no actual recorded")
    if target is None:
        return Rating("unrated", "no numeric target for the period")
    if direction not in DIRECTIONS:
        return Rating("unrated", "the KPI does not say whether higher or lower is better")
    band = abs(target) * (DEFAULT_TOLERANCE if tolerance is None else tolerance)
    shortfall = target - actual if direction == "higher" else actual - target
    if shortfall <= 0:
        return Rating("green")
    if shortfall <= band:
        return Rating("amber", f"within {band:g} of the target {target:g}")
    return Rating("red", f"misses the target {target:g} by more than {band:g}")


def target_for(period: Period, targets: Sequence[tuple[Period | None, T]]) -> T | None:
    """The target that applies to an actual for ``period``.

    The target for the same period; else the shortest target period containing it (a year's
    target rates its quarters); else the latest target whose period ended before it began (a
    standard carried forward); else a standing target (one with no period). None when no
    target applies.
    """
    dated = [(p, value) for p, value in targets if p is not None]
    for target_period, value in dated:
        if target_period.label == period.label:
            return value
    containing = [(p.end - p.start, i) for i, (p, _) in enumerate(dated) if p.contains(period)]
    if containing:
        return dated[min(containing)[1]][1]
    earlier = [(p.end, i) for i, (p, _) in enumerate(dated) if p.end < period.start]
    if earlier:
        return dated[max(earlier)[1]][1]
    return next((value for p, value in targets if p is None), None)
