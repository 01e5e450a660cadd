"""A programme walked (through the services) to supplier selection or delivery, with risks."""

from typing import Any

from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.delivery import service as delivery
from cpmo.models import Programme, Risk
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.users.models import User
from cpmo.workflows import service as workflow
from tests.support.cases import complete_case

LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.10)


def _fire(session: Session, actor: User, code: str, event: str) -> None:
    version = portfolios.get_programme_or_raise(session, code=code).version
    rationale = "Approved after review" if event.startswith("approve") else None
    workflow.fire_event(
        session,
        actor=actor,
        code=code,
        event=event,
        version=version,
        limits=LIMITS,
        rationale=rationale,
    )


def _case(session: Session, actor: User, code: str, kind: str) -> None:
    body: dict[str, Any] = complete_case(kind)
    body.pop("kind")
    cases.create_version(session, actor=actor, code=code, kind=kind, content=body)


def to_supplier_selection(
    session: Session, *, manager: User, officer: User, code: str, name: str
) -> None:
    """Register ``code`` (managed by ``manager``) and take it through the OBC and FBC
    (approved by ``officer``): its lots and milestones come from the FBC; add two risks."""
    portfolios.create_programme(
        session,
        actor=manager,
        programme_in=ProgrammeCreate(code=code, name=name, portfolio="goj-change"),
    )
    _case(session, manager, code, "obc")
    _fire(session, manager, code, "submit_obc")
    _fire(session, officer, code, "approve_obc")
    _case(session, manager, code, "fbc")
    _fire(session, manager, code, "submit_fbc")
    _fire(session, officer, code, "approve_fbc")
    programme = session.exec(select(Programme).where(Programme.code == code)).one()
    session.add_all(
        [
            Risk(
                code=f"{code}-migration",
                programme_id=programme.id,
                title="Data migration fails",
                likelihood=3,
                impact=4,
                owner="Head of Finance Systems",
            ),
            Risk(
                code=f"{code}-skills",
                programme_id=programme.id,
                title="Skills shortage",
                likelihood=4,
                impact=4,
                owner="Programme director",
            ),
        ]
    )
    session.commit()


def to_delivery(session: Session, *, manager: User, officer: User, code: str) -> None:
    """From supplier selection: record the supplier of every lot without one and take the
    programme into delivery."""
    for lot in delivery.list_lots(session, code=code):
        if lot.supplier is not None:
            continue
        delivery.record_lot(
            session,
            actor=manager,
            code=code,
            name=lot.name,
            supplier=f"{lot.name} Ltd",
            contract_value_gbp=500_000,
        )
    _fire(session, manager, code, "submit_supplier_selection")
    _fire(session, officer, code, "approve_supplier_selection")
    session.commit()
