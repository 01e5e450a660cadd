"""Page views, one module per page family; importing this registers their routes."""

from cpmo.web.views import (
    approvals,
    business_cases,
    conditions,
    dashboard,
    decisions,
    documents,
    endorsements,
    money,
    programme_edits,
    programmes,
    reports,
    scoring,
    workshop_criteria,
    workshop_results,
    workshop_setup,
    workshops,
)

__all__ = [
    "approvals",
    "business_cases",
    "conditions",
    "dashboard",
    "decisions",
    "documents",
    "endorsements",
    "money",
    "programme_edits",
    "programmes",
    "reports",
    "scoring",
    "workshop_criteria",
    "workshop_results",
    "workshop_setup",
    "workshops",
]
