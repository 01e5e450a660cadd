"""A programme's own risks: scored likelihood × impact and escalated above tolerance as the
plan risk register does (cpmo.plans.risks), and rescored by the programme's manager or a CPMO
officer with a rationale, kept in the audit chain as the risk's history."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.errors import NotFound, RuleViolation
from cpmo.plans import risks as scoring
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.strategy.models import Risk
from cpmo.users.models import User
from cpmo.workflows import audit_store

RESCORE_EVENT = "rescore_risk"


@dataclass(frozen=True)
class ProgrammeRiskView:
    risk: Risk
    score: int | None
    tolerance: int
    escalate: bool

    @property
    def status(self) -> str:
        """not_assessed, escalated or within_tolerance."""
        if self.score is None:
            return "not_assessed"
        return "escalated" if self.escalate else "within_tolerance"


@dataclass(frozen=True)
class Assessment:
    """One rescoring: old and new values and score, who, when, why, the audit sequence."""

    old_likelihood: int | None
    old_impact: int | None
    old_score: int | None
    new_likelihood: int | None
    new_impact: int | None
    new_score: int | None
    rationale: str | None
    changed_by: str
    changed_at: datetime
    audit_sequence: int


def risk_view(risk: Risk) -> ProgrammeRiskView:
    """The risk as the register shows it (the default tolerance: programmes set none)."""
    score = scoring.score(risk.likelihood, risk.impact)
    tolerance = scoring.tolerance_of(None, None)
    return ProgrammeRiskView(risk, score, tolerance, scoring.escalates(score, tolerance))


def list_risks(session: Session, *, code: str) -> list[ProgrammeRiskView]:
    """The programme's risks, highest score first, unscored last."""
    programme = get_programme_or_raise(session, code=code)
    rows = session.exec(select(Risk).where(Risk.programme_id == programme.id)).all()
    return [risk_view(r) for r in scoring.register_order(rows)]


def _risk(
    session: Session, programme_id: int | None, code: str, risk_code: str, *, lock: bool = True
) -> Risk:
    query = select(Risk).where(Risk.programme_id == programme_id, Risk.code == risk_code)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    risk = session.exec(query).first()
    if risk is None:
        raise NotFound(f"{code!r} has no risk {risk_code!r}.")
    return risk


def get_risk(session: Session, *, code: str, risk_code: str) -> ProgrammeRiskView:
    programme = get_programme_or_raise(session, code=code)
    return risk_view(_risk(session, programme.id, code, risk_code, lock=False))


def _assessment(risk: Risk) -> dict[str, int | None]:
    return {
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "score": scoring.score(risk.likelihood, risk.impact),
    }


def rescore_risk(
    session: Session,
    *,
    actor: User,
    code: str,
    risk_code: str,
    likelihood: int,
    impact: int,
    rationale: str | None = None,
) -> ProgrammeRiskView:
    """Rescore a programme risk (its manager or a CPMO officer). A change of likelihood or
    impact needs a rationale and is audited under the programme (old → new in the entry's
    details); the row is locked while read and written, so the old values are the ones
    replaced."""
    programme = get_programme_or_raise(session, code=code)
    check_may_write(actor, programme)
    risk = _risk(session, programme.id, code, risk_code)
    if likelihood not in scoring.SCALE or impact not in scoring.SCALE:
        raise RuleViolation("Likelihood and impact are rated 1 to 5.")
    old = _assessment(risk)
    rescored = (likelihood, impact) != (risk.likelihood, risk.impact)
    if not rescored:
        return risk_view(risk)
    why = (rationale or "").strip()
    if not why:
        message = "say why the risk is rescored (likelihood or impact changed)"
        raise RuleViolation(
            f"Rescoring risk {risk_code!r} needs a rationale: {message}.",
            errors={"rationale": [message]},
        )
    risk.likelihood, risk.impact = likelihood, impact
    session.add(risk)
    session.flush()
    new = _assessment(risk)
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event=RESCORE_EVENT,
        details={"risk": risk.code, "old": old, "new": new},
        rationale=why,
    )
    return risk_view(risk)


def history(session: Session, *, code: str, risk_code: str) -> list[Assessment]:
    """The risk's rescorings, oldest first, read from the audit chain."""
    programme = get_programme_or_raise(session, code=code)
    risk = _risk(session, programme.id, code, risk_code, lock=False)
    found: list[Assessment] = []
    for entry in audit_store.entries_for(session, programme_code=programme.code):
        details: dict[str, Any] = entry.details or {}
        if entry.event != RESCORE_EVENT or details.get("risk") != risk.code:
            continue
        old, new = details.get("old", {}), details.get("new", {})
        found.append(
            Assessment(
                old_likelihood=old.get("likelihood"),
                old_impact=old.get("impact"),
                old_score=old.get("score"),
                new_likelihood=new.get("likelihood"),
                new_impact=new.get("impact"),
                new_score=new.get("score"),
                rationale=entry.rationale,
                changed_by=entry.actor,
                changed_at=entry.created_at,
                audit_sequence=entry.sequence,
            )
        )
    return found
