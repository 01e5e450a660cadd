"""Business case versions: create, edit while draft, list, get. Submission happens through
the lifecycle (`submit_obc`, `submit_fbc`), which freezes the version."""

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.business_cases.models import BusinessCase
from cpmo.errors import Conflict, NotFound, NotPermitted
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.users.models import User
from cpmo.vocabulary import Role, Stage

KINDS = ("obc", "fbc")
CLOSED_STAGES = (Stage.CLOSED, Stage.STOPPED)


def check_may_write(actor: User, programme: Programme) -> None:
    """The programme's manager or a CPMO officer; NotPermitted otherwise."""
    if actor.role == Role.CPMO:
        return
    if actor.role == Role.PROGRAMME_MANAGER and programme.manager_id == actor.id:
        return
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
        created_by_id=actor.id,
    )
    session.add(case)
    session.flush()
    return case


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
    session: Session, *, actor: User, code: str, kind: str, number: int, content: dict[str, Any]
) -> BusinessCase:
    """Replace a draft's content; a submitted version never changes."""
    case = get_version(session, code=code, kind=kind, number=number)
    check_may_write(actor, get_programme_or_raise(session, code=code))
    if case.status != "draft":
        raise Conflict(
            f"{kind.upper()} version {number} was submitted and cannot change: "
            "create a new version."
        )
    case.content = content
    session.add(case)
    session.flush()
    return case


def list_versions(session: Session, *, code: str) -> list[BusinessCase]:
    """Every version of every kind, newest first within each kind."""
    programme = get_programme_or_raise(session, code=code)
    return list(
        session.exec(
            select(BusinessCase)
            .where(BusinessCase.programme_id == programme.id)
            .order_by(BusinessCase.kind, BusinessCase.number.desc())  # type: ignore[union-attr]
        )
    )


def latest(session: Session, *, programme_id: int) -> dict[str, BusinessCase]:
    """The newest version of each kind (one query)."""
    cases = session.exec(
        select(BusinessCase)
        .where(BusinessCase.programme_id == programme_id)
        .order_by(BusinessCase.number)
    )
    return {case.kind: case for case in cases}
