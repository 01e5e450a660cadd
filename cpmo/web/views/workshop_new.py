"""Creating a workshop (its code derived from its name) and changing its budgets by year."""

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import DomainError
from cpmo.portfolios import service as portfolios
from cpmo.validation import code_from_name
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.workshop_forms import SPARE_YEARS, read_workshop, year_rows, year_values
from cpmo.workshops import service as workshops
from cpmo.workshops.creation import create_workshop
from cpmo.workshops.inputs import WorkshopCreate, WorkshopUpdate
from cpmo.workshops.read_models import workshop_view


def _portfolios() -> dict[str, str]:
    rows = portfolios.list_portfolios(request_session())
    return {p.code: p.name for p, _ in sorted(rows, key=lambda r: r[0].name)}


def _rows(form: Any, shown: int) -> int:
    more = 1 if form.get("action") == "more" else 0
    return max(year_rows(form, "budget"), shown) + more


@bp.route("/workshops/new", methods=["GET", "POST"])
@transactional
def create_workshop_page() -> Any:
    choices = _portfolios()
    if request.method == "GET":
        return _render_new(choices, {}, {}, 1 + SPARE_YEARS)
    parsed = read_workshop(request.form, choices)
    rows = _rows(request.form, 1)
    if request.form.get("action") == "more":
        return _render_new(choices, parsed.values, {}, rows)
    if parsed.errors:
        return _render_new(choices, parsed.values, parsed.errors, rows, 422)
    session = request_session()
    taken = {w["code"] for w in workshops.list_workshops(session)}
    code = code_from_name(parsed.data["name"], taken)
    try:
        create_workshop(
            session, actor=acting_user(), workshop_in=WorkshopCreate(code=code, **parsed.data)
        )
    except DomainError as exc:
        session.rollback()
        return _render_new(choices, parsed.values, {"name": [exc.detail]}, rows, 422)
    flash("Workshop created. Now add its criteria, candidates and scorers.", "success")
    return redirect(url_for("web.workshop", code=code))


def _render_new(
    choices: dict[str, str],
    values: dict[str, str],
    errors: dict[str, list[str]],
    rows: int,
    status: int = 200,
) -> Any:
    options = [("", "No portfolio"), *choices.items()]
    return render_template(
        "web/workshop_new.html", options=options, values=values, errors=errors, rows=rows
    ), status


@bp.route("/workshops/<code>/budgets", methods=["GET", "POST"])
@transactional
def workshop_budgets(code: str) -> Any:
    session = request_session()
    w = workshop_view(session, workshop=workshops.get_or_raise(session, code=code))
    if request.method == "GET":
        values = year_values("budget", w["budgets"])
        return _render_budgets(w, values, {}, len(w["budgets"]) + SPARE_YEARS)
    form = {**request.form, "name": w["name"]}
    parsed = read_workshop(form, {})
    rows = _rows(request.form, len(w["budgets"]))
    if request.form.get("action") == "more":
        return _render_budgets(w, parsed.values, {}, rows)
    if parsed.errors:
        return _render_budgets(w, parsed.values, parsed.errors, rows, 422)
    try:
        workshops.update(
            session, code=code, workshop_in=WorkshopUpdate(budgets=parsed.data["budgets"])
        )
    except DomainError as exc:
        session.rollback()
        return _render_budgets(w, parsed.values, {"budget:0:year": [exc.detail]}, rows, 409)
    flash("Budgets saved.", "success")
    return redirect(url_for("web.workshop", code=code))


def _render_budgets(
    w: dict[str, Any],
    values: dict[str, str],
    errors: dict[str, list[str]],
    rows: int,
    status: int = 200,
) -> Any:
    return render_template(
        "web/workshop_budgets.html", w=w, values=values, errors=errors, rows=rows
    ), status
