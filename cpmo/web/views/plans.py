"""Business plans in the pages: the list of plans; one plan's tree with what is overdue or due
next quarter as of a date the reader chooses, its KPIs and its risk register; progress notes,
KPI actuals and risk rescoring (the plan's owner, editors and CPMO officers, Post/Redirect/Get);
and importing a plan file."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from cpmo.app import request_session, transactional
from cpmo.db import utcnow
from cpmo.errors import DomainError, NotFound, NotPermitted
from cpmo.plans import kpis, notes, owners, risk_register, service
from cpmo.plans.inputs import RiskUpdate
from cpmo.web import charts, labels, plan_forms
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.date_form import read_date
from cpmo.web.money_forms import Parsed
from cpmo.web.plan_imports import import_upload
from cpmo.web.reads.plans import PlanPage, plan_page, plans_list

AS_OF = "as-of"
AS_OF_LABEL = "Show progress as of"


def _today() -> date:
    return utcnow().date()


@bp.route("/plans", methods=["GET"])
def plans() -> Any:
    """Every business plan: owner, department, period, status, percent complete, overdue."""
    return render_template("web/plans.html", rows=plans_list(request_session(), today=_today()))


def _charts(page: PlanPage) -> dict[str, Markup]:
    """Each KPI with actuals: its actuals by period as a bar chart (the table beside it has
    the same figures)."""
    out = {}
    for kpi in page.tree["kpis"]:
        actuals = page.actuals.get(kpi["code"], [])
        if actuals:
            svg = charts.bar_chart(
                title=f"{kpi['name']}: actuals by period",
                categories=[a.period for a in actuals],
                series=[("Actual", [a.value for a in actuals])],
                table_id=f"kpi-{kpi['code']}-actuals",
                fmt=labels.figure,
            )
            out[kpi["code"]] = Markup(svg)  # every text in it is escaped
    return out


def render_plan(
    code: str,
    status: int = 200,
    *,
    form: str | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> Any:
    """The plan page as of the date asked for (today by default); ``form`` names the form
    re-shown with its ``errors``."""
    errors = dict(errors or {})
    read = read_date(request.args, AS_OF, AS_OF_LABEL)
    if read.error:
        errors[f"{AS_OF}-{read.part or 'day'}"] = [read.error]
        status = max(status, 400)
    as_of = read.value or _today()
    page = plan_page(request_session(), actor=acting_user(), code=code, as_of=as_of)
    return render_template(
        "web/plan.html",
        page=page,
        p=page.tree,
        as_of=as_of,
        as_of_values=read.values,
        charts=_charts(page),
        statuses=list(plan_forms.STATUS_LABELS.items()),
        today=_today(),
        form=form,
        values=values or {},
        errors=errors,
    ), status


@bp.route("/plans/<code>", methods=["GET"])
def plan(code: str) -> Any:
    return render_plan(code)


def _editor_only(code: str) -> None:
    """The forbidden page unless the signed-in person may write to the plan."""
    session = request_session()
    plan_row = service.get_plan_or_raise(session, code=code)
    owners.require_editor(session, actor=acting_user(), plan=plan_row)


def _write(code: str, form: str, parsed: Parsed, write: Callable[[], str], anchor: str) -> Any:
    """Write, flash and redirect to the plan; or re-show it with the form's errors (the
    transaction is rolled back: nothing is written)."""
    if not parsed.errors:
        try:
            done = write()
        except (NotFound, NotPermitted):
            raise  # the page-not-found or forbidden page
        except DomainError as exc:
            request_session().rollback()
            parsed.errors = {"_": [_refusal(exc, form)]}
        else:
            flash(done, "success")
            return redirect(url_for("web.plan", code=code, _anchor=anchor))
    return render_plan(code, 422, form=form, values=parsed.values, errors=parsed.errors)


REFUSALS = {
    "rationale": "Enter why the risk is rescored: its likelihood or impact has changed",
    "period": "Enter the period as a year, " + plan_forms.PERIOD_EXAMPLE,
}


def _refusal(exc: DomainError, form: str) -> str:
    """A service's refusal in the form's words."""
    fields = exc.extra.get("errors") or {}
    for name in fields:
        if name in REFUSALS:
            return REFUSALS[name]
    return "That could not be saved: check what you entered and try again"


def _form_id(*parts: str) -> str:
    return "-".join(p.replace(".", "-").replace("/", "-") for p in parts)


def _progress(code: str, form: str, record: Callable[[notes.ProgressNote], Any]) -> Any:
    _editor_only(code)
    parsed = plan_forms.progress_note(request.form, form, _today())

    def write() -> str:
        item = record(parsed.data["update"])
        return f"Progress recorded on “{item.title}”."

    return _write(code, form, parsed, write, form)


@bp.route("/plans/<code>/actions/<number>/progress", methods=["POST"])
@transactional
def plan_action_progress(code: str, number: str) -> Any:
    """Record a dated progress note on an action."""
    return _progress(
        code,
        _form_id("action", number),
        lambda update: notes.record_action_progress(
            request_session(), actor=acting_user(), code=code, number=number, update=update
        ),
    )


@bp.route("/plans/<code>/priorities/<priority>/milestones/<letter>/progress", methods=["POST"])
@transactional
def plan_milestone_progress(code: str, priority: str, letter: str) -> Any:
    """Record a dated progress note on a milestone."""
    return _progress(
        code,
        _form_id("milestone", priority, letter),
        lambda update: notes.record_milestone_progress(
            request_session(),
            actor=acting_user(),
            code=code,
            priority=priority,
            letter=letter,
            update=update,
        ),
    )


@bp.route("/plans/<code>/kpis/<kpi>/actuals", methods=["POST"])
@transactional
def plan_kpi_actual(code: str, kpi: str) -> Any:
    """Record (or correct) a KPI's actual for a period."""
    _editor_only(code)
    if not kpis.list_kpis(request_session(), plan=code, code=kpi):
        abort(404)
    form = _form_id("kpi", kpi)
    parsed = plan_forms.kpi_actual(request.form, form)

    def write() -> str:
        view = kpis.record_actual(
            request_session(),
            actor=acting_user(),
            code=kpi,
            period=parsed.data["period"],
            value=parsed.data["value"],
            note=None,
        )
        return f"Actual for {parsed.data['period']} recorded on “{view.kpi.name}”."

    return _write(code, form, parsed, write, form)


@bp.route("/plans/<code>/risks/<risk>/rescore", methods=["POST"])
@transactional
def plan_risk_rescore(code: str, risk: str) -> Any:
    """Rescore a risk (likelihood and impact) with the reason."""
    _editor_only(code)
    if risk not in {v.risk.code for v in risk_register.list_risks(request_session(), plan=code)}:
        abort(404)
    form = _form_id("risk", risk)
    parsed = plan_forms.risk_rescore(request.form, form)

    def write() -> str:
        view = risk_register.update_risk(
            request_session(), actor=acting_user(), code=risk, risk_in=RiskUpdate(**parsed.data)
        )
        return f"Risk “{view.risk.title}” saved: its score is {view.score}."

    return _write(code, form, parsed, write, form)


@bp.route("/plans/import", methods=["GET", "POST"])
@transactional
def import_plan() -> Any:
    """Import a business plan from a .yaml, .json or .xlsx file."""
    if request.method == "GET":
        return render_template("web/plan_import.html", errors={})
    code, errors = import_upload(request_session(), request.files.get("file"))
    if errors:
        request_session().rollback()
        return render_template("web/plan_import.html", errors={"file": errors}), 422
    flash("Plan imported.", "success")
    return redirect(url_for("web.plan", code=code))
