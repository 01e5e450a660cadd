"""A workshop's results: ranking with breakdown bars, weight sensitivity of the ranking and of
the selection, the selection within the yearly budgets with why each candidate was left out,
the efficient frontier (chart and table), saved scenarios (save, compare) and downloads."""

import math
from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from markupsafe import Markup

from cpmo.app import request_session, transactional
from cpmo.errors import DomainError, DuplicateKey, RuleViolation
from cpmo.web import charts
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workshops import (
    results,
    scenario_compare,
    scenarios,
    selection_service,
    spreadsheet_export,
)
from cpmo.workshops.access import runs_workshops

SENSITIVITY = {"samples": 1000, "perturbation": 0.10, "seed": 20200101}
SELECTION_SENSITIVITY = {"samples": 100, "perturbation": 0.10, "seed": 20200101}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SCALE = 1000  # per cent of a year's budget
NAME_LIMIT = 200


def _points(value: float) -> str:
    return f"{value:,.0f} points"


def _frontier_chart(frontier: list[Any]) -> Markup | None:
    if not frontier:
        return None
    svg = charts.bar_chart(
        title="Best value (weighted score points) at each budget level",
        categories=[f"{point.factor * 100:.0f}%" for point in frontier],
        series=[("Best value", [point.total_value or 0.0 for point in frontier])],
        table_id="frontier",
        fmt=_points,
    )
    return Markup(svg)  # built from escaped parts by cpmo.web.charts


def _results_page(
    code: str, *, errors: dict[str, list[str]] | None = None, values: dict[str, str] | None = None
) -> Any:
    session = request_session()
    actor = acting_user()
    ranking = results.ranking(session, actor=actor, code=code)
    selection = frontier = stability = None
    dropped: list[Any] = []
    selection_refused = None
    try:
        selection = selection_service.workshop_selection(session, actor=actor, code=code)
        frontier = selection_service.workshop_frontier(session, actor=actor, code=code)
        stability = selection_service.selection_sensitivity(
            session, actor=actor, code=code, **SELECTION_SENSITIVITY
        )
        dropped = selection_service.workshop_dropped(
            session, actor=actor, code=code, selected=selection.selected
        )
    except RuleViolation as exc:
        selection_refused = exc.detail
    # the ranking's stability is judged against as many places as the budgets buy
    places = len(selection.selected) if selection and selection.selected else None
    sensitivity = results.sensitivity(session, actor=actor, code=code, top_k=places, **SENSITIVITY)
    saved = scenarios.list_scenarios(session, actor=actor, code=code)
    top = max((r.total for r in ranking.candidates), default=0) or 1
    years = list((ranking.workshop.budgets or {}).keys())
    return render_template(
        "web/workshop_results.html",
        ranking=ranking,
        w=ranking.workshop,
        top=top,
        sensitivity=sensitivity,
        stability=stability,
        selection=selection,
        dropped=dropped,
        frontier=frontier,
        frontier_chart=_frontier_chart(frontier or []),
        selection_refused=selection_refused,
        settings=SENSITIVITY,
        saved=saved,
        may_save=runs_workshops(actor),
        years=years,
        errors=errors or {},
        values=values or {},
    ), (422 if errors else 200)


@bp.route("/workshops/<code>/results", methods=["GET"])
def workshop_results(code: str) -> Any:
    return _results_page(code)


def _scale(raw: str) -> float | None:
    """A percentage typed into the form, as a factor (None when it is not a number 0–1000)."""
    text = raw.strip().rstrip("%").strip()
    if not text or len(text) > 12:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or not 0 <= number <= MAX_SCALE:
        return None
    return round(number / 100, 6)


@bp.route("/workshops/<code>/results/scenarios", methods=["POST"])
@transactional
def workshop_save_scenario(code: str) -> Any:
    session = request_session()
    workshop = results.ranking(session, actor=acting_user(), code=code).workshop
    values = {"scenario-name": request.form.get("name", "").strip()}
    errors: dict[str, list[str]] = {}
    name = values["scenario-name"]
    if not name:
        errors["scenario-name"] = ["Enter a name for the scenario"]
    elif len(name) > NAME_LIMIT:
        errors["scenario-name"] = [f"The name must be {NAME_LIMIT} characters or fewer"]
    if not workshop.budgets:
        errors["_"] = ["Set the workshop's yearly budgets before saving a scenario"]
    scale: dict[str, float] = {}
    for year in workshop.budgets or {}:
        raw = request.form.get(f"scale-{year}", "").strip() or "100"
        values[f"scale-{year}"] = raw
        factor = _scale(raw)
        if factor is None:
            errors[f"scale-{year}"] = [
                f"Enter the {year} budget as a percentage from 0 to {MAX_SCALE}, like 90"
            ]
        else:
            scale[year] = factor
    if not errors:
        try:
            scenarios.save(session, actor=acting_user(), code=code, name=name, scale=scale)
        except DuplicateKey:
            session.rollback()
            errors["scenario-name"] = ["A scenario with this name already exists: choose another"]
        except DomainError as exc:
            session.rollback()
            errors["scenario-name"] = [f"The scenario could not be solved: {exc.detail}"]
    if errors:
        return _results_page(code, errors=errors, values=values)
    flash(f"Scenario “{name}” saved.", "success")
    return redirect(url_for("web.workshop_results", code=code) + "#scenarios")


@bp.route("/workshops/<code>/results/compare", methods=["GET"])
def workshop_compare_scenarios(code: str) -> Any:
    session = request_session()
    actor = acting_user()
    ranking = results.ranking(session, actor=actor, code=code)
    saved = [s.name for s in scenarios.list_scenarios(session, actor=actor, code=code)]
    first, second = request.args.get("first", ""), request.args.get("second", "")
    errors: dict[str, list[str]] = {}
    asked = "first" in request.args or "second" in request.args
    if asked and first not in saved:
        errors["first"] = ["Choose the first scenario to compare"]
    if asked and second not in saved:
        errors["second"] = ["Choose the second scenario to compare"]
    elif asked and second == first:
        errors["second"] = ["Choose a different scenario from the first"]
    comparison = None
    if asked and not errors:
        chosen = [first, second]
        comparison = scenario_compare.compare(session, actor=actor, code=code, names=chosen)
    return render_template(
        "web/workshop_compare.html",
        w=ranking.workshop,
        names=ranking.names,
        saved=saved,
        first=first,
        second=second,
        comparison=comparison,
        errors=errors,
    ), (422 if errors else 200)


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/workshops/<code>/results/ranking.xlsx", methods=["GET"])
def workshop_results_xlsx(code: str) -> Any:
    body = spreadsheet_export.export_xlsx(request_session(), actor=acting_user(), code=code)
    return _download(body, XLSX, f"{code}-ranking.xlsx")


@bp.route("/workshops/<code>/results/ranking.csv", methods=["GET"])
def workshop_results_csv(code: str) -> Any:
    body = spreadsheet_export.export_csv(request_session(), actor=acting_user(), code=code)
    return _download(body, "text/csv", f"{code}-ranking.csv")
