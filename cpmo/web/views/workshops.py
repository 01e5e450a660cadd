"""Workshops: the list, one workshop's set-up, and moving it on (draft → scoring → closed)."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import Conflict, RuleViolation
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workshops import access
from cpmo.workshops import service as workshops
from cpmo.workshops.read_models import workshop_view
from cpmo.workshops.status import change_status, unmet_for_scoring

STATUS_WORDS = {"scoring": "Open for scoring", "closed": "Close and publish the results"}


@bp.route("/workshops", methods=["GET"])
def workshops_list() -> Any:
    return render_template(
        "web/workshops.html",
        items=workshops.list_workshops(request_session()),
        runs=access.runs_workshops(acting_user()),
    )


@bp.route("/workshops/<code>", methods=["GET"])
def workshop(code: str) -> Any:
    session = request_session()
    actor = acting_user()
    row = workshops.get_or_raise(session, code=code)
    w = workshop_view(session, workshop=row)
    runs = access.runs_workshops(actor)
    unmet = unmet_for_scoring(session, workshop=row) if runs and row.status == "draft" else []
    return render_template(
        "web/workshop.html",
        w=w,
        tasks=_tasks(w, unmet) if runs and row.status == "draft" else [],
        ready=not unmet,
        runs=runs,
        scores_here=bool(access.scorer_names(session, actor=actor, workshop=row)),
        sees_results=access.sees_everything(actor, row),
        status_words=STATUS_WORDS,
    )


def _tasks(w: dict[str, Any], unmet: list[str]) -> list[dict[str, Any]]:
    """The set-up steps, each with its page and whether the status service still finds it
    missing (budgets and rules are optional: scoring can open without them)."""

    def missing(word: str) -> bool:
        return any(word in reason for reason in unmet)

    n = w["counts"]["active"]
    return [
        {
            "name": "Set the criteria and their weights",
            "endpoint": "web.workshop_criteria",
            "done": not missing("criteri"),
            "hint": missing("weight") and "Every weight is zero: give a criterion some weight",
        },
        {
            "name": "Add the candidates",
            "endpoint": "web.workshop_candidates",
            "done": not missing("candidate"),
            "hint": n and f"{n} candidate{'' if n == 1 else 's'}",
        },
        {
            "name": "Invite the scorers",
            "endpoint": "web.workshop_scorers",
            "done": not missing("scorer"),
            "hint": len(w["scorers"]) and f"{len(w['scorers'])} invited",
        },
        {
            "name": "Set the budgets by year",
            "endpoint": "web.workshop_budgets",
            "done": bool(w["budgets"]),
            "optional": True,
        },
        {
            "name": "Set the selection rules",
            "endpoint": "web.workshop_rules",
            "done": any(w["rules"].get(k) for k in workshops.RULE_NAMES) if w["rules"] else False,
            "optional": True,
        },
    ]


@bp.route("/workshops/<code>/status", methods=["POST"])
@transactional
def workshop_status(code: str) -> Any:
    status = request.form.get("status", "")
    if status not in STATUS_WORDS:
        abort(400)
    session = request_session()
    try:
        change_status(session, actor=acting_user(), code=code, status=status)
    except (Conflict, RuleViolation) as exc:
        session.rollback()
        flash(exc.detail, "info")
    else:
        flash(f"The workshop is now {status}.", "success")
    return redirect(url_for("web.workshop", code=code))
