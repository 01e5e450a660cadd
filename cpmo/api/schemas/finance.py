"""Finance schemas: actual spend by month, forecasts by year, budget vs actual vs forecast."""

from marshmallow import ValidationError, fields, validate, validates

from cpmo.api.schemas.common import MAX_MONEY_GBP, StrictSchema, Text

YEAR = r"(19|2\d)\d\d"  # 1900 to 2999


def _signed_money(**kwargs: object) -> fields.Integer:
    return fields.Integer(
        strict=True,
        validate=validate.Range(min=-MAX_MONEY_GBP, max=MAX_MONEY_GBP),
        metadata={"description": "whole pounds sterling (negative: a refund or correction)"},
        **kwargs,  # type: ignore[arg-type]
    )


class SpendEntrySchema(StrictSchema):
    month = fields.String(
        required=True,
        validate=validate.Regexp(
            rf"^{YEAR}-(0[1-9]|1[0-2])$", error="give the month as YYYY-MM, from 1900 to 2999"
        ),
        metadata={"description": "the month the spend belongs to, YYYY-MM", "example": "2021-04"},
    )
    amount_gbp = _signed_money(required=True)
    note = Text(max_length=2_000, allow_none=True, load_default=None)


class ActualsCreate(StrictSchema):
    entries = fields.List(
        fields.Nested(SpendEntrySchema),
        required=True,
        validate=validate.Length(min=1, max=600),
        metadata={"description": "one entry a month; a month already recorded is corrected"},
    )


class SpendRead(StrictSchema):
    month = fields.Method("_month", required=True)
    amount_gbp = fields.Integer(required=True)
    note = fields.String(allow_none=True)
    recorded_by = fields.String(required=True)
    recorded_at = fields.DateTime(required=True)

    def _month(self, row: object) -> str:
        return row.month.isoformat()[:7]  # type: ignore[attr-defined]


class ForecastPut(StrictSchema):
    years = fields.Dict(
        keys=fields.String(
            validate=validate.Regexp(rf"^{YEAR}$", error="a year from 1900 to 2999, like 2021")
        ),
        values=fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_MONEY_GBP)),
        required=True,
        metadata={"description": "financial year (the calendar year it starts in) → £"},
    )
    rationale = Text(max_length=5_000, min_length=1, required=True)

    @validates("years")
    def _some_years(self, value: dict, **_kwargs: object) -> None:  # type: ignore[type-arg]
        if len(value) > 100:
            raise ValidationError("give at most 100 years")


class ForecastRead(StrictSchema):
    year = fields.Integer(required=True)
    amount_gbp = fields.Integer(required=True)
    rationale = fields.String(required=True)
    set_by = fields.String(required=True)
    set_at = fields.DateTime(required=True)


class FinanceYear(StrictSchema):
    year = fields.Integer(required=True)
    label = fields.String(required=True, metadata={"description": "2020, or 2020-21"})
    baseline_gbp = fields.Integer(required=True)
    actual_gbp = fields.Integer(required=True)
    forecast_gbp = fields.Integer(allow_none=True, metadata={"description": "as set, if set"})
    outturn_gbp = fields.Integer(required=True)
    outturn_source = fields.String(
        required=True, metadata={"description": "forecast, actual, baseline or mixed"}
    )
    variance_gbp = fields.Integer(required=True, metadata={"description": "outturn − baseline"})
    variance_pct = fields.Float(allow_none=True, metadata={"description": "of the baseline"})


class FinanceRead(StrictSchema):
    years = fields.List(fields.Nested(FinanceYear), required=True)
    baseline_gbp = fields.Integer(required=True)
    unphased_baseline_gbp = fields.Integer(required=True)
    actual_gbp = fields.Integer(required=True, metadata={"description": "to date"})
    forecast_gbp = fields.Integer(required=True, metadata={"description": "whole life"})
    variance_gbp = fields.Integer(required=True)
    variance_pct = fields.Float(allow_none=True)
    growth_beyond_tolerance = fields.Boolean(required=True)
    tolerance = fields.Float(required=True)
    baseline_source = fields.String(required=True)
    sources = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    illustrative = fields.Boolean(required=True)


class PortfolioFinanceRead(StrictSchema):
    totals = fields.Nested(FinanceRead, attribute="view", required=True)
    allocations = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "financial year → the departments' CSP allocation"},
    )
    programmes = fields.Dict(keys=fields.String(), values=fields.Nested(FinanceRead), required=True)
    ended_actual_gbp = fields.Integer(
        required=True, metadata={"description": "spent on stopped and closed programmes, apart"}
    )
    start_month = fields.Integer(required=True)


def _year_figures(description: str) -> fields.Dict:
    return fields.Dict(
        keys=fields.String(
            validate=validate.Regexp(rf"^{YEAR}$", error="a year from 1900 to 2999, like 2021")
        ),
        values=fields.Integer(
            strict=True, allow_none=True, validate=validate.Range(min=0, max=MAX_MONEY_GBP)
        ),
        load_default=dict,
        validate=validate.Length(max=100),
        metadata={"description": description},
    )


class BenefitYearsPut(StrictSchema):
    planned = _year_figures("financial year → £ planned (null clears a year)")
    actual = _year_figures("financial year → £ realised (null clears a year)")


class NotRealisedPut(StrictSchema):
    rationale = Text(
        max_length=5_000,
        required=True,
        allow_none=True,
        metadata={"description": "why it will not be realised; null withdraws the declaration"},
    )


class BenefitYearRead(StrictSchema):
    year = fields.Integer(required=True)
    label = fields.String(required=True)
    planned_gbp = fields.Integer(allow_none=True)
    actual_gbp = fields.Integer(allow_none=True)


class BenefitRealisationRead(StrictSchema):
    code = fields.String(attribute="benefit.code", required=True)
    title = fields.String(attribute="benefit.title", required=True)
    benefit_type = fields.String(attribute="benefit.benefit_type", allow_none=True)
    value_gbp = fields.Integer(attribute="benefit.value_gbp", allow_none=True)
    per_year = fields.Boolean(attribute="benefit.per_year", required=True)
    period_text = fields.String(attribute="benefit.period_text", allow_none=True)
    owner = fields.String(attribute="benefit.owner", allow_none=True)
    measure = fields.String(attribute="benefit.measure", allow_none=True)
    not_realised = fields.String(attribute="benefit.not_realised", allow_none=True)
    illustrative = fields.Boolean(attribute="benefit.illustrative", required=True)
    part_of = fields.String(allow_none=True, metadata={"description": "the containing benefit"})
    years = fields.List(fields.Nested(BenefitYearRead), required=True)
    planned_to_date_gbp = fields.Integer(required=True)
    actual_to_date_gbp = fields.Integer(required=True)
    realisation = fields.Float(
        allow_none=True, metadata={"description": "actual ÷ planned to date"}
    )
    accounted_for = fields.Boolean(required=True)


class BenefitTotalsRead(StrictSchema):
    one_off_gbp = fields.Integer(
        required=True, metadata={"description": "one-off and cumulative, each benefit once"}
    )
    per_year_gbp = fields.Integer(
        required=True, metadata={"description": "yearly rates, never added to one_off_gbp"}
    )
    counted = fields.List(fields.String(), required=True)
    contained = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    planned_by_year = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    actual_by_year = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    horizon = fields.List(fields.Integer(), allow_none=True)
    illustrative = fields.Boolean(required=True)


class ProgrammeBenefitsRead(StrictSchema):
    programme = fields.String(required=True)
    benefits = fields.List(fields.Nested(BenefitRealisationRead), required=True)
    totals = fields.Nested(BenefitTotalsRead, required=True)
    start_month = fields.Integer(required=True)
