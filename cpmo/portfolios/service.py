"""Portfolios and programmes: reads with a constant number of queries, and edits.

Programme managers change only the programmes they manage; CPMO officers change any. The
stage is never edited here: it moves only through lifecycle events.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import (
    CycleDetected,
    DuplicateKey,
    InvalidInput,
    NotPermitted,
    RuleViolation,
    StaleVersion,
    UnknownPortfolio,
    UnknownProgramme,
)
from cpmo.finance.costs import status_totals
from cpmo.portfolios.inputs import ProgrammeCreate, ProgrammeUpdate
from cpmo.portfolios.lookup import one_by_code
from cpmo.portfolios.models import Department, GatePlan, Portfolio, Programme
from cpmo.portfolios.read_models import ProgrammeView, next_gate_of
from cpmo.unset import or_default
from cpmo.users.models import User
from cpmo.validation import is_code
from cpmo.vocabulary import ENDED_STAGES, RAGS, STAGES, Role
from cpmo.workflows import audit_store
from cpmo.workflows.gates import GATE_FACING, gate_in_review

Parent = aliased(Programme)


# --- portfolios ---------------------------------------------------------------------------


def list_portfolios(session: Session) -> list[tuple[Portfolio, int]]:
    """Every portfolio with its programme count (one query)."""
    counts = (
        select(Programme.portfolio_id, func.count().label("n"))
        .group_by(Programme.portfolio_id)
        .subquery()
    )
    rows = session.exec(
        select(Portfolio, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.portfolio_id == Portfolio.id)
        .order_by(Portfolio.code)
    ).all()
    return [(p, int(n)) for p, n in rows]


PORTFOLIO_BY_CODE = select(Portfolio).where(Portfolio.code == bindparam("code"))


def get_portfolio_or_raise(session: Session, *, code: str) -> Portfolio:
    """The portfolio with ``code``; UnknownPortfolio otherwise."""
    portfolio = (
        session.exec(PORTFOLIO_BY_CODE, params={"code": code}).first() if is_code(code) else None
    )
    if portfolio is None:
        raise UnknownPortfolio(f"No portfolio with code {code!r}.")
    return portfolio


# --- programme reads ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFilter:
    portfolio: str | None = None
    stage: str | None = None
    rag: str | None = None
    department: str | None = None
    parent: str | None = None


def _programme_query():  # type: ignore[no-untyped-def]
    return (
        select(Programme, Portfolio.code, Parent.code, Department.code, User.username)
        .join(Portfolio, Portfolio.id == Programme.portfolio_id)
        .outerjoin(Parent, Parent.id == Programme.parent_id)
        .outerjoin(Department, Department.id == Programme.department_id)
        .outerjoin(User, User.id == Programme.manager_id)
    )


def _apply_filter(query, flt: ProgrammeFilter):  # type: ignore[no-untyped-def]
    if flt.portfolio is not None:
        query = query.where(Portfolio.code == flt.portfolio)
    if flt.stage is not None:
        query = query.where(Programme.stage == flt.stage)
    if flt.rag is not None:
        query = query.where(Programme.rag == flt.rag)
    if flt.department is not None:
        query = query.where(Department.code == flt.department)
    if flt.parent is not None:
        query = query.where(Parent.code == flt.parent)
    return query


def _gate_plans(
    session: Session, programme_ids: list[int] | None, portfolio_id: int | None = None
) -> dict[int, dict[str, Any]]:
    # plain rows (attribute access like GatePlan), not ORM objects: thousands per portfolio
    query = select(
        GatePlan.programme_id, GatePlan.gate, GatePlan.planned_date, GatePlan.planned_text
    )
    if portfolio_id is not None:
        query = query.join(Programme, Programme.id == GatePlan.programme_id).where(
            Programme.portfolio_id == portfolio_id
        )
    elif programme_ids is not None:
        if not programme_ids:
            return {}
        query = query.where(GatePlan.programme_id.in_(programme_ids))  # type: ignore[union-attr]
    plans: dict[int, dict[str, Any]] = {}
    for plan in session.exec(query):
        plans.setdefault(plan.programme_id, {})[plan.gate] = plan
    return plans


def _views(rows: Any, plans: dict[int, dict[str, GatePlan]]) -> list[ProgrammeView]:
    return [
        ProgrammeView(
            programme=prog,
            portfolio=portfolio,
            parent=parent,
            department=department,
            manager=manager,
            next_gate=next_gate_of(GATE_FACING.get(prog.stage), plans.get(prog.id, {})),
        )
        for prog, portfolio, parent, department, manager in rows
    ]


def list_programmes(
    session: Session, *, flt: ProgrammeFilter, page: int = 1, page_size: int = 50
) -> tuple[list[ProgrammeView], int]:
    """One page of programmes matching ``flt`` and the total count (three queries)."""
    query = _apply_filter(_programme_query(), flt)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(Programme.code).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return _views(rows, _gate_plans(session, [r[0].id for r in rows])), int(total)


def get_programme_view(session: Session, *, code: str) -> ProgrammeView:
    """One programme as clients see it; UnknownProgramme otherwise."""
    query = _programme_query().where(Programme.code == code)
    row = one_by_code(session, query, code=code, what="programme", missing=UnknownProgramme)
    return _views([row], _gate_plans(session, [row[0].id]))[0]


def get_programme_or_raise(session: Session, *, code: str) -> Programme:
    """The programme row with ``code``; UnknownProgramme otherwise."""
    query = select(Programme).where(Programme.code == code)
    return one_by_code(session, query, code=code, what="programme", missing=UnknownProgramme)


def programme_rows(session: Session, model: Any, *order_by: Any, code: str) -> list[Any]:
    """The rows of ``model`` that belong to programme ``code``, in ``order_by`` order;
    UnknownProgramme for an unknown code."""
    programme = get_programme_or_raise(session, code=code)
    query = select(model).where(model.programme_id == programme.id).order_by(*order_by)
    return list(session.exec(query))


def may_change(actor: User, programme: Programme) -> bool:
    """Whether ``actor`` may change the programme's records: a CPMO officer, or the
    programme's own manager."""
    if actor.role == Role.CPMO:
        return True
    return actor.role == Role.PROGRAMME_MANAGER and programme.manager_id == actor.id


# --- status -------------------------------------------------------------------------------


@dataclass
class PortfolioStatus:
    portfolio: Portfolio
    programmes: list[ProgrammeView]
    totals: dict[str, int] = field(default_factory=dict)
    by_stage: dict[str, int] = field(default_factory=dict)
    by_rag: dict[str, int] = field(default_factory=dict)


def portfolio_status(session: Session, *, code: str) -> PortfolioStatus:
    """The portfolio at a glance, in three queries however many programmes it holds."""
    portfolio = get_portfolio_or_raise(session, code=code)
    rows = session.exec(
        _programme_query().where(Programme.portfolio_id == portfolio.id).order_by(Programme.code)
    ).all()
    views = _views(rows, _gate_plans(session, None, portfolio_id=portfolio.id))
    stage_counts = Counter(v.programme.stage for v in views)
    rag_counts = Counter(v.programme.rag for v in views)
    return PortfolioStatus(
        portfolio=portfolio,
        programmes=views,
        totals=status_totals(
            (
                v.programme.code,
                v.parent,
                v.programme.whole_life_cost_gbp,
                v.programme.stage not in ENDED_STAGES,
            )
            for v in views
        ),
        by_stage={stage: stage_counts.get(stage, 0) for stage in STAGES},
        by_rag={rag: rag_counts.get(rag, 0) for rag in RAGS},
    )


# --- programme edits ----------------------------------------------------------------------


def _resolve(session: Session, model: Any, code: str | None, label: str) -> int | None:
    if code is None:
        return None
    row_id = (
        session.exec(select(model.id).where(model.code == code)).first() if is_code(code) else None
    )
    if row_id is None:
        raise RuleViolation(
            f"Unknown {label} {code!r}.", errors={label: [f"unknown code {code!r}"]}
        )
    return row_id


def _resolve_manager(session: Session, username: str | None) -> int | None:
    if username is None:
        return None
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or user.role not in (Role.PROGRAMME_MANAGER, Role.CPMO):
        raise RuleViolation(
            f"{username!r} is not a programme manager or CPMO officer.",
            errors={"manager": ["must be the username of a programme manager or CPMO officer"]},
        )
    return user.id


def _check_may_edit(actor: User, programme: Programme) -> None:
    if not may_change(actor, programme):
        raise NotPermitted(
            f"Only the programme's manager or a CPMO officer may change {programme.code!r}."
        )


def _check_parent(session: Session, programme: Programme, parent_id: int | None) -> None:
    """The parent must be in the same portfolio and must not make the hierarchy circular."""
    if parent_id is None:
        return
    parents = dict(session.exec(select(Programme.id, Programme.parent_id)).all())
    path, current = [programme.code], parent_id
    codes = dict(session.exec(select(Programme.id, Programme.code)).all())
    while current is not None:
        path.append(codes[current])
        if current == programme.id:
            raise CycleDetected(
                "The parent would make the programme hierarchy circular: " + " → ".join(path),
                cycle=path,
            )
        current = parents.get(current)
    parent = session.get(Programme, parent_id)
    if parent is not None and parent.portfolio_id != programme.portfolio_id:
        raise RuleViolation(
            "A programme's parent must be in the same portfolio.",
            errors={"parent": ["must be in the same portfolio"]},
        )


REFERENCES = {"portfolio": "portfolio_id", "parent": "parent_id", "department": "department_id"}


# codes that name a page, not a programme (/programmes/new)
RESERVED_CODES = frozenset({"new"})


def create_programme(
    session: Session, *, actor: User, programme_in: ProgrammeCreate
) -> ProgrammeView:
    """Register a programme (audited with the details given); a programme manager who creates
    it becomes its manager."""
    code = programme_in.code
    if code in RESERVED_CODES:
        raise RuleViolation(
            f"Code {code!r} names a page, not a programme: choose another code.",
            errors={"code": ["names a page: choose another code"]},
        )
    if session.exec(select(Programme.id).where(Programme.code == code)).first():
        raise DuplicateKey(f"A programme with code {code!r} already exists.")
    portfolio_id = _resolve(session, Portfolio, programme_in.portfolio, "portfolio")
    parent_id = _resolve(session, Programme, programme_in.parent, "parent")
    department_id = _resolve(session, Department, programme_in.department, "department")
    manager = programme_in.manager
    if actor.role == Role.PROGRAMME_MANAGER:
        if manager not in (None, actor.username):
            raise NotPermitted("A programme manager cannot register a programme for someone else.")
        manager_id = actor.id
    else:
        manager_id = _resolve_manager(session, manager)
    programme = Programme(
        **programme_in.details(),
        portfolio_id=portfolio_id,
        parent_id=parent_id,
        department_id=department_id,
        manager_id=manager_id,
    )
    _check_parent(session, programme, parent_id)
    session.add(programme)
    session.flush()
    registered = {k: _json_safe(v) for k, v in programme_in.details().items()}
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="register_programme",
        details={"registered": registered},
    )
    return get_programme_view(session, code=programme.code)


def _check_planned_dates(programme: Programme) -> None:
    """The planned end, as edited, is not before the planned start (either may be stored)."""
    start, end = programme.planned_start, programme.planned_end
    if start is not None and end is not None and end < start:
        raise InvalidInput(
            f"The planned end ({end.isoformat()}) is before the planned start "
            f"({start.isoformat()}).",
            errors={"planned_end": ["must not be before planned_start"]},
        )


# Fields whose every change is a governance event, fixed while a gate is under review.
GOVERNED = (
    "whole_life_cost_gbp",
    "manager",
    "senior_responsible_owner",
    "rag",
    "rag_reason",
    "planned_start",
    "planned_end",
)


def _claim_version(session: Session, programme: Programme, expected: int | None) -> None:
    """Bump the version with a conditional update (only one edit or decision made on
    ``expected`` can win, in any process), then reload the row it locked."""
    conditions = [Programme.id == programme.id]
    if expected is not None:
        conditions.append(Programme.version == expected)
    result = session.execute(
        update(Programme)
        .where(*conditions)  # type: ignore[arg-type]
        .values(version=Programme.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(programme)
    if result.rowcount != 1:
        raise StaleVersion(
            f"The programme is at version {programme.version}, not {expected}; reload it.",
            current_version=programme.version,
        )


def _governed_now(session: Session, programme: Programme) -> dict[str, Any]:
    manager = session.get(User, programme.manager_id) if programme.manager_id else None
    return {
        name: (manager.username if manager else None)
        if name == "manager"
        else getattr(programme, name)
        for name in GOVERNED
    }


def _json_safe(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _check_review_edit(actor: User, programme: Programme, rationale: str | None) -> None:
    """While a gate is under review its evidence stays as submitted: only a CPMO officer may
    change the governed fields, and only with a rationale."""
    if gate_in_review(programme.stage) is None:
        return
    if actor.role != Role.CPMO:
        raise NotPermitted(
            f"{programme.code!r} is under review: its cost, manager, senior responsible owner, "
            "RAG and planned dates are fixed until the decision. Ask a CPMO officer to change "
            "them, with a rationale."
        )
    if not rationale:
        raise RuleViolation(
            "Changing a programme under review needs a rationale.",
            errors={"rationale": ["say why this changes while the gate is under review"]},
        )


def update_programme(
    session: Session, *, actor: User, code: str, programme_in: ProgrammeUpdate
) -> ProgrammeView:
    """Edit a programme's details; bumps its version (a decision on old details is stale).
    Changes to cost, manager, SRO, RAG and planned dates are audited (old → new, who, why)."""
    programme = get_programme_or_raise(session, code=code)
    _check_may_edit(actor, programme)
    values = programme_in.changes()
    expected = or_default(programme_in.version, None)
    rationale = (or_default(programme_in.rationale, None) or "").strip() or None
    _claim_version(session, programme, expected)
    if "manager" in values and actor.role != Role.CPMO:
        raise NotPermitted("Only a CPMO officer may reassign a programme's manager.")
    before = _governed_now(session, programme)
    changes = {
        name: [_json_safe(before[name]), _json_safe(values[name])]
        for name in GOVERNED
        if name in values and values[name] != before[name]
    }
    if changes:
        _check_review_edit(actor, programme, rationale)
    if "parent" in values:
        parent_id = _resolve(session, Programme, values.pop("parent"), "parent")
        _check_parent(session, programme, parent_id)
        programme.parent_id = parent_id
    if "department" in values:
        programme.department_id = _resolve(
            session, Department, values.pop("department"), "department"
        )
    if "manager" in values:
        programme.manager_id = _resolve_manager(session, values.pop("manager"))
    for name, value in values.items():
        setattr(programme, name, value)
    _check_planned_dates(programme)
    session.add(programme)
    session.flush()
    if changes:
        audit_store.record_change(
            session,
            programme=programme,
            actor=actor,
            event="update_programme",
            details={"changes": changes},
            rationale=rationale,
        )
    return get_programme_view(session, code=programme.code)
