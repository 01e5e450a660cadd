"""Plan file records for what a plan measures and guards: KPIs, targets, actuals, risks,
continuity, framework elements and other statements."""

from marshmallow import fields, validate

from cpmo.plans.fields import MAX_VALUE, Code, Frequency, Number, Period, Record, Score, Text
from cpmo.plans.kpi_rag import DIRECTIONS


class KpiRecord(Record):
    code = Code(required=True)
    name = Text(500, required=True)
    kpi = Code()
    frequency = Frequency()
    unit = Text(40)
    direction = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(DIRECTIONS)
    )
    amber_tolerance = fields.Float(
        allow_none=True, load_default=None, validate=validate.Range(0, 1)
    )
    baseline = Number()
    baseline_text = Text(200)
    floor_standard = Text(200)
    benchmark = Text(200)
    description = Text()


class TargetRecord(Record):
    kpi = Code(required=True)
    period = Period(required=False)  # none: a standing target, for every period
    value = Number()
    text = Text(200)


class ActualRecord(Record):
    kpi = Code(required=True)
    period = Period()
    value = fields.Float(required=True, validate=validate.Range(-MAX_VALUE, MAX_VALUE))
    note = Text()


class RiskRecord(Record):
    code = Code(required=True)
    title = Text(required=True)
    cause = Text()
    event = Text()
    impact_description = Text()
    likelihood = Score(5)
    impact = Score(5)
    tolerance = Score(25)
    owner = Text(300)
    mitigation = Text()


class ContinuityRecord(Record):
    function = Text(required=True)
    timescale = Text(300)
    minimum_service_level = Text()


class ElementRecord(Record):
    code = Code(required=True)
    name = Text(300, required=True)
    definition = Text()


class StatementRecord(Record):
    kind = Code(required=True)
    heading = Text(300)
    number = Text(20)
    title = Text(500)
    text = Text()
    when = Text(300)
