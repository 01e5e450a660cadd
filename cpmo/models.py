"""Imports every table module so that ``metadata`` knows all tables (for Alembic and tests)."""

from cpmo.business_cases.models import BusinessCase
from cpmo.db import metadata
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.documents.models import Attachment
from cpmo.finance.models import BenefitYear, BudgetLine, ProgrammeForecast, ProgrammeSpend
from cpmo.graph.models import GraphEdge, GraphNode, GraphState
from cpmo.imports.gmpp.models import GmppImport, GmppRecord
from cpmo.plans.measures import (
    PlanActionElement,
    PlanContinuity,
    PlanElement,
    PlanKpi,
    PlanKpiActual,
    PlanKpiTarget,
    PlanRisk,
    PlanRiskAssessment,
    PlanStatement,
)
from cpmo.plans.models import (
    BusinessPlan,
    PlanAction,
    PlanEditor,
    PlanLink,
    PlanMilestone,
    PlanMilestoneAction,
    PlanPriority,
    PlanProgress,
)
from cpmo.portfolios.models import (
    Department,
    FundingAllocation,
    GatePlan,
    Portfolio,
    PortfolioFunnelStage,
    Programme,
)
from cpmo.reports.models import ReportSnapshot
from cpmo.strategy.models import (
    Benefit,
    CspPriority,
    Kpi,
    Milestone,
    Objective,
    OrganisationUnit,
    ReportingLine,
    Risk,
)
from cpmo.users.models import ApiToken, SignInAttempt, User, WebSession
from cpmo.workflows.models import AuditEntry, AuditHead, Condition
from cpmo.workshops.models import (
    Workshop,
    WorkshopCandidate,
    WorkshopCriterion,
    WorkshopScenario,
    WorkshopScore,
    WorkshopScorer,
)

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "Benefit",
    "BenefitYear",
    "BenefitsPlan",
    "BudgetLine",
    "BusinessCase",
    "BusinessPlan",
    "Condition",
    "CspPriority",
    "Department",
    "FundingAllocation",
    "GatePlan",
    "GmppImport",
    "GmppRecord",
    "GraphEdge",
    "GraphNode",
    "GraphState",
    "Kpi",
    "Lot",
    "Milestone",
    "Objective",
    "OrganisationUnit",
    "PlanAction",
    "PlanActionElement",
    "PlanContinuity",
    "PlanEditor",
    "PlanElement",
    "PlanKpi",
    "PlanKpiActual",
    "PlanKpiTarget",
    "PlanLink",
    "PlanMilestone",
    "PlanMilestoneAction",
    "PlanPriority",
    "PlanProgress",
    "PlanRisk",
    "PlanRiskAssessment",
    "PlanStatement",
    "Portfolio",
    "PortfolioFunnelStage",
    "Programme",
    "ProgrammeForecast",
    "ProgrammeSpend",
    "ReportSnapshot",
    "ReportingLine",
    "Risk",
    "SignInAttempt",
    "User",
    "WebSession",
    "Workshop",
    "WorkshopCandidate",
    "WorkshopCriterion",
    "WorkshopScenario",
    "WorkshopScore",
    "WorkshopScorer",
    "metadata",
]
