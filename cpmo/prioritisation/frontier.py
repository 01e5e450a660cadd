"""Efficient frontier: the best achievable value as every yearly budget is scaled together."""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from numbers import Real

from cpmo.errors import Infeasible, InvalidInput, RuleViolation
from cpmo.prioritisation.selection import solve_problem
from cpmo.prioritisation.selection_input import Candidate, Year, prepare_selection

DEFAULT_FACTORS = tuple(round(0.1 * i, 1) for i in range(1, 16))  # 10% … 150%


@dataclass(frozen=True)
class FrontierPoint:
    """The best selection at one budget level, or why there is none.

    status is "optimal", "time_limit" (best found, not proven), "infeasible", or "no_solution"
    (the time limit ran out before any selection was found); reason explains the last two.
    """

    factor: float
    budgets: dict[Year, int]
    status: str
    total_value: float | None
    selected: tuple[str, ...]
    costs_by_year: dict[Year, int] | None
    reason: str | None = None


def scale_budget(amount: int, factor: float) -> int:
    """amount × factor rounded down to whole pounds, reading the factor as written (0.3 is 3/10)."""
    return math.floor(amount * Fraction(repr(float(factor))))


def efficient_frontier(
    candidates: Sequence[Candidate],
    budgets: Mapping[Year, int],
    *,
    factors: Iterable[float] = DEFAULT_FACTORS,
    requires: Iterable[Sequence[str]] = (),
    excludes: Iterable[Sequence[str]] = (),
    mandatory: Iterable[str] = (),
    forbidden: Iterable[str] = (),
    time_limit: float | None = None,
) -> list[FrontierPoint]:
    """Best value and selection at each budget scale factor; infeasible levels are points too."""
    levels = list(factors)
    bad = [f for f in levels if not isinstance(f, Real) or not math.isfinite(f) or f < 0]
    if bad or not levels:
        raise InvalidInput("factors must be a non-empty list of finite numbers ≥ 0")
    try:
        base = prepare_selection(
            candidates,
            budgets,
            requires=list(requires),
            excludes=list(excludes),
            mandatory=list(mandatory),
            forbidden=list(forbidden),
        )
    except Infeasible as refusal:
        return [
            _infeasible(f, {y: scale_budget(b, f) for y, b in budgets.items()}, refusal)
            for f in levels
        ]
    points = []
    for factor in levels:
        scaled = tuple(scale_budget(b, factor) for b in base.budgets)
        problem = replace(base, budgets=scaled)
        try:
            result = solve_problem(problem, time_limit=time_limit, compare_greedy=False)
        except RuleViolation as refusal:  # Infeasible, or the time limit ran out empty-handed
            points.append(_infeasible(factor, problem.budget_dict(scaled), refusal))
            continue
        points.append(
            FrontierPoint(
                factor=float(factor),
                budgets=result.budgets,
                status=result.status,
                total_value=result.total_value,
                selected=result.selected,
                costs_by_year=result.costs_by_year,
            )
        )
    return points


def _infeasible(factor: float, budgets: dict[Year, int], refusal: RuleViolation) -> FrontierPoint:
    return FrontierPoint(
        factor=float(factor),
        budgets=budgets,
        status="infeasible" if isinstance(refusal, Infeasible) else "no_solution",
        total_value=None,
        selected=(),
        costs_by_year=None,
        reason=refusal.detail,
    )
