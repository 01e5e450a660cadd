"""Optimal selection under yearly budgets: stateless, or bound to a workshop's ranking.

Request paths cap the solver's time (REQUEST_TIME_LIMIT): a hard instance answers with status
"time_limit" and the remaining gap instead of holding the request open for minutes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlmodel import Session

from cpmo.errors import RuleViolation
from cpmo.prioritisation import (
    Candidate,
    FrontierPoint,
    SelectionResult,
    efficient_frontier,
    select_portfolio,
)
from cpmo.prioritisation.frontier import DEFAULT_FACTORS
from cpmo.prioritisation.selection import solve_problem
from cpmo.prioritisation.selection_input import SelectionProblem, prepare_selection
from cpmo.prioritisation.selection_reasons import Dropped, explain_dropped
from cpmo.prioritisation.selection_sensitivity import SelectionStability, selection_stability
from cpmo.users.models import User
from cpmo.workshops.access import require_results
from cpmo.workshops.candidates import list_candidates
from cpmo.workshops.models import Workshop
from cpmo.workshops.results import workshop_ranking
from cpmo.workshops.scoring_service import score_table
from cpmo.workshops.service import RULE_NAMES, get_or_raise

REQUEST_TIME_LIMIT = 20.0  # seconds, for one solve in a request
MIN_POINT_TIME_LIMIT = 0.5  # so a frontier of 50 levels stays under half a minute


@dataclass(frozen=True)
class Problem:
    """A selection problem as plain values: candidates, budgets and the four rule lists."""

    candidates: list[Candidate]
    budgets: dict[str, int]
    rules: dict[str, list[Any]]


def _rules(rules: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: list(rules.get(name) or []) for name in RULE_NAMES}


def solve(problem: Problem, *, time_limit: float | None = None) -> SelectionResult:
    """The value-maximising selection, with greedy's for comparison (422 when infeasible)."""
    limit = min(time_limit or REQUEST_TIME_LIMIT, REQUEST_TIME_LIMIT)
    return select_portfolio(
        problem.candidates, problem.budgets, time_limit=limit, **_rules(problem.rules)
    )


def frontier(problem: Problem, *, factors: Sequence[float] | None = None) -> list[FrontierPoint]:
    """The best value as every yearly budget is scaled by each factor."""
    levels = list(factors) if factors else list(DEFAULT_FACTORS)
    limit = max(MIN_POINT_TIME_LIMIT, REQUEST_TIME_LIMIT / len(levels))
    return efficient_frontier(
        problem.candidates,
        problem.budgets,
        factors=levels,
        time_limit=limit,
        **_rules(problem.rules),
    )


def workshop_problem(
    session: Session,
    *,
    workshop: Workshop,
    budgets: Mapping[str, int] | None = None,
    rules: Mapping[str, Any] | None = None,
) -> tuple[Problem, dict[str, float]]:
    """The workshop's candidates valued by their ranking totals, with its budgets and rules
    (or the ones given); also each candidate's value."""
    chosen_budgets = dict(budgets if budgets is not None else workshop.budgets)
    if not chosen_budgets:
        raise RuleViolation(
            f"Workshop {workshop.code!r} has no budgets: set them (PATCH the workshop) first."
        )
    totals = {r.candidate: r.total for r in workshop_ranking(session, workshop=workshop).candidates}
    listed = [c for c, _ in list_candidates(session, workshop=workshop)]
    unbudgeted = [
        f"{c.name} costs money in {year}"
        for c in listed
        for year in sorted(c.costs)
        if year not in chosen_budgets and c.costs[year]
    ]
    if unbudgeted:
        years = sorted({y for c in listed for y in c.costs if y not in chosen_budgets})
        raise RuleViolation(
            "The selection cannot be worked out: "
            + "; ".join(unbudgeted)
            + f", and the workshop has no budget for {', '.join(map(str, years))}. Add a "
            "budget for that year, or change the candidates' costs.",
            errors={"budgets": [f"no budget for {', '.join(map(str, years))}"]},
        )
    candidates = [
        Candidate(
            key=c.key,
            value=totals[c.key],
            costs={y: v for y, v in c.costs.items() if y in chosen_budgets},
        )
        for c in listed
    ]
    merged = {**_rules(workshop.rules), **{k: v for k, v in (rules or {}).items() if v is not None}}
    return Problem(candidates, chosen_budgets, _rules(merged)), totals


def workshop_selection(session: Session, *, actor: User, code: str) -> SelectionResult:
    """The best selection of the workshop's candidates within its budgets and rules."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    problem, _ = workshop_problem(session, workshop=workshop)
    return solve(problem)


def workshop_frontier(
    session: Session, *, actor: User, code: str, factors: Sequence[float] | None = None
) -> list[FrontierPoint]:
    """The workshop's efficient frontier over scaled budgets."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    problem, _ = workshop_problem(session, workshop=workshop)
    return frontier(problem, factors=factors)


SELECTION_SAMPLES = 100  # perturbed-weight samples for the selection's stability


def selection_sensitivity(
    session: Session,
    *,
    actor: User,
    code: str,
    perturbation: float = 0.10,
    samples: int = SELECTION_SAMPLES,
    seed: int | None = None,
    confidence: float = 0.95,
) -> SelectionStability:
    """How often each candidate stays in the selected portfolio as the weights wobble
    (re-solved per sample when the run is small enough, else the top k; see the maths)."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    prepared, means, weights = _prepared(session, workshop)
    base = solve_problem(prepared, time_limit=REQUEST_TIME_LIMIT, compare_greedy=False)
    return selection_stability(
        prepared,
        means,
        weights,
        [prepared.keys.index(k) for k in base.selected],
        perturbation=perturbation,
        samples=samples,
        seed=seed,
        confidence=confidence,
    )


def _prepared(session: Session, workshop: Workshop) -> tuple[SelectionProblem, Any, Any]:
    """The workshop's validated selection problem in ranking order, its candidate × criterion
    mean scores in the same order, and the criterion weights."""
    table = score_table(session, workshop=workshop)
    problem, _ = workshop_problem(session, workshop=workshop)
    by_key = {c.key: c for c in problem.candidates}
    prepared = prepare_selection(
        [by_key[k] for k in table.candidates if k in by_key], problem.budgets, **problem.rules
    )
    means = np.nan_to_num(table.means)[[table.candidates.index(k) for k in prepared.keys]]
    return prepared, means, table.weights


def workshop_dropped(
    session: Session, *, actor: User, code: str, selected: Sequence[str]
) -> list[Dropped]:
    """Why each candidate not in ``selected`` (the workshop's selection) was left out, and
    what it would need to be selected."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    problem, _ = workshop_problem(session, workshop=workshop)
    prepared = prepare_selection(problem.candidates, problem.budgets, **problem.rules)
    names = {c.key: c.name for c, _ in list_candidates(session, workshop=workshop)}
    chosen = [prepared.keys.index(k) for k in selected if k in prepared.keys]
    return explain_dropped(prepared, chosen, names=names)
