"""Choosing from lists on a workshop: its selection rules (candidates chosen by name) and
its scorers (user accounts with the scorer role, ticked)."""

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import DomainError
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.forms import small_int
from cpmo.workshops import scorers
from cpmo.workshops import service as workshops
from cpmo.workshops.inputs import WorkshopUpdate
from cpmo.workshops.read_models import workshop_view

PAIR_RULES = ("requires", "excludes")
RULE_KINDS = [
    ("requires", "Requires: the first can be selected only with the second"),
    ("excludes", "Excludes: the two cannot both be selected"),
    ("mandatory", "Mandatory: it must be selected"),
    ("forbidden", "Forbidden: it must not be selected"),
]


def _rule_lines(rules: dict[str, Any], names: dict[str, str]) -> list[tuple[str, int, str]]:
    """(kind, index, sentence) of every rule, candidates by name."""
    said = {
        "requires": "{a} can be selected only with {b}",
        "excludes": "{a} and {b} cannot both be selected",
        "mandatory": "{a} must be selected",
        "forbidden": "{a} must not be selected",
    }
    out = []
    for kind in workshops.RULE_NAMES:
        for i, item in enumerate(rules.get(kind) or []):
            a, b = (item[0], item[1]) if kind in PAIR_RULES else (item, "")
            gone = "a removed candidate"
            out.append((kind, i, said[kind].format(a=names.get(a, gone), b=names.get(b, gone))))
    return out


@bp.route("/workshops/<code>/rules", methods=["GET", "POST"])
@transactional
def workshop_rules(code: str) -> Any:
    session = request_session()
    w = workshop_view(session, workshop=workshops.get_or_raise(session, code=code))
    names = {c["key"]: c["name"] for c in w["candidates"] if not c["merged_into"]}
    rules = workshops.clean_rules(w["rules"] or {})
    errors: dict[str, list[str]] = {}
    values = {k: (request.form.get(k) or "").strip() for k in ("kind", "first", "second")}
    if request.method == "POST":
        if request.form.get("action") == "remove":
            kind, index = request.form.get("kind", ""), small_int(request.form.get("index"))
            if kind in rules and index is not None and index < len(rules[kind]):
                rules[kind].pop(index)
            message = "Rule removed."
        else:
            errors = _check_rule(values, names, rules)
            kind, a, b = values["kind"], values["first"], values["second"]
            if not errors:
                rules[kind].append([a, b] if kind in PAIR_RULES else a)
            message = "Rule added."
        if not errors:
            try:
                workshops.update(session, code=code, workshop_in=WorkshopUpdate(rules=rules))
            except DomainError as exc:
                session.rollback()
                errors = {"kind": [exc.detail]}
            else:
                flash(message, "success")
                return redirect(url_for("web.workshop_rules", code=code))
    options = [("", "Choose a candidate"), *sorted(names.items(), key=lambda kv: kv[1])]
    return render_template(
        "web/workshop_rules.html",
        w=w,
        lines=_rule_lines(rules, names),
        kinds=RULE_KINDS,
        options=options,
        values=values,
        errors=errors,
    ), (422 if errors else 200)


def _check_rule(
    values: dict[str, str], names: dict[str, str], rules: dict[str, list[Any]]
) -> dict[str, list[str]]:
    kind, a, b = values["kind"], values["first"], values["second"]
    errors: dict[str, list[str]] = {}
    if kind not in rules:
        errors["kind"] = ["Choose the kind of rule"]
    if a not in names:
        errors["first"] = ["Choose the candidate the rule is about"]
    if kind in PAIR_RULES:
        if b not in names:
            errors["second"] = ["Choose the second candidate"]
        elif a == b:
            errors["second"] = ["Choose a second candidate different from the first"]
    if not errors:
        rule = [a, b] if kind in PAIR_RULES else a
        if rule in rules[kind]:
            errors["first"] = ["The workshop already has this rule"]
    return errors


@bp.route("/workshops/<code>/scorers", methods=["GET", "POST"])
@transactional
def workshop_scorers(code: str) -> Any:
    session = request_session()
    w = workshop_view(session, workshop=workshops.get_or_raise(session, code=code))
    accounts = scorers.scorer_accounts(session)
    linked = {s["username"]: s["name"] for s in w["scorers"] if s["username"]}
    errors: dict[str, list[str]] = {}
    chosen = set(linked)
    if request.method == "POST":
        known = {u.username for u in accounts} | set(linked)
        chosen = {u for u in request.form.getlist("scorers") if u in known}
        wanted = [{"name": s["name"]} for s in w["scorers"] if not s["username"]]
        wanted += [{"name": linked.get(u, u), "username": u} for u in sorted(chosen)]
        try:
            scorers.replace_scorers(session, actor=acting_user(), code=code, scorers=wanted)
        except DomainError as exc:
            session.rollback()
            errors = {"scorers": [exc.detail]}
        else:
            flash("Scorers saved.", "success")
            return redirect(url_for("web.workshop", code=code))
    return render_template(
        "web/workshop_scorers.html",
        w=w,
        accounts=accounts,
        chosen=chosen,
        others=[s["name"] for s in w["scorers"] if not s["username"]],
        errors=errors,
    ), (422 if errors else 200)
