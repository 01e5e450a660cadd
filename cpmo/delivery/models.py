"""What the later gates check: lots and their suppliers, the benefits realisation plan."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow


class Lot(SQLModel, table=True):
    """A separately procured part of a programme, from its approved FBC's commercial case."""

    __table_args__ = (UniqueConstraint("programme_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    name: str = Field(max_length=200)
    description: str | None = None
    supplier: str | None = Field(default=None, max_length=300)
    contract_value_gbp: int | None = Field(default=None, sa_type=BigInteger)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BenefitsPlan(SQLModel, table=True):
    """A programme's benefits realisation plan: each benefit's owner, measure, baseline,
    target and date."""

    __tablename__ = "benefits_plan"

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", unique=True)
    benefits: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    updated_by_id: int = Field(foreign_key="app_user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
