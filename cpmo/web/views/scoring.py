"""The scoring grid: candidates × criteria, saved cell by cell as the scorer goes (with
JavaScript) or all at once (without)."""

import math
from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import DomainError, NotPermitted
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workshops import access, scoring_service, workshops
from cpmo.workshops.views import workshop_view


def cell(candidate: str, criterion: str) -> str:
    """A grid cell's field name (codes never contain a colon)."""
    return f"score:{candidate}:{criterion}"


def _scores_from(form: Any) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    scores, errors = [], {}
    for name, raw in form.items():
        if not name.startswith("score:") or not raw.strip():
            continue
        _, candidate, criterion = name.split(":", 2)
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            errors[name] = ["Enter the score as a number"]
            continue
        scores.append({"candidate": candidate, "criterion": criterion, "value": value})
    return scores, errors


def _grid(code: str, status: int = 200, **extra: Any) -> Any:
    session = request_session()
    actor = acting_user()
    row = workshops.get_or_raise(session, code=code)
    names = access.scorer_names(session, actor=actor, workshop=row)
    if not names:
        raise NotPermitted(f"You are not a scorer of workshop {row.code!r}.")
    mine = scoring_service.visible_scores(session, actor=actor, code=code)
    values = {cell(s.candidate_key, s.criterion_key): f"{s.value:g}" for s in mine}
    values |= extra.pop("values", {})
    w = workshop_view(session, workshop=row)
    candidates = [c for c in w["candidates"] if c["merged_into"] is None]
    extra.setdefault("errors", {})
    extra["error_hrefs"] = {
        cell(cand["key"], crit["key"]): f"cell-{r}-{c}"
        for r, cand in enumerate(candidates)
        for c, crit in enumerate(w["criteria"])
    }
    return render_template(
        "web/scoring.html",
        w=w,
        candidates=candidates,
        scorer=names[0],
        values=values,
        cell=cell,
        **extra,
    ), status


def _field_of(exc: DomainError) -> str:
    candidate, criterion = exc.extra.get("candidate"), exc.extra.get("criterion")
    return cell(candidate, criterion) if candidate and criterion else "_"


@bp.route("/workshops/<code>/score", methods=["GET", "POST"])
@transactional
def scoring(code: str) -> Any:
    if request.method == "GET":
        return _grid(code)
    wants_json = request.accept_mimetypes.best == "application/json"
    scores, errors = _scores_from(request.form)
    if not errors and not scores:
        errors = {"_": ["Enter at least one score"]}
    session = request_session()
    if not errors:
        try:
            written = scoring_service.put_scores(
                session, actor=acting_user(), code=code, scores=scores
            )
        except DomainError as exc:
            session.rollback()
            errors = {_field_of(exc): [exc.detail]}
        else:
            if wants_json:
                return jsonify(saved=written)
            flash(f"{written} score{'' if written == 1 else 's'} saved.", "success")
            return redirect(url_for("web.scoring", code=code))
    if wants_json:
        return jsonify(errors=errors), 422
    values = {k: v for k, v in request.form.items() if k.startswith("score:")}
    return _grid(code, 422, errors=errors, values=values)
