"""Dependency-graph schemas: node and edge Create/Read, analyses, and the graph's problems."""

from marshmallow import fields, validate

from cpmo.api.problems import ProblemSchema
from cpmo.api.schemas.common import Code, Money, OneOf, StrictSchema, Text
from cpmo.graph.keys import KEY_PATTERN
from cpmo.graph.rules import EDGE_KINDS, NODE_KINDS

KEY_HELP = "'<kind>:<code>', e.g. 'programme:ttp-cyber'"


def Key(description: str = f"node key {KEY_HELP}", **kwargs: object) -> Text:
    """A node key such as 'programme:ttp-cyber'."""
    return Text(
        max_length=100,
        min_length=3,
        validate=[validate.Regexp(KEY_PATTERN, error=f"must be a node key like {KEY_HELP}")],
        metadata={"description": description},
        **kwargs,
    )


class GraphProblem(ProblemSchema):
    """problem+json as the graph refuses: its extensions (cycle, allowed, edge_id) are the
    common problem's; only the key is described as the graph means it."""

    key = fields.String(metadata={"description": "the node key already in use"})


class GraphQuery(StrictSchema):
    kind = fields.List(
        OneOf(list(NODE_KINDS)), metadata={"description": "only nodes of these kinds"}
    )
    edge_kind = fields.List(
        OneOf(list(EDGE_KINDS)), metadata={"description": "only edges of these kinds"}
    )


class NodeCreate(StrictSchema):
    date_pairs = (("planned_start", "planned_end"),)
    key = Key(required=True)
    kind = OneOf(list(NODE_KINDS), required=True)
    label = Text(max_length=500, min_length=1, required=True)
    value_gbp = Money(allow_none=True)  # benefits only
    planned_start = fields.Date(allow_none=True, metadata={"description": "programmes only"})
    planned_end = fields.Date(allow_none=True, metadata={"description": "programmes only"})
    duration_days = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=0, max=100_000),
        metadata={"description": "programmes only; used when planned dates are not given"},
    )
    source = Text(max_length=1000, allow_none=True)
    illustrative = fields.Boolean()


class NodeRead(StrictSchema):
    key = fields.String(required=True)
    kind = fields.String(required=True)
    label = fields.String(required=True)
    origin = fields.String(
        required=True,
        metadata={"description": "the table the node comes from ('graph_node': added here)"},
    )
    value_gbp = fields.Integer(allow_none=True)
    planned_start = fields.Date(allow_none=True)
    planned_end = fields.Date(allow_none=True)
    duration_days = fields.Integer(allow_none=True)
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean()


class EdgeCreate(StrictSchema):
    source_key = Key(required=True)
    target_key = Key(required=True)
    kind = OneOf(list(EDGE_KINDS), required=True)
    source = Text(max_length=1000, allow_none=True, metadata={"description": "citation"})
    illustrative = fields.Boolean(metadata={"description": "judgement rather than text"})


class EdgeRead(StrictSchema):
    id = fields.Integer(required=True)
    source_key = fields.String(required=True)
    target_key = fields.String(required=True)
    kind = fields.String(required=True)
    source = fields.String(allow_none=True)
    illustrative = fields.Boolean()
    created_at = fields.DateTime(allow_none=True)
    created_by = fields.String(allow_none=True)


class GraphRead(StrictSchema):
    version = fields.Integer(required=True)
    nodes = fields.List(fields.Nested(NodeRead), required=True)
    edges = fields.List(fields.Nested(EdgeRead), required=True)


def _keys(description: str) -> fields.List:
    return fields.List(fields.String(), required=True, metadata={"description": description})


class CrossingEdgeRead(StrictSchema):
    source_key = fields.String(required=True)
    target_key = fields.String(required=True)
    kind = fields.String(required=True)
    source_portfolio = fields.String(required=True)
    target_portfolio = fields.String(required=True)


class ReadInPortfolio(StrictSchema):
    """Which portfolio an analysis kept to, and the edges it did not follow out of it."""

    portfolio = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "the portfolio asked for; null when every portfolio was read"},
    )
    cross_portfolio_edges = fields.List(
        fields.Nested(CrossingEdgeRead),
        required=True,
        metadata={
            "description": "edges joining the portfolio to another, listed and never followed "
            "(empty when every portfolio was read)"
        },
    )


class ScopeQuery(StrictSchema):
    portfolio = Code(
        metadata={"description": "keep to this portfolio's programmes and their benefits"}
    )


class ImpactRead(ReadInPortfolio):
    key = fields.String(required=True)
    kind = fields.String(required=True)
    affected = _keys("every node reachable from key")
    programmes_affected = _keys("programmes that need key, directly or not")
    objectives_at_risk = _keys("objectives reachable from key")
    priorities_at_risk = _keys("CSP priorities reachable from key")
    benefits_at_risk = _keys("benefits reachable from key")
    benefit_value_at_risk = fields.Integer(
        required=True,
        metadata={
            "description": "one-off and cumulative value of benefits_at_risk, each benefit once "
            "(a benefit inside another that is also at risk is counted in its container)"
        },
    )
    benefit_value_at_risk_per_year = fields.Integer(
        required=True,
        metadata={"description": "yearly rates among benefits_at_risk, never added to the above"},
    )
    illustrative = fields.Boolean(
        required=True,
        metadata={"description": "true when a node or edge reached is a judgement (illustrative)"},
    )


class OrderRead(ReadInPortfolio):
    generations = fields.List(
        fields.List(fields.String()),
        required=True,
        metadata={"description": "programmes in delivery order; each generation can run at once"},
    )


class CriticalPathRead(ReadInPortfolio):
    path = _keys("the enables chain with the greatest total duration")
    total_duration_days = fields.Integer(required=True)
    missing_durations = _keys("programmes on no dates or duration (counted as 0 days)")


class OrphansRead(ReadInPortfolio):
    programmes = _keys("programmes contributing to no objective")
    objectives = _keys("objectives no programme reaches")
    benefits = _keys("benefits no programme delivers")


class EnablerRead(StrictSchema):
    key = fields.String(required=True)
    benefits = fields.Integer(required=True)
    benefit_value_gbp = fields.Integer(required=True)
    programmes = fields.Integer(required=True)


class EnablerQuery(ScopeQuery):
    limit = fields.Integer(strict=False, validate=validate.Range(min=1, max=100_000))


class PictureQuery(StrictSchema):
    focus = Key(f"draw only this node and its impact; {KEY_HELP}")


class UpstreamRead(StrictSchema):
    programme = fields.String(required=True, metadata={"description": "programme code"})
    name = fields.String(required=True)
    direct = fields.Boolean(
        required=True, metadata={"description": "true: enables this programme directly"}
    )
    path = fields.List(
        fields.String(), required=True, metadata={"description": "codes, from it to this one"}
    )


class DownstreamRead(StrictSchema):
    programmes = fields.Integer(required=True)
    objectives = fields.Integer(required=True)
    priorities = fields.Integer(required=True)
    benefits = fields.Integer(required=True)
    benefit_value_at_risk = fields.Integer(required=True)
    benefit_value_at_risk_per_year = fields.Integer(required=True)


class DependenciesRead(StrictSchema):
    upstream = fields.List(fields.Nested(UpstreamRead), required=True)
    downstream = fields.Nested(DownstreamRead, required=True)
    cross_portfolio_edges = fields.List(
        fields.Nested(CrossingEdgeRead),
        required=True,
        metadata={"description": "edges joining these programmes to another portfolio's"},
    )
