"""Columns shared by every record that may come from a seed document or an import."""

from sqlmodel import Field, SQLModel


class Provenance(SQLModel):
    """Where a record came from: the document and section, and whether it is illustrative."""

    source: str | None = Field(default=None, max_length=1000)
    illustrative: bool = Field(default=False)
