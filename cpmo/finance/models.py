"""What was spent, what is forecast and what benefits arrived: the records behind budget vs
actual vs forecast and benefits realisation. Every write is audited by the finance service."""

from datetime import date, datetime

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow
from cpmo.provenance import Provenance


class ProgrammeSpend(SQLModel, table=True):
    """Actual spend of a programme in one month (a second record for the month corrects it)."""

    __tablename__ = "programme_spend"
    __table_args__ = (UniqueConstraint("programme_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    month: date = Field(description="the first day of the month the spend belongs to")
    amount_gbp: int = Field(sa_type=BigInteger)
    note: str | None = None
    recorded_by: str = Field(max_length=80)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProgrammeForecast(SQLModel, table=True):
    """A programme's forecast for one financial year, with the reason it was set."""

    __tablename__ = "programme_forecast"
    __table_args__ = (UniqueConstraint("programme_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    year: int = Field(description="financial year, named by the calendar year it starts in")
    amount_gbp: int = Field(sa_type=BigInteger)
    rationale: str
    set_by: str = Field(max_length=80)
    set_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BenefitYear(SQLModel, table=True):
    """A benefit's plan and what was realised in one financial year."""

    __tablename__ = "benefit_year"
    __table_args__ = (UniqueConstraint("benefit_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    benefit_id: int = Field(foreign_key="benefit.id", index=True)
    year: int
    planned_gbp: int | None = Field(default=None, sa_type=BigInteger)
    actual_gbp: int | None = Field(default=None, sa_type=BigInteger)
    updated_by: str = Field(max_length=80)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BudgetLine(Provenance, table=True):
    """A department's budget figure for one year, as its business plan states it.

    ``statement`` names the table it comes from (e.g. net revenue expenditure by service
    area); amounts are signed pounds (income and savings negative, as the documents show them).
    """

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("code", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=80, index=True)
    department_id: int = Field(foreign_key="department.id", index=True)
    statement: str = Field(max_length=80)
    label: str = Field(max_length=300)
    sequence: int = Field(default=0, description="order within its statement")
    year: int
    amount_gbp: int = Field(sa_type=BigInteger)
