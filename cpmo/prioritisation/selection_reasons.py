"""Why each candidate left out of a selection was left out, and what would bring it in.

For each candidate not selected, in this order:

- ``rule``: a rule keeps it out (it is forbidden, needs a forbidden candidate, or excludes, or
  is excluded by, a selected one, directly or through what it needs);
- ``no_value``: it adds no value;
- ``budget``: it cannot fit at all: it (with what it needs and the mandatory candidates) costs
  more than a year's budget — that year is named, with how far over;
- ``value_for_money``: it fits on its own, but adding it to the selection breaks a year's budget
  (named, with how far over), and making room loses more value than it adds. What it would need:
  its cost in that year lower by the amount over, or its value higher by ``value_needed`` (the
  best value without it minus the best value with it forced in: above that it is selected).

The ``marginal`` candidate is the one needing the smallest value increase.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cpmo.money import money
from cpmo.prioritisation.selection import solve
from cpmo.prioritisation.selection_input import SelectionProblem, Year

RULE, NO_VALUE, BUDGET, VALUE_FOR_MONEY = "rule", "no_value", "budget", "value_for_money"


@dataclass(frozen=True)
class Dropped:
    """One candidate left out: the kind of reason, the reason in words, what it would need."""

    candidate: str
    kind: str
    reason: str
    year: Year | None = None
    over_by: int | None = None  # pounds over that year's budget
    value_needed: float | None = None  # extra weighted score points to be selected
    needs: str | None = None  # what would bring it in, in words
    marginal: bool = False


def _over(problem: SelectionProblem, chosen: set[int], bundle: set[int]) -> list[tuple[Year, int]]:
    spent = problem.cost_of(chosen | bundle)
    return [
        (year, s - b)
        for year, s, b in zip(problem.years, spent, problem.budgets, strict=True)
        if s > b
    ]


def _rule(
    problem: SelectionProblem, i: int, chosen: set[int], name: Mapping[str, str]
) -> str | None:
    key = problem.keys
    if i in problem.forbidden:
        return "A rule keeps it out of every selection."
    bundle = problem.closure([i])
    blocked = sorted(bundle & problem.forbidden)
    if blocked:
        return f"It needs {name.get(key[blocked[0]], key[blocked[0]])}, which a rule keeps out."
    for a, b in problem.excludes:
        for mine, other in ((a, b), (b, a)):
            if mine in bundle and other in chosen:
                return (
                    f"A rule says it cannot be chosen with {name.get(key[other], key[other])}, "
                    "which is selected."
                )
    return None


def _years(over: list[tuple[Year, int]]) -> str:
    return " and ".join(f"the {year} budget by {money(amount)}" for year, amount in over)


def explain_dropped(
    problem: SelectionProblem,
    chosen: Sequence[int],
    *,
    names: Mapping[str, str] | None = None,
    time_limit: float | None = 1.0,
    max_solves: int = 40,
) -> list[Dropped]:
    """A reason for each candidate not in ``chosen`` (indices), in the problem's order.

    Finding the value a candidate would need takes one more solve with it forced in; at most
    ``max_solves`` are run (beyond that, value_needed is None)."""
    name = dict(names or {})
    picked = set(chosen)
    best = math.fsum(float(problem.values[i]) for i in picked)
    mandatory = problem.closure(problem.mandatory)
    rows: list[Dropped] = []
    solves = 0
    for i, key in enumerate(problem.keys):
        if i in picked:
            continue
        rule = _rule(problem, i, picked, name)
        if rule:
            rows.append(Dropped(key, RULE, rule))
            continue
        if float(problem.values[i]) <= 0:
            rows.append(Dropped(key, NO_VALUE, "It scores no points, so it adds no value."))
            continue
        bundle = problem.closure([i])
        alone = _over(problem, mandatory, bundle)
        if alone:
            year, amount = alone[0]
            rows.append(
                Dropped(
                    key,
                    BUDGET,
                    f"It does not fit: with what must be selected it breaks {_years(alone)}.",
                    year=year,
                    over_by=amount,
                    needs=f"Its cost in {year} would need to fall by {money(amount)}.",
                )
            )
            continue
        over = _over(problem, picked, bundle - picked)
        needed = None
        if solves < max_solves:
            solves += 1
            forced = replace(problem, mandatory=problem.mandatory | {i})
            _, with_it, _ = solve(forced, time_limit=time_limit)
            if with_it:
                needed = max(0.0, best - math.fsum(float(problem.values[j]) for j in with_it))
        year, amount = over[0] if over else (None, None)
        if over:
            reason = (
                f"Adding it would break {_years(over)}; making room loses more value "
                "than it adds (lower value for money)."
            )
        else:
            reason = "Lower value for money than the candidates selected."
        wants = []
        if year is not None:
            wants.append(f"its cost in {year} lower by {money(amount)}")
        if needed is not None:
            wants.append(f"its value higher by {needed:.1f} weighted score points")
        rows.append(
            Dropped(
                key,
                VALUE_FOR_MONEY,
                reason,
                year=year,
                over_by=amount,
                value_needed=needed,
                needs=("It would be selected with " + ", or ".join(wants) + ".") if wants else None,
            )
        )
    close = [r for r in rows if r.value_needed is not None]
    if close:
        nearest = min(close, key=lambda r: (r.value_needed, r.candidate))
        rows = [replace(r, marginal=True) if r is nearest else r for r in rows]
    return rows
