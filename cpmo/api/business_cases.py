"""Business case endpoints: versions (create, list, get, edit drafts) and .docx upload."""

from typing import Any

from sqlmodel import select

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.business_cases import (
    BusinessCaseCreate,
    BusinessCaseRead,
    BusinessCaseUpdate,
    DocxImportRead,
    DocxUpload,
    FbcChangesRead,
    FiveCases,
    to_content,
)
from cpmo.api.uploads import required_file
from cpmo.app import max_attachment_bytes, request_session
from cpmo.business_cases import from_obc, service
from cpmo.business_cases.completeness import missing_items
from cpmo.business_cases.models import BusinessCase
from cpmo.documents import service as documents
from cpmo.documents.files import as_docx_name
from cpmo.documents.files import check as check_document
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.users.models import User
from cpmo.workflows.case_status import CaseStatus, statuses_for
from cpmo.workflows.gates import CASE_KINDS

blp = make_blueprint("business_cases", "/programmes", "Business cases (Five Case Model)")
KIND = set(CASE_KINDS)


def case_dict(
    case: BusinessCase,
    code: str,
    users: dict[int, str],
    statuses: dict[tuple[str, int], CaseStatus] | None = None,
) -> dict[str, Any]:
    """One case version as the API reads it, with the status that follows its gate."""
    if statuses is None:
        statuses = statuses_for(request_session(), code=code)
    gate = statuses.get((case.kind, case.number))
    return {
        **FiveCases().load(case.content),  # stored JSON-safe; read back as typed values
        "programme": code,
        "kind": case.kind,
        "version": case.number,
        "revision": case.revision,
        "content_sha256": case.content_sha256,
        "status": case.status,
        "created_by": users.get(case.created_by_id),
        "created_at": case.created_at,
        "submitted_by": users.get(case.submitted_by_id or 0),
        "submitted_at": case.submitted_at,
        "missing": missing_items(case.content) if case.status == "draft" else [],
        "gate_status": gate.status if gate else case.status,
        "decision": gate.decision.as_dict() if gate and gate.decision else None,
        "endorsement": gate.endorsement.as_dict() if gate and gate.endorsement else None,
    }


def _usernames() -> dict[int, str]:
    return dict(request_session().exec(select(User.id, User.username)).all())


@blp.post(
    "/<code>/business-cases",
    body=BusinessCaseCreate,
    status=201,
    schema=BusinessCaseRead,
    errors=(404, 409, 422),
)
def create_business_case(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Create a new draft version (drafts may be incomplete; `missing` lists the gaps)."""
    session = request_session()
    case = service.create_version(
        session, actor=current_user(), code=code, kind=data["kind"], content=to_content(data)
    )
    return case_dict(case, code, _usernames())


@blp.get("/<code>/business-cases", schema=BusinessCaseRead(many=True), errors=(404,))
def list_business_cases(code: str) -> list[dict[str, Any]]:
    """Every version of the programme's business cases, newest first within each kind."""
    users = _usernames()
    session = request_session()
    versions = service.list_versions(session, code=code)
    statuses = statuses_for(session, code=code)
    return [case_dict(c, code, users, statuses) for c in versions]


def _kind(kind: str) -> str:
    from cpmo.errors import NotFound

    if kind not in KIND:
        raise NotFound(f"Business case kinds are obc and fbc, not {kind!r}.")
    return kind


@blp.get("/<code>/business-cases/<kind>/<int:number>", schema=BusinessCaseRead, errors=(404,))
def get_business_case(code: str, kind: str, number: int) -> dict[str, Any]:
    """One version."""
    case = service.get_version(request_session(), code=code, kind=_kind(kind), number=number)
    return case_dict(case, code, _usernames())


@blp.put(
    "/<code>/business-cases/<kind>/<int:number>",
    body=BusinessCaseUpdate,
    schema=BusinessCaseRead,
    errors=(404, 409, 422),
)
def update_business_case(data: dict[str, Any], code: str, kind: str, number: int) -> Any:
    """Replace a draft's five cases, as edited from ``revision`` (409 when someone saved the
    draft since, or once it is submitted: create a new version instead)."""
    session = request_session()
    case = service.update_draft(
        session,
        actor=current_user(),
        code=code,
        kind=_kind(kind),
        number=number,
        revision=data.pop("revision"),
        content=to_content(data),
    )
    return case_dict(case, code, _usernames())


@blp.post(
    "/<code>/business-cases/fbc/from-obc",
    status=201,
    schema=BusinessCaseRead,
    errors=(404, 409, 422),
)
def start_fbc_from_obc(code: str) -> dict[str, Any]:
    """Start a new FBC draft with every field copied from the approved OBC (audited as
    `start_fbc_from_obc`, naming the OBC version). 422 when no OBC has been approved; 409
    while an FBC draft exists (edit it instead)."""
    fbc, _ = from_obc.start_fbc(request_session(), actor=current_user(), code=code)
    return case_dict(fbc, code, _usernames())


@blp.get(
    "/<code>/business-cases/fbc/<int:number>/changes",
    schema=FbcChangesRead,
    errors=(404, 422),
)
def fbc_changes(code: str, number: int) -> dict[str, Any]:
    """What FBC version `number` changed from the approved OBC, field by field: lists are
    paired by name (added, removed, changed), the profile by year, money shown in pounds.
    422 when no OBC has been approved."""
    compared = from_obc.fbc_changes(request_session(), code=code, number=number)
    return {
        "programme": code,
        "obc_version": compared.obc.number,
        "fbc_version": compared.fbc.number,
        "changes": [c.as_dict() for c in compared.changes],
    }


def _may_upload(code: str) -> None:
    """The programme exists and the caller may write its cases: checked before the body."""
    programme = get_programme_or_raise(request_session(), code=code)
    service.check_may_write(current_user(), programme)


@blp.post(
    "/<code>/business-cases/upload",
    form=DocxUpload,
    check=_may_upload,
    status=201,
    schema=DocxImportRead,
    errors=(404, 409, 413, 415, 422),
)
def upload_business_case(data: dict[str, Any], code: str) -> Any:
    """Upload a .docx business case (multipart field `file`) in the usual five-section
    layout; its sections become a new draft, and sections it could not find are listed."""
    from cpmo.business_cases.docx.extract import extract_business_case

    upload = required_file("file", what="the .docx", expected="a .docx file")
    raw = upload.read()
    extraction = extract_business_case(raw)
    content = to_content(FiveCases().load(extraction.content))
    kept = check_document(as_docx_name(upload.filename), raw, max_bytes=max_attachment_bytes())
    session = request_session()
    actor = current_user()
    case = service.create_version(
        session, actor=actor, code=code, kind=data["kind"], content=content
    )
    documents.keep_case_upload(session, actor=actor, case=case, file=kept)
    return {
        "business_case": case_dict(case, code, _usernames()),
        "not_found": list(extraction.missing),
        "notes": list(extraction.notes),
    }
