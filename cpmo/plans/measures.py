"""What a plan measures and guards: KPIs with targets and actuals, risks, business-continuity
critical functions, framework elements, and the plan's other statements."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow
from cpmo.plans.models import PlanPart
from cpmo.provenance import Provenance


class PlanKpi(PlanPart, table=True):
    """A KPI or performance indicator, optionally the plan's view of a strategy KPI."""

    __tablename__ = "plan_kpi"

    code: str = Field(max_length=80, unique=True, index=True)
    sequence: int
    name: str = Field(max_length=500)
    kpi_id: int | None = Field(default=None, foreign_key="kpi.id")
    frequency: str | None = Field(default=None, max_length=40)
    unit: str | None = Field(default=None, max_length=40)
    direction: str | None = Field(default=None, max_length=10)
    amber_tolerance: float | None = None
    baseline: float | None = None
    baseline_text: str | None = Field(default=None, max_length=200)
    floor_standard: str | None = Field(default=None, max_length=200)
    benchmark: str | None = Field(default=None, max_length=200)
    description: str | None = None


class PlanKpiTarget(Provenance, table=True):
    """A target for a period, or (period None) a standing target for every period."""

    __tablename__ = "plan_kpi_target"
    __table_args__ = (UniqueConstraint("kpi_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int = Field(foreign_key="plan_kpi.id", index=True)
    period: str | None = Field(default=None, max_length=20)
    period_start: date | None = None
    period_end: date | None = None
    value: float | None = None
    text: str | None = Field(default=None, max_length=200)


class PlanKpiActual(Provenance, table=True):
    __tablename__ = "plan_kpi_actual"
    __table_args__ = (UniqueConstraint("kpi_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int = Field(foreign_key="plan_kpi.id", index=True)
    period: str = Field(max_length=20)
    period_start: date
    period_end: date
    value: float
    note: str | None = None
    recorded_by: str | None = Field(default=None, max_length=80)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PlanRisk(PlanPart, table=True):
    """A risk with cause, event and impact, scored likelihood × impact (1–5 each)."""

    __tablename__ = "plan_risk"

    code: str = Field(max_length=80, unique=True, index=True)
    sequence: int
    title: str
    cause: str | None = None
    event: str | None = None
    impact_description: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    tolerance: int | None = None
    owner: str | None = Field(default=None, max_length=300)
    mitigation: str | None = None
    updated_by: str | None = Field(default=None, max_length=80)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PlanRiskAssessment(SQLModel, table=True):
    """One change of a risk's likelihood, impact or tolerance: old and new, who, when, why
    (append-only; the risk's assessment history)."""

    __tablename__ = "plan_risk_assessment"

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = Field(foreign_key="plan_risk.id", index=True)
    old_likelihood: int | None = None
    old_impact: int | None = None
    old_score: int | None = None
    old_tolerance: int | None = None
    new_likelihood: int | None = None
    new_impact: int | None = None
    new_score: int | None = None
    new_tolerance: int | None = None
    rationale: str | None = None
    changed_by: str = Field(max_length=80)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    audit_sequence: int | None = None


class PlanContinuity(PlanPart, table=True):
    """A business-continuity critical function: recovery timescale and minimum service."""

    __tablename__ = "plan_continuity"
    __table_args__ = (UniqueConstraint("plan_id", "sequence"),)

    sequence: int
    function: str
    timescale: str | None = Field(default=None, max_length=300)
    minimum_service_level: str | None = None


class PlanElement(PlanPart, table=True):
    """An element of a framework the plan's actions link to (e.g. 'Culture and Behaviour')."""

    __tablename__ = "plan_element"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    code: str = Field(max_length=80)
    sequence: int
    name: str = Field(max_length=300)
    definition: str | None = None


class PlanActionElement(SQLModel, table=True):
    __tablename__ = "plan_action_element"

    action_id: int = Field(foreign_key="plan_action.id", primary_key=True)
    element_id: int = Field(foreign_key="plan_element.id", primary_key=True)


class PlanStatement(PlanPart, table=True):
    """Anything else the plan states: purpose, commitments, review cycles, decisions …"""

    __tablename__ = "plan_statement"
    __table_args__ = (UniqueConstraint("plan_id", "sequence"),)

    sequence: int
    kind: str = Field(max_length=40)
    heading: str | None = Field(default=None, max_length=300)
    number: str | None = Field(default=None, max_length=20)
    title: str | None = Field(default=None, max_length=500)
    text: str | None = None
    when_text: str | None = Field(default=None, max_length=300)
