"""Report snapshots: a portfolio's status stored at a date, for "change since last report"."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow


class ReportSnapshot(SQLModel, table=True):
    """The summary of one oversight report: each programme's RAG, stage and cost, and totals."""

    __tablename__ = "report_snapshot"
    __table_args__ = (UniqueConstraint("portfolio_id", "as_of"),)

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", index=True)
    as_of: date
    label: str | None = Field(default=None, max_length=200)
    taken_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    taken_by: str = Field(max_length=80)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
