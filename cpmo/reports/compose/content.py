"""The oversight report as plain data: what every renderer (JSON, HTML, PDF, XLSX) presents.

The section records (funnel, budget, benefits, trend, progress, risks, register) come first,
then the attention items (flags, exceptions, decisions, awaiting endorsement) and the report.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from cpmo.reports.compose.rules import RagChange
from cpmo.reports.gather.facts import DecisionFact


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
    label: str = ""  # how people name the financial year ("2020", "2020-21")


@dataclass(frozen=True)
class CostShare:
    """A counted amount named in the budget: unphased, estimated, or stopped and closed."""

    programme: str
    label: str
    amount_gbp: int
    reason: str


@dataclass(frozen=True)
class BudgetProfile:
    years: list[BudgetYear]
    unphased_gbp: int
    unphased_programmes: list[str]
    allocation_lines: list[str]
    note: str
    total_gbp: int = 0  # forward-looking: sum(years) + unphased
    unphased: list[CostShare] = field(default_factory=list)
    estimated: list[CostShare] = field(default_factory=list)  # spread evenly over dates
    stopped_closed_gbp: int = 0
    stopped_closed: list[CostShare] = field(default_factory=list)
    year_start_month: int = 1


@dataclass(frozen=True)
class StatementRow:
    label: str
    amounts: dict[int, int]  # financial year → £ (signed, as the document shows it)


@dataclass(frozen=True)
class DepartmentStatement:
    """One table of a department's budget as its business plan states it."""

    department: str
    title: str
    years: list[int]
    rows: list[StatementRow]
    source: str | None
    illustrative: bool = False


@dataclass(frozen=True)
class BenefitLine:
    """One of the portfolio's benefits as the benefits section lists it."""

    benefit: str
    title: str
    programme: str | None
    value_gbp: int | None
    per_year: bool
    counted_in: str | None  # the container it is counted inside, if any
    planned_gbp: int  # its planned profile, all years
    actual_gbp: int  # realised so far
    illustrative: bool = False


@dataclass(frozen=True)
class BenefitsSection:
    """The portfolio's benefits, each once: one-off and cumulative values, yearly rates apart,
    and the plan against the actuals where profiles are recorded."""

    lines: list[BenefitLine]
    one_off_gbp: int
    per_year_gbp: int
    planned_by_year: dict[int, int]
    actual_by_year: dict[int, int]
    horizon: str | None  # e.g. "2021 to 2024", where planned profiles exist
    realisation: float | None  # actual ÷ planned up to the report's year
    note: str
    illustrative: bool = False


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
    kind: str  # rag, cost_growth, envelope, overdue_gate, open_condition
    detail: str


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
    stage: str | None  # None: the source states none (imported records)
    rag: str
    rag_reason: str | None
    previous_rag: str | None
    change: RagChange
    whole_life_cost_gbp: int | None
    next_gate: str | None
    next_gate_date: date | None
    flags: int
    exceptions: int

    def status_cells(self) -> tuple[object, ...]:
        """The programme's row of the status table, in the order the CSV and workbook show."""
        return (
            self.code,
            self.name,
            self.department,
            self.parent,
            self.stage or "not stated",  # an imported record whose source gives none
            self.rag,
            self.rag_reason,
            self.previous_rag,
            self.change.direction,
            self.whole_life_cost_gbp,
            self.next_gate,
            self.next_gate_date,
            self.flags,
            self.exceptions,
        )


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
    stopped_closed_gbp: int = 0  # outside the forward-looking whole-life cost
    benefits_contained: int = 0  # benefits counted inside their container, not beside it
    illustrative: bool = False  # a headline figure comes from an illustrative record


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
    decisions: list[DecisionFact]  # the audit chain's, as gathered
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
    benefits: BenefitsSection | None = None
    department_budget: list[DepartmentStatement] = field(default_factory=list)
    departments: dict[str, str] = field(default_factory=dict)  # code → name, for people
