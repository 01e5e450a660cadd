"""Conditions, lots, milestones and the benefits plan: the records later gates check."""

from typing import Any

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.workflow import (
    BenefitsPlanPut,
    BenefitsPlanRead,
    ConditionRead,
    ConditionReturnCreate,
    DischargeCreate,
    LotRead,
    LotUpdate,
    MilestoneRead,
    MilestoneUpdate,
    PlannedBenefit,
)
from cpmo.app import request_session
from cpmo.delivery import service

blp = make_blueprint("delivery", "/programmes", "Conditions, lots, milestones, benefits plan")


@blp.get("/<code>/conditions", schema=ConditionRead(many=True), errors=(404,))
def list_conditions(code: str) -> Any:
    """Conditions set by approvals, with their state (open, discharged, accepted)."""
    return service.list_conditions(request_session(), code=code)


@blp.post(
    "/<code>/conditions/<int:condition_id>/discharge",
    body=DischargeCreate,
    schema=ConditionRead,
    errors=(404, 409, 422),
)
def discharge_condition(data: dict[str, Any], code: str, condition_id: int) -> Any:
    """The programme manager records how the condition was met."""
    return service.discharge_condition(
        request_session(),
        actor=current_user(),
        code=code,
        condition_id=condition_id,
        note=data["note"],
    )


@blp.post("/<code>/conditions/<int:condition_id>/accept", schema=ConditionRead, errors=(404, 409))
def accept_condition(code: str, condition_id: int) -> Any:
    """A CPMO officer accepts a discharged condition."""
    return service.accept_condition(
        request_session(), actor=current_user(), code=code, condition_id=condition_id
    )


@blp.post(
    "/<code>/conditions/<int:condition_id>/return",
    body=ConditionReturnCreate,
    schema=ConditionRead,
    errors=(404, 409, 422),
)
def return_condition(data: dict[str, Any], code: str, condition_id: int) -> Any:
    """A CPMO officer sends a discharge back, with the reason: the condition is open again."""
    return service.return_condition(
        request_session(),
        actor=current_user(),
        code=code,
        condition_id=condition_id,
        reason=data["reason"],
    )


@blp.get("/<code>/lots", schema=LotRead(many=True), errors=(404,))
def list_lots(code: str) -> Any:
    """The programme's lots (from its approved FBC) with selected suppliers."""
    return service.list_lots(request_session(), code=code)


@blp.put("/<code>/lots/<name>", body=LotUpdate, schema=LotRead, errors=(404, 422))
def record_lot(data: dict[str, Any], code: str, name: str) -> Any:
    """Record a lot's selected supplier and contract value."""
    return service.record_lot(request_session(), actor=current_user(), code=code, name=name, **data)


@blp.get("/<code>/milestones", schema=MilestoneRead(many=True), errors=(404,))
def list_milestones(code: str) -> Any:
    """The programme's milestones (delivery milestones come from its approved FBC)."""
    return service.list_milestones(request_session(), code=code)


@blp.patch(
    "/<code>/milestones/<int:milestone_id>",
    body=MilestoneUpdate,
    schema=MilestoneRead,
    errors=(404, 422),
)
def update_milestone(data: dict[str, Any], code: str, milestone_id: int) -> Any:
    """Mark a milestone complete (`completed_on`), or not (null)."""
    return service.update_milestone(
        request_session(), actor=current_user(), code=code, milestone_id=milestone_id, **data
    )


def _plan_dict(plan: Any, code: str) -> dict[str, Any]:
    benefits = PlannedBenefit(many=True).load(plan.benefits)  # stored JSON-safe; read typed
    return {"programme": code, "benefits": benefits, "updated_at": plan.updated_at}


@blp.get("/<code>/benefits-plan", schema=BenefitsPlanRead, errors=(404,))
def get_benefits_plan(code: str) -> dict[str, Any]:
    """The benefits realisation plan."""
    return _plan_dict(service.get_benefits_plan(request_session(), code=code), code)


@blp.put("/<code>/benefits-plan", body=BenefitsPlanPut, schema=BenefitsPlanRead, errors=(404, 422))
def put_benefits_plan(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Record the benefits realisation plan: each benefit's owner, measure, baseline, target
    and date."""
    session = request_session()
    benefits = PlannedBenefit(many=True).dump(data["benefits"])
    plan = service.put_benefits_plan(session, actor=current_user(), code=code, benefits=benefits)
    return _plan_dict(plan, code)
