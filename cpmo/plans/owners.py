"""Who may write to a plan: its owner (the responsible officer's account) and its editors,
both set by the CPMO, and CPMO officers. Everyone reads every plan.

A plan nobody has been given to (every seeded or imported plan, until the CPMO sets its owner
or editors with ``PUT /plans/{code}/editors``) is written by CPMO officers only.
"""

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, select

from cpmo.errors import NotPermitted, RuleViolation
from cpmo.plans.models import BusinessPlan, PlanEditor
from cpmo.plans.service import get_plan_or_raise
from cpmo.users.models import User
from cpmo.vocabulary import Role
from cpmo.workflows import audit_store

EDITOR_ROLES = frozenset({Role.PROGRAMME_MANAGER})


def subject(plan: BusinessPlan) -> str:
    """The audit chain's name for a plan."""
    return f"plan:{plan.code}"[:80]


def _editor_names(session: Session, plan: BusinessPlan) -> list[str]:
    return list(
        session.exec(
            select(User.username)
            .join(PlanEditor, PlanEditor.user_id == User.id)
            .where(PlanEditor.plan_id == plan.id)
            .order_by(User.username)
        ).all()
    )


def _owner_name(session: Session, plan: BusinessPlan) -> str | None:
    if plan.owner_id is None:
        return None
    owner = session.get(User, plan.owner_id)
    return owner.username if owner else None


def owners_view(session: Session, *, plan: BusinessPlan) -> dict[str, Any]:
    """The plan's owner and editors by username."""
    return {
        "plan": plan.code,
        "owner": _owner_name(session, plan),
        "editors": _editor_names(session, plan),
    }


def may_edit(session: Session, *, actor: User, plan: BusinessPlan) -> bool:
    """CPMO officers always; otherwise the plan's owner or one of its editors, if active."""
    if actor.role == Role.CPMO:
        return True
    if not actor.active or actor.role not in EDITOR_ROLES:
        return False
    if plan.owner_id is not None and plan.owner_id == actor.id:
        return True
    found = session.exec(
        select(PlanEditor.id).where(PlanEditor.plan_id == plan.id, PlanEditor.user_id == actor.id)
    ).first()
    return found is not None


def require_editor(session: Session, *, actor: User, plan: BusinessPlan) -> None:
    """NotPermitted (403) unless the actor may write to the plan."""
    if not may_edit(session, actor=actor, plan=plan):
        raise NotPermitted(
            f"Only the owner and editors of plan {plan.code!r} (and CPMO officers) may change "
            "it; ask the CPMO to make you an editor."
        )


def _account(session: Session, username: str, field: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active or user.role not in EDITOR_ROLES:
        raise RuleViolation(
            f"{username!r} is not an active programme manager.",
            errors={
                field: [f"{username!r} must be an active user with the programme manager role"]
            },
        )
    return user


def set_owners(
    session: Session, *, actor: User, code: str, owner: str | None, editors: list[str]
) -> dict[str, Any]:
    """Set the plan's owner and editors (CPMO only, by policy), audited as plan:<code>."""
    plan = session.exec(
        select(BusinessPlan)
        .where(BusinessPlan.id == get_plan_or_raise(session, code=code).id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if len(set(editors)) != len(editors):
        raise RuleViolation("Each editor may be listed once.", errors={"editors": ["repeated"]})
    before = owners_view(session, plan=plan)
    owner_user = _account(session, owner, "owner") if owner is not None else None
    accounts = [_account(session, name, "editors") for name in editors]
    plan.owner_id = owner_user.id if owner_user else None
    session.add(plan)
    session.execute(delete(PlanEditor).where(PlanEditor.plan_id == plan.id))
    session.add_all(
        PlanEditor(plan_id=plan.id, user_id=u.id, added_by=actor.username) for u in accounts
    )
    session.flush()
    after = owners_view(session, plan=plan)
    audit_store.append(
        session,
        programme_code=subject(plan),
        event="set_editors",
        from_stage="",
        to_stage="",
        actor=actor.username,
        role=str(actor.role),
        rationale=None,
        business_case_version=None,
        details={
            "owner": {"old": before["owner"], "new": after["owner"]},
            "editors": {"old": before["editors"], "new": after["editors"]},
        },
    )
    return after
