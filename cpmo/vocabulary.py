"""The domain's fixed words (architecture brief §2, §3): one place, used everywhere."""

from datetime import date, datetime
from enum import StrEnum


class Stage(StrEnum):
    PROPOSED = "proposed"
    OBC_REVIEW = "obc_review"
    FBC_DEVELOPMENT = "fbc_development"
    FBC_REVIEW = "fbc_review"
    SUPPLIER_SELECTION = "supplier_selection"
    SUPPLIER_SELECTION_REVIEW = "supplier_selection_review"
    DELIVERY = "delivery"
    DELIVERY_REVIEW = "delivery_review"
    BENEFITS_REALISATION = "benefits_realisation"
    CLOSED = "closed"
    ON_HOLD = "on_hold"
    STOPPED = "stopped"


class Gate(StrEnum):
    OBC = "obc"
    FBC = "fbc"
    SUPPLIER_SELECTION = "supplier_selection"
    DELIVERY = "delivery"


class Rag(StrEnum):
    GREEN = "green"
    AMBER_GREEN = "amber_green"
    AMBER = "amber"
    AMBER_RED = "amber_red"
    RED = "red"
    UNRATED = "unrated"


class Role(StrEnum):
    ADMIN = "admin"
    CPMO = "cpmo"
    PROGRAMME_MANAGER = "programme_manager"
    OVERSIGHT = "oversight"
    FACILITATOR = "facilitator"
    SCORER = "scorer"


class ProgrammeGroup(StrEnum):
    GOVERNMENT_WIDE = "government_wide"
    FRONT_OFFICE = "front_office"
    ENABLING = "enabling"


STAGES = [s.value for s in Stage]
# programmes that have ended: outside forward-looking money totals, shown apart
ENDED_STAGES = frozenset({Stage.STOPPED.value, Stage.CLOSED.value})
GATES = [g.value for g in Gate]
RAGS = [r.value for r in Rag]
ROLES = [r.value for r in Role]

# Readable words for RAG ratings and gates, shared by the pages and the reports; RAG is never
# shown by colour alone.
RAG_LABELS = {
    "green": "Green",
    "amber_green": "Amber/green",
    "amber": "Amber",
    "amber_red": "Amber/red",
    "red": "Red",
    "unrated": "Unrated",
}
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
ROLE_LABELS = {
    "admin": "Administrator",
    "cpmo": "CPMO officer",
    "programme_manager": "Programme manager",
    "oversight": "Oversight group member",
    "facilitator": "Workshop facilitator",
    "scorer": "Scorer",
}
GATE_LABELS = {
    "obc": "OBC",
    "fbc": "FBC",
    "supplier_selection": "supplier selection",
    "delivery": "delivery",
}

CASE_KIND_LABELS = {"obc": "outline business case", "fbc": "full business case"}
CASE_STATUS_LABELS = {
    "draft": "Draft",
    "submitted": "Submitted",
    "approved": "Approved",
    "approved_with_conditions": "Approved with conditions",
    "returned": "Returned",
    "superseded": "Superseded",
    "withdrawn": "Withdrawn",
}


def case_kind_label(kind: str | None) -> str:
    """ "obc" → "outline business case"; a gate without a case → the gate's name."""
    return CASE_KIND_LABELS.get(str(kind or ""), gate_label(kind))


def case_status_label(status: str | None) -> str:
    """ "approved_with_conditions" → "Approved with conditions"."""
    return CASE_STATUS_LABELS.get(str(status or ""), "—")


def rag_label(rag: str | None) -> str:
    """Readable RAG text ("Amber/red"); "—" when there is none."""
    return RAG_LABELS.get(rag or "", rag or "—")


def gate_label(gate: str | None) -> str:
    """Readable gate text ("OBC", "supplier selection"); "—" when there is none."""
    return GATE_LABELS.get(str(gate or ""), str(gate or "—"))


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
    return STAGE_LABELS.get(stage, stage.replace("_", " "))


def role_label(role: str | None) -> str:
    return ROLE_LABELS.get(role or "", role or "—")


def long_date(value: date | datetime | None) -> str:
    """GOV.UK style: 5 January 2026."""
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def how_long(days: int) -> str:
    """A span of days as people say it: "29 days", "5 months", "over 6 years"."""
    if days < 0:
        raise ValueError("a span of time is not negative")
    if days < 62:
        return "1 day" if days == 1 else f"{days} days"
    if days < 730:
        return f"{days * 12 // 365} months"
    years = days // 365
    return f"{years} years" if days % 365 == 0 else f"over {years} years"
