"""The oversight group's endorsement queue, with a decision form per case: endorse, giving
the rationale. Whether a case awaits endorsement and whether this member may endorse it is
the workflow's answer; refusals come back in plain words in the error summary."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from cpmo.app import governance_limits, request_session, transactional
from cpmo.errors import DomainError, InvalidEvent, NotFound, StaleVersion, status_of
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.vocabulary import case_kind_label, gate_label
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.forms import decision_request
from cpmo.web.reads.endorsements import AwaitingEndorsement, endorsement_queue
from cpmo.workflows import service as workflow
from cpmo.workflows.lifecycle import EVENTS

RATIONALE_MISSING = "Enter the rationale for this endorsement"
STALE = (
    "Someone changed this programme since you opened the page. "
    "Check the case again below and decide again."
)


def field_id(code: str) -> str:
    """The rationale textarea's id for one case in the queue."""
    return f"rationale-{code}"


def what(item: AwaitingEndorsement | None, name: str, gate: str) -> str:
    """ "Web Programme (outline business case, version 1)"."""
    if item is None or item.case_kind is None:
        return f"{name} ({gate_label(gate)})"
    return f"{name} ({case_kind_label(item.case_kind)}, version {item.business_case_version})"


def _render(
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> Any:
    items = endorsement_queue(request_session(), actor=acting_user(), limits=governance_limits())
    return render_template(
        "web/endorsements.html",
        items=items,
        errors=errors or {},
        values=values or {},
        field_id=field_id,
        limit=governance_limits().delegated_limit_gbp,
    ), status


@bp.route("/endorsements", methods=["GET"])
def endorsements() -> Any:
    """Every submission above the delegated limit awaiting endorsement, oldest first."""
    return _render()


def _refusal(exc: DomainError, code: str, name: str) -> tuple[int, dict[str, list[str]]]:
    """A workflow refusal → (status, plain words for the error summary)."""
    status = status_of(exc)
    if isinstance(exc, StaleVersion):
        return status, {"_": [STALE]}
    if isinstance(exc, InvalidEvent):
        return status, {"_": [f"{name} is no longer awaiting an endorsement."]}
    fields = exc.extra.get("errors") or {}
    if "rationale" in fields:
        return status, {field_id(code): [RATIONALE_MISSING]}
    if fields:
        return status, {"_": ["The page was out of date: reload it and decide again"]}
    reasons = exc.extra.get("unmet") or exc.extra.get("reasons") or [exc.detail]
    return status, {"_": [f"{name}: {r}" for r in reasons]}


@bp.route("/endorsements/<code>/<event>", methods=["POST"])
@transactional
def endorse(code: str, event: str) -> Any:
    """Endorse one case from the queue (PRG: back to the queue with a success banner)."""
    spec = EVENTS.get(event)
    if spec is None or spec.verb != "endorse":
        abort(404)
    session = request_session()
    try:
        programme = get_programme_or_raise(session, code=code)
    except NotFound:
        abort(404)
    actor = acting_user()
    limits = governance_limits()
    before = {i.code: i for i in endorsement_queue(session, actor=actor, limits=limits)}
    values = {field_id(code): request.form.get("rationale", "")}
    data, errors = decision_request(event, request.form)
    if errors:
        if "rationale" in errors:
            errors = {field_id(code): [RATIONALE_MISSING]}
        return _render(errors, values, 422)
    try:
        workflow.fire_event(session, actor=actor, code=code, event=event, limits=limits, **data)
    except DomainError as exc:
        session.rollback()
        status, errors = _refusal(exc, code, programme.name)
        return _render(errors, values, status)
    flash(
        f"Endorsement recorded for {what(before.get(code), programme.name, str(spec.gate))}.",
        "success",
    )
    return redirect(url_for("web.endorsements"))
