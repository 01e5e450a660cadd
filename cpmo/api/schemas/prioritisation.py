"""Prioritisation schemas: ranking, sensitivity, selection, frontier, scenarios, scores."""

from marshmallow import fields, validate

from cpmo.api.schemas.common import Code, StrictSchema, Text
from cpmo.api.schemas.workshops import LIMIT, YEAR, Budgets, Number, Rules

YEAR_AMOUNTS = {"keys": fields.String(), "values": fields.Integer()}


class BreakdownRead(StrictSchema):
    criterion = fields.String(required=True)
    weight = fields.Float(required=True)
    normalised_mean = fields.Float(allow_none=True, metadata={"description": "0–100"})
    contribution = fields.Float(required=True, metadata={"description": "weight × mean"})
    scores = fields.Integer(required=True)
    spread = fields.Float(allow_none=True, metadata={"description": "max − min between scorers"})
    std = fields.Float(allow_none=True)


class RankedRead(StrictSchema):
    candidate = fields.String(required=True)
    name = fields.String()
    programme = fields.String(allow_none=True)
    rank = fields.Integer(required=True, metadata={"description": "competition rank: 1, 2, 2, 4"})
    total = fields.Float(required=True, metadata={"description": "weighted score, 0–100"})
    disagreement = fields.Boolean(metadata={"description": "scorers disagree widely: discuss"})
    missing = fields.List(fields.String(), metadata={"description": "criteria nobody scored"})
    breakdown = fields.List(fields.Nested(BreakdownRead))


class RankingRead(StrictSchema):
    workshop = fields.String(required=True)
    status = fields.String(required=True)
    weighting = fields.String()
    consistency_ratio = fields.Float(allow_none=True)
    weights = fields.Dict(keys=fields.String(), values=fields.Float())
    disagreement_threshold = fields.Float()
    candidates = fields.List(fields.Nested(RankedRead))
    illustrative = fields.Boolean(
        required=True,
        metadata={"description": "true when drawn from an illustrative weight, cost or score"},
    )


class SensitivityQuery(StrictSchema):
    top_k = fields.Integer(validate=validate.Range(min=1, max=10_000))
    perturbation = Number(0, 0.99, load_default=0.10)
    samples = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=20_000))
    seed = fields.Integer(validate=validate.Range(min=0, max=2**63 - 1))
    confidence = Number(0.01, 1, load_default=0.95)


class CandidateSensitivityRead(StrictSchema):
    candidate = fields.String(required=True)
    base_rank = fields.Integer()
    p_top_k = fields.Float(metadata={"description": "share of samples in the top k"})
    min_rank = fields.Integer()
    max_rank = fields.Integer()
    median_rank = fields.Float()
    robust = fields.Boolean()


class SensitivityRead(StrictSchema):
    samples = fields.Integer()
    perturbation = fields.Float()
    top_k = fields.Integer()
    confidence = fields.Float()
    seed = fields.Integer(allow_none=True)
    candidates = fields.List(fields.Nested(CandidateSensitivityRead))
    illustrative = fields.Boolean(
        required=True,
        metadata={"description": "true when drawn from an illustrative weight, cost or score"},
    )


class GreedyRead(StrictSchema):
    selected = fields.List(fields.String())
    total_value = fields.Float()
    costs_by_year = fields.Dict(**YEAR_AMOUNTS)


class SelectionRead(StrictSchema):
    status = fields.String(
        required=True, metadata={"description": "optimal, or time_limit (best found; see mip_gap)"}
    )
    selected = fields.List(fields.String())
    total_value = fields.Float()
    costs_by_year = fields.Dict(**YEAR_AMOUNTS)
    budgets = fields.Dict(**YEAR_AMOUNTS)
    mip_gap = fields.Float(allow_none=True)
    greedy = fields.Nested(GreedyRead, allow_none=True)
    illustrative = fields.Boolean(
        metadata={
            "description": "a workshop's result: true when drawn from an illustrative weight, "
            "cost or score (absent for candidates given in the request)"
        },
    )


class FrontierPointRead(StrictSchema):
    factor = fields.Float()
    budgets = fields.Dict(**YEAR_AMOUNTS)
    status = fields.String()
    total_value = fields.Float(allow_none=True)
    selected = fields.List(fields.String())
    costs_by_year = fields.Dict(allow_none=True, **YEAR_AMOUNTS)
    reason = fields.String(allow_none=True)


class FrontierRead(StrictSchema):
    points = fields.List(fields.Nested(FrontierPointRead))
    illustrative = fields.Boolean(
        metadata={
            "description": "a workshop's result: true when drawn from an illustrative weight, "
            "cost or score (absent for candidates given in the request)"
        },
    )


FACTORS = fields.List(
    Number(0, 100),
    validate=validate.Length(min=1, max=50),
    metadata={"description": "budget scale factors (default 0.1, 0.2 … 1.5)"},
)


class FrontierQuery(StrictSchema):
    factor = FACTORS


class ScenarioCreate(StrictSchema):
    name = Text(required=True, min_length=1, max_length=200)
    description = Text(max_length=5000, allow_none=True)
    budgets = Budgets("replaces the workshop's budgets (whole pounds per year)")
    scale = fields.Dict(
        keys=fields.String(validate=YEAR),
        values=Number(0, 100),
        validate=validate.Length(max=50),
        metadata={"description": "per-year factor, e.g. {'2022': 0.8} cuts 2022 by 20%"},
    )
    rules = fields.Nested(
        Rules, metadata={"description": "each list given replaces the workshop's"}
    )


class ScenarioResult(StrictSchema):
    status = fields.String()
    selected = fields.List(fields.String())
    total_value = fields.Float()
    costs_by_year = fields.Dict(**YEAR_AMOUNTS)
    mip_gap = fields.Float(allow_none=True)
    values = fields.Dict(keys=fields.String(), values=fields.Float())
    greedy = fields.Nested(GreedyRead, allow_none=True)


class ScenarioRead(StrictSchema):
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    budgets = fields.Dict(**YEAR_AMOUNTS)
    rules = fields.Dict()
    result = fields.Nested(ScenarioResult)
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()


class CompareQuery(StrictSchema):
    name = fields.List(
        Text(min_length=1, max_length=200), required=True, validate=validate.Length(min=2, max=4)
    )


class ServedRead(StrictSchema):
    key = fields.String()
    label = fields.String()
    value_gbp = fields.Integer(allow_none=True)


class ComparedRead(StrictSchema):
    name = fields.String()
    status = fields.String()
    total_value = fields.Float()
    budgets = fields.Dict(**YEAR_AMOUNTS)
    costs_by_year = fields.Dict(**YEAR_AMOUNTS)
    selected = fields.List(fields.String())
    enters = fields.List(
        fields.String(), metadata={"description": "selected here, not in the first"}
    )
    leaves = fields.List(fields.String(), metadata={"description": "in the first, not here"})
    objectives = fields.List(fields.Nested(ServedRead))
    benefits = fields.List(fields.Nested(ServedRead))


class CandidateColumn(StrictSchema):
    candidate = fields.String()
    name = fields.String()
    programme = fields.String(allow_none=True)
    selected_in = fields.List(fields.String())


class ComparisonRead(StrictSchema):
    baseline = fields.String()
    scenarios = fields.List(fields.Nested(ComparedRead))
    candidates = fields.List(fields.Nested(CandidateColumn))
    illustrative = fields.Boolean(
        required=True,
        metadata={"description": "true when drawn from an illustrative weight, cost or score"},
    )


# --- stateless selection ------------------------------------------------------------------

Label = {"min_length": 1, "max_length": 200}


class SelectCandidate(StrictSchema):
    key = Text(required=True, **Label)
    value = Number(0, LIMIT, required=True, metadata={"description": "may be fractional"})
    costs = Budgets(load_default=dict)


class SelectRequest(StrictSchema):
    candidates = fields.List(
        fields.Nested(SelectCandidate), required=True, validate=validate.Length(max=2000)
    )
    budgets = Budgets(required=True)
    requires = fields.List(
        fields.List(Text(**Label), validate=validate.Length(equal=2)),
        validate=validate.Length(max=5000),
    )
    excludes = fields.List(
        fields.List(Text(**Label), validate=validate.Length(equal=2)),
        validate=validate.Length(max=5000),
    )
    mandatory = fields.List(Text(**Label), validate=validate.Length(max=2000))
    forbidden = fields.List(Text(**Label), validate=validate.Length(max=2000))
    time_limit = Number(0.1, 20, metadata={"description": "seconds (at most 20)"})


class FrontierRequest(SelectRequest):
    factors = FACTORS


class PortfolioScoresQuery(StrictSchema):
    portfolio = Code()


class PortfolioScoreRead(StrictSchema):
    candidate = fields.String()
    name = fields.String()
    programme = fields.String(allow_none=True)
    total = fields.Float()
    rank = fields.Integer()
    disagreement = fields.Boolean()


class PortfolioScoresRead(StrictSchema):
    portfolio = fields.String(allow_none=True)
    workshop = fields.String(allow_none=True)
    workshop_name = fields.String(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    candidates = fields.List(fields.Nested(PortfolioScoreRead))
    illustrative = fields.Boolean(
        required=True,
        metadata={"description": "true when drawn from an illustrative weight, cost or score"},
    )
