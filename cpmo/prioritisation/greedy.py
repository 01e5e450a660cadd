"""Greedy selection by value for money, the baseline the optimal selection is compared with.

The rule: start from the mandatory candidates and everything they require. Then take the
other candidates (not forbidden, value > 0) in decreasing value for money — value divided by
total cost over all years, zero-cost candidates first, ties by higher value then key — and add
each one together with whatever it transitively requires (its "bundle") if the bundle has
nothing forbidden, breaks no exclusion with itself or what is already selected, and fits every
yearly budget. One pass; a candidate skipped is not reconsidered.
"""

import math
from dataclasses import dataclass

from cpmo.prioritisation.selection_input import SelectionProblem, Year


@dataclass(frozen=True)
class GreedyResult:
    """The greedy selection (sorted keys), its value and its exact cost per year."""

    selected: tuple[str, ...]
    total_value: float
    costs_by_year: dict[Year, int]


def _value_for_money(problem: SelectionProblem, i: int) -> float:
    total = sum(problem.costs[i])
    value = float(problem.values[i])
    return math.inf if total == 0 else value / total


def greedy_select(problem: SelectionProblem) -> GreedyResult:
    """Select greedily by value for money within budgets, requirements and exclusions."""
    chosen = problem.closure(problem.mandatory)
    spent = list(problem.cost_of(chosen))
    rivals: dict[int, set[int]] = {}
    for a, b in problem.excludes:
        rivals.setdefault(a, set()).add(b)
        rivals.setdefault(b, set()).add(a)
    order = sorted(
        (i for i in range(len(problem.keys)) if problem.values[i] > 0),
        key=lambda i: (-_value_for_money(problem, i), -problem.values[i], problem.keys[i]),
    )
    for i in order:
        if i in chosen or i in problem.forbidden:
            continue
        bundle = problem.closure([i]) - chosen
        if bundle & problem.forbidden:
            continue
        if any(rivals.get(j, set()) & (chosen | bundle) for j in bundle):
            continue
        extra = problem.cost_of(bundle)
        if all(s + e <= b for s, e, b in zip(spent, extra, problem.budgets, strict=True)):
            chosen |= bundle
            spent = [s + e for s, e in zip(spent, extra, strict=True)]
    return GreedyResult(
        selected=tuple(sorted(problem.keys[i] for i in chosen)),
        total_value=math.fsum(float(problem.values[i]) for i in chosen),
        costs_by_year=problem.budget_dict(spent),
    )
