"""The report's section records: funnel, budget, benefits, trend, progress, risks, register."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FunnelStep:
    """One step of the portfolio's consolidation story (577 proposals → 481 → 10)."""

    label: str
    project_count: int | None
    total_cost_gbp: int | None
    period_text: str | None


@dataclass(frozen=True)
class BudgetYear:
    year: int
    planned_gbp: int
    allocation_gbp: int | None


@dataclass(frozen=True)
class BudgetProfile:
    years: list[BudgetYear]
    unphased_gbp: int
    unphased_programmes: list[str]
    allocation_lines: list[str]
    note: str


@dataclass(frozen=True)
class BenefitAtRisk:
    benefit: str
    title: str
    value_gbp: int | None
    per_year: bool
    because_of: list[str]


@dataclass(frozen=True)
class TrendPoint:
    as_of: date
    label: str | None
    current: bool
    by_rag: dict[str, int]
    whole_life_cost_gbp: int
    benefits_gbp: int
    benefits_at_risk_gbp: int


@dataclass(frozen=True)
class KpiLine:
    code: str
    name: str
    frequency: str | None
    measures: list[str]


@dataclass(frozen=True)
class Progress:
    """KPIs and plan (milestone) progress."""

    kpis_total: int
    kpis_by_frequency: dict[str, int]
    kpis: list[KpiLine]
    milestones_total: int
    milestones_completed: int
    milestones_overdue: int
    milestones_due_soon: int  # in the next 90 days
    milestones_undated: int
    overdue: list[str]
    source: str


@dataclass(frozen=True)
class RiskLine:
    code: str
    title: str
    programme: str | None
    likelihood: int | None
    impact: int | None
    score: int | None
    owner: str | None
    mitigation: str | None


@dataclass(frozen=True)
class DepartmentLine:
    department: str
    projects: int
    whole_life_cost_gbp: int
    by_rag: dict[str, int]


@dataclass(frozen=True)
class CostLine:
    code: str
    name: str
    department: str | None
    rag: str
    whole_life_cost_gbp: int


@dataclass(frozen=True)
class Register:
    """An imported register year (GMPP): by department, top costs and what was withheld."""

    year: str
    filename: str
    assessor: str
    price_basis: str | None
    by_department: list[DepartmentLine]
    top_costs: list[CostLine]
    withheld: dict[str, int]
    by_category: dict[str, int]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
