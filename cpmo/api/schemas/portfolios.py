"""Portfolio schemas, including the status read model."""

from marshmallow import fields

from cpmo.api.schemas.common import StrictSchema
from cpmo.api.schemas.programmes import NextGateRead
from cpmo.vocabulary import RAGS, STAGES


class PortfolioRead(StrictSchema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)
    programme_count = fields.Integer()
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean()


class StatusProgramme(StrictSchema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    parent = fields.String(allow_none=True)
    department = fields.String(allow_none=True)
    stage = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "null: not stated (an imported record whose source states none)"},
    )
    rag = fields.String(required=True)
    rag_reason = fields.String(allow_none=True)
    whole_life_cost_gbp = fields.Integer(allow_none=True)
    next_gate = fields.Nested(NextGateRead, allow_none=True)


class StatusTotals(StrictSchema):
    programmes = fields.Integer(required=True)
    whole_life_cost_gbp = fields.Integer(
        required=True,
        metadata={
            "description": "live programmes, each pound once: a parent with costed children "
            "counts its children plus its own unallocated remainder"
        },
    )
    stopped_closed_gbp = fields.Integer(
        required=True, metadata={"description": "stopped and closed programmes, shown apart"}
    )
    programmes_without_cost = fields.Integer(required=True)


def _counts(keys: list[str], name: str) -> type[StrictSchema]:
    return StrictSchema.from_dict({k: fields.Integer(required=True) for k in keys}, name=name)


ByStage = _counts(STAGES, "ByStage")
ByRag = _counts(RAGS, "ByRag")


class PortfolioStatusRead(StrictSchema):
    portfolio = fields.Nested(PortfolioRead, required=True)
    programmes = fields.List(fields.Nested(StatusProgramme), required=True)
    totals = fields.Nested(StatusTotals, required=True)
    by_stage = fields.Nested(ByStage, required=True)
    by_rag = fields.Nested(ByRag, required=True)
