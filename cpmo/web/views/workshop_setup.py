"""Weighting a workshop's criteria, directly or by AHP, with the consistency ratio checked
as the facilitator goes."""

from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import DomainError, InvalidInput, RuleViolation
from cpmo.prioritisation import matrix_from_judgements
from cpmo.prioritisation.weights import CR_THRESHOLD, analyse_pairwise
from cpmo.web import weights_form
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workshops import setup, workshops
from cpmo.workshops.views import workshop_view


def _render_weights(code: str, status: int = 200, **extra: Any) -> Any:
    session = request_session()
    w = workshop_view(session, workshop=workshops.get_or_raise(session, code=code))
    keys = [c["key"] for c in w["criteria"]]
    stored = {(j["a"], j["b"]): weights_form.as_text(j["value"]) for j in w["judgements"]}
    values = {
        weights_form.pair_field(a, b): stored.get((a, b), "1") for a, b in weights_form.pairs(keys)
    }
    values |= {f"weight:{c['key']}": f"{c['entered_weight']:g}" for c in w["criteria"]}
    values |= extra.pop("values", {})
    extra.setdefault("errors", {})
    return render_template(
        "web/workshop_weights.html",
        w=w,
        names={c["key"]: c["name"] for c in w["criteria"]},
        pairs=weights_form.pairs(keys),
        pair_field=weights_form.pair_field,
        scale=weights_form.SCALE,
        values=values,
        threshold=CR_THRESHOLD,
        **extra,
    ), status


def _check(keys: list[str], data: dict[str, Any]) -> dict[str, Any]:
    """CR and weights of the judgements, without saving (pure maths)."""
    pairs = {(j["a"], j["b"]): j["value"] for j in data["judgements"]}
    result = analyse_pairwise(matrix_from_judgements(keys, pairs), keys)
    return {
        "cr": round(result.cr, 4),
        "consistent": result.cr < CR_THRESHOLD,
        "weights": {k: round(v, 4) for k, v in result.weights_by_key().items()},
        "most_inconsistent": list(result.most_inconsistent or []),
    }


def _keys(code: str) -> list[str]:
    session = request_session()
    rows = setup.list_criteria(session, workshop=workshops.get_or_raise(session, code=code))
    return [r.key for r in rows]


@bp.route("/workshops/<code>/weights", methods=["GET", "POST"])
@transactional
def workshop_weights(code: str) -> Any:
    if request.method == "GET":
        return _render_weights(code)
    keys = _keys(code)
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    data, errors = weights_form.read(request.form, keys)
    if errors:
        return _render_weights(code, 422, errors=errors, values=values)
    if request.form.get("action") == "check":
        return _render_weights(code, values=values, check=_check(keys, data))
    session = request_session()
    try:
        setup.set_weights(session, actor=acting_user(), code=code, **data)
    except RuleViolation as exc:
        session.rollback()
        field = "method"
        pair = exc.extra.get("most_inconsistent")
        if pair and pair[0]:
            a, b = pair if tuple(pair) in weights_form.pairs(keys) else pair[::-1]
            field = weights_form.pair_field(a, b)
        return _render_weights(code, 422, errors={field: [exc.detail]}, values=values)
    except DomainError as exc:
        session.rollback()
        return _render_weights(code, 409, errors={"method": [exc.detail]}, values=values)
    flash("Weights saved.", "success")
    return redirect(url_for("web.workshop", code=code))


@bp.route("/workshops/<code>/weights/check", methods=["POST"])
def workshop_weights_check(code: str) -> Any:
    """The consistency ratio of the judgements in the form, for the page's live display."""
    keys = _keys(code)
    data, errors = weights_form.read({**request.form, "method": "ahp"}, keys)
    if errors:
        return jsonify(error="Choose a value for every pair."), 422
    try:
        return jsonify(_check(keys, data))
    except (InvalidInput, RuleViolation) as exc:
        return jsonify(error=exc.detail), 422
