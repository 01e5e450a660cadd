"""The audit chain and the conditions that approvals set.

Audit entries name the programme by code (no foreign key) so that the trail outlives any
reset of the domain data; nothing in cpmo updates or deletes them.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow
from cpmo.workflows.audit import GENESIS_HASH


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    sequence: int = Field(unique=True, index=True)
    programme_code: str = Field(max_length=80, index=True)
    event: str = Field(max_length=60)
    from_stage: str = Field(max_length=40)
    to_stage: str = Field(max_length=40)
    actor: str = Field(max_length=80)
    role: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    rationale: str | None = None
    business_case_version: int | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    key_id: str | None = Field(
        default=None, max_length=20, description="the audit key that signed it (None: unkeyed)"
    )


class AuditHead(SQLModel, table=True):
    """One row: the last sequence and hash. Updating it serialises appends across processes."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    sequence: int = Field(default=0)
    hash: str = Field(default=GENESIS_HASH, max_length=64)
    legacy_until: int = Field(default=0, description="entries up to here predate the key")
    key_id: str | None = Field(default=None, max_length=20)
    mac: str | None = Field(default=None, max_length=64)


class Condition(SQLModel, table=True):
    """Something an approval requires to be done before the next gate can pass."""

    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    gate: str = Field(max_length=40)
    text: str
    status: str = Field(default="open", max_length=20)  # open → discharged → accepted
    # the gate whose submission it must be met before (None: before the next approval only)
    before_submitting: str | None = Field(default=None, max_length=40)
    set_by: str = Field(max_length=80)
    set_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    audit_sequence: int
    discharged_by: str | None = Field(default=None, max_length=80)
    discharged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    discharge_note: str | None = None
    accepted_by: str | None = Field(default=None, max_length=80)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # a CPMO officer sent the discharge back (the condition is open again), with a reason
    returned_by: str | None = Field(default=None, max_length=80)
    returned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    return_reason: str | None = None
