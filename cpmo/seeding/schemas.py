"""Marshmallow schemas for each seed kind: the contract of `seeds/README.md`."""

from marshmallow import RAISE, Schema, fields, validate

from cpmo.graph.keys import KEY_PATTERN
from cpmo.graph.rules import EDGE_KINDS
from cpmo.plans.fields import KPI_FREQUENCIES as KPI_FREQUENCIES  # re-exported (demo data)
from cpmo.plans.fields import Frequency
from cpmo.vocabulary import GATES, RAGS, STAGES, ProgrammeGroup

CODE = validate.Regexp(r"^[a-z0-9][a-z0-9._-]*$", error="must be a lowercase slug")
MONEY = validate.Range(min=0, error="must be a whole number of pounds, 0 or more")


def _code(**kw: object) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=80), CODE], **kw)


def _ref(**kw: object) -> fields.String:
    return fields.String(allow_none=True, load_default=None, **kw)


def _text(max_length: int | None = None, required: bool = False) -> fields.String:
    if required:
        return fields.String(required=True, validate=validate.Length(min=1, max=max_length))
    return fields.String(
        allow_none=True, load_default=None, validate=validate.Length(max=max_length)
    )


def _money(required: bool = False) -> fields.Integer:
    if required:
        return fields.Integer(strict=True, required=True, validate=MONEY)
    return fields.Integer(strict=True, allow_none=True, load_default=None, validate=MONEY)


class SeedRecord(Schema):
    class Meta:
        unknown = RAISE

    source = fields.String(required=True, validate=validate.Length(min=3, max=1000))
    illustrative = fields.Boolean(load_default=False)


class DepartmentSeed(SeedRecord):
    code = _code(required=True)
    name = _text(300, required=True)


class CspPrioritySeed(SeedRecord):
    code = _code(required=True)
    name = _text(300, required=True)
    description = _text()


class OrganisationUnitSeed(SeedRecord):
    code = _code(required=True)
    name = _text(300, required=True)
    kind = fields.String(
        required=True, validate=validate.OneOf(["directorate", "function", "programme_office"])
    )
    department = fields.String(required=True)
    parent = _ref()
    description = _text()


class PortfolioSeed(SeedRecord):
    code = _code(required=True)
    name = _text(300, required=True)
    description = _text()
    organisation = _text(300)
    year_start_month = fields.Integer(load_default=1, validate=validate.Range(1, 12))


class PortfolioFunnelSeed(SeedRecord):
    portfolio = fields.String(required=True)
    sequence = fields.Integer(strict=True, required=True, validate=validate.Range(min=1))
    label = _text(300, required=True)
    project_count = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(min=0)
    )
    total_cost_gbp = _money()
    period_text = _text(200)


class ProgrammeSeed(SeedRecord):
    code = _code(required=True)
    name = _text(300, required=True)
    portfolio = fields.String(required=True)
    parent = _ref()
    department = _ref()
    group = fields.String(
        allow_none=True,
        load_default=None,
        validate=validate.OneOf([g.value for g in ProgrammeGroup]),
    )
    description = _text()
    senior_responsible_owner = _text(300)
    stage = fields.String(required=True, validate=validate.OneOf(STAGES))
    rag = fields.String(load_default="unrated", validate=validate.OneOf(RAGS))
    rag_reason = _text(500)
    whole_life_cost_gbp = _money()
    planned_start = fields.Date(allow_none=True, load_default=None)
    planned_end = fields.Date(allow_none=True, load_default=None)


class GatePlanSeed(SeedRecord):
    programme = fields.String(required=True)
    gate = fields.String(required=True, validate=validate.OneOf(GATES))
    planned_date = fields.Date(allow_none=True, load_default=None)
    planned_text = _text(100)


class ObjectiveSeed(SeedRecord):
    code = _code(required=True)
    department = fields.String(required=True)
    title = _text(500, required=True)
    description = _text()


BENEFIT_TYPES = [
    "cash_releasing",
    "non_cash_releasing",
    "societal",
    "productivity",
    "cost_avoidance",
    "commercial",
    "efficiency",
    "non_financial",
]


class BenefitSeed(SeedRecord):
    code = _code(required=True)
    title = _text(500, required=True)
    description = _text()
    value_gbp = _money()
    benefit_type = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(BENEFIT_TYPES)
    )
    per_year = fields.Boolean(load_default=False)
    period_text = _text(200)
    programme = _ref()
    department = _ref()
    part_of = _ref()
    owner = _text(300)
    measure = _text()


class KpiSeed(SeedRecord):
    code = _code(required=True)
    name = _text(500, required=True)
    department = _ref()
    frequency = Frequency()
    description = _text()


class FundingAllocationSeed(SeedRecord):
    reference = fields.String(required=True, validate=validate.Length(min=1, max=40))
    title = _text(300, required=True)
    department = _ref()
    year = fields.Integer(strict=True, required=True, validate=validate.Range(min=1990, max=2100))
    amount_gbp = _money(required=True)


class ReportingLineSeed(SeedRecord):
    code = _code(required=True)
    reporter = _text(300, required=True)
    reports_to = _text(300, required=True)
    frequency = _text(100)
    subject = _text()


class MilestoneSeed(SeedRecord):
    code = _code(required=True)
    programme = _ref()
    title = _text(500, required=True)
    due_date = fields.Date(allow_none=True, load_default=None)
    due_text = _text(200)


class RiskSeed(SeedRecord):
    code = _code(required=True)
    programme = _ref()
    title = _text(500, required=True)
    description = _text()
    likelihood = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(min=1, max=5)
    )
    impact = fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(min=1, max=5)
    )
    owner = _text(300)
    mitigation = _text()


NODE_KEY = validate.Regexp(KEY_PATTERN, error="must be a node key like 'programme:ttp-cyber'")


class GraphEdgeSeed(SeedRecord):
    source_key = fields.String(required=True, validate=[validate.Length(max=100), NODE_KEY])
    target_key = fields.String(required=True, validate=[validate.Length(max=100), NODE_KEY])
    kind = fields.String(required=True, validate=validate.OneOf(EDGE_KINDS))


# --- prioritisation workshops -------------------------------------------------------------

YEAR_KEY = validate.Regexp(r"^(19|20|21)\d\d$", error="years are written like 2020")
FINITE = validate.Range(min=-1e12, max=1e12, error="must be a finite number")


def _years(**kw: object) -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=YEAR_KEY),
        values=fields.Integer(strict=True, validate=MONEY),
        load_default=dict,
        **kw,
    )


class WorkshopRulesSeed(Schema):
    class Meta:
        unknown = RAISE

    requires = fields.List(fields.List(_code(), validate=validate.Length(equal=2)))
    excludes = fields.List(fields.List(_code(), validate=validate.Length(equal=2)))
    mandatory = fields.List(_code())
    forbidden = fields.List(_code())


class WorkshopSeed(SeedRecord):
    code = _code(required=True)
    name = _text(300, required=True)
    description = _text()
    portfolio = _ref()
    status = fields.String(
        load_default="draft", validate=validate.OneOf(["draft", "scoring", "closed"])
    )
    budgets = _years()
    rules = fields.Nested(WorkshopRulesSeed, load_default=dict)


class WorkshopCriterionSeed(SeedRecord):
    workshop = fields.String(required=True)
    key = _code(required=True)
    name = _text(300, required=True)
    description = _text()
    weight = fields.Float(required=True, validate=validate.Range(min=0, max=1e6))
    scale_min = fields.Float(required=True, validate=FINITE)
    scale_max = fields.Float(required=True, validate=FINITE)
    direction = fields.String(
        load_default="higher_is_better",
        validate=validate.OneOf(["higher_is_better", "lower_is_better"]),
    )
    position = fields.Integer(strict=True, load_default=0)


class WorkshopCandidateSeed(SeedRecord):
    workshop = fields.String(required=True)
    key = _code(required=True)
    name = _text(300, required=True)
    description = _text()
    programme = _ref()
    sponsors = fields.List(
        fields.String(validate=validate.Length(min=1, max=300)), load_default=list
    )
    costs = _years()
    position = fields.Integer(strict=True, load_default=0)


class WorkshopScorerSeed(SeedRecord):
    workshop = fields.String(required=True)
    name = _text(200, required=True)


class WorkshopScoreSeed(SeedRecord):
    workshop = fields.String(required=True)
    candidate_key = _code(required=True, data_key="candidate")
    criterion_key = _code(required=True, data_key="criterion")
    scorer = _text(200, required=True)
    value = fields.Float(required=True, validate=FINITE)
    comment = _text()


# --- department budget lines ----------------------------------------------------------------

# which table of a business plan a budget line comes from (seeds/README.md)
BUDGET_STATEMENTS = [
    "service_analysis",
    "comprehensive_net_expenditure",
    "reconciliation",
    "efficiency_targets",
]


class BudgetLineSeed(SeedRecord):
    code = _code(required=True)
    department = fields.String(required=True)
    statement = fields.String(required=True, validate=validate.OneOf(BUDGET_STATEMENTS))
    label = _text(300, required=True)
    sequence = fields.Integer(strict=True, load_default=0, validate=validate.Range(min=0))
    year = fields.Integer(strict=True, required=True, validate=validate.Range(min=1990, max=2100))
    amount_gbp = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(
            min=-(10**15), max=10**15, error="must be a whole number of pounds"
        ),
    )
