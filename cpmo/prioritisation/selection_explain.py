"""Explain why no selection is feasible, checking the simple causes first."""

from cpmo.errors import Infeasible
from cpmo.money import money
from cpmo.prioritisation.selection_input import SelectionProblem


def _needed_by(problem: SelectionProblem, target: int) -> list[str]:
    """The mandatory candidates whose requirements (transitively) include target."""
    return sorted(problem.keys[m] for m in problem.mandatory if target in problem.closure([m]))


def refuse_simple_causes(problem: SelectionProblem) -> None:
    """Raise Infeasible when the mandatory candidates and what they require cannot fit the rules.

    If none of these causes applies, selecting exactly the mandatory candidates and their
    requirements is itself feasible, so the problem has a solution.
    """
    forced = problem.closure(problem.mandatory)
    key = problem.keys
    blocked = forced & problem.forbidden
    if blocked:
        f = min(blocked, key=lambda i: key[i])
        needers = _needed_by(problem, f)
        raise Infeasible(
            f"mandatory candidate {needers[0]!r} requires {key[f]!r}, which is forbidden",
            reason="mandatory_requires_forbidden",
            candidates=[*needers, key[f]],
        )
    for a, b in problem.excludes:
        if a in forced and b in forced:
            if a in problem.mandatory and b in problem.mandatory:
                detail = f"mandatory candidates {key[a]!r} and {key[b]!r} exclude each other"
            else:
                needers = sorted({*_needed_by(problem, a), *_needed_by(problem, b)})
                detail = (
                    f"{key[a]!r} and {key[b]!r} exclude each other but are both needed "
                    f"by mandatory candidates ({', '.join(needers)})"
                )
            raise Infeasible(detail, reason="mandatory_excluded", candidates=[key[a], key[b]])
    spent = problem.cost_of(forced)
    for year, cost, budget in zip(problem.years, spent, problem.budgets, strict=True):
        if cost > budget:
            extra = forced - problem.mandatory
            including = " (including the candidates they require)" if extra else ""
            raise Infeasible(
                f"mandatory candidates{including} cost {money(cost)} in {year} "
                f"against a budget of {money(budget)}",
                reason="mandatory_over_budget",
                year=year,
                cost=cost,
                budget=budget,
                candidates=sorted(key[i] for i in forced),
            )
