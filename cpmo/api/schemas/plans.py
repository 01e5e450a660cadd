"""Business plan schemas: the list, the whole tree, progress as of a date, progress notes, and
plan file imports."""

from datetime import date

from marshmallow import fields, validate

from cpmo.api.schemas.common import OneOf, StrictSchema
from cpmo.api.schemas.plan_registers import PlanKpiRead, PlanProvenance, PlanRiskRead
from cpmo.plans.progress import STATUSES

DATES = validate.Range(min=date(1900, 1, 1), max=date(2999, 12, 31), error="must be 1900–2999")


class PlanFields(PlanProvenance):
    code = fields.String(required=True)
    title = fields.String(required=True)
    organisation = fields.String(required=True)
    directorate = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    department = fields.String(allow_none=True)
    period_text = fields.String(allow_none=True)
    period_start = fields.Date(allow_none=True)
    period_end = fields.Date(allow_none=True)
    year_start_month = fields.Integer(required=True)
    responsible_officer = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    risk_tolerance = fields.Integer(allow_none=True)
    escalation_route = fields.String(allow_none=True)


class PlanCounts(StrictSchema):
    priorities = fields.Integer(required=True)
    actions = fields.Integer(required=True)
    milestones = fields.Integer(required=True)


class PlanSummary(PlanFields):
    counts = fields.Nested(PlanCounts, required=True)


class PlanLinkRead(PlanProvenance):
    to = fields.String(
        required=True, metadata={"description": "'programme:<code>' or 'objective:<code>'"}
    )


class _PlanProgress(PlanProvenance):
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    percent_complete = fields.Integer(required=True)
    status_as_of = fields.Date(allow_none=True)


class PlanActionRead(_PlanProgress):
    number = fields.String(required=True)
    parent = fields.String(allow_none=True)
    title = fields.String(required=True)
    description = fields.String(allow_none=True)
    category = fields.String(allow_none=True)
    accountable_officer = fields.String(allow_none=True)
    start_text = fields.String(allow_none=True, metadata={"description": "as stated"})
    start_date = fields.Date(allow_none=True)
    end_text = fields.String(allow_none=True, metadata={"description": "as stated"})
    end_date = fields.Date(allow_none=True)
    intended_outcome = fields.String(allow_none=True)
    success_measures = fields.String(allow_none=True)
    stated_status = fields.String(allow_none=True)
    elements = fields.List(fields.String(), required=True)
    links = fields.List(fields.Nested(PlanLinkRead), required=True)


class PlanMilestoneRead(_PlanProgress):
    letter = fields.String(required=True)
    title = fields.String(required=True)
    due_text = fields.String(allow_none=True)
    due_date = fields.Date(allow_none=True)
    covers = fields.List(fields.String(), required=True)


class PlanPriorityRead(PlanProvenance):
    number = fields.String(required=True)
    title = fields.String(required=True)
    theme = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    actions = fields.List(fields.Nested(PlanActionRead), required=True)
    milestones = fields.List(fields.Nested(PlanMilestoneRead), required=True)
    links = fields.List(fields.Nested(PlanLinkRead), required=True)


class PlanContinuityRead(PlanProvenance):
    sequence = fields.Integer(required=True)
    function = fields.String(required=True)
    timescale = fields.String(allow_none=True)
    minimum_service_level = fields.String(allow_none=True)


class PlanElementRead(PlanProvenance):
    code = fields.String(required=True)
    sequence = fields.Integer(required=True)
    name = fields.String(required=True)
    definition = fields.String(allow_none=True)


class PlanStatementRead(PlanProvenance):
    sequence = fields.Integer(required=True)
    kind = fields.String(required=True)
    heading = fields.String(allow_none=True)
    number = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    when_text = fields.String(allow_none=True)


class PlanRead(PlanFields):
    priorities = fields.List(fields.Nested(PlanPriorityRead), required=True)
    kpis = fields.List(fields.Nested(PlanKpiRead), required=True)
    risks = fields.List(fields.Nested(PlanRiskRead), required=True)
    continuity = fields.List(fields.Nested(PlanContinuityRead), required=True)
    elements = fields.List(fields.Nested(PlanElementRead), required=True)
    statements = fields.List(fields.Nested(PlanStatementRead), required=True)


class PlanImportForm(StrictSchema):
    """multipart/form-data: the plan file, and its format if the name does not say."""

    format = OneOf(["yaml", "json", "xlsx"], metadata={"description": "else from the file name"})
    file = fields.Raw(
        load_default=None,
        metadata={"type": "string", "format": "binary", "description": ".yaml, .json or .xlsx"},
    )


class PlanImportRead(StrictSchema):
    plan = fields.String(required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
