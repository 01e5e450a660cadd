"""Lifecycle events, the workflow view, conditions, lots, milestones, benefits plan, audit."""

from marshmallow import fields, validate

from cpmo.api.schemas.common import Money, StrictSchema, Text, UpdateSchema
from cpmo.workflows.lifecycle import EVENTS


class EventCreate(StrictSchema):
    event = fields.String(required=True, validate=validate.OneOf(sorted(EVENTS)))
    version = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "the programme version decided on"},
    )
    rationale = Text(
        max_length=20_000,
        metadata={"description": "required for approve, return, stop and endorse"},
    )
    conditions = fields.List(Text(min_length=1, max_length=2000), validate=validate.Length(max=50))
    conditions_before_submission = fields.List(
        Text(min_length=1, max_length=2000),
        validate=validate.Length(max=50),
        metadata={"description": "conditions to be discharged before the next gate is submitted"},
    )
    accept_cost_growth = Text(
        max_length=20_000,
        metadata={"description": "why FBC cost growth beyond tolerance is accepted"},
    )


class EventResultRead(StrictSchema):
    programme = fields.String(required=True)
    event = fields.String(required=True)
    stage = fields.String(required=True)
    version = fields.Integer(required=True)
    audit_sequence = fields.Integer(required=True)


class AvailableEventRead(StrictSchema):
    event = fields.String(required=True)
    criteria_met = fields.Boolean(required=True)
    unmet = fields.List(fields.String(), required=True)


class DecisionRead(StrictSchema):
    sequence = fields.Integer(required=True)
    event = fields.String(required=True)
    from_stage = fields.String(required=True)
    to_stage = fields.String(required=True)
    actor = fields.String(required=True)
    role = fields.String(required=True)
    at = fields.DateTime(required=True)
    rationale = fields.String(allow_none=True)
    business_case_version = fields.Integer(allow_none=True)
    conditions = fields.List(fields.String())
    conditions_before_submission = fields.List(fields.String())
    accept_cost_growth = fields.String(allow_none=True)
    changes = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Raw(allow_none=True)),
        metadata={"description": "for update_programme: field → [old, new]"},
    )
    whole_life_cost_gbp = fields.Integer(
        allow_none=True,
        metadata={"description": "for submissions: the cost fixed for the delegated limit"},
    )
    case_sha256 = fields.String(
        allow_none=True,
        metadata={"description": "for submissions: SHA-256 of the submitted case's content"},
    )


class WorkflowRead(StrictSchema):
    programme = fields.String(required=True)
    stage = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "null: not stated (an imported record whose source states none)"},
    )
    version = fields.Integer(required=True)
    available_events = fields.List(fields.Nested(AvailableEventRead), required=True)
    history = fields.List(fields.Nested(DecisionRead), required=True)


class ConditionRead(StrictSchema):
    id = fields.Integer(required=True)
    gate = fields.String(required=True)
    text = fields.String(required=True)
    status = fields.String(required=True)
    set_by = fields.String(required=True)
    set_at = fields.DateTime(required=True)
    discharged_by = fields.String(allow_none=True)
    discharged_at = fields.DateTime(allow_none=True)
    discharge_note = fields.String(allow_none=True)
    accepted_by = fields.String(allow_none=True)
    accepted_at = fields.DateTime(allow_none=True)
    before_submitting = fields.String(
        allow_none=True,
        metadata={
            "description": "the gate whose submission it must be met before (null: "
            "only before the next approval)"
        },
    )
    returned_by = fields.String(allow_none=True)
    returned_at = fields.DateTime(allow_none=True)
    return_reason = fields.String(allow_none=True)


class DischargeCreate(StrictSchema):
    note = Text(required=True, min_length=1, max_length=20_000)


class ConditionReturnCreate(StrictSchema):
    reason = Text(required=True, min_length=1, max_length=20_000)


class LotUpdate(StrictSchema):
    supplier = Text(required=True, min_length=1, max_length=300)
    contract_value_gbp = Money(required=True)


class LotRead(StrictSchema):
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    supplier = fields.String(allow_none=True)
    contract_value_gbp = fields.Integer(allow_none=True)


class MilestoneUpdate(UpdateSchema):
    completed_on = fields.Date(required=True, allow_none=True)


class MilestoneRead(StrictSchema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    due_date = fields.Date(allow_none=True)
    due_text = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)


class PlannedBenefit(StrictSchema):
    title = Text(required=True, min_length=1, max_length=300)
    owner = Text(
        required=True, min_length=1, max_length=300, metadata={"description": "a role title"}
    )
    measure = Text(required=True, min_length=1, max_length=2000)
    baseline = Text(required=True, max_length=500)
    target = Text(required=True, min_length=1, max_length=500)
    date = fields.Date(required=True)
    value_gbp = Money(allow_none=True)


class BenefitsPlanPut(StrictSchema):
    benefits = fields.List(
        fields.Nested(PlannedBenefit), required=True, validate=validate.Length(min=1, max=200)
    )


class BenefitsPlanRead(BenefitsPlanPut):
    programme = fields.String(required=True)
    updated_at = fields.DateTime(required=True)


class AuditVerifyRead(StrictSchema):
    ok = fields.Boolean(required=True)
    entries = fields.Integer(required=True)
    first_broken_sequence = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
    unkeyed = fields.Integer(metadata={"description": "entries written before the chain was keyed"})
    head = fields.String(
        metadata={"description": "SEQ:HEAD, to record outside the database as an anchor"}
    )


class DiagramRead(StrictSchema):
    mermaid = fields.String(required=True)
    svg = fields.String(required=True)


RISK_STATUSES = ["not_assessed", "within_tolerance", "escalated"]


def _rating() -> fields.Integer:
    return fields.Integer(strict=True, required=True, validate=validate.Range(min=1, max=5))


class ProgrammeRiskRead(StrictSchema):
    code = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(allow_none=True)
    likelihood = fields.Integer(allow_none=True, metadata={"description": "1 to 5"})
    impact = fields.Integer(allow_none=True, metadata={"description": "1 to 5"})
    score = fields.Integer(allow_none=True, metadata={"description": "likelihood × impact"})
    tolerance = fields.Integer(required=True, metadata={"description": "the tolerance applied"})
    status = fields.String(required=True, validate=validate.OneOf(RISK_STATUSES))
    owner = fields.String(allow_none=True, metadata={"description": "a role title"})
    mitigation = fields.String(allow_none=True)


class ProgrammeRiskRescore(StrictSchema):
    likelihood = _rating()
    impact = _rating()
    rationale = Text(
        max_length=5000,
        allow_none=True,
        metadata={"description": "why: required when likelihood or impact change"},
    )


class ProgrammeRiskAssessmentRead(StrictSchema):
    old_likelihood = fields.Integer(allow_none=True)
    old_impact = fields.Integer(allow_none=True)
    old_score = fields.Integer(allow_none=True)
    new_likelihood = fields.Integer(allow_none=True)
    new_impact = fields.Integer(allow_none=True)
    new_score = fields.Integer(allow_none=True)
    rationale = fields.String(allow_none=True)
    changed_by = fields.String(required=True)
    changed_at = fields.DateTime(required=True)
    audit_sequence = fields.Integer(required=True)
