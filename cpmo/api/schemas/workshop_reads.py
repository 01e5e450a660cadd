"""Workshop schemas as read: the workshop, its criteria, candidates, scorers and scores."""

from marshmallow import fields

from cpmo.api.schemas.common import StrictSchema


class CriterionRead(StrictSchema):
    key = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    weight = fields.Float(required=True, metadata={"description": "normalised: weights sum to 1"})
    entered_weight = fields.Float(metadata={"description": "as entered (or from AHP)"})
    scale_min = fields.Float(required=True)
    scale_max = fields.Float(required=True)
    direction = fields.String(required=True)
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean()


class CandidateRead(StrictSchema):
    key = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    programme = fields.String(allow_none=True)
    sponsors = fields.List(fields.String())
    costs = fields.Dict(keys=fields.String(), values=fields.Integer())
    total_cost = fields.Integer()
    consolidated = fields.Boolean(metadata={"description": "made by merging other candidates"})
    merged_into = fields.String(allow_none=True, metadata={"description": "set once merged away"})
    merged_from = fields.List(fields.String(), metadata={"description": "merged into this one"})
    merge_note = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean()


class ScorerRead(StrictSchema):
    name = fields.String(required=True)
    username = fields.String(allow_none=True, metadata={"description": "None for a role title"})
    illustrative = fields.Boolean()


class Counts(StrictSchema):
    proposals = fields.Integer(metadata={"description": "candidates entered (not made by merging)"})
    active = fields.Integer(metadata={"description": "candidates still standing after merges"})
    merged = fields.Integer()


class JudgementRead(StrictSchema):
    a = fields.String()
    b = fields.String()
    value = fields.Float()


class WorkshopSummary(StrictSchema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    status = fields.String(required=True)
    portfolio = fields.String(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    illustrative = fields.Boolean()


class WorkshopRead(WorkshopSummary):
    description = fields.String(allow_none=True)
    next_status = fields.String(allow_none=True)
    weighting = fields.String()
    consistency_ratio = fields.Float(allow_none=True)
    accept_inconsistent = fields.Boolean()
    judgements = fields.List(fields.Nested(JudgementRead), allow_none=True)
    budgets = fields.Dict(keys=fields.String(), values=fields.Integer())
    rules = fields.Dict()
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    source = fields.String(allow_none=True)
    counts = fields.Nested(Counts)
    criteria = fields.List(fields.Nested(CriterionRead))
    candidates = fields.List(fields.Nested(CandidateRead))
    scorers = fields.List(fields.Nested(ScorerRead))


class ScoreRead(StrictSchema):
    scorer = fields.String(required=True)
    candidate = fields.String(required=True, attribute="candidate_key")
    criterion = fields.String(required=True, attribute="criterion_key")
    value = fields.Float(required=True)
    comment = fields.String(allow_none=True)
    updated_at = fields.DateTime()
    illustrative = fields.Boolean()


class ScoresWritten(StrictSchema):
    written = fields.Integer(required=True)


class ImportRead(StrictSchema):
    imported = fields.Integer(required=True)
    what = fields.String(required=True)
