"""Imports every table module so that ``metadata`` knows all tables (for Alembic and tests)."""

from cpmo.db import metadata
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

__all__ = [
    "ApiToken",
    "Benefit",
    "CspPriority",
    "Department",
    "FundingAllocation",
    "GatePlan",
    "Kpi",
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
