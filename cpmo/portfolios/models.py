"""Portfolios, departments, programmes and the money and gate plans attached to them."""

from datetime import date, datetime

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field

from cpmo.db import UTCDateTime, utcnow
from cpmo.provenance import Provenance


class CodedRecord(Provenance):
    """The columns a record known by its code starts with: its id and its unique code."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=80, unique=True, index=True)


class Department(CodedRecord, table=True):
    name: str = Field(max_length=300)


class Portfolio(CodedRecord, table=True):
    name: str = Field(max_length=300)
    description: str | None = None
    organisation: str | None = Field(default=None, max_length=300)
    year_start_month: int = Field(
        default=1,
        sa_column_kwargs={"server_default": "1"},
        description="the month its financial year starts: 1 (January) for Jersey, 4 for the UK",
    )


class PortfolioFunnelStage(Provenance, table=True):
    """One step of a portfolio's consolidation story (577 proposals → 481 → 10)."""

    __tablename__ = "portfolio_funnel_stage"
    __table_args__ = (UniqueConstraint("portfolio_id", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True)
    sequence: int
    label: str = Field(max_length=300)
    project_count: int | None = None
    total_cost_gbp: int | None = Field(default=None, sa_type=BigInteger)
    period_text: str | None = Field(default=None, max_length=200)


class Programme(CodedRecord, table=True):
    """A governed initiative. ``stage`` changes only through lifecycle events.

    ``stage`` is None when the source of an imported record states none ("not stated"), and
    ``outside_gates`` says why gate events never apply to a programme (e.g. one imported from
    published data, whose lifecycle is governed elsewhere); None for the programmes cpmo governs.
    """

    name: str = Field(max_length=300)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    manager_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    group: str | None = Field(default=None, max_length=40)
    description: str | None = None
    senior_responsible_owner: str | None = Field(default=None, max_length=300)
    stage: str | None = Field(default="proposed", max_length=40, index=True)
    outside_gates: str | None = Field(default=None, max_length=300)
    version: int = Field(default=1)
    held_from_stage: str | None = Field(default=None, max_length=40)
    rag: str = Field(default="unrated", max_length=20, index=True)
    rag_reason: str | None = Field(default=None, max_length=500)
    whole_life_cost_gbp: int | None = Field(default=None, sa_type=BigInteger)
    planned_start: date | None = None
    planned_end: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GatePlan(Provenance, table=True):
    """When a programme plans to pass a gate."""

    __tablename__ = "gate_plan"
    __table_args__ = (UniqueConstraint("programme_id", "gate"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    gate: str = Field(max_length=40)
    planned_date: date | None = None
    planned_text: str | None = Field(default=None, max_length=100)


class FundingAllocation(Provenance, table=True):
    """A Common Strategic Policy revenue allocation line for one year."""

    __tablename__ = "funding_allocation"
    __table_args__ = (UniqueConstraint("reference", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=40, index=True)
    title: str = Field(max_length=300)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    year: int
    amount_gbp: int = Field(sa_type=BigInteger)
