"""Graph tables: extra nodes, typed edges, and the version that invalidates cached graphs.

Programmes, objectives, benefits, CSP priorities and KPIs are graph nodes straight from their
own tables; ``graph_node`` holds only nodes added through the API. ``graph_edge`` points the way
impact flows. ``graph_state`` is one row whose version and stamp change, in the same
transaction, whenever anything the graph is built from changes (see ``cpmo.graph.version``).
"""

from datetime import date, datetime

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow
from cpmo.provenance import Provenance

KEY_LENGTH = 100  # '<kind>:' (at most 10) + a code (at most 80)


class GraphNode(Provenance, table=True):
    """A node added through the API (key like 'benefit:faster-payments')."""

    __tablename__ = "graph_node"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=KEY_LENGTH, unique=True, index=True)
    kind: str = Field(max_length=20)
    label: str = Field(max_length=500)
    value_gbp: int | None = Field(default=None, sa_type=BigInteger)
    planned_start: date | None = None
    planned_end: date | None = None
    duration_days: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str | None = Field(default=None, max_length=80)


class GraphEdge(Provenance, table=True):
    """A typed edge source → target, in the direction impact flows; one per pair of nodes."""

    __tablename__ = "graph_edge"
    __table_args__ = (UniqueConstraint("source_key", "target_key"),)

    id: int | None = Field(default=None, primary_key=True)
    source_key: str = Field(max_length=KEY_LENGTH, index=True)
    target_key: str = Field(max_length=KEY_LENGTH, index=True)
    kind: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str | None = Field(default=None, max_length=80)


class GraphState(SQLModel, table=True):
    """One row: a counter and a random stamp, both changed by every change to the graph."""

    __tablename__ = "graph_state"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0)
    stamp: str = Field(default="initial", max_length=32)
