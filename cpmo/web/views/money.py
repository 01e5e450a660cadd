"""Money and benefits: record spend, set the forecast, record a benefit's realisation or
declare it not realised (each a form on the programme page, Post/Redirect/Get), and the
portfolio finance page."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from markupsafe import Markup

from cpmo.app import governance_limits, request_session, transactional
from cpmo.errors import DomainError, NotPermitted
from cpmo.finance import realisation
from cpmo.finance import service as finance
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.vocabulary import long_date
from cpmo.web import charts, money_forms
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.money_forms import Parsed
from cpmo.web.reads.money import portfolio_money
from cpmo.web.views.programmes import render_programme


def _handle(code: str, form: str, parsed: Parsed, write: Callable[[], str]) -> Any:
    """Re-show the programme page with the form's errors, or write, flash and redirect."""
    if not parsed.errors:
        try:
            done = write()
        except NotPermitted:
            raise  # the forbidden page
        except DomainError as exc:
            request_session().rollback()
            parsed.errors = {"_": [exc.detail]}
        else:
            flash(done, "success")
            return redirect(url_for("web.programme", code=code, _anchor=form))
    return render_programme(code, 422, form=form, values=parsed.values, errors=parsed.errors)


def _benefit_titles(code: str) -> dict[str, str]:
    """The programme's benefits: code → title (only these may be changed from its page)."""
    benefits = realisation.programme_benefits(request_session(), code=code)
    return {b.benefit.code: b.benefit.title for b in benefits.benefits}


@bp.route("/programmes/<code>/actuals", methods=["POST"])
@transactional
def record_actuals(code: str) -> Any:
    """Record (or correct) the spend for one month."""
    get_programme_or_raise(request_session(), code=code)
    parsed = money_forms.actuals(request.form)

    def write() -> str:
        entry = finance.SpendEntry(month=parsed.data["month"], amount_gbp=parsed.data["amount_gbp"])
        finance.record_actuals(request_session(), actor=acting_user(), code=code, entries=[entry])
        month = long_date(parsed.data["month"]).split(" ", 1)[1]
        return f"Actual spend for {month} recorded."

    return _handle(code, "actuals", parsed, write)


@bp.route("/programmes/<code>/forecast", methods=["POST"])
@transactional
def set_forecast(code: str) -> Any:
    """Replace the forecast profile, with its rationale."""
    get_programme_or_raise(request_session(), code=code)
    parsed = money_forms.forecast(request.form)

    def write() -> str:
        finance.set_forecast(
            request_session(),
            actor=acting_user(),
            code=code,
            years=parsed.data["years"],
            rationale=parsed.data["rationale"],
        )
        return "Forecast updated."

    return _handle(code, "forecast", parsed, write)


@bp.route("/programmes/<code>/benefit-years", methods=["POST"])
@transactional
def record_benefit_years(code: str) -> Any:
    """Record a benefit's realised amount for a financial year."""
    titles = _benefit_titles(code)
    parsed = money_forms.benefit_years(request.form, titles)

    def write() -> str:
        realisation.record_years(
            request_session(),
            actor=acting_user(),
            code=parsed.data["code"],
            planned={},
            actual=parsed.data["actual"],
        )
        return f"{titles[parsed.data['code']]}: realised amount recorded."

    return _handle(code, "benefit-years", parsed, write)


@bp.route("/programmes/<code>/benefit-not-realised", methods=["POST"])
@transactional
def declare_not_realised(code: str) -> Any:
    """Declare, with a reason, that a benefit will not be realised."""
    titles = _benefit_titles(code)
    parsed = money_forms.not_realised(request.form, titles)

    def write() -> str:
        realisation.declare_not_realised(
            request_session(),
            actor=acting_user(),
            code=parsed.data["code"],
            rationale=parsed.data["rationale"],
        )
        return f"{titles[parsed.data['code']]}: declared not realised."

    return _handle(code, "not-realised", parsed, write)


@bp.route("/portfolios/<code>/finance", methods=["GET"])
def portfolio_finance(code: str) -> Any:
    """Budget, actual and forecast by financial year, by programme, beside the allocations."""
    data = portfolio_money(
        request_session(), code=code, limits=governance_limits(), today=date.today()
    )
    chart = charts.bar_chart(
        title=f"{data.portfolio.name}: allocation, baseline, actual and forecast by year",
        categories=[y.label for y in data.years],
        series=[
            ("Allocation", [y.allocation_gbp or 0 for y in data.years]),
            ("Baseline", [y.baseline_gbp for y in data.years]),
            ("Actual", [y.actual_gbp for y in data.years]),
            ("Forecast", [y.forecast_gbp for y in data.years]),
        ],
        table_id="finance-by-year",
    )
    return render_template("web/portfolio_finance.html", data=data, chart=Markup(chart))
