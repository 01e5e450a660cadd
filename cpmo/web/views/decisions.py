"""Decisions: a confirmation form for one lifecycle event, asking for the rationale and, for
approvals, conditions. Refusals come back in an error summary."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from cpmo.app import request_session
from cpmo.errors import (
    Conflict,
    GateCriteriaUnmet,
    InvalidEvent,
    NotPermitted,
    RuleViolation,
    StaleVersion,
)
from cpmo.portfolios import service as portfolios
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.forms import DECISION_MESSAGES, decision_request
from cpmo.web.labels import event_label
from cpmo.web.reads.limits import limits
from cpmo.workflows import service as workflow
from cpmo.workflows.criteria import VERB_ROLES
from cpmo.workflows.lifecycle import EVENTS, events_from


def _refusal(exc: Exception) -> tuple[int, dict[str, list[str]]]:
    """A service refusal → (status, errors for the summary)."""
    if isinstance(exc, GateCriteriaUnmet):
        return 422, {"_": exc.unmet}
    if isinstance(exc, NotPermitted):
        return 403, {"_": list(exc.extra.get("reasons") or [exc.detail])}
    if isinstance(exc, StaleVersion):
        return 409, {
            "_": [
                "Someone changed this programme since you opened the page. "
                "Check its record below and decide again."
            ]
        }
    if isinstance(exc, RuleViolation) and getattr(exc, "extra", {}).get("errors"):
        return 422, {
            k: [DECISION_MESSAGES[k]] if k in DECISION_MESSAGES else list(v)
            for k, v in exc.extra["errors"].items()
        }
    return (409 if isinstance(exc, Conflict) else 422), {"_": [exc.detail]}  # type: ignore[attr-defined]


@bp.route("/programmes/<code>/decide/<event>", methods=["GET", "POST"])
def decide(code: str, event: str) -> Any:
    spec = EVENTS.get(event)
    if spec is None:
        abort(404)
    actor = acting_user()
    if actor.role not in VERB_ROLES[spec.verb]:
        abort(403)
    session = request_session()
    view = portfolios.get_programme_view(session, code=code)
    if event not in events_from(view.programme.stage):
        raise InvalidEvent(
            f"{event_label(event)} is not possible while the programme is at "
            f"{view.programme.stage}.",
            stage=view.programme.stage,
        )
    values = {"version": str(view.programme.version)}
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = {
            k: request.form.get(k, "")
            for k in ("version", "rationale", "conditions", "accept_cost_growth")
        }
        data, errors = decision_request(event, request.form)
        status = 422 if errors else 200
        if not errors:
            try:
                workflow.fire_event(
                    session, actor=actor, code=code, event=event, limits=limits(), **data
                )
            except (RuleViolation, NotPermitted, Conflict) as exc:
                session.rollback()
                status, errors = _refusal(exc)
                values["version"] = str(
                    portfolios.get_programme_view(session, code=code).programme.version
                )
            else:
                session.commit()
                flash(f"{event_label(event)}: decision recorded.", "success")
                return redirect(url_for("web.programme", code=code))
    return render_template(
        "web/decide.html",
        p=view,
        event=event,
        spec=spec,
        values=values,
        errors=errors,
        error_hrefs={"conditions": "conditions"},
        refused=status in (403, 409) or "_" in errors,
    ), status
