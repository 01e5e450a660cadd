"""Plain facts about a portfolio, gathered from the database: the input of the pure rules."""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class MilestoneFact:
    code: str
    title: str
    due_date: date | None
    due_text: str | None = None
    completed_on: date | None = None


@dataclass(frozen=True)
class ConditionFact:
    id: int
    gate: str
    text: str
    set_at: datetime | None = None


@dataclass(frozen=True)
class DecisionFact:
    """One lifecycle event from the audit chain."""

    sequence: int
    programme: str
    event: str
    from_stage: str
    to_stage: str
    actor: str
    role: str
    at: datetime
    rationale: str | None = None
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Baseline:
    """The cost a programme is measured against, and where that figure comes from."""

    amount_gbp: int
    label: str


@dataclass(frozen=True)
class UpstreamFact:
    """A programme that must come first, with its RAG and the chain to the one it enables."""

    code: str
    rag: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class ProgrammeFacts:
    code: str
    name: str
    stage: str
    rag: str
    department: str | None = None
    parent: str | None = None
    rag_reason: str | None = None
    whole_life_cost_gbp: int | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    next_gate: str | None = None
    next_gate_date: date | None = None
    next_gate_text: str | None = None
    milestones: tuple[MilestoneFact, ...] = ()
    open_conditions: tuple[ConditionFact, ...] = ()
    baseline: Baseline | None = None
    cost_under_review_gbp: int | None = None  # the submitted case's cost, when under review
    cost_growth_accepted: str | None = None  # the CPMO's accept_cost_growth rationale, if any
    upstream: tuple[UpstreamFact, ...] = ()
    decisions: tuple[DecisionFact, ...] = ()
    benefits_gbp: int | None = None  # published benefits (imported registers)

    @property
    def current_cost_gbp(self) -> int | None:
        """The larger of the recorded whole-life cost and the cost under review."""
        known = [c for c in (self.whole_life_cost_gbp, self.cost_under_review_gbp) if c is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class Limits:
    """The governance settings the rules apply."""

    delegated_limit_gbp: int = 5_000_000
    cost_tolerance: float = 0.10


@dataclass(frozen=True)
class SnapshotFact:
    """A stored snapshot: when, and the figures it kept."""

    as_of: date
    taken_at: datetime
    label: str | None
    data: dict = field(default_factory=dict)  # type: ignore[type-arg]

    def programme(self, code: str) -> dict | None:  # type: ignore[type-arg]
        return (self.data.get("programmes") or {}).get(code)
