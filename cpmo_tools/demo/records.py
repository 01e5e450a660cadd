"""The in-memory shapes of a programme's history: the duck-typed rows the workflow's own
record (:class:`cpmo.workflows.context.ProgrammeRecord`) reads, and the demo's cast."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cpmo.vocabulary import Role


@dataclass
class Case:
    """A business case version as the record sees it (duck-types ``BusinessCase``)."""

    kind: str
    number: int
    content: dict[str, Any]
    created_at: datetime
    status: str = "draft"
    submitted_at: datetime | None = None
    id: int | None = None  # written later; the planner's freeze names no row in memory
    revision: int = 1


@dataclass
class Entry:
    """A lifecycle event as the record sees it (duck-types ``AuditEntry``)."""

    sequence: int  # order within the programme until the chain numbers it
    event: str
    from_stage: str
    to_stage: str
    actor: str
    role: str
    created_at: datetime
    rationale: str | None
    business_case_version: int | None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class ConditionRow:
    gate: str
    text: str
    set_by: str
    set_at: datetime
    entry: Entry
    status: str = "open"
    discharged_by: str | None = None
    discharged_at: datetime | None = None
    discharge_note: str | None = None
    accepted_by: str | None = None
    accepted_at: datetime | None = None


@dataclass
class LotRow:
    name: str
    description: str | None
    updated_at: datetime
    supplier: str | None = None
    contract_value_gbp: int | None = None


@dataclass
class MilestoneRow:
    code: str
    title: str
    due_date: date | None
    source: str
    completed_on: date | None = None


@dataclass(frozen=True)
class Cast:
    """The demo users who act in every history, by role."""

    usernames: dict[str, str]

    def who(self, verb: str) -> tuple[str, str]:
        role = {"submit": Role.PROGRAMME_MANAGER, "endorse": Role.OVERSIGHT}.get(verb, Role.CPMO)
        return self.usernames[role], role.value
