"""Register a programme, edit its details, set its delivery confidence: GOV.UK forms over the
same services as the API (``portfolios.service``), whose rules decide; refusals come back as
page messages and nothing is written."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from sqlmodel import Session, select

from cpmo.app import request_session, transactional
from cpmo.errors import (
    CycleDetected,
    DomainError,
    DuplicateKey,
    NotPermitted,
    StaleVersion,
    status_of,
)
from cpmo.portfolios import inputs
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.models import Department, Portfolio, Programme
from cpmo.users.models import User
from cpmo.vocabulary import Role
from cpmo.web import programme_form as pf
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp

FIELD_MESSAGES = {
    "portfolio": "Choose the portfolio from the list",
    "parent": "Choose a parent programme from the list",
    "department": "Choose the department from the list",
    "manager": "Choose the programme manager from the list",
    "rationale": "Enter the reason for the change: the programme is under review",
}
SAME_PORTFOLIO = "The parent programme must be in the same portfolio as this programme"
STALE = (
    "Someone changed this programme while you were editing it: reload the page and make your "
    "changes again"
)


def _refusal(exc: DomainError, code: str, name: str) -> tuple[dict[str, list[str]], int]:
    """A service's refusal → page errors (field → messages) and the status to answer."""
    if isinstance(exc, DuplicateKey):
        return {"code": ["A programme with this code already exists: choose another code"]}, 422
    if isinstance(exc, CycleDetected):
        message = "The parent programme cannot be this programme or one of the programmes under it"
        return {"parent": [message]}, 422
    if isinstance(exc, StaleVersion):
        return {"_": [STALE]}, 409
    errors: dict[str, list[str]] = {}
    for field_name, messages in (exc.extra.get("errors") or {}).items():
        if field_name == "parent" and "same portfolio" in " ".join(messages):
            errors["parent"] = [SAME_PORTFOLIO]
        elif field_name == "planned_end":
            errors[pf.anchor("planned_end")] = [pf.MESSAGES[("planned_end", messages[0])]]
        else:
            errors[pf.anchor(field_name)] = [
                FIELD_MESSAGES.get(
                    field_name,
                    pf.LABELS.get(field_name, "This field")
                    + " is not right: check it and try again",
                )
            ]
    if not errors:
        detail = exc.detail.replace(repr(code), name) if code else exc.detail
        errors["_"] = [detail.rstrip(".")]
    status = 403 if isinstance(exc, NotPermitted) else status_of(exc)
    return errors, status if status >= 400 else 422


def _choices(session: Session) -> dict[str, list[tuple[str, str]]]:
    """The options of the form's selects: values are codes, texts are names."""
    portfolios_ = session.exec(select(Portfolio.code, Portfolio.name).order_by(Portfolio.name))
    departments = session.exec(select(Department.code, Department.name).order_by(Department.name))
    programmes = session.exec(
        select(Programme.code, Programme.name, Portfolio.name)
        .join(Portfolio, Portfolio.id == Programme.portfolio_id)
        .order_by(Portfolio.name, Programme.name)
    )
    managers = session.exec(
        select(User.username, User.display_name)
        .where(User.role.in_([Role.PROGRAMME_MANAGER, Role.CPMO]))  # type: ignore[attr-defined]
        .where(User.active)
        .order_by(User.username)
    )
    return {
        "portfolio": [("", "Choose a portfolio")] + [(c, n) for c, n in portfolios_],
        "department": [("", "None")] + [(c, n) for c, n in departments],
        "parent": [("", "None: this is a top-level programme")]
        + [(c, f"{n} ({p})") for c, n, p in programmes],
        "manager": [("", "None yet")] + [(u, d or u) for u, d in managers],
    }


def _render(form: pf.ProgrammeForm, *, view: Any = None, status: int = 200, **extra: Any) -> Any:
    session = request_session()
    actor = acting_user()
    choices = _choices(session)
    if view is not None:
        extra["portfolio_name"] = dict(choices["portfolio"]).get(view.portfolio, "—")
    return render_template(
        "web/programme_form.html",
        form=form,
        v=form.values,
        errors=form.errors,
        p=view,
        choices=choices,
        manages=actor.role == Role.CPMO,
        labels=pf.LABELS,
        **extra,
    ), status


@bp.route("/programmes/new", methods=["GET", "POST"])
@transactional
def register_programme() -> Any:
    """Register a programme (it starts proposed; a programme manager becomes its manager)."""
    actor = acting_user()
    manages = actor.role == Role.CPMO
    if request.method == "GET":
        return _render(pf.ProgrammeForm())
    form = pf.programme_from_form(request.form, creating=True, manages=manages)
    if form.errors:
        return _render(form, status=422)
    try:
        view = portfolios.create_programme(
            request_session(), actor=actor, programme_in=inputs.ProgrammeCreate(**form.data)
        )
    except DomainError as exc:
        form.errors, status = _refusal(exc, "", form.values.get("name", ""))
        return _render(form, status=status)
    flash(f"{view.name} registered.", "success")
    return redirect(url_for("web.programme", code=view.code))


def _editable(code: str) -> Any:
    """The programme view, when the acting user may change it (403 otherwise)."""
    view = portfolios.get_programme_view(request_session(), code=code)
    if not portfolios.may_change(acting_user(), view.programme):
        abort(403, "Only the programme's manager or a CPMO officer may change this programme.")
    return view


def _update(view: Any, form: pf.ProgrammeForm, done: str) -> Any:
    """Apply ``form.data`` through the update service; the page again with the refusal."""
    try:
        portfolios.update_programme(
            request_session(),
            actor=acting_user(),
            code=view.code,
            programme_in=inputs.ProgrammeUpdate(**form.data),
        )
    except DomainError as exc:
        form.errors, status = _refusal(exc, view.code, view.name)
        return None, status
    flash(done, "success")
    return redirect(url_for("web.programme", code=view.code)), 302


@bp.route("/programmes/<code>/edit", methods=["GET", "POST"])
@transactional
def edit_programme(code: str) -> Any:
    """Edit a programme's details (not its code, portfolio or stage)."""
    view = _editable(code)
    manages = acting_user().role == Role.CPMO
    if request.method == "GET":
        return _render(pf.programme_to_form(view), view=view)
    form = pf.programme_from_form(request.form, creating=False, manages=manages)
    if form.errors:
        return _render(form, view=view, status=422)
    done, status = _update(view, form, "Programme details saved.")
    return done if done is not None else _render(form, view=view, status=status)


@bp.route("/programmes/<code>/confidence", methods=["GET", "POST"])
@transactional
def programme_confidence(code: str) -> Any:
    """Set the delivery confidence (RAG) with a commentary, as an audited change."""
    view = _editable(code)

    def page(form: pf.ProgrammeForm, status: int = 200) -> Any:
        return render_template(
            "web/programme_confidence.html",
            p=view,
            form=form,
            v=form.values,
            errors=form.errors,
            options=pf.CONFIDENCE,
        ), status

    if request.method == "GET":
        form = pf.ProgrammeForm(
            values={
                "rag": view.rag,
                "rag_reason": view.rag_reason or "",
                "version": str(view.version),
            }
        )
        return page(form)
    form = pf.confidence_from_form(request.form)
    if form.errors:
        return page(form, 422)
    done, status = _update(view, form, "Delivery confidence updated.")
    return done if done is not None else page(form, status)
