"""The oversight report as plain data: what every renderer (JSON, HTML, PDF, XLSX) presents."""

from dataclasses import dataclass, field
from datetime import date, datetime

from cpmo.reports.content_parts import (
    BenefitAtRisk,
    BudgetProfile,
    BudgetYear,
    CostLine,
    DepartmentLine,
    Edge,
    FunnelStep,
    KpiLine,
    Progress,
    Register,
    RiskLine,
    TrendPoint,
)
from cpmo.reports.rules import RagChange

__all__ = [
    "Awaiting",
    "BenefitAtRisk",
    "BudgetProfile",
    "BudgetYear",
    "CostLine",
    "Decision",
    "DepartmentLine",
    "Edge",
    "ExceptionItem",
    "Flag",
    "FunnelStep",
    "Headline",
    "KpiLine",
    "OversightReport",
    "ProgrammeLine",
    "Progress",
    "Register",
    "RiskLine",
    "TrendPoint",
]


@dataclass(frozen=True)
class Flag:
    """A RAG honesty flag: the reported RAG looks better than this evidence says."""

    programme: str
    name: str
    reported_rag: str
    rule: str
    evidence: str


@dataclass(frozen=True)
class ExceptionItem:
    programme: str
    name: str
    rag: str
    kind: str  # rag, cost_growth, overdue_gate, open_condition
    detail: str


@dataclass(frozen=True)
class Decision:
    sequence: int
    programme: str
    event: str
    from_stage: str
    to_stage: str
    actor: str
    role: str
    at: datetime
    rationale: str | None
    conditions: list[str]


@dataclass(frozen=True)
class Awaiting:
    """A submission above the delegated limit that the oversight group has not yet endorsed."""

    programme: str
    name: str
    gate: str
    stage: str
    cost_gbp: int
    submitted_at: datetime | None
    submitted_by: str | None


@dataclass(frozen=True)
class ProgrammeLine:
    code: str
    name: str
    department: str | None
    parent: str | None
    stage: str
    rag: str
    rag_reason: str | None
    previous_rag: str | None
    change: RagChange
    whole_life_cost_gbp: int | None
    next_gate: str | None
    next_gate_date: date | None
    flags: int
    exceptions: int


@dataclass(frozen=True)
class Headline:
    programmes: int
    whole_life_cost_gbp: int
    programmes_without_cost: int
    benefits_gbp: int
    benefits_per_year_gbp: int
    benefits_count: int
    red: int
    amber_red: int
    exceptions: int
    honesty_flags: int
    awaiting_endorsement: int


@dataclass
class OversightReport:
    portfolio: str
    portfolio_name: str
    organisation: str | None
    as_of: date
    generated_at: datetime
    compared_with: date | None
    provenance: str
    headline: Headline
    exceptions: list[ExceptionItem]
    honesty_flags: list[Flag]
    awaiting_endorsement: list[Awaiting]
    decisions: list[Decision]
    decisions_note: str
    rag_distribution: dict[str, int]
    programmes: list[ProgrammeLine]
    stage_funnel: dict[str, int]
    consolidation: list[FunnelStep]
    budget: BudgetProfile
    benefits_at_risk: list[BenefitAtRisk]
    benefits_at_risk_gbp: int
    trend: list[TrendPoint]
    dependencies: list[Edge]
    progress: Progress
    top_risks: list[RiskLine]
    register: Register | None = None
    notes: list[str] = field(default_factory=list)
