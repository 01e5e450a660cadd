"""The service navigation: only the pages the signed-in role may open."""

from typing import Any

from flask import url_for

from cpmo.web.policy import may_open

PORTFOLIO_PAGES = (
    "web.dashboard",
    "web.programme",
    "web.decide",
    "web.business_case",
    "web.edit_business_case",
    "web.upload_business_case",
    "web.register_programme",
    "web.edit_programme",
    "web.programme_confidence",
)
WORKSHOP_PAGES = (
    "web.workshops_list",
    "web.workshop",
    "web.workshop_criteria",
    "web.workshop_weights",
    "web.scoring",
    "web.workshop_results",
)
# (endpoint, text, endpoints that count as "in" this section)
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("web.dashboard", "Portfolio", PORTFOLIO_PAGES),
    ("web.approvals", "Approval queue", ("web.approvals",)),
    ("web.reports", "Reports", ("web.reports",)),
    ("web.workshops_list", "Workshops", WORKSHOP_PAGES),
)


def navigation(endpoint: str | None, user: Any) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"href": url_for(target), "text": text, "current": endpoint in within}
        for target, text, within in SECTIONS
        if may_open(target, user.role)
    ]
