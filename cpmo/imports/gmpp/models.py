"""What a GMPP import keeps beside the portfolio and programmes it creates.

A year's file becomes a portfolio (``gmpp_import`` records the file it came from) and each
project a programme; ``gmpp_record`` keeps what the programme table has no place for: the
published identifier, whose assessment the RAG is, and why money or dates were withheld.
Personal names (the SRO's, published from 2024-25) are never stored.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow


class GmppImport(SQLModel, table=True):
    """One imported year: the file, how it was read, and when."""

    __tablename__ = "gmpp_import"

    id: int | None = Field(default=None, primary_key=True)
    portfolio_id: int = Field(foreign_key="portfolio.id", unique=True)
    year: str = Field(max_length=7, unique=True, index=True)
    filename: str = Field(max_length=300)
    sha256: str = Field(max_length=64)
    encoding: str = Field(max_length=20)
    transposed: bool = Field(default=False)
    price_basis: str | None = Field(default=None, max_length=100)
    project_count: int
    notes: list[str] = Field(default_factory=list, sa_type=JSON)
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    imported_by: str = Field(max_length=80)


class GmppRecord(SQLModel, table=True):
    """The published details of one imported project that a programme row cannot hold."""

    __tablename__ = "gmpp_record"

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", unique=True)
    import_id: int = Field(foreign_key="gmpp_import.id", index=True)
    project_id: str = Field(max_length=100, index=True)
    project_id_published: bool = Field(default=True)
    source_row: int  # line (or, transposed 2019-20, column) in the published file
    category: str | None = Field(default=None, max_length=300)
    rag_basis: str = Field(max_length=10)
    ipa_rating_raw: str | None = None
    sro_rating_raw: str | None = None
    whole_life_cost_withheld: bool = Field(default=False)
    whole_life_cost_reason: str | None = None
    whole_life_cost_range: list[int | None] | None = Field(default=None, sa_type=JSON)
    budget_gbp: int | None = Field(default=None, sa_type=BigInteger)
    budget_withheld: bool = Field(default=False)
    budget_reason: str | None = None
    # the year's budget forecast and the whole-life cost as published (for reference-class
    # analysis; the programme's whole-life cost may later be changed in cpmo)
    budget_forecast_gbp: int | None = Field(default=None, sa_type=BigInteger)
    budget_forecast_withheld: bool = Field(default=False)
    budget_forecast_reason: str | None = None
    whole_life_cost_gbp: int | None = Field(default=None, sa_type=BigInteger)
    # the stage or phase exactly as the year's file states it; None: the file states none
    stage_raw: str | None = Field(default=None, max_length=300)
    benefits_gbp: int | None = Field(default=None, sa_type=BigInteger)
    benefits_withheld: bool = Field(default=False)
    benefits_range: list[int | None] | None = Field(default=None, sa_type=JSON)
    benefits_reason: str | None = None
    start_date_raw: str | None = None
    start_date_reason: str | None = None
    end_date_raw: str | None = None
    end_date_reason: str | None = None

    def fields(self) -> dict[str, Any]:
        """The stored values (for comparing a re-import with what is there)."""
        return self.model_dump(exclude={"id"})
