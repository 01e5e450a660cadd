"""Words and tag styles for stages, RAG ratings and events: presentation only.

Colour is never the only signal: every tag carries its text.
"""

from datetime import date, datetime

from cpmo.vocabulary import gate_label
from cpmo.workflows.lifecycle import EVENTS

STAGE_LABELS = {
    "proposed": "Proposed",
    "obc_review": "OBC review",
    "fbc_development": "FBC development",
    "fbc_review": "FBC review",
    "supplier_selection": "Supplier selection",
    "supplier_selection_review": "Supplier selection review",
    "delivery": "Delivery",
    "delivery_review": "Delivery review",
    "benefits_realisation": "Benefits realisation",
    "closed": "Closed",
    "on_hold": "On hold",
    "stopped": "Stopped",
}
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
ROLE_LABELS = {
    "admin": "Administrator",
    "cpmo": "CPMO officer",
    "programme_manager": "Programme manager",
    "oversight": "Oversight group member",
    "facilitator": "Workshop facilitator",
    "scorer": "Scorer",
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
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def stage_label(stage: str | None) -> str:
    if stage is None:  # an imported record whose source states no stage
        return "Not stated"
    return STAGE_LABELS.get(stage or "", (stage or "—").replace("_", " "))


def first_upper(text: str | None) -> str:
    """The first letter in capitals, the rest untouched ("supplier selection" → "Supplier …")."""
    return (text[:1].upper() + text[1:]) if text else ""


def role_label(role: str | None) -> str:
    return ROLE_LABELS.get(role or "", role or "—")


def event_label(event: str) -> str:
    """ "approve_obc" → "Approve OBC"."""
    spec = EVENTS.get(event)
    if spec is None:
        return event.replace("_", " ")
    text = VERB_LABELS[spec.verb].format(gate=gate_label(spec.gate))
    return text[0].upper() + text[1:]


def long_date(value: date | datetime | None) -> str:
    """GOV.UK style: 5 January 2026."""
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_time(value: datetime | None) -> str:
    """5 January 2026 at 14:05 UTC."""
    if value is None:
        return "—"
    return f"{long_date(value)} at {value:%H:%M} UTC"
