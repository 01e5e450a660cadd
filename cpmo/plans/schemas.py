"""The plan file: one plan as YAML, JSON or XLSX (one sheet per list). See seeds/README.md.

Every list is flat (actions name their priority or parent; milestones their priority; targets
their KPI) so that a spreadsheet row and a YAML record have the same shape.
"""

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from cpmo.plans.fields import Code, Label, Record, Score, Text
from cpmo.plans.measure_schemas import (
    ActualRecord,
    ContinuityRecord,
    ElementRecord,
    KpiRecord,
    RiskRecord,
    StatementRecord,
    TargetRecord,
)
from cpmo.plans.progress import STATUSES


class PlanHeader(Record):
    code = Code(required=True)
    title = Text(500, required=True)
    organisation = Text(300, required=True)
    directorate = Text(300)
    unit = Text(300)
    department = Code()
    period = Text(100)
    year_start_month = fields.Integer(strict=True, load_default=1, validate=validate.Range(1, 12))
    responsible_officer = Text(300)
    description = Text()
    risk_tolerance = Score(25)
    escalation_route = Text(500)


class PriorityRecord(Record):
    number = Label(required=True)
    title = Text(500, required=True)
    theme = Text(500)
    description = Text()
    outcome = Text()


class _Progress(Record):
    status = fields.String(load_default="not_started", validate=validate.OneOf(STATUSES))
    percent_complete = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(0, 100)
    )


class ActionRecord(_Progress):
    number = Label(required=True)
    priority = Label()
    parent = Label()
    title = Text(required=True)
    description = Text()
    category = Text(40)
    accountable_officer = Text(300)
    start = Text(300)
    end = Text(300)
    intended_outcome = Text()
    success_measures = Text()
    stated_status = Text(100)
    elements = fields.List(Code(required=True), load_default=list, validate=validate.Length(max=50))

    @validates_schema
    def _placed(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("priority") and not data.get("parent"):
            raise ValidationError("give the action's priority, or its parent action", "priority")


class MilestoneRecord(_Progress):
    priority = Label(required=True)
    letter = Text(
        10,
        required=True,
        validate=[validate.Regexp(r"^[A-Z]{1,3}$", error="must be a capital letter such as 'A'")],
    )
    title = Text(required=True)
    due = Text(300)
    covers = fields.List(Label(required=True), load_default=list, validate=validate.Length(max=100))


class LinkRecord(Record):
    from_ = Text(
        30,
        required=True,
        data_key="from",
        validate=[
            validate.Regexp(
                r"^(priority|action):[A-Za-z0-9][A-Za-z0-9./-]{0,19}$",
                error="must be 'priority:<number>' or 'action:<number>'",
            )
        ],
    )
    to = Text(
        100,
        required=True,
        validate=[
            validate.Regexp(
                r"^(programme|objective):[a-z0-9][a-z0-9._-]{0,79}$",
                error="must be 'programme:<code>' or 'objective:<code>'",
            )
        ],
    )


LISTS: dict[str, type[Schema]] = {
    "priorities": PriorityRecord,
    "actions": ActionRecord,
    "milestones": MilestoneRecord,
    "links": LinkRecord,
    "kpis": KpiRecord,
    "targets": TargetRecord,
    "actuals": ActualRecord,
    "risks": RiskRecord,
    "continuity": ContinuityRecord,
    "elements": ElementRecord,
    "statements": StatementRecord,
}


class _Strict(Schema):
    class Meta:
        unknown = RAISE


PlanFile = type(
    "PlanFile",
    (_Strict,),
    {
        "kind": fields.String(required=True, validate=validate.Equal("business_plan")),
        "plan": fields.Nested(PlanHeader, required=True),
        **{
            name: fields.List(
                fields.Nested(schema), load_default=list, validate=validate.Length(max=5000)
            )
            for name, schema in LISTS.items()
        },
    },
)
