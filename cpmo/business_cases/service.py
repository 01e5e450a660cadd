"""Business case versions: create, edit while draft, list, get. Submission happens through
the lifecycle (`submit_obc`, `submit_fbc`), which freezes the version."""

from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from cpmo.business_cases.digest import content_digest
from cpmo.business_cases.models import BusinessCase, BusinessCaseEdit
from cpmo.errors import Conflict, NotFound, NotPermitted, StaleVersion
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_programme_or_raise, may_change, programme_rows
from cpmo.users.models import User
from cpmo.vocabulary import Stage
from cpmo.workflows.gates import CASE_KINDS

KINDS = CASE_KINDS
CLOSED_STAGES = (Stage.CLOSED, Stage.STOPPED)


def check_may_write(actor: User, programme: Programme) -> None:
    """The programme's manager or a CPMO officer; NotPermitted otherwise."""
    if not may_change(actor, programme):
        raise NotPermitted(
            f"Only the manager of {programme.code!r} or a CPMO officer may change its records."
        )


def create_version(
    session: Session, *, actor: User, code: str, kind: str, content: dict[str, Any]
) -> BusinessCase:
    """A new draft version (numbered 1, 2, 3 … per programme and kind)."""
    programme = get_programme_or_raise(session, code=code)
    check_may_write(actor, programme)
    if programme.stage in CLOSED_STAGES:
        raise Conflict(f"{code!r} is {programme.stage}: no new business cases.")
    latest = session.exec(
        select(func.max(BusinessCase.number)).where(
            BusinessCase.programme_id == programme.id, BusinessCase.kind == kind
        )
    ).one()
    case = BusinessCase(
        programme_id=programme.id,
        kind=kind,
        number=(latest or 0) + 1,
        content=content,
        content_sha256=content_digest(content),
        created_by_id=actor.id,
    )
    session.add(case)
    session.flush()
    _record_edit(session, case, actor)
    return case


def _record_edit(session: Session, case: BusinessCase, actor: User) -> None:
    session.add(
        BusinessCaseEdit(
            case_id=case.id,
            revision=case.revision,
            author_id=actor.id,
            content_sha256=case.content_sha256 or content_digest(case.content),
        )
    )
    session.flush()


def get_version(session: Session, *, code: str, kind: str, number: int) -> BusinessCase:
    """One version; NotFound otherwise."""
    programme = get_programme_or_raise(session, code=code)
    case = session.exec(
        select(BusinessCase).where(
            BusinessCase.programme_id == programme.id,
            BusinessCase.kind == kind,
            BusinessCase.number == number,
        )
    ).first()
    if case is None:
        raise NotFound(f"{code!r} has no {kind.upper()} version {number}.")
    return case


def update_draft(
    session: Session,
    *,
    actor: User,
    code: str,
    kind: str,
    number: int,
    revision: int,
    content: dict[str, Any],
) -> BusinessCase:
    """Replace a draft's content, as edited from ``revision``; a submitted version never
    changes. Conditional on the revision, so of two edits from one revision only one wins."""
    case = get_version(session, code=code, kind=kind, number=number)
    check_may_write(actor, get_programme_or_raise(session, code=code))
    _check_still_draft(case)
    digest = content_digest(content)
    result = session.execute(
        update(BusinessCase)
        .where(
            BusinessCase.id == case.id,  # type: ignore[arg-type]
            BusinessCase.status == "draft",  # type: ignore[arg-type]
            BusinessCase.revision == revision,  # type: ignore[arg-type]
        )
        .values(content=content, content_sha256=digest, revision=revision + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(case)
    if result.rowcount != 1:
        _check_still_draft(case)
        raise StaleVersion(
            f"Someone saved {kind.upper()} version {number} since you opened it. Reload the "
            "page to see their changes, then make yours again.",
            current_version=case.revision,
        )
    _record_edit(session, case, actor)
    return case


def _check_still_draft(case: BusinessCase) -> None:
    if case.status != "draft":
        raise Conflict(
            f"{case.kind.upper()} version {case.number} was submitted and cannot change: "
            "create a new version."
        )


def authors(session: Session, *, programme_id: int) -> dict[str, set[int]]:
    """The user ids who created or edited any version of each kind of case."""
    rows = session.exec(
        select(BusinessCase.kind, BusinessCase.created_by_id).where(
            BusinessCase.programme_id == programme_id
        )
    ).all()
    edits = session.exec(
        select(BusinessCase.kind, BusinessCaseEdit.author_id)
        .join(BusinessCaseEdit, BusinessCaseEdit.case_id == BusinessCase.id)  # type: ignore[arg-type]
        .where(BusinessCase.programme_id == programme_id)
    ).all()
    out: dict[str, set[int]] = {}
    for kind, user_id in [*rows, *edits]:
        out.setdefault(kind, set()).add(user_id)
    return out


def list_versions(session: Session, *, code: str) -> list[BusinessCase]:
    """Every version of every kind, newest first within each kind."""
    newest_first = BusinessCase.number.desc()  # type: ignore[union-attr]
    return programme_rows(session, BusinessCase, BusinessCase.kind, newest_first, code=code)


def latest(session: Session, *, programme_id: int) -> dict[str, BusinessCase]:
    """The newest version of each kind (one query)."""
    cases = session.exec(
        select(BusinessCase)
        .where(BusinessCase.programme_id == programme_id)
        .order_by(BusinessCase.number)
    )
    return {case.kind: case for case in cases}
