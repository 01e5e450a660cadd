"""Selection scenarios: save one (budgets, rules, forced choices and its result) by name, and
list them. ``scenario_compare`` puts two to four side by side."""

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sqlmodel import Session, select

from cpmo.errors import DuplicateKey, RuleViolation
from cpmo.prioritisation.frontier import scale_budget
from cpmo.users.models import User
from cpmo.workshops.access import require_results
from cpmo.workshops.models import WorkshopScenario
from cpmo.workshops.selection_service import solve, workshop_problem
from cpmo.workshops.service import get_or_raise


def _scaled(budgets: Mapping[str, int], scale: Mapping[str, float]) -> dict[str, int]:
    unknown = sorted(set(scale) - set(budgets))
    if unknown:
        raise RuleViolation(
            f"No budget to scale for {', '.join(unknown)}.",
            errors={f"scale.{y}": ["no budget for this year"] for y in unknown},
        )
    return {y: scale_budget(b, scale[y]) if y in scale else b for y, b in budgets.items()}


def save(
    session: Session,
    *,
    actor: User,
    code: str,
    name: str,
    description: str | None = None,
    budgets: Mapping[str, int] | None = None,
    scale: Mapping[str, float] | None = None,
    rules: Mapping[str, Any] | None = None,
) -> WorkshopScenario:
    """Solve the workshop's selection with these budgets (scaled per year) and rules; save it."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    taken = select(WorkshopScenario.id).where(
        WorkshopScenario.workshop_id == workshop.id, WorkshopScenario.name == name
    )
    if session.exec(taken).first():
        raise DuplicateKey(f"Workshop {workshop.code!r} already has a scenario {name!r}.")
    base = dict(budgets if budgets is not None else workshop.budgets)
    problem, values = workshop_problem(
        session, workshop=workshop, budgets=_scaled(base, scale or {}), rules=rules
    )
    result = solve(problem)
    greedy = asdict(result.greedy) if result.greedy else None
    scenario = WorkshopScenario(
        workshop_id=workshop.id,
        name=name,
        description=description,
        budgets=problem.budgets,
        rules=problem.rules,
        result={
            "status": result.status,
            "selected": list(result.selected),
            "total_value": result.total_value,
            "costs_by_year": {str(y): c for y, c in result.costs_by_year.items()},
            "mip_gap": result.mip_gap,
            "values": {k: values[k] for k in result.selected},
            "greedy": greedy and {**greedy, "selected": list(greedy["selected"])},
        },
        created_by=actor.username,
    )
    session.add(scenario)
    session.flush()
    return scenario


def list_scenarios(session: Session, *, actor: User, code: str) -> list[WorkshopScenario]:
    """The workshop's saved scenarios, oldest first."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    query = select(WorkshopScenario).where(WorkshopScenario.workshop_id == workshop.id)
    return list(session.exec(query.order_by(WorkshopScenario.id)).all())
