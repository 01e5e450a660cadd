"""Read models: programmes joined with the codes and names they refer to."""

from dataclasses import dataclass
from datetime import date

from cpmo.portfolios.models import GatePlan, Programme


@dataclass(frozen=True)
class NextGate:
    gate: str
    planned_date: date | None
    planned_text: str | None


@dataclass(frozen=True)
class ProgrammeView:
    """A programme as clients see it: references as codes, not ids."""

    programme: Programme
    portfolio: str
    parent: str | None
    department: str | None
    manager: str | None
    next_gate: NextGate | None

    def __getattr__(self, name: str) -> object:
        return getattr(self.programme, name)


def next_gate_of(stage_gate: str | None, plans: dict[str, GatePlan]) -> NextGate | None:
    """The next gate for a stage with its planned date, if a plan exists for it."""
    if stage_gate is None:
        return None
    plan = plans.get(stage_gate)
    return NextGate(
        gate=stage_gate,
        planned_date=plan.planned_date if plan else None,
        planned_text=plan.planned_text if plan else None,
    )
