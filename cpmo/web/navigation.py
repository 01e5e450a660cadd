"""The service navigation: only the pages the signed-in role may open."""

from collections.abc import Callable
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
PLAN_PAGES = ("web.plans", "web.plan", "web.import_plan")
ADMIN_PAGES = ("web.admin_users", "web.admin_create_user", "web.admin_user")
# (endpoint, text, endpoints that count as "in" this section)
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("web.my_work", "My work", ("web.my_work",)),
    ("web.dashboard", "Portfolio", PORTFOLIO_PAGES),
    ("web.approvals", "Approval queue", ("web.approvals",)),
    ("web.endorsements", "Endorsements", ("web.endorsements", "web.endorse")),
    ("web.plans", "Plans", PLAN_PAGES),
    ("web.reports", "Reports", ("web.reports",)),
    ("web.workshops_list", "Workshops", WORKSHOP_PAGES),
    ("web.admin_users", "Users", ADMIN_PAGES),
)


def _awaiting_endorsement() -> int:
    """How many submissions await the oversight group's endorsement."""
    from cpmo.app import governance_limits, request_session
    from cpmo.web.auth import acting_user
    from cpmo.web.reads.endorsements import endorsement_queue

    queue = endorsement_queue(request_session(), actor=acting_user(), limits=governance_limits())
    return len(queue)


def _my_work() -> int:
    """How many items need the signed-in person now (read once per request)."""
    from cpmo.web.views.my_work import current_work

    return current_work().count


# sections whose link carries a count: endpoint → how many items wait there
COUNTS: dict[str, Callable[[], int]] = {
    "web.my_work": _my_work,
    "web.endorsements": _awaiting_endorsement,
}


def _text(target: str, text: str) -> str:
    count = COUNTS[target]() if target in COUNTS else 0
    return f"{text} ({count})" if count else text


def navigation(endpoint: str | None, user: Any) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"href": url_for(target), "text": _text(target, text), "current": endpoint in within}
        for target, text, within in SECTIONS
        if may_open(target, user.role)
    ]
