"""Conditions from the programme page: the manager discharges one with an evidence note; a
CPMO officer accepts the discharge or returns it with a reason. Each a form on the programme
page (Post/Redirect/Get); a refusal re-shows the page with the reason and writes nothing."""

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, request, url_for

from cpmo.app import request_session, transactional
from cpmo.delivery import service as delivery
from cpmo.errors import DomainError, InvalidInput, NotFound, status_of
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.views.documents import checked_file
from cpmo.web.views.programmes import render_programme
from cpmo.workflows.models import Condition

NOTE_MISSING = "Enter the evidence that the condition has been met"
REASON_MISSING = "Enter why the discharge is being returned"
TOO_LONG = "{label} must be 20,000 characters or fewer"


def _text(field: str, missing: str, label: str) -> tuple[str, str | None]:
    """The form's text for ``field`` and the error for it, if any."""
    value = (request.form.get(field) or "").strip()
    if not value:
        return value, missing
    if len(value) > 20_000:
        return value, TOO_LONG.format(label=label)
    return value, None


def _act(
    code: str,
    condition_id: int,
    *,
    field: str | None,
    error: str | None,
    write: Callable[[], Condition],
    done: str,
) -> Any:
    """Write, flash and redirect; or re-show the programme page with the reason (the
    transaction is rolled back: nothing is written)."""
    form = f"condition-{condition_id}"
    values = {field: request.form.get(field, "")} if field else {}
    if error is not None:
        errors = {f"{form}-{field}": [error]}
        return render_programme(code, 422, form=form, values=values, errors=errors)
    try:
        condition = write()
    except NotFound:
        raise  # the page-not-found page
    except DomainError as exc:
        request_session().rollback()
        status = status_of(exc)
        return render_programme(code, status, form=form, values=values, errors={"_": [exc.detail]})
    flash(f"{done}: “{condition.text}”.", "success")
    return redirect(url_for("web.programme", code=code, _anchor="conditions"))


@bp.route("/programmes/<code>/conditions/<int:condition_id>/discharge", methods=["POST"])
@transactional
def discharge_condition(code: str, condition_id: int) -> Any:
    """The programme's manager records the evidence that a condition has been met."""
    note, error = _text("note", NOTE_MISSING, "Evidence")
    form = f"condition-{condition_id}"
    try:
        evidence = checked_file("evidence")
    except InvalidInput as exc:
        errors = {f"{form}-evidence": [exc.detail]}
        values = {"note": request.form.get("note", "")}
        return render_programme(code, status_of(exc), form=form, values=values, errors=errors)
    return _act(
        code,
        condition_id,
        field="note",
        error=error,
        write=lambda: delivery.discharge_condition(
            request_session(),
            actor=acting_user(),
            code=code,
            condition_id=condition_id,
            note=note,
            evidence=evidence,
        ),
        done="Condition discharged, awaiting acceptance by the CPMO",
    )


@bp.route("/programmes/<code>/conditions/<int:condition_id>/accept", methods=["POST"])
@transactional
def accept_condition(code: str, condition_id: int) -> Any:
    """A CPMO officer accepts a discharged condition."""
    return _act(
        code,
        condition_id,
        field=None,
        error=None,
        write=lambda: delivery.accept_condition(
            request_session(), actor=acting_user(), code=code, condition_id=condition_id
        ),
        done="Discharge accepted",
    )


@bp.route("/programmes/<code>/conditions/<int:condition_id>/return", methods=["POST"])
@transactional
def return_condition(code: str, condition_id: int) -> Any:
    """A CPMO officer returns a discharge with a reason: the condition is open again."""
    reason, error = _text("reason", REASON_MISSING, "Reason")
    return _act(
        code,
        condition_id,
        field="reason",
        error=error,
        write=lambda: delivery.return_condition(
            request_session(),
            actor=acting_user(),
            code=code,
            condition_id=condition_id,
            reason=reason,
        ),
        done="Discharge returned: the condition is open again",
    )
