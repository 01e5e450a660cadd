"""An attachment: one uploaded file, kept as uploaded (the database refuses changes)."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow

# what a document supports: a business case version, a condition's discharge, the programme
SUPPORTS = ("business_case", "condition", "programme")


class Attachment(SQLModel, table=True):
    """A file kept for a programme; ``supports`` (+ ``supports_id``) says what it evidences."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    supports: str = Field(max_length=20)
    supports_id: int | None = Field(default=None)
    filename: str = Field(max_length=160)
    media_type: str = Field(max_length=100)
    size_bytes: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: str = Field(max_length=80)
    uploaded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
