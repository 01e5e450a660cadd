"""The domain's fixed words (architecture brief §2, §3): one place, used everywhere."""

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
GATE_LABELS = {
    "obc": "OBC",
    "fbc": "FBC",
    "supplier_selection": "supplier selection",
    "delivery": "delivery",
}


def rag_label(rag: str | None) -> str:
    """Readable RAG text ("Amber/red"); "—" when there is none."""
    return RAG_LABELS.get(rag or "", rag or "—")


def gate_label(gate: str | None) -> str:
    """Readable gate text ("OBC", "supplier selection"); "—" when there is none."""
    return GATE_LABELS.get(str(gate or ""), str(gate or "—"))
