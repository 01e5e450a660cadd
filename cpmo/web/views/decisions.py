"""Decisions: a confirmation form for one lifecycle event, asking for the rationale and, for
approvals, conditions. Whether the event may fire, and why not, is the workflow's answer
(``workflow_view``); refusals come back in an error summary."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from cpmo.app import governance_limits, request_session, transactional
from cpmo.errors import DomainError, InvalidEvent, StaleVersion, status_of
from cpmo.vocabulary import stage_label
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.forms import DECISION_MESSAGES, decision_request
from cpmo.web.labels import event_label
from cpmo.workflows import service as workflow
from cpmo.workflows.criteria import may_fire
from cpmo.workflows.lifecycle import EVENTS

STALE = (
    "Someone changed this programme since you opened the page. "
    "Check its record below and decide again."
)


def _refusal(exc: DomainError) -> tuple[int, dict[str, list[str]]]:
    """A service refusal → (status, errors for the summary): the workflow's reasons, or the
    form field each rule names."""
    status = status_of(exc)
    if isinstance(exc, StaleVersion):
        return status, {"_": [STALE]}
    fields = exc.extra.get("errors") or {}
    if fields:
        return status, {
            k: [DECISION_MESSAGES[k]] if k in DECISION_MESSAGES else list(v)
            for k, v in fields.items()
        }
    reasons = exc.extra.get("unmet") or exc.extra.get("reasons") or [exc.detail]
    return status, {"_": list(reasons)}


def _not_offered(view: workflow.WorkflowView, event: str) -> str:
    """Why ``event`` is not offered now, in words."""
    if view.programme.outside_gates:
        return view.programme.outside_gates
    if EVENTS[event].verb == "endorse" and view.review is not None and view.review.endorsed:
        return "This submission has already been endorsed: there is nothing more to endorse."
    return (
        f"{event_label(event)} is not possible while the programme is at "
        f"{stage_label(view.programme.stage)}."
    )


@bp.route("/programmes/<code>/decide/<event>", methods=["GET", "POST"])
@transactional
def decide(code: str, event: str) -> Any:
    spec = EVENTS.get(event)
    if spec is None:
        abort(404)
    actor = acting_user()
    if not may_fire(actor.role, event):
        abort(403)
    session = request_session()
    view = workflow.workflow_view(session, actor=actor, code=code, limits=governance_limits())
    if view.event(event) is None:
        raise InvalidEvent(_not_offered(view, event), stage=view.programme.stage)
    values = {"version": str(view.programme.version)}
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = {
            k: request.form.get(k, "")
            for k in (
                "version",
                "rationale",
                "conditions",
                "conditions_before_submission",
                "accept_cost_growth",
            )
        }
        data, errors = decision_request(event, request.form)
        status = 422 if errors else 200
        if not errors:
            try:
                workflow.fire_event(
                    session, actor=actor, code=code, event=event, limits=governance_limits(), **data
                )
            except DomainError as exc:
                session.rollback()
                status, errors = _refusal(exc)
                current = workflow.workflow_view(
                    session, actor=actor, code=code, limits=governance_limits()
                )
                values["version"] = str(current.programme.version)
            else:
                flash(f"{event_label(event)}: decision recorded.", "success")
                return redirect(url_for("web.programme", code=code))
    return render_template(
        "web/decide.html",
        p=view.programme,
        view_review=view.review,
        event=event,
        spec=spec,
        values=values,
        errors=errors,
        error_hrefs={"conditions": "conditions"},
        refused=status in (403, 409) or "_" in errors,
    ), status
