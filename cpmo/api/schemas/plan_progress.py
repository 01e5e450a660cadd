"""Progress schemas: the report as of a date, and dated progress notes."""

from datetime import date

from marshmallow import fields, validate

from cpmo.api.schemas.common import OneOf, StrictSchema, Text
from cpmo.plans.progress import STATUSES

DATES = validate.Range(min=date(1900, 1, 1), max=date(2999, 12, 31), error="must be 1900–2999")


class PlanProgressQuery(StrictSchema):
    as_of = fields.Date(validate=DATES, metadata={"description": "YYYY-MM-DD; today if omitted"})


class PlanItemRead(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf(["action", "milestone"]))
    key = fields.String(required=True, metadata={"description": "'5.3', or '2/A' for a milestone"})
    title = fields.String(required=True)
    due = fields.Date(allow_none=True)
    due_text = fields.String(allow_none=True)
    status = fields.String(required=True)
    percent_complete = fields.Integer(required=True)


PlanByStatus = StrictSchema.from_dict(
    {s: fields.Integer(required=True) for s in STATUSES}, name="PlanByStatus"
)


class PlanProgressRead(StrictSchema):
    plan = fields.String(required=True)
    as_of = fields.Date(required=True)
    window_end = fields.Date(required=True, metadata={"description": "three months after as_of"})
    overdue = fields.List(fields.Nested(PlanItemRead), required=True)
    due_next_quarter = fields.List(fields.Nested(PlanItemRead), required=True)
    undated = fields.List(fields.Nested(PlanItemRead), required=True)
    by_status = fields.Nested(PlanByStatus, required=True)


class PlanProgressCreate(StrictSchema):
    status = OneOf(list(STATUSES), required=True)
    percent_complete = fields.Integer(strict=True, validate=validate.Range(min=0, max=100))
    note = Text(required=True, min_length=1, max_length=5000)
    as_of = fields.Date(
        validate=DATES, metadata={"description": "the note's date; today if omitted"}
    )


class PlanProgressResult(PlanItemRead):
    plan = fields.String(required=True)
    status_as_of = fields.Date(allow_none=True)
