"""Optimal selection under yearly budgets: a 0/1 MILP solved by HiGHS (scipy.optimize.milp)."""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from cpmo.errors import Infeasible, RuleViolation
from cpmo.prioritisation.greedy import GreedyResult, greedy_select
from cpmo.prioritisation.quiet import solver_stdout_to_stderr
from cpmo.prioritisation.selection_explain import refuse_simple_causes
from cpmo.prioritisation.selection_input import Candidate, SelectionProblem, Year, prepare_selection

MAX_REPAIRS = 5


@dataclass(frozen=True)
class SelectionResult:
    """The best selection: status, sorted keys, value, exact yearly costs, greedy comparison.

    status is "optimal" when proven optimal to within mip_rel_gap (default 0: exactly), or
    "time_limit" when the time limit stopped the search: the best selection found, mip_gap apart.
    """

    status: str
    selected: tuple[str, ...]
    total_value: float
    costs_by_year: dict[Year, int]
    budgets: dict[Year, int]
    mip_gap: float | None
    greedy: GreedyResult | None


def _rows(problem: SelectionProblem, cuts: list[list[int]]) -> list[LinearConstraint]:
    n = len(problem.keys)
    rows: list[np.ndarray] = []
    upper: list[float] = []
    if problem.years:  # each budget row divided by its budget: HiGHS proves optimality faster
        scale = np.maximum(np.array(problem.budgets, dtype=float), 1.0)
        rows.append(np.array(problem.costs, dtype=float).T / scale[:, None])
        upper.extend(np.array(problem.budgets, dtype=float) / scale)
    for pairs, coefficient, bound in ((problem.requires, -1.0, 0.0), (problem.excludes, 1.0, 1.0)):
        if pairs:
            block = np.zeros((len(pairs), n))
            index = np.arange(len(pairs))
            block[index, [a for a, _ in pairs]] = 1.0
            block[index, [b for _, b in pairs]] = coefficient
            rows.append(block)
            upper.extend([bound] * len(pairs))
    for chosen in cuts:  # "not exactly this selection": Σ_chosen x − Σ_others x ≤ |chosen| − 1
        row = -np.ones((1, n))
        row[0, chosen] = 1.0
        rows.append(row)
        upper.append(len(chosen) - 1.0)
    if not rows:
        return []
    return [LinearConstraint(np.vstack(rows), -np.inf, np.array(upper))]


def solve(
    problem: SelectionProblem, *, time_limit: float | None = None, mip_rel_gap: float = 0.0
) -> tuple[str, list[int], float | None]:
    """Solve the MILP; return status, chosen indices and MIP gap. Assumes a feasible problem.

    HiGHS works to tolerances, so each answer is checked against the budgets in exact integer
    pounds; an answer that overspends by a rounding margin is cut off and the model re-solved.
    """
    n = len(problem.keys)
    if n == 0:
        return "optimal", [], 0.0
    lower = np.zeros(n)
    upper = np.ones(n)
    lower[list(problem.mandatory)] = 1.0
    upper[list(problem.forbidden)] = 0.0
    options: dict[str, object] = {"disp": False, "mip_rel_gap": mip_rel_gap}
    if time_limit is not None:
        options["time_limit"] = time_limit
    cuts: list[list[int]] = []
    for _ in range(MAX_REPAIRS):
        with solver_stdout_to_stderr():
            res = milp(
                -problem.values,
                integrality=np.ones(n),
                bounds=Bounds(lower, upper),
                constraints=_rows(problem, cuts),
                options=options,
            )
        if res.x is None:
            status = "infeasible" if res.status == 2 else "no_solution"
            return status, [], None
        chosen = [i for i in range(n) if res.x[i] > 0.5]
        spent = problem.cost_of(chosen)
        if all(s <= b for s, b in zip(spent, problem.budgets, strict=True)):
            gap = getattr(res, "mip_gap", None)
            return ("optimal" if res.status == 0 else "time_limit"), chosen, gap
        cuts.append(chosen)
    return "no_solution", [], None


def select_portfolio(
    candidates: Sequence[Candidate],
    budgets: Mapping[Year, int],
    *,
    requires: Iterable[Sequence[str]] = (),
    excludes: Iterable[Sequence[str]] = (),
    mandatory: Iterable[str] = (),
    forbidden: Iterable[str] = (),
    time_limit: float | None = None,
    mip_rel_gap: float = 0.0,
    compare_greedy: bool = True,
) -> SelectionResult:
    """The value-maximising selection within every yearly budget and rule, plus greedy's."""
    rules = dict(requires=requires, excludes=excludes, mandatory=mandatory, forbidden=forbidden)
    problem = prepare_selection(candidates, budgets, **rules)
    return solve_problem(
        problem, time_limit=time_limit, mip_rel_gap=mip_rel_gap, compare_greedy=compare_greedy
    )


def solve_problem(
    problem: SelectionProblem,
    *,
    time_limit: float | None = None,
    mip_rel_gap: float = 0.0,
    compare_greedy: bool = True,
) -> SelectionResult:
    """select_portfolio for an already validated problem."""
    refuse_simple_causes(problem)
    status, chosen, gap = solve(problem, time_limit=time_limit, mip_rel_gap=mip_rel_gap)
    if status == "infeasible":
        raise Infeasible(
            "no selection satisfies every budget, requirement and exclusion together",
            reason="no_feasible_selection",
        )
    if status == "no_solution":
        raise RuleViolation("the solver found no selection within its limits", reason="limit")
    return SelectionResult(
        status=status,
        selected=tuple(sorted(problem.keys[i] for i in chosen)),
        total_value=math.fsum(float(problem.values[i]) for i in chosen),
        costs_by_year=problem.budget_dict(problem.cost_of(chosen)),
        budgets=problem.budget_dict(problem.budgets),
        mip_gap=None if gap is None else float(gap),
        greedy=greedy_select(problem) if compare_greedy else None,
    )
