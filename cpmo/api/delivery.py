"""Conditions, lots, milestones, the benefits plan and programme risks: the records later gates
check and the delivery journey keeps."""

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
    ProgrammeRiskAssessmentRead,
    ProgrammeRiskRead,
    ProgrammeRiskRescore,
)
from cpmo.app import request_session
from cpmo.delivery import risks, service

blp = make_blueprint(
    "delivery", "/programmes", "Conditions, lots, milestones, benefits plan, programme risks"
)


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


def _risk_dict(view: risks.ProgrammeRiskView) -> dict[str, Any]:
    r = view.risk
    return {
        "code": r.code,
        "title": r.title,
        "description": r.description,
        "likelihood": r.likelihood,
        "impact": r.impact,
        "score": view.score,
        "tolerance": view.tolerance,
        "status": view.status,
        "owner": r.owner,
        "mitigation": r.mitigation,
    }


@blp.get("/<code>/risks", schema=ProgrammeRiskRead(many=True), errors=(404,))
def list_risks(code: str) -> list[dict[str, Any]]:
    """The programme's risks: highest score (likelihood × impact) first, unscored last; a
    score above the tolerance escalates."""
    return [_risk_dict(v) for v in risks.list_risks(request_session(), code=code)]


@blp.patch(
    "/<code>/risks/<risk_code>",
    body=ProgrammeRiskRescore,
    schema=ProgrammeRiskRead,
    errors=(404, 422),
)
def rescore_risk(data: dict[str, Any], code: str, risk_code: str) -> dict[str, Any]:
    """Rescore a programme risk (its manager or a CPMO officer). Changing likelihood or
    impact needs a `rationale` (422 without) and is kept in the risk's history and the audit
    chain."""
    view = risks.rescore_risk(
        request_session(), actor=current_user(), code=code, risk_code=risk_code, **data
    )
    return _risk_dict(view)


@blp.get(
    "/<code>/risks/<risk_code>/history",
    schema=ProgrammeRiskAssessmentRead(many=True),
    errors=(404,),
)
def risk_history(code: str, risk_code: str) -> list[Any]:
    """Every rescoring of the risk, oldest first: old and new values and score, who, when,
    why, and the audit entry's sequence."""
    return risks.history(request_session(), code=code, risk_code=risk_code)
