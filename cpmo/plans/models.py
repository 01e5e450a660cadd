"""Business plan tables: plan → priorities → actions (and sub-actions) → milestones, links to
programmes and objectives, and the progress log. Natural keys are unique constraints."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow
from cpmo.provenance import Provenance


class BusinessPlan(Provenance, table=True):
    """A department's (or division's) plan for a period."""

    __tablename__ = "business_plan"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=80, unique=True, index=True)
    title: str = Field(max_length=500)
    organisation: str = Field(max_length=300)
    directorate: str | None = Field(default=None, max_length=300)
    unit: str | None = Field(default=None, max_length=300)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    period_text: str | None = Field(default=None, max_length=100)
    period_start: date | None = None
    period_end: date | None = None
    year_start_month: int = Field(default=1)
    responsible_officer: str | None = Field(default=None, max_length=300)
    description: str | None = None
    risk_tolerance: int | None = None
    escalation_route: str | None = Field(default=None, max_length=500)
    # the responsible officer's account, set by the CPMO (None: only the CPMO writes)
    owner_id: int | None = Field(default=None, foreign_key="app_user.id")


class PlanPart(Provenance):
    """The columns every part of a plan starts with: its id and the plan it belongs to."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="business_plan.id", index=True)


class PlanEditor(SQLModel, table=True):
    """An account the CPMO lets record the plan's progress, KPI actuals and risks."""

    __tablename__ = "plan_editor"
    __table_args__ = (UniqueConstraint("plan_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="business_plan.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    added_by: str = Field(max_length=80)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PlanPriority(PlanPart, table=True):
    """A priority, objective, development priority or work area: whatever the plan calls it."""

    __tablename__ = "plan_priority"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    number: str = Field(max_length=20)
    sequence: int
    title: str = Field(max_length=500)
    theme: str | None = Field(default=None, max_length=500)
    description: str | None = None
    outcome: str | None = None


class PlanAction(PlanPart, table=True):
    """An action ("5"), or a sub-action ("5.3") whose parent is the action."""

    __tablename__ = "plan_action"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    priority_id: int = Field(foreign_key="plan_priority.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="plan_action.id")
    number: str = Field(max_length=20)
    sequence: int
    title: str
    description: str | None = None
    category: str | None = Field(default=None, max_length=40)
    accountable_officer: str | None = Field(default=None, max_length=300)
    start_text: str | None = Field(default=None, max_length=300)
    start_date: date | None = None
    end_text: str | None = Field(default=None, max_length=300)
    end_date: date | None = None
    intended_outcome: str | None = None
    success_measures: str | None = None
    stated_status: str | None = Field(default=None, max_length=100)
    status: str = Field(default="not_started", max_length=20)
    percent_complete: int = Field(default=0)
    status_as_of: date | None = None


class PlanMilestone(PlanPart, table=True):
    """A key milestone, lettered within its priority, with the actions it covers."""

    __tablename__ = "plan_milestone"
    __table_args__ = (UniqueConstraint("priority_id", "letter"),)

    priority_id: int = Field(foreign_key="plan_priority.id", index=True)
    letter: str = Field(max_length=10)
    sequence: int
    title: str
    due_text: str | None = Field(default=None, max_length=300)
    due_date: date | None = None
    status: str = Field(default="not_started", max_length=20)
    percent_complete: int = Field(default=0)
    status_as_of: date | None = None


class PlanMilestoneAction(SQLModel, table=True):
    __tablename__ = "plan_milestone_action"

    milestone_id: int = Field(foreign_key="plan_milestone.id", primary_key=True)
    action_id: int = Field(foreign_key="plan_action.id", primary_key=True)


class PlanLink(PlanPart, table=True):
    """A priority or action serves a programme or a (graph) objective."""

    __tablename__ = "plan_link"
    __table_args__ = (
        CheckConstraint("(priority_id IS NULL) <> (action_id IS NULL)", name="one_owner"),
        CheckConstraint("(programme_id IS NULL) <> (objective_id IS NULL)", name="one_target"),
    )

    priority_id: int | None = Field(default=None, foreign_key="plan_priority.id")
    action_id: int | None = Field(default=None, foreign_key="plan_action.id")
    programme_id: int | None = Field(default=None, foreign_key="programme.id")
    objective_id: int | None = Field(default=None, foreign_key="objective.id")


class PlanProgress(SQLModel, table=True):
    """One dated progress note on an action or a milestone (append-only)."""

    __tablename__ = "plan_progress"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="business_plan.id", index=True)
    action_id: int | None = Field(default=None, foreign_key="plan_action.id", index=True)
    milestone_id: int | None = Field(default=None, foreign_key="plan_milestone.id", index=True)
    status: str = Field(max_length=20)
    percent_complete: int
    note: str
    as_of: date
    recorded_by: str = Field(max_length=80)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
