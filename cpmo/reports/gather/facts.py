"""Plain facts about a portfolio, gathered from the database: the input of the pure rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for the annotations only: facts import nothing at run time
    from cpmo.imports.gmpp.models import GmppRecord
    from cpmo.reports.compose.content import Edge, FunnelStep, KpiLine, RiskLine


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
    stage: str | None
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
    approved_profile: dict[int, int] | None = None  # the latest approved case's, by year
    approved_source: str | None = None  # e.g. "approved FBC, version 2"
    illustrative: bool = False
    actuals_by_year: dict[int, int] | None = None  # recorded spend by financial year
    forecast_by_year: dict[int, int] | None = None  # the forecast set, by financial year

    @property
    def current_cost_gbp(self) -> int | None:
        """The larger of the recorded whole-life cost and the cost under review."""
        known = [c for c in (self.whole_life_cost_gbp, self.cost_under_review_gbp) if c is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class SnapshotFact:
    """A stored snapshot: when, and the figures it kept."""

    as_of: date
    taken_at: datetime
    label: str | None
    data: dict = field(default_factory=dict)  # type: ignore[type-arg]

    def programme(self, code: str) -> dict | None:  # type: ignore[type-arg]
        return (self.data.get("programmes") or {}).get(code)


@dataclass(frozen=True)
class BenefitFact:
    code: str
    title: str
    value_gbp: int | None
    per_year: bool
    programme: str | None
    part_of: str | None = None  # the benefit containing this one
    illustrative: bool = False
    planned: dict[int, int] | None = None  # planned profile by financial year
    actual: dict[int, int] | None = None  # realised by financial year


@dataclass(frozen=True)
class BudgetLineFact:
    """A department's budget figure for a year, as its business plan states it."""

    department: str
    statement: str
    label: str
    sequence: int
    year: int
    amount_gbp: int
    source: str | None = None
    illustrative: bool = False


@dataclass
class PortfolioContext:
    benefits: dict[str, BenefitFact] = field(default_factory=dict)  # the portfolio's own
    containers: dict[str, BenefitFact] = field(default_factory=dict)  # benefits above those
    reach: dict[str, list[str]] = field(default_factory=dict)  # programme → benefits downstream
    reachable: dict[str, BenefitFact] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    kpis: list[KpiLine] = field(default_factory=list)
    risks: list[RiskLine] = field(default_factory=list)
    allocations: dict[int, int] = field(default_factory=dict)
    allocation_lines: list[str] = field(default_factory=list)
    funnel: list[FunnelStep] = field(default_factory=list)
    snapshots: list[SnapshotFact] = field(default_factory=list)
    budget_lines: list[BudgetLineFact] = field(default_factory=list)
    departments: dict[str, str] = field(default_factory=dict)  # code → name, for people


@dataclass
class RegisterFacts:
    """An imported year: its import row, each programme's record, department names."""

    year: str
    filename: str
    price_basis: str | None
    records: dict[str, GmppRecord] = field(default_factory=dict)  # programme code → record
    departments: dict[str, str] = field(default_factory=dict)  # department code → name
    earlier: dict[str, Baseline] = field(default_factory=dict)  # the cost in an earlier year
