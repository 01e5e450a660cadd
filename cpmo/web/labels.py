"""Words and tag styles for stages, RAG ratings and events: presentation only.

Colour is never the only signal: every tag carries its text.
"""

from datetime import datetime

from cpmo.money import MINUS
from cpmo.vocabulary import gate_label, long_date
from cpmo.workflows.lifecycle import EVENTS

STAGE_TAGS = {
    "on_hold": "govuk-tag--yellow",
    "stopped": "govuk-tag--red",
    "closed": "govuk-tag--grey",
    "benefits_realisation": "govuk-tag--green",
}
RAG_TAGS = {
    "green": "govuk-tag--green",
    "amber_green": "govuk-tag--turquoise",
    "amber": "govuk-tag--yellow",
    "amber_red": "govuk-tag--orange",
    "red": "govuk-tag--red",
    "unrated": "govuk-tag--grey",
}
VERB_LABELS = {
    "submit": "Submit {gate}",
    "approve": "Approve {gate}",
    "return": "Return {gate} for rework",
    "endorse": "Endorse {gate}",
    "pause": "Put on hold",
    "resume": "Resume",
    "stop": "Stop the programme",
    "close": "Close the programme",
}

# audited changes that are not lifecycle events
OTHER_EVENTS = {
    "update_programme": "Details changed",
    "register_programme": "Registered",
    "rescore_risk": "Risk rescored",
    "start_fbc_from_obc": "FBC started from the approved OBC",
    "record_lot": "Supplier recorded",
    "complete_milestone": "Milestone completed",
    "record_benefits_plan": "Benefits plan recorded",
    "record_actuals": "Spend recorded",
    "set_forecast": "Forecast set",
    "record_benefit": "Benefit realised amount recorded",
    "declare_not_realised": "Benefit declared not realised",
}


def first_upper(text: str | None) -> str:
    """The first letter in capitals, the rest untouched ("supplier selection" → "Supplier …")."""
    return (text[:1].upper() + text[1:]) if text else ""


def event_label(event: str) -> str:
    """ "approve_obc" → "Approve OBC"."""
    spec = EVENTS.get(event)
    if spec is None:
        return OTHER_EVENTS.get(event, event.replace("_", " "))
    text = VERB_LABELS[spec.verb].format(gate=gate_label(spec.gate))
    return text[0].upper() + text[1:]


def date_time(value: datetime | None) -> str:
    """5 January 2026 at 14:05 UTC."""
    if value is None:
        return "—"
    return f"{long_date(value)} at {value:%H:%M} UTC"


CONDITION_STATUSES = {
    "open": ("Open", "govuk-tag--yellow"),
    "discharged": ("Discharged, awaiting acceptance", "govuk-tag--blue"),
    "accepted": ("Accepted", "govuk-tag--green"),
}


def condition_status(status: str) -> str:
    """ "discharged" → "Discharged, awaiting acceptance"."""
    return CONDITION_STATUSES.get(status, (first_upper(status), ""))[0]


def condition_due(before_submitting: str | None) -> str:
    """When a condition must be met: before a gate's submission, else its next approval."""
    if before_submitting:
        return f"Before the {gate_label(before_submitting)} is submitted"
    return "Before the next gate is approved"


BENEFIT_TYPES = {
    "non_financial": "Non-financial",
    "commercial": "Commercial",
    "efficiency": "Efficiency",
    "cash_releasing": "Cash-releasing",
}
OUTTURN_SOURCES = {
    "forecast": "Forecast set for the year",
    "actual": "Actual spend (the year is over)",
    "baseline": "Baseline (no forecast set)",
    "mixed": "Forecasts, actuals and baselines",
}


def percent(value: float | None) -> str:
    """0.125 → "12.5%", −0.03 → "−3.0%"; "—" when there is no baseline to compare with."""
    if value is None:
        return "—"
    return f"{MINUS if value < 0 else ''}{abs(value) * 100:,.1f}%"


def benefit_type(value: str | None) -> str:
    """ "non_financial" → "Non-financial"; "—" when not given."""
    if not value:
        return "—"
    return BENEFIT_TYPES.get(value, first_upper(value.replace("_", " ")))


def outturn_source(value: str) -> str:
    """Where a year's forecast outturn came from, in words."""
    return OUTTURN_SOURCES.get(value, value.replace("_", " "))


RISK_STATUSES = {
    "escalated": ("Escalated", "govuk-tag--red"),
    "within_tolerance": ("Within tolerance", "govuk-tag--green"),
    "not_assessed": ("Not assessed", "govuk-tag--grey"),
}


def risk_status(value: str) -> str:
    """A programme risk's status in words."""
    return RISK_STATUSES.get(value, (value.replace("_", " ").capitalize(), ""))[0]


PLAN_STATUSES = {
    "not_started": ("Not started", "govuk-tag--grey"),
    "on_track": ("On track", "govuk-tag--green"),
    "at_risk": ("At risk", "govuk-tag--yellow"),
    "late": ("Late", "govuk-tag--red"),
    "done": ("Done", "govuk-tag--blue"),
}
KPI_DIRECTIONS = {"higher": "Higher is better", "lower": "Lower is better"}


def plan_status(status: str) -> str:
    """ "on_track" → "On track"."""
    return PLAN_STATUSES.get(status, (first_upper(status.replace("_", " ")), ""))[0]


def kpi_direction(direction: str | None) -> str:
    """ "higher" → "Higher is better"; "Not stated" when the KPI does not say."""
    return KPI_DIRECTIONS.get(direction or "", "Not stated")


def figure(value: float | None) -> str:
    """A KPI figure without trailing zeros: 92.50 → "92.5", 1200.0 → "1,200"; "—" if none."""
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: float | None, unit: str | None) -> str:
    """A KPI figure with its unit: 97 and "%" → "97%", 12 and "days" → "12 days"."""
    text = figure(value)
    if value is None or not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
