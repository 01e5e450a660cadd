"""The CPMO approval queue."""

from typing import Any

from flask import render_template

from cpmo.app import governance_limits, request_session
from cpmo.db import utcnow
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.reads.queue import approval_queue


@bp.route("/approvals", methods=["GET"])
def approvals() -> Any:
    """Every submission awaiting a decision, oldest first, with days waiting and flags."""
    settings = governance_limits()
    items = approval_queue(request_session(), actor=acting_user(), limits=settings, now=utcnow())
    return render_template("web/approvals.html", items=items, limit=settings.delegated_limit_gbp)
