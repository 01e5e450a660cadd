"""Business cases: numbered versions per programme and kind; immutable once submitted."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow


class BusinessCase(SQLModel, table=True):
    __tablename__ = "business_case"
    __table_args__ = (UniqueConstraint("programme_id", "kind", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    kind: str = Field(max_length=10)
    number: int = Field(description="version number within the programme and kind")
    status: str = Field(default="draft", max_length=20)
    revision: int = Field(default=1, description="bumped by every saved edit of the draft")
    content: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    content_sha256: str | None = Field(default=None, max_length=64)
    created_by_id: int = Field(foreign_key="app_user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    submitted_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BusinessCaseEdit(SQLModel, table=True):
    """Who wrote each revision of a case (creation is revision 1): the authors whom
    separation of duties keeps away from deciding on it."""

    __tablename__ = "business_case_edit"
    __table_args__ = (UniqueConstraint("case_id", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="business_case.id", index=True)
    revision: int
    author_id: int = Field(foreign_key="app_user.id", index=True)
    content_sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
