"""Imports every table module so that ``metadata`` knows all tables (for Alembic and tests)."""

from cpmo.business_cases.models import BusinessCase
from cpmo.db import metadata
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.graph.models import GraphEdge, GraphNode, GraphState
from cpmo.portfolios.models import (
    Department,
    FundingAllocation,
    GatePlan,
    Portfolio,
    PortfolioFunnelStage,
    Programme,
)
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
from cpmo.users.models import ApiToken, User
from cpmo.workflows.models import AuditEntry, AuditHead, Condition

__all__ = [
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "Benefit",
    "BenefitsPlan",
    "BusinessCase",
    "Condition",
    "CspPriority",
    "Department",
    "FundingAllocation",
    "GatePlan",
    "GraphEdge",
    "GraphNode",
    "GraphState",
    "Kpi",
    "Lot",
    "Milestone",
    "Objective",
    "OrganisationUnit",
    "Portfolio",
    "PortfolioFunnelStage",
    "Programme",
    "ReportingLine",
    "Risk",
    "User",
    "metadata",
]
