"""The delivery page: supplier lots, milestones, the benefits realisation plan and programme
risks, with their forms (Post/Redirect/Get; bad input and refusals re-shown, nothing written)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.delivery import risks, service
from cpmo.errors import DomainError, NotFound, NotPermitted
from cpmo.vocabulary import long_date
from cpmo.web import delivery_forms
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.money_forms import Parsed
from cpmo.web.reads.delivery import DeliveryPage, delivery_page, plan_rows


def render_delivery(
    code: str,
    status: int = 200,
    *,
    form: str | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> Any:
    """The delivery page; ``form`` names the form re-shown with its ``errors``."""
    page = delivery_page(request_session(), actor=acting_user(), code=code)
    return render_template(
        "web/delivery.html",
        page=page,
        p=page.programme,
        form=form,
        values=values or {},
        errors=errors or {},
        today=date.today(),
    ), status


def _refused(exc: DomainError, field_id: str) -> dict[str, list[str]]:
    """A service's refusal, in its own plain words, against the field it is about."""
    request_session().rollback()
    detail = exc.detail
    named = exc.extra.get("errors") or {}
    if named:
        message = next(iter(named.values()))[0]
        detail = message[:1].upper() + message[1:]
    return {field_id: [detail]}


def _handle(
    code: str,
    form: str,
    field_id: str,
    parsed: Parsed,
    write: Callable[[], str],
    page: Callable[..., Any] | None = None,
) -> Any:
    """Write, flash and redirect to the form's place; or re-show it with its errors."""
    if not parsed.errors:
        try:
            done = write()
        except NotPermitted:
            raise
        except DomainError as exc:
            parsed.errors = _refused(exc, field_id)
        else:
            flash(done, "success")
            return redirect(url_for("web.delivery", code=code, _anchor=form))
    show = page or render_delivery
    return show(code, 422, form=form, values=parsed.values, errors=parsed.errors)


def _writable(page: DeliveryPage, allowed: bool) -> None:
    """Refuse (403) a form this user may not use at the programme's stage."""
    if not allowed:
        raise NotPermitted(
            "This cannot be changed now: it is changed by the programme's manager or a CPMO "
            "officer, at the stage that prepares it."
        )


def _listed(items: list[Any], item_id: int) -> Any:
    """The item of the page's list with ``item_id``; the not-found page otherwise."""
    found = next((item for item in items if item.id == item_id), None)
    if found is None:
        abort(404)
    return found


@bp.route("/programmes/<code>/delivery", methods=["GET"])
def delivery(code: str) -> Any:
    """Supplier lots, milestones, the benefits realisation plan and risks."""
    return render_delivery(code)


@bp.route("/programmes/<code>/lots/<int:lot_id>", methods=["POST"])
@transactional
def record_lot(code: str, lot_id: int) -> Any:
    """Record a lot's selected supplier and contract value."""
    page = delivery_page(request_session(), actor=acting_user(), code=code)
    lot = _listed(page.lots, lot_id)
    _writable(page, page.may_record_lots)
    parsed = delivery_forms.lot(request.form, lot_id)

    def write() -> str:
        service.record_lot(
            request_session(), actor=acting_user(), code=code, name=lot.name, **parsed.data
        )
        return f"{lot.name}: supplier and contract value recorded."

    return _handle(code, f"lot-{lot_id}", f"lot-{lot_id}-supplier", parsed, write)


@bp.route("/programmes/<code>/milestones/<int:milestone_id>/complete", methods=["POST"])
@transactional
def complete_milestone(code: str, milestone_id: int) -> Any:
    """Mark a milestone complete on the date it was completed."""
    page = delivery_page(request_session(), actor=acting_user(), code=code)
    _listed(page.milestones, milestone_id)
    _writable(page, page.may_complete_milestones)
    parsed = delivery_forms.milestone(request.form, milestone_id)

    def write() -> str:
        done = service.update_milestone(
            request_session(),
            actor=acting_user(),
            code=code,
            milestone_id=milestone_id,
            completed_on=parsed.data["completed_on"],
        )
        return f"{done.title}: completed on {long_date(done.completed_on)}."

    field_id = f"milestone-{milestone_id}-completed-day"
    return _handle(code, f"milestone-{milestone_id}", field_id, parsed, write)


def _render_plan(
    code: str,
    status: int = 200,
    *,
    form: str | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> Any:
    page = delivery_page(request_session(), actor=acting_user(), code=code)
    shown = values if values is not None else delivery_forms.plan_values(plan_rows(page.plan))
    rows = delivery_forms.plan_row_numbers(shown) if shown else []
    count = (max(rows) + 1 if rows else 0) + 1  # one blank row to add a benefit
    return render_template(
        "web/benefits_plan_form.html",
        page=page,
        p=page.programme,
        values=shown,
        errors=errors or {},
        rows=range(count),
    ), status


@bp.route("/programmes/<code>/benefits-plan", methods=["GET", "POST"])
@transactional
def edit_benefits_plan(code: str) -> Any:
    """Record (or replace) the benefits realisation plan."""
    page = delivery_page(request_session(), actor=acting_user(), code=code)
    _writable(page, page.may_edit_plan)
    if request.method == "GET":
        return _render_plan(code)
    parsed = delivery_forms.benefits_plan(request.form)

    def write() -> str:
        service.put_benefits_plan(
            request_session(), actor=acting_user(), code=code, benefits=parsed.data["benefits"]
        )
        count = len(parsed.data["benefits"])
        return f"Benefits realisation plan saved ({count} benefit{'' if count == 1 else 's'})."

    return _handle(code, "benefits-plan", "benefit-0-title", parsed, write, page=_render_plan)


def _risk_page(
    code: str,
    risk_code: str,
    status: int = 200,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> Any:
    session = request_session()
    page = delivery_page(session, actor=acting_user(), code=code)
    try:
        view = risks.get_risk(session, code=code, risk_code=risk_code)
    except NotFound:
        abort(404)
    r = view.risk
    shown = values or {"likelihood": str(r.likelihood or ""), "impact": str(r.impact or "")}
    return render_template(
        "web/programme_risk.html",
        page=page,
        p=page.programme,
        view=view,
        history=risks.history(session, code=code, risk_code=risk_code),
        values=shown,
        errors=errors or {},
    ), status


@bp.route("/programmes/<code>/risks/<risk_code>", methods=["GET"])
def programme_risk(code: str, risk_code: str) -> Any:
    """A programme risk: its score, owner, mitigation and rescoring history."""
    return _risk_page(code, risk_code)


@bp.route("/programmes/<code>/risks/<risk_code>/rescore", methods=["POST"])
@transactional
def rescore_risk(code: str, risk_code: str) -> Any:
    """Rescore a risk: new likelihood and impact, and why."""
    session = request_session()
    page = delivery_page(session, actor=acting_user(), code=code)
    try:
        before = risks.get_risk(session, code=code, risk_code=risk_code)
    except NotFound:
        abort(404)
    _writable(page, page.may_rescore)
    parsed = delivery_forms.rescore(request.form)
    unchanged = (parsed.data.get("likelihood"), parsed.data.get("impact")) == (
        before.risk.likelihood,
        before.risk.impact,
    )
    if not parsed.errors and unchanged:
        same = "The likelihood and impact are as they were: change one to rescore the risk"
        parsed.fail("likelihood", same)
    if not parsed.errors:
        try:
            view = risks.rescore_risk(
                session, actor=acting_user(), code=code, risk_code=risk_code, **parsed.data
            )
        except NotPermitted:
            raise
        except DomainError as exc:
            parsed.errors = _refused(exc, "rationale")
        else:
            flash(f"{view.risk.title}: rescored to {view.score}.", "success")
            return redirect(url_for("web.delivery", code=code, _anchor="risks"))
    return _risk_page(code, risk_code, 422, values=parsed.values, errors=parsed.errors)
