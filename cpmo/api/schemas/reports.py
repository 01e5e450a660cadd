"""Report schemas: the oversight report's JSON, its query, snapshots and the GMPP upload."""

from datetime import date

from marshmallow import Schema, fields, validate

from cpmo.api.schemas.common import Code, StrictSchema, Text

EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def AsOf(**kwargs: object) -> fields.Date:
    return fields.Date(
        validate=validate.Range(min=EARLIEST, max=LATEST),
        metadata={
            "description": "the report's as-of date (default: today; for an imported "
            "GMPP year, the end of that financial year)"
        },
        **kwargs,  # type: ignore[arg-type]
    )


class ReportQuery(StrictSchema):
    portfolio = Code(required=True, metadata={"description": "portfolio code"})
    as_of = AsOf()


class PortfolioQuery(StrictSchema):
    portfolio = Code(required=True, metadata={"description": "portfolio code"})


def _s(**kw: object) -> fields.String:
    return fields.String(**kw)  # type: ignore[arg-type]


def _n(**kw: object) -> fields.String:
    return fields.String(allow_none=True, **kw)  # type: ignore[arg-type]


def _i(**kw: object) -> fields.Integer:
    return fields.Integer(**kw)  # type: ignore[arg-type]


Counts = fields.Dict(keys=fields.String(), values=fields.Integer())
Names = fields.List(fields.String())


class ReportRagChange(Schema):
    direction, arrow, text = _s(), _s(), _s()


class ReportHonestyFlag(Schema):
    programme, name, reported_rag, rule, evidence = _s(), _s(), _s(), _s(), _s()


class ReportException(Schema):
    programme, name, rag, kind, detail = _s(), _s(), _s(), _s(), _s()


class ReportDecision(Schema):
    sequence = _i()
    programme, event, from_stage, to_stage, actor, role = _s(), _s(), _s(), _s(), _s(), _s()
    at = fields.DateTime()
    rationale = _n()
    conditions = Names


class ReportAwaiting(Schema):
    programme, name, gate, stage = _s(), _s(), _s(), _s()
    cost_gbp = _i()
    submitted_at = fields.DateTime(allow_none=True)
    submitted_by = _n()


class ReportProgramme(Schema):
    code, name, stage, rag = _s(), _s(), _s(), _s()
    department, parent, rag_reason, previous_rag, next_gate = _n(), _n(), _n(), _n(), _n()
    change = fields.Nested(ReportRagChange)
    whole_life_cost_gbp = _i(allow_none=True)
    next_gate_date = fields.Date(allow_none=True)
    flags, exceptions = _i(), _i()


class ReportHeadline(Schema):
    programmes, whole_life_cost_gbp, programmes_without_cost = _i(), _i(), _i()
    benefits_gbp, benefits_per_year_gbp, benefits_count = _i(), _i(), _i()
    red, amber_red, exceptions, honesty_flags, awaiting_endorsement = _i(), _i(), _i(), _i(), _i()
    stopped_closed_gbp = _i(
        metadata={"description": "stopped and closed programmes, outside the whole-life cost"}
    )
    benefits_contained = _i(
        metadata={"description": "benefits counted inside their container (part_of), not beside it"}
    )
    illustrative = fields.Boolean(
        metadata={"description": "a headline figure comes from a record marked illustrative"}
    )


class ReportFunnelStep(Schema):
    label = _s()
    project_count, total_cost_gbp = _i(allow_none=True), _i(allow_none=True)
    period_text = _n()


class ReportBudgetYear(Schema):
    year, planned_gbp, allocation_gbp = _i(), _i(), _i(allow_none=True)
    label = _s(metadata={"description": "the financial year as people name it (2020, 2020-21)"})


class ReportCostShare(Schema):
    programme, label, reason = _s(), _s(), _s()
    amount_gbp = _i()


class ReportBudget(Schema):
    years = fields.List(fields.Nested(ReportBudgetYear))
    unphased_gbp = _i()
    unphased_programmes, allocation_lines = Names, Names
    note = _s()
    total_gbp = _i(metadata={"description": "sum of the years plus the unphased amount"})
    unphased = fields.List(fields.Nested(ReportCostShare))
    estimated = fields.List(
        fields.Nested(ReportCostShare),
        metadata={"description": "amounts spread evenly over planned dates (an estimate)"},
    )
    stopped_closed_gbp = _i()
    stopped_closed = fields.List(fields.Nested(ReportCostShare))
    year_start_month = _i(metadata={"description": "the month the financial year starts"})


class ReportBenefitAtRisk(Schema):
    benefit, title = _s(), _s()
    value_gbp = _i(allow_none=True)
    per_year = fields.Boolean()
    because_of = Names


class ReportTrendPoint(Schema):
    as_of = fields.Date()
    label = _n()
    current = fields.Boolean()
    by_rag = Counts
    whole_life_cost_gbp, benefits_gbp, benefits_at_risk_gbp = _i(), _i(), _i()


class ReportKpi(Schema):
    code, name, frequency = _s(), _s(), _n()
    measures = Names


class ReportProgress(Schema):
    kpis_total = _i()
    kpis_by_frequency = Counts
    kpis = fields.List(fields.Nested(ReportKpi))
    milestones_total, milestones_completed, milestones_overdue = _i(), _i(), _i()
    milestones_due_soon, milestones_undated = _i(), _i()
    overdue = Names
    source = _s()


class ReportRisk(Schema):
    code, title, programme, owner, mitigation = _s(), _s(), _n(), _n(), _n()
    likelihood, impact, score = _i(allow_none=True), _i(allow_none=True), _i(allow_none=True)


class ReportDepartment(Schema):
    department = _s()
    projects, whole_life_cost_gbp = _i(), _i()
    by_rag = Counts


class ReportCostLine(Schema):
    code, name, department, rag = _s(), _s(), _n(), _s()
    whole_life_cost_gbp = _i()


class ReportRegister(Schema):
    year, filename, assessor, price_basis = _s(), _s(), _s(), _n()
    by_department = fields.List(fields.Nested(ReportDepartment))
    top_costs = fields.List(fields.Nested(ReportCostLine))
    withheld, by_category = Counts, Counts


class ReportDependency(Schema):
    source, target = _s(), _s()


class ReportBenefitLine(Schema):
    benefit, title = _s(), _s()
    programme = _n()
    value_gbp = _i(allow_none=True)
    per_year = fields.Boolean()
    counted_in = _n(metadata={"description": "the larger benefit it is counted inside"})
    planned_gbp, actual_gbp = _i(), _i()
    illustrative = fields.Boolean()


class ReportBenefits(Schema):
    lines = fields.List(fields.Nested(ReportBenefitLine))
    one_off_gbp = _i(metadata={"description": "one-off and cumulative values, each once"})
    per_year_gbp = _i(metadata={"description": "yearly rates, never added to one_off_gbp"})
    planned_by_year = fields.Dict(keys=fields.String(), values=fields.Integer())
    actual_by_year = fields.Dict(keys=fields.String(), values=fields.Integer())
    horizon = _n(metadata={"description": "the years the planned profiles cover"})
    realisation = fields.Float(
        allow_none=True, metadata={"description": "actual ÷ planned to date"}
    )
    note = _s()
    illustrative = fields.Boolean()


class ReportStatementRow(Schema):
    label = _s()
    amounts = fields.Dict(keys=fields.String(), values=fields.Integer())


class ReportDepartmentStatement(Schema):
    department, title = _s(), _s()
    years = fields.List(fields.Integer())
    rows = fields.List(fields.Nested(ReportStatementRow))
    source = _n()
    illustrative = fields.Boolean()


class OversightRead(Schema):
    portfolio, portfolio_name, organisation = _s(), _s(), _n()
    as_of = fields.Date()
    generated_at = fields.DateTime()
    compared_with = fields.Date(allow_none=True)
    provenance, decisions_note = _s(), _s()
    headline = fields.Nested(ReportHeadline)
    exceptions = fields.List(fields.Nested(ReportException))
    honesty_flags = fields.List(fields.Nested(ReportHonestyFlag))
    awaiting_endorsement = fields.List(fields.Nested(ReportAwaiting))
    decisions = fields.List(fields.Nested(ReportDecision))
    rag_distribution, stage_funnel = Counts, Counts
    programmes = fields.List(fields.Nested(ReportProgramme))
    consolidation = fields.List(fields.Nested(ReportFunnelStep))
    budget = fields.Nested(ReportBudget)
    benefits_at_risk = fields.List(fields.Nested(ReportBenefitAtRisk))
    benefits_at_risk_gbp = _i()
    trend = fields.List(fields.Nested(ReportTrendPoint))
    dependencies = fields.List(fields.Nested(ReportDependency))
    progress = fields.Nested(ReportProgress)
    top_risks = fields.List(fields.Nested(ReportRisk))
    register = fields.Nested(ReportRegister, allow_none=True)
    notes = Names
    benefits = fields.Nested(ReportBenefits, allow_none=True)
    department_budget = fields.List(
        fields.Nested(ReportDepartmentStatement),
        metadata={"description": "the departments' budgets as their plans state them (apart)"},
    )


class SnapshotCreate(StrictSchema):
    portfolio = Code(required=True)
    as_of = AsOf()
    label = Text(max_length=200, allow_none=True)


class SnapshotRead(Schema):
    portfolio, taken_by = _s(), _s()
    as_of = fields.Date()
    label = _n()
    taken_at = fields.DateTime()
    programme_count, whole_life_cost_gbp, benefits_gbp, benefits_at_risk_gbp = (
        _i(),
        _i(),
        _i(),
        _i(),
    )
    exceptions, honesty_flags = _i(), _i()
    by_rag = Counts


class GmppUpload(StrictSchema):
    """multipart/form-data: the file, and the year if the file name does not give it."""

    year = Text(
        max_length=7,
        validate=[validate.Regexp(r"^\d{4}-\d{2}$", error="a financial year like 2021-22")],
        metadata={"description": "the financial year, if the file name does not give it"},
    )
    file = fields.Raw(
        load_default=None,
        metadata={"type": "string", "format": "binary", "description": "a GMPP annual CSV"},
    )


class GmppImportRead(Schema):
    portfolio, year, filename, encoding = _s(), _s(), _s(), _s()
    transposed = fields.Boolean()
    projects, created, updated, unchanged, removed, departments_created = (
        _i(),
        _i(),
        _i(),
        _i(),
        _i(),
        _i(),
    )
    notes = Names
