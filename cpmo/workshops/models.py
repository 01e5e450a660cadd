"""Workshop tables: the workshop, its criteria, candidates, scorers, scores and scenarios.

Scores name their candidate, criterion and scorer by key within the workshop, held to those
rows by composite foreign keys, so a seed file can write them without knowing row ids.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKeyConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow
from cpmo.provenance import Provenance

KEY_LENGTH = 80
SCORER_LENGTH = 200


class Workshop(Provenance, table=True):
    """A prioritisation workshop: draft → scoring → closed."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=KEY_LENGTH, unique=True, index=True)
    name: str = Field(max_length=300)
    description: str | None = None
    portfolio_id: int | None = Field(default=None, foreign_key="portfolio.id", index=True)
    status: str = Field(default="draft", max_length=20)
    weighting: str = Field(default="direct", max_length=10)
    judgements: list[Any] | None = Field(default=None, sa_column=Column(JSON))
    consistency_ratio: float | None = None
    accept_inconsistent: bool = Field(default=False)
    budgets: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    rules: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by: str | None = Field(default=None, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WorkshopPart(Provenance):
    """The columns every part of a workshop starts with: its id and the workshop's."""

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)


class WorkshopCriterion(WorkshopPart, table=True):
    """A criterion: its weight (as entered, or from AHP), scale and direction."""

    __tablename__ = "workshop_criterion"
    __table_args__ = (UniqueConstraint("workshop_id", "key"),)

    key: str = Field(max_length=KEY_LENGTH)
    name: str = Field(max_length=300)
    description: str | None = None
    weight: float = Field(default=1.0)
    scale_min: float = Field(default=1.0)
    scale_max: float = Field(default=5.0)
    direction: str = Field(default="higher_is_better", max_length=20)
    position: int = Field(default=0)


class WorkshopCandidate(WorkshopPart, table=True):
    """A candidate: an existing programme or a new proposal, with yearly costs in pounds.

    A candidate merged into another keeps its row, with ``merged_into`` naming the survivor.
    """

    __tablename__ = "workshop_candidate"
    __table_args__ = (UniqueConstraint("workshop_id", "key"),)

    key: str = Field(max_length=KEY_LENGTH)
    name: str = Field(max_length=300)
    description: str | None = None
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    sponsors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    costs: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    position: int = Field(default=0)
    consolidated: bool = Field(default=False)
    merged_into: str | None = Field(default=None, max_length=KEY_LENGTH)
    merge_note: str | None = None


class WorkshopScorer(WorkshopPart, table=True):
    """Someone who scores: a user account, or a role title with no account (seeded)."""

    __tablename__ = "workshop_scorer"
    __table_args__ = (UniqueConstraint("workshop_id", "name"),)

    name: str = Field(max_length=SCORER_LENGTH)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)


class WorkshopScore(WorkshopPart, table=True):
    """One scorer's score of one candidate on one criterion."""

    __tablename__ = "workshop_score"
    __table_args__ = (
        UniqueConstraint("workshop_id", "candidate_key", "criterion_key", "scorer"),
        ForeignKeyConstraint(
            ["workshop_id", "candidate_key"],
            ["workshop_candidate.workshop_id", "workshop_candidate.key"],
        ),
        ForeignKeyConstraint(
            ["workshop_id", "criterion_key"],
            ["workshop_criterion.workshop_id", "workshop_criterion.key"],
        ),
        ForeignKeyConstraint(
            ["workshop_id", "scorer"], ["workshop_scorer.workshop_id", "workshop_scorer.name"]
        ),
    )

    candidate_key: str = Field(max_length=KEY_LENGTH)
    criterion_key: str = Field(max_length=KEY_LENGTH)
    scorer: str = Field(max_length=SCORER_LENGTH)
    value: float
    comment: str | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# A score as the maths and the frozen-scores digest read it, in this order.
SCORE_CELL = (
    WorkshopScore.scorer,
    WorkshopScore.candidate_key,
    WorkshopScore.criterion_key,
    WorkshopScore.value,
)


class WorkshopScenario(SQLModel, table=True):
    """A saved selection: its budgets, rules and forced choices, and the result they gave."""

    __tablename__ = "workshop_scenario"
    __table_args__ = (UniqueConstraint("workshop_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    name: str = Field(max_length=200)
    description: str | None = None
    budgets: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    rules: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    result: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by: str | None = Field(default=None, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
