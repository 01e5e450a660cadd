"""The seed kinds, in load order: which file, which schema, which table, which natural key."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema
from sqlmodel import Session, SQLModel

from cpmo.models import (
    Benefit,
    BudgetLine,
    CspPriority,
    Department,
    FundingAllocation,
    GatePlan,
    GraphEdge,
    Kpi,
    Milestone,
    Objective,
    OrganisationUnit,
    Portfolio,
    PortfolioFunnelStage,
    Programme,
    ReportingLine,
    Risk,
    Workshop,
    WorkshopCandidate,
    WorkshopCriterion,
    WorkshopScore,
    WorkshopScorer,
)
from cpmo.seeding import schemas as s
from cpmo.seeding.graph_edges import check_graph_edges
from cpmo.seeding.workshops import check_workshop_criteria, check_workshop_scores

# (session, parsed records) -> (record index, field, message) for each record refused
Check = Callable[[Session, list[dict[str, Any]]], list[tuple[int, str, str]]]


@dataclass(frozen=True)
class SeedKind:
    """How one seed file maps onto one table."""

    kind: str
    schema: type[Schema]
    model: type[SQLModel]
    key: tuple[str, ...] = ("code",)
    # seed field -> (referenced table, foreign-key attribute on this table)
    refs: dict[str, tuple[type[SQLModel], str]] = field(default_factory=dict)
    # attributes written when a record is created but never overwritten by a re-seed
    insert_only: tuple[str, ...] = ()
    # a check of the whole file against what is loaded so far, run before it is written
    check: Check | None = None

    @property
    def file(self) -> str:
        return f"{self.kind}.yaml"


DEPT = (Department, "department_id")
WORKSHOP = (Workshop, "workshop_id")

SEED_KINDS: tuple[SeedKind, ...] = (
    SeedKind("departments", s.DepartmentSeed, Department),
    SeedKind("csp_priorities", s.CspPrioritySeed, CspPriority),
    SeedKind(
        "organisation_units",
        s.OrganisationUnitSeed,
        OrganisationUnit,
        refs={"department": DEPT, "parent": (OrganisationUnit, "parent_id")},
    ),
    SeedKind("portfolios", s.PortfolioSeed, Portfolio),
    SeedKind(
        "portfolio_funnel",
        s.PortfolioFunnelSeed,
        PortfolioFunnelStage,
        key=("portfolio_id", "sequence"),
        refs={"portfolio": (Portfolio, "portfolio_id")},
    ),
    SeedKind(
        "programmes",
        s.ProgrammeSeed,
        Programme,
        refs={
            "portfolio": (Portfolio, "portfolio_id"),
            "parent": (Programme, "parent_id"),
            "department": DEPT,
        },
        insert_only=("stage",),
    ),
    SeedKind(
        "gate_plans",
        s.GatePlanSeed,
        GatePlan,
        key=("programme_id", "gate"),
        refs={"programme": (Programme, "programme_id")},
    ),
    SeedKind("objectives", s.ObjectiveSeed, Objective, refs={"department": DEPT}),
    SeedKind(
        "benefits",
        s.BenefitSeed,
        Benefit,
        refs={
            "programme": (Programme, "programme_id"),
            "department": DEPT,
            "part_of": (Benefit, "part_of_id"),
        },
    ),
    SeedKind("kpis", s.KpiSeed, Kpi, refs={"department": DEPT}),
    SeedKind(
        "funding_allocations",
        s.FundingAllocationSeed,
        FundingAllocation,
        key=("reference", "year"),
        refs={"department": DEPT},
    ),
    SeedKind("reporting_lines", s.ReportingLineSeed, ReportingLine),
    SeedKind(
        "milestones", s.MilestoneSeed, Milestone, refs={"programme": (Programme, "programme_id")}
    ),
    SeedKind("risks", s.RiskSeed, Risk, refs={"programme": (Programme, "programme_id")}),
    SeedKind(
        "graph_edges",
        s.GraphEdgeSeed,
        GraphEdge,
        key=("source_key", "target_key"),
        check=check_graph_edges,
    ),
    # prioritisation workshops (a workshop's status is set on creation, then moved by the API)
    SeedKind(
        "workshops",
        s.WorkshopSeed,
        Workshop,
        refs={"portfolio": (Portfolio, "portfolio_id")},
        insert_only=("status",),
    ),
    SeedKind(
        "workshop_criteria",
        s.WorkshopCriterionSeed,
        WorkshopCriterion,
        key=("workshop_id", "key"),
        refs={"workshop": WORKSHOP},
        check=check_workshop_criteria,
    ),
    SeedKind(
        "workshop_candidates",
        s.WorkshopCandidateSeed,
        WorkshopCandidate,
        key=("workshop_id", "key"),
        refs={"workshop": WORKSHOP, "programme": (Programme, "programme_id")},
    ),
    SeedKind(
        "workshop_scorers",
        s.WorkshopScorerSeed,
        WorkshopScorer,
        key=("workshop_id", "name"),
        refs={"workshop": WORKSHOP},
    ),
    SeedKind(
        "workshop_scores",
        s.WorkshopScoreSeed,
        WorkshopScore,
        key=("workshop_id", "candidate_key", "criterion_key", "scorer"),
        refs={"workshop": WORKSHOP},
        check=check_workshop_scores,
    ),
    SeedKind(
        "budget_lines",
        s.BudgetLineSeed,
        BudgetLine,
        key=("code", "year"),
        refs={"department": DEPT},
    ),
)
