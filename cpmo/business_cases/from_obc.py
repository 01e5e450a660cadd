"""The FBC starts from the approved OBC: a draft FBC holding a copy of every field of the
OBC the gate approved (audited), and what the FBC has changed since that OBC."""

import copy
from dataclasses import dataclass

from sqlmodel import Session

from cpmo.business_cases import service
from cpmo.business_cases.changes import Change, case_changes
from cpmo.business_cases.models import BusinessCase
from cpmo.errors import Conflict, RuleViolation
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.users.models import User
from cpmo.workflows import audit_store
from cpmo.workflows.case_status import approved_version

STARTED = "start_fbc_from_obc"  # the audit entry's event


def approved_obc(session: Session, *, code: str) -> BusinessCase | None:
    """The newest OBC approved at its gate, if any."""
    number = approved_version(session, code=code, kind="obc")
    return (
        None
        if number is None
        else service.get_version(session, code=code, kind="obc", number=number)
    )


def _approved_obc_or_raise(session: Session, code: str) -> BusinessCase:
    obc = approved_obc(session, code=code)
    if obc is None:
        raise RuleViolation(
            "This programme has no approved OBC: the FBC can start from an OBC only once the "
            "OBC gate has approved it."
        )
    return obc


def start_fbc(session: Session, *, actor: User, code: str) -> tuple[BusinessCase, BusinessCase]:
    """A new FBC draft with every field copied from the approved OBC, audited as started
    from that OBC version: (the FBC, the OBC). Refused when there is no approved OBC or an
    FBC draft exists."""
    programme = get_programme_or_raise(session, code=code)
    service.check_may_write(actor, programme)
    obc = _approved_obc_or_raise(session, code)
    current = service.latest(session, programme_id=programme.id).get("fbc")
    if current is not None and current.status == "draft":
        raise Conflict(
            f"FBC version {current.number} is already a draft: edit it instead of starting "
            "again from the OBC."
        )
    fbc = service.create_version(
        session, actor=actor, code=code, kind="fbc", content=copy.deepcopy(obc.content)
    )
    audit_store.append(
        session,
        programme_code=code,
        event=STARTED,
        from_stage=programme.stage,
        to_stage=programme.stage,
        actor=actor.username,
        role=actor.role,
        rationale=None,
        business_case_version=fbc.number,
        details={"obc_version": obc.number, "obc_sha256": obc.content_sha256},
    )
    return fbc, obc


@dataclass(frozen=True)
class FbcChanges:
    """An FBC version set against the approved OBC."""

    obc: BusinessCase
    fbc: BusinessCase
    changes: list[Change]


def fbc_changes(session: Session, *, code: str, number: int) -> FbcChanges:
    """What FBC version ``number`` changed from the approved OBC (RuleViolation when no OBC
    was approved, NotFound when there is no such FBC)."""
    fbc = service.get_version(session, code=code, kind="fbc", number=number)
    obc = _approved_obc_or_raise(session, code)
    return FbcChanges(obc, fbc, case_changes(obc.content, fbc.content))
