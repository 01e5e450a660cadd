"""A draft workshop's candidates: add, change and remove them by form, or add them from a
spreadsheet (.xlsx or .csv) whose problems are listed row by row in plain words."""

from datetime import date
from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import DomainError
from cpmo.validation import code_from_name
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.labels import first_upper
from cpmo.web.workshop_forms import SPARE_YEARS, read_candidate, year_rows, year_values
from cpmo.workshops import candidates, spreadsheet_import
from cpmo.workshops import service as workshops
from cpmo.workshops.inputs import CandidateCreate
from cpmo.workshops.read_models import workshop_view

MAX_SHOWN = 25
CHOOSE = "Select a spreadsheet: an .xlsx or .csv file"


def _context(code: str) -> tuple[Any, dict[str, Any], dict[str, str]]:
    session = request_session()
    row = workshops.get_or_raise(session, code=code)
    w = workshop_view(session, workshop=row)
    return row, w, dict(candidates.programme_choices(session, workshop=row))


def _render(code: str, template: str, status: int = 200, **extra: Any) -> Any:
    _, w, programmes = _context(code)
    extra.setdefault("values", {})
    extra.setdefault("errors", {})
    extra.setdefault("rows", 1 + SPARE_YEARS)
    options = [("", "Not linked to a programme"), *programmes.items()]
    return render_template(template, w=w, programme_options=options, **extra), status


@bp.route("/workshops/<code>/candidates", methods=["GET", "POST"])
@transactional
def workshop_candidates(code: str) -> Any:
    page = "web/workshop_candidates.html"
    if request.method == "GET":
        return _render(code, page)
    row, _, programmes = _context(code)
    parsed = read_candidate(request.form, programmes)
    rows = max(year_rows(request.form, "cost"), 1) + (request.form.get("action") == "more")
    if request.form.get("action") == "more":
        return _render(code, page, values=parsed.values, rows=rows)
    if parsed.errors:
        return _render(code, page, 422, values=parsed.values, errors=parsed.errors, rows=rows)
    session = request_session()
    taken = {c.key for c, _ in candidates.list_candidates(session, workshop=row, active_only=False)}
    key = code_from_name(parsed.data["name"], taken)
    try:
        candidates.create_candidate(
            session, code=code, candidate_in=CandidateCreate(key=key, **parsed.data)
        )
    except DomainError as exc:
        session.rollback()
        errors = {"name": [exc.detail]}
        return _render(code, page, 409, values=parsed.values, errors=errors, rows=rows)
    flash(f"Candidate “{parsed.data['name']}” added.", "success")
    return redirect(url_for("web.workshop_candidates", code=code))


@bp.route("/workshops/<code>/candidates/<key>", methods=["GET", "POST"])
@transactional
def workshop_candidate(code: str, key: str) -> Any:
    page = "web/workshop_candidate.html"
    session = request_session()
    row, w, programmes = _context(code)
    candidate = candidates.get_candidate_or_raise(session, workshop=row, key=key)
    programme = next((c["programme"] for c in w["candidates"] if c["key"] == key), None)
    if request.method == "GET":
        values = {
            "name": candidate.name,
            "sponsor": "; ".join(candidate.sponsors or []),
            "description": candidate.description or "",
            "programme": programme or "",
        } | year_values("cost", candidate.costs or {})
        rows = len(candidate.costs or {}) + SPARE_YEARS
        return _render(code, page, candidate=candidate, values=values, rows=rows)
    parsed = read_candidate(request.form, programmes)
    rows = max(year_rows(request.form, "cost"), 1) + (request.form.get("action") == "more")
    if request.form.get("action") == "more":
        return _render(code, page, candidate=candidate, values=parsed.values, rows=rows)
    if parsed.errors:
        extra = {"values": parsed.values, "errors": parsed.errors, "rows": rows}
        return _render(code, page, 422, candidate=candidate, **extra)
    try:
        candidates.update_candidate(
            session, code=code, key=key, candidate_in=CandidateCreate(key=key, **parsed.data)
        )
    except DomainError as exc:
        session.rollback()
        extra = {"values": parsed.values, "errors": {"name": [exc.detail]}, "rows": rows}
        return _render(code, page, 409, candidate=candidate, **extra)
    flash(f"Candidate “{parsed.data['name']}” saved.", "success")
    return redirect(url_for("web.workshop_candidates", code=code))


@bp.route("/workshops/<code>/candidates/<key>/remove", methods=["POST"])
@transactional
def remove_workshop_candidate(code: str, key: str) -> Any:
    session = request_session()
    row = workshops.get_or_raise(session, code=code)
    name = candidates.get_candidate_or_raise(session, workshop=row, key=key).name
    try:
        candidates.delete_candidate(session, code=code, key=key)
    except DomainError as exc:
        session.rollback()
        flash(exc.detail, "info")
    else:
        flash(f"Candidate “{name}” removed.", "success")
    return redirect(url_for("web.workshop_candidates", code=code))


@bp.route("/workshops/<code>/candidates/upload", methods=["POST"])
@transactional
def upload_workshop_candidates(code: str) -> Any:
    page = "web/workshop_candidates.html"
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _render(code, page, 422, errors={"file": [CHOOSE]})
    if not upload.filename.lower().endswith((".xlsx", ".csv")):
        return _render(code, page, 422, errors={"file": [CHOOSE]})
    session = request_session()
    try:
        n = spreadsheet_import.import_candidates(
            session,
            actor=acting_user(),
            code=code,
            content=upload.read(),
            filename=upload.filename,
        )
    except DomainError as exc:
        session.rollback()
        return _render(code, page, 422, errors={"file": _problems(exc)})
    flash(f"{n} candidate{'' if n == 1 else 's'} added from the spreadsheet.", "success")
    return redirect(url_for("web.workshop_candidates", code=code))


@bp.route("/workshops/<code>/candidates/template.csv", methods=["GET"])
def workshop_candidates_template(code: str) -> Any:
    """A spreadsheet to fill in: the columns the upload reads, a cost column per budget year."""
    row = workshops.get_or_raise(request_session(), code=code)
    this_year = date.today().year
    years = sorted(row.budgets or {}) or [str(this_year), str(this_year + 1)]
    body = spreadsheet_import.candidates_template(years) + "\r\n"
    disposition = f'attachment; filename="{code}-candidates.csv"'
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": disposition})


def _problems(exc: DomainError) -> list[str]:
    """Each problem of the sheet as 'Row 3, column B: …' (at most MAX_SHOWN of them)."""
    problems = exc.extra.get("problems") or []
    if not problems:
        return [exc.detail]
    lines = []
    for p in problems[:MAX_SHOWN]:
        where = f"Row {p['row']}" + (f", column {p['column']}" if p.get("column") else "")
        lines.append(f"{where}: {first_upper(str(p['message']))}")
    if len(problems) > MAX_SHOWN:
        lines.append(f"And {len(problems) - MAX_SHOWN} more problems: fix these first")
    return lines
