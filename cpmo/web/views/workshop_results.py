"""A workshop's results: ranking with breakdown bars, weight sensitivity, and the selection
within the yearly budgets with its efficient frontier."""

from typing import Any

from flask import render_template

from cpmo.app import request_session
from cpmo.errors import RuleViolation
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workshops import results, selection_service

SENSITIVITY = {"samples": 1000, "perturbation": 0.10, "seed": 20200101}


@bp.route("/workshops/<code>/results", methods=["GET"])
def workshop_results(code: str) -> Any:
    session = request_session()
    actor = acting_user()
    ranking = results.ranking(session, actor=actor, code=code)
    sensitivity = results.sensitivity(session, actor=actor, code=code, **SENSITIVITY)
    selection = frontier = None
    selection_refused = None
    try:
        selection = selection_service.workshop_selection(session, actor=actor, code=code)
        frontier = selection_service.workshop_frontier(session, actor=actor, code=code)
    except RuleViolation as exc:
        selection_refused = exc.detail
    top = max((r.total for r in ranking.candidates), default=0) or 1
    return render_template(
        "web/workshop_results.html",
        ranking=ranking,
        w=ranking.workshop,
        top=top,
        sensitivity=sensitivity,
        selection=selection,
        frontier=frontier,
        selection_refused=selection_refused,
        settings=SENSITIVITY,
    )
