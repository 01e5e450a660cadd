"""What programmes serve: priorities, objectives, benefits, KPIs; and how they are governed."""

from datetime import date

from sqlalchemy import BigInteger
from sqlmodel import Field

from cpmo.portfolios.models import CodedRecord


class CspPriority(CodedRecord, table=True):
    """A Common Strategic Policy priority (e.g. Modernising Government)."""

    __tablename__ = "csp_priority"

    name: str = Field(max_length=300)
    description: str | None = None


class OrganisationUnit(CodedRecord, table=True):
    """A directorate or function inside a department."""

    __tablename__ = "organisation_unit"

    name: str = Field(max_length=300)
    kind: str = Field(max_length=40)
    department_id: int = Field(foreign_key="department.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="organisation_unit.id")
    description: str | None = None


class Objective(CodedRecord, table=True):
    """A departmental objective."""

    department_id: int = Field(foreign_key="department.id", index=True)
    title: str = Field(max_length=500)
    description: str | None = None


class Benefit(CodedRecord, table=True):
    title: str = Field(max_length=500)
    description: str | None = None
    value_gbp: int | None = Field(default=None, sa_type=BigInteger)
    benefit_type: str | None = Field(default=None, max_length=40)
    per_year: bool = Field(default=False)
    period_text: str | None = Field(default=None, max_length=200)
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    part_of_id: int | None = Field(
        default=None,
        foreign_key="benefit.id",
        description="the benefit this one is contained in (totals count the container once)",
    )
    owner: str | None = Field(default=None, max_length=300, description="a role title")
    measure: str | None = None
    not_realised: str | None = Field(
        default=None, description="why it will not be realised (lets the programme close)"
    )


class Kpi(CodedRecord, table=True):
    name: str = Field(max_length=500)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    frequency: str | None = Field(default=None, max_length=40)
    description: str | None = None


class ReportingLine(CodedRecord, table=True):
    """Who reports to whom, how often, about what."""

    __tablename__ = "reporting_line"

    reporter: str = Field(max_length=300)
    reports_to: str = Field(max_length=300)
    frequency: str | None = Field(default=None, max_length=100)
    subject: str | None = None


class Milestone(CodedRecord, table=True):
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    title: str = Field(max_length=500)
    due_date: date | None = None
    due_text: str | None = Field(default=None, max_length=200)
    completed_on: date | None = None


class Risk(CodedRecord, table=True):
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    title: str = Field(max_length=500)
    description: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    owner: str | None = Field(default=None, max_length=300)
    mitigation: str | None = None
