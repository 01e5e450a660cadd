"""Workshop schemas: set-up (Create/Update/Put), scores, and the workshop as read."""

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from cpmo.api.problems import ProblemSchema
from cpmo.api.schemas.common import Code, Money, OneOf, StrictSchema, Text, UpdateSchema
from cpmo.workshops import inputs

YEAR = validate.Regexp(r"^(19|20|21)\d\d$", error="years are written like 2024")
DIRECTIONS = ["higher_is_better", "lower_is_better"]
LIMIT = 1e12  # far beyond any score, scale or value; keeps the maths finite


def Budgets(
    description: str = "whole pounds per year, e.g. {'2021': 5000000}", **kwargs: Any
) -> fields.Dict:
    """{year: whole pounds}, e.g. {"2021": 5000000}."""
    return fields.Dict(
        keys=fields.String(validate=YEAR),
        values=Money(),
        validate=validate.Length(max=50),
        metadata={"description": description},
        **kwargs,
    )


def Number(low: float = -LIMIT, high: float = LIMIT, **kwargs: object) -> fields.Float:
    """A finite number within [low, high]."""
    return fields.Float(allow_nan=False, validate=validate.Range(min=low, max=high), **kwargs)


class WorkshopProblem(ProblemSchema):
    """problem+json as workshop and selection refusals send it (every extension they carry
    is documented once, on :class:`ProblemSchema`)."""


class Rules(StrictSchema):
    requires = fields.List(
        fields.List(Code(), validate=validate.Length(equal=2)),
        validate=validate.Length(max=1000),
        metadata={"description": "[a, b]: a can be selected only with b"},
    )
    excludes = fields.List(
        fields.List(Code(), validate=validate.Length(equal=2)),
        validate=validate.Length(max=1000),
        metadata={"description": "[a, b]: not both"},
    )
    mandatory = fields.List(Code(), validate=validate.Length(max=1000))
    forbidden = fields.List(Code(), validate=validate.Length(max=1000))


class CriterionSpec(StrictSchema):
    key = Code(required=True)
    name = Text(required=True, min_length=1, max_length=300)
    description = Text(max_length=5000, allow_none=True)
    weight = Number(0, 1e6, load_default=1.0, metadata={"description": "direct weight (≥ 0)"})
    scale_min = Number(load_default=1.0)
    scale_max = Number(load_default=5.0)
    direction = OneOf(DIRECTIONS, load_default="higher_is_better")


class CandidateSpec(StrictSchema):
    key = Code(required=True)
    name = Text(required=True, min_length=1, max_length=300)
    description = Text(max_length=10_000, allow_none=True)
    programme = Code(allow_none=True, metadata={"description": "an existing programme's code"})
    sponsors = fields.List(Text(min_length=1, max_length=300), validate=validate.Length(max=50))
    costs = Budgets()


class ScorerSpec(StrictSchema):
    name = Text(min_length=1, max_length=200, allow_none=True)
    username = Text(
        min_length=1,
        max_length=80,
        allow_none=True,
        metadata={"description": "a user with the scorer role; the name defaults to it"},
    )


class WorkshopCreate(StrictSchema):
    code = Code(required=True)
    name = Text(required=True, min_length=1, max_length=300)
    description = Text(max_length=10_000, allow_none=True)
    portfolio = Code(allow_none=True)
    budgets = Budgets()
    rules = fields.Nested(Rules)
    criteria = fields.List(fields.Nested(CriterionSpec), validate=validate.Length(max=50))
    candidates = fields.List(fields.Nested(CandidateSpec), validate=validate.Length(max=2000))
    scorers = fields.List(fields.Nested(ScorerSpec), validate=validate.Length(max=200))


def workshop_create(data: dict[str, Any]) -> inputs.WorkshopCreate:
    """A loaded :class:`WorkshopCreate` body as the service's input."""
    candidates = [inputs.CandidateCreate(**c) for c in data.get("candidates", ())]
    return inputs.WorkshopCreate(**{**data, "candidates": candidates})


class WorkshopUpdate(UpdateSchema):
    name = Text(min_length=1, max_length=300)
    description = Text(max_length=10_000, allow_none=True)
    portfolio = Code(allow_none=True)
    budgets = Budgets()
    rules = fields.Nested(Rules)


class StatusChange(StrictSchema):
    status = OneOf(["scoring", "closed"], required=True)


class CriteriaPut(StrictSchema):
    criteria = fields.List(
        fields.Nested(CriterionSpec), required=True, validate=validate.Length(min=1, max=50)
    )


class Judgement(StrictSchema):
    a = Code(required=True)
    b = Code(required=True)
    value = Number(1e-6, 1e6, required=True, metadata={"description": "how many times a > b"})


class WeightsPut(StrictSchema):
    method = OneOf(["direct", "ahp"], required=True)
    weights = fields.Dict(keys=Code(), values=Number(0, 1e6), validate=validate.Length(max=50))
    judgements = fields.List(fields.Nested(Judgement), validate=validate.Length(max=120))
    accept_inconsistent = fields.Boolean(load_default=False)

    @validates_schema
    def _one_method(self, data: dict, **_: object) -> None:  # type: ignore[type-arg]
        needed = "weights" if data.get("method") == "direct" else "judgements"
        if needed not in data:
            raise ValidationError(f"the {data.get('method')} method needs {needed}", needed)


class ScorersPut(StrictSchema):
    scorers = fields.List(
        fields.Nested(ScorerSpec), required=True, validate=validate.Length(max=200)
    )


class MergeSpec(StrictSchema):
    candidates = fields.List(Code(), required=True, validate=validate.Length(min=1, max=1000))
    into = Code(required=True, metadata={"description": "an existing candidate, or a new key"})
    name = Text(min_length=1, max_length=300, allow_none=True)
    note = Text(max_length=5000, allow_none=True)


class ScoreSpec(StrictSchema):
    candidate = Code(required=True)
    criterion = Code(required=True)
    value = Number(required=True)
    comment = Text(max_length=2000, allow_none=True)


class ScoresPut(StrictSchema):
    scores = fields.List(
        fields.Nested(ScoreSpec), required=True, validate=validate.Length(min=1, max=10_000)
    )


class FileUpload(StrictSchema):
    """multipart/form-data: the spreadsheet."""

    file = fields.Raw(
        load_default=None,
        metadata={"type": "string", "format": "binary", "description": ".xlsx or .csv"},
    )
