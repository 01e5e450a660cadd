"""Workshops: the list, one workshop's set-up, and moving it on (draft → scoring → closed)."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import Conflict, RuleViolation
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workshops import access, lifecycle, workshops
from cpmo.workshops.views import workshop_view

STATUS_WORDS = {"scoring": "Open for scoring", "closed": "Close and publish the results"}


@bp.route("/workshops", methods=["GET"])
def workshops_list() -> Any:
    return render_template("web/workshops.html", items=workshops.list_workshops(request_session()))


@bp.route("/workshops/<code>", methods=["GET"])
def workshop(code: str) -> Any:
    session = request_session()
    actor = acting_user()
    row = workshops.get_or_raise(session, code=code)
    return render_template(
        "web/workshop.html",
        w=workshop_view(session, workshop=row),
        runs=access.runs_workshops(actor),
        scores_here=bool(access.scorer_names(session, actor=actor, workshop=row)),
        sees_results=access.sees_everything(actor, row),
        status_words=STATUS_WORDS,
    )


@bp.route("/workshops/<code>/status", methods=["POST"])
@transactional
def workshop_status(code: str) -> Any:
    status = request.form.get("status", "")
    if status not in STATUS_WORDS:
        abort(400)
    session = request_session()
    try:
        lifecycle.change_status(session, actor=acting_user(), code=code, status=status)
    except (Conflict, RuleViolation) as exc:
        session.rollback()
        flash(exc.detail, "info")
    else:
        flash(f"The workshop is now {status}.", "success")
    return redirect(url_for("web.workshop", code=code))
