"""KPI and risk register schemas: reads with RAG and escalation; actuals and risk writes."""

from marshmallow import fields, validate

from cpmo.api.schemas.common import Code, StrictSchema, Text, UpdateSchema
from cpmo.plans.kpi_rag import DIRECTIONS
from cpmo.plans.periods import PERIOD_HELP

MAX_VALUE = 1e12
RAG3 = ["green", "amber", "red", "unrated"]


class PlanProvenance(StrictSchema):
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean(required=True)


class PlanTargetRead(PlanProvenance):
    period = fields.String(allow_none=True, metadata={"description": "none: a standing target"})
    value = fields.Float(allow_none=True)
    text = fields.String(allow_none=True)


class PlanAppliedTarget(StrictSchema):
    period = fields.String(allow_none=True)
    value = fields.Float(allow_none=True)
    text = fields.String(allow_none=True)


class PlanActualRead(PlanProvenance):
    period = fields.String(required=True)
    value = fields.Float(required=True)
    note = fields.String(allow_none=True)
    recorded_by = fields.String(allow_none=True)
    recorded_at = fields.DateTime(required=True)


class PlanKpiRead(PlanProvenance):
    code = fields.String(required=True)
    plan = fields.String(required=True)
    kpi = fields.String(allow_none=True, metadata={"description": "the strategy KPI it reports"})
    name = fields.String(required=True)
    frequency = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    direction = fields.String(allow_none=True, validate=validate.OneOf(DIRECTIONS))
    amber_tolerance = fields.Float(allow_none=True)
    baseline = fields.Float(allow_none=True)
    baseline_text = fields.String(allow_none=True)
    floor_standard = fields.String(allow_none=True)
    benchmark = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    targets = fields.List(fields.Nested(PlanTargetRead), required=True)
    latest_actual = fields.Nested(PlanActualRead, allow_none=True)
    target = fields.Nested(PlanAppliedTarget, allow_none=True, metadata={"description": "applied"})
    rag = fields.String(required=True, validate=validate.OneOf(RAG3))
    rag_reason = fields.String(allow_none=True)


class PlanKpiQuery(StrictSchema):
    plan = Code(metadata={"description": "only this plan's KPIs"})


class PlanActualCreate(StrictSchema):
    period = Text(required=True, min_length=1, max_length=20, metadata={"description": PERIOD_HELP})
    value = fields.Float(required=True, validate=validate.Range(min=-MAX_VALUE, max=MAX_VALUE))
    note = Text(max_length=5000, allow_none=True)


def _score(top: int) -> fields.Integer:
    return fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=top))


class PlanRiskFields(StrictSchema):
    title = Text(min_length=1, max_length=2000)
    cause = Text(max_length=5000, allow_none=True)
    event = Text(max_length=5000, allow_none=True)
    impact_description = Text(max_length=5000, allow_none=True)
    likelihood = _score(5)
    impact = _score(5)
    tolerance = _score(25)
    owner = Text(max_length=300, allow_none=True, metadata={"description": "a role title"})
    mitigation = Text(max_length=5000, allow_none=True)


RATIONALE = Text(
    max_length=5000,
    allow_none=True,
    metadata={"description": "why: required when likelihood, impact or tolerance change"},
)


class PlanRiskCreate(PlanRiskFields):
    plan = Code(required=True)
    code = Code(required=True)
    title = Text(required=True, min_length=1, max_length=2000)
    rationale = RATIONALE


class PlanRiskUpdate(UpdateSchema, PlanRiskFields):
    rationale = RATIONALE


class PlanRiskAssessmentRead(StrictSchema):
    old_likelihood = fields.Integer(allow_none=True)
    old_impact = fields.Integer(allow_none=True)
    old_score = fields.Integer(allow_none=True)
    old_tolerance = fields.Integer(allow_none=True)
    new_likelihood = fields.Integer(allow_none=True)
    new_impact = fields.Integer(allow_none=True)
    new_score = fields.Integer(allow_none=True)
    new_tolerance = fields.Integer(allow_none=True)
    rationale = fields.String(allow_none=True)
    changed_by = fields.String(required=True)
    changed_at = fields.DateTime(required=True)
    audit_sequence = fields.Integer(allow_none=True)


USERNAME = Text(min_length=1, max_length=80)


class PlanEditorsPut(StrictSchema):
    owner = Text(
        min_length=1,
        max_length=80,
        allow_none=True,
        required=True,
        metadata={"description": "the responsible officer's account (a programme manager)"},
    )
    editors = fields.List(USERNAME, required=True, validate=validate.Length(max=50))


class PlanEditorsRead(StrictSchema):
    plan = fields.String(required=True)
    owner = fields.String(allow_none=True)
    editors = fields.List(fields.String(), required=True)


class PlanRiskRead(PlanProvenance, PlanRiskFields):
    plan = fields.String(required=True)
    code = fields.String(required=True)
    title = fields.String(required=True)
    risk_tolerance = fields.Integer(allow_none=True, metadata={"description": "the risk's own"})
    tolerance = fields.Integer(required=True, metadata={"description": "the tolerance applied"})
    score = fields.Integer(allow_none=True, metadata={"description": "likelihood × impact"})
    escalate = fields.Boolean(required=True)
    escalate_to = fields.String(allow_none=True)
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class PlanRiskQuery(StrictSchema):
    plan = Code(metadata={"description": "only this plan's risks"})
    escalated = fields.Boolean(metadata={"description": "only risks that do (or do not) escalate"})
