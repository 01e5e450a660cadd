"""Business cases: read a version; write the five cases in one form (save a draft, submit);
prefill the form from an uploaded .docx."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from cpmo.api.schemas.business_cases import FiveCases, to_content
from cpmo.app import governance_limits, max_attachment_bytes, request_session, transactional
from cpmo.business_cases import from_obc
from cpmo.business_cases import service as cases
from cpmo.business_cases.completeness import missing_items
from cpmo.business_cases.models import BusinessCase
from cpmo.documents import service as documents
from cpmo.documents.files import as_docx_name
from cpmo.documents.files import check as check_document
from cpmo.errors import (
    Conflict,
    DomainError,
    GateCriteriaUnmet,
    InvalidInput,
    NotPermitted,
    RuleViolation,
    status_of,
)
from cpmo.portfolios import service as portfolios
from cpmo.vocabulary import gate_label
from cpmo.web import case_errors, case_form
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.workflows import service as workflow
from cpmo.workflows.case_status import statuses_for


def _kind(kind: str) -> str:
    if kind not in cases.KINDS:
        abort(404)
    return kind


@bp.route("/programmes/<code>/business-cases/<kind>/<int:number>", methods=["GET"])
def business_case(code: str, kind: str, number: int) -> Any:
    session = request_session()
    view = portfolios.get_programme_view(session, code=code)
    case = cases.get_version(session, code=code, kind=_kind(kind), number=number)
    due = _due(session, code, kind) if case.status == "draft" else []
    return render_template(
        "web/business_case.html",
        p=view,
        case=case,
        content=case.content,
        missing=missing_items(case.content) if case.status == "draft" else [],
        gate=statuses_for(session, code=code).get((case.kind, case.number)),
        due=due,
        obc=_approved_obc(code, case.kind),
    )


def _due(session: Any, code: str, kind: str) -> list[Any]:
    """The open conditions to discharge before this kind of case can be submitted."""
    programme = portfolios.get_programme_or_raise(session, code=code)
    return workflow.conditions_due(session, programme=programme, gate=kind)


def _draft(session: Any, programme_id: int, kind: str) -> BusinessCase | None:
    """The newest version of ``kind`` (a draft is edited; a submitted one seeds a new draft)."""
    return cases.latest(session, programme_id=programme_id).get(kind)


def _revision(raw: str | None) -> int:
    """The draft revision the form was opened at (0 when it was opened before the draft
    existed, which makes the save stale)."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else 0


def _render(
    view: Any,
    kind: str,
    form: case_form.CaseForm,
    latest: BusinessCase | None,
    status: int = 200,
    **extra: Any,
) -> Any:
    draft = latest if latest is not None and latest.status == "draft" else None
    extra.setdefault("errors", {})
    extra.setdefault("error_hrefs", {})
    extra.setdefault("due", _due(request_session(), view.code, kind))
    extra.setdefault("obc", _approved_obc(view.code, kind))
    return render_template(
        "web/business_case_form.html",
        p=view,
        kind=kind,
        form=form,
        draft=draft,
        latest=latest,
        missing=missing_items(draft.content) if draft else [],
        scalars=case_form.SCALARS,
        rows=case_form.ROWS,
        nouns=case_form.ROW_NOUNS,
        **extra,
    ), status


def _approved_obc(code: str, kind: str) -> BusinessCase | None:
    """The approved OBC an FBC is set against (None for an OBC, or when none is approved)."""
    return from_obc.approved_obc(request_session(), code=code) if kind == "fbc" else None


@bp.route("/programmes/<code>/business-cases/fbc/from-obc", methods=["POST"])
@transactional
def start_fbc_from_obc(code: str) -> Any:
    """Start a draft FBC with every field copied from the approved OBC."""
    session = request_session()
    actor = acting_user()
    view = portfolios.get_programme_view(session, code=code)
    cases.check_may_write(actor, view.programme)
    try:
        fbc, obc = from_obc.start_fbc(session, actor=actor, code=code)
    except (Conflict, RuleViolation) as exc:
        session.rollback()
        latest = _draft(session, view.programme.id, "fbc")
        form = case_form.from_content(latest.content if latest else {})
        return _render(view, "fbc", form, latest, status_of(exc), errors={"_": [exc.detail]})
    flash(
        f"FBC version {fbc.number} started from the approved OBC (version {obc.number}). "
        "Change what the FBC needs to change, then save the draft.",
        "success",
    )
    return redirect(url_for("web.edit_business_case", code=code, kind="fbc"))


@bp.route("/programmes/<code>/business-cases/<kind>/edit", methods=["GET", "POST"])
@transactional
def edit_business_case(code: str, kind: str) -> Any:
    session = request_session()
    actor = acting_user()
    kind = _kind(kind)
    view = portfolios.get_programme_view(session, code=code)
    cases.check_may_write(actor, view.programme)
    latest = _draft(session, view.programme.id, kind)
    if request.method == "GET":
        form = case_form.from_content(latest.content if latest else {})
        return _render(view, kind, form, latest)
    form = case_form.from_form(request.form)
    content, errors = case_errors.validate(form)
    if content is None:
        return _render(view, kind, form, latest, 422, errors=errors)
    try:
        if latest is not None and latest.status == "draft":
            saved = cases.update_draft(
                session,
                actor=actor,
                code=code,
                kind=kind,
                number=latest.number,
                revision=_revision(request.form.get("revision")),
                content=content,
            )
        else:
            saved = cases.create_version(
                session, actor=actor, code=code, kind=kind, content=content
            )
    except Conflict as exc:
        return _render(view, kind, form, latest, 409, errors={"_": [exc.detail]})
    label = f"{gate_label(kind)} version {saved.number}"
    if request.form.get("action") != "submit":
        flash(f"Draft saved ({label}).", "success")
        return redirect(url_for("web.edit_business_case", code=code, kind=kind))
    try:
        workflow.fire_event(
            session,
            actor=actor,
            code=code,
            event=f"submit_{kind}",
            version=view.programme.version,
            limits=governance_limits(),
        )
    except GateCriteriaUnmet as exc:
        session.commit()  # the draft is kept; only the submission was refused
        errors, hrefs = case_errors.unmet_links(form, exc.unmet)
        return _render(
            view,
            kind,
            form,
            saved,
            422,
            errors=errors,
            error_hrefs=hrefs,
            refused=True,
            saved_label=label,
        )
    except DomainError as exc:
        session.commit()  # the draft is kept; only the submission was refused
        status = 403 if isinstance(exc, NotPermitted) else 409
        return _render(
            view,
            kind,
            form,
            saved,
            status,
            errors={"_": [exc.detail]},
            refused=True,
            saved_label=label,
        )
    flash(f"{label} submitted for review.", "success")
    return redirect(url_for("web.programme", code=code))


@bp.route("/programmes/<code>/business-cases/<kind>/upload", methods=["POST"])
@transactional
def upload_business_case(code: str, kind: str) -> Any:
    """Read a .docx into the form; the document is kept (with its SHA-256, audited), the
    draft is saved only when the person saves the form."""
    from cpmo.business_cases.docx.extract import extract_business_case

    session = request_session()
    kind = _kind(kind)
    view = portfolios.get_programme_view(session, code=code)
    cases.check_may_write(acting_user(), view.programme)
    latest = _draft(session, view.programme.id, kind)
    upload = request.files.get("document")
    current = case_form.from_content(latest.content if latest else {})

    def refused(message: str) -> Any:
        """The form as it was, with ``message`` against the document field."""
        return _render(view, kind, current, latest, 422, errors={"document": [message]})

    if upload is None or not upload.filename:
        return refused("Select a .docx file to read")
    if not upload.filename.lower().endswith(".docx"):
        return refused("The selected file must be a Word .docx file")
    raw = upload.read()
    try:
        extraction = extract_business_case(raw)
        content = to_content(FiveCases().load(extraction.content))
        kept = check_document(as_docx_name(upload.filename), raw, max_bytes=max_attachment_bytes())
    except InvalidInput as exc:
        return refused(exc.detail)
    except ValidationError:
        return refused(
            "The document could be read, but some of its values are not valid: "
            "enter the business case in the form instead"
        )
    documents.keep_form_upload(
        session, actor=acting_user(), programme=view.programme, kind=kind, file=kept
    )
    return _render(
        view,
        kind,
        case_form.from_content(content),
        latest,
        imported={
            "filename": upload.filename,
            "not_found": list(extraction.missing),
            "notes": list(extraction.notes),
        },
    )
