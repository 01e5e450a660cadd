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
GATES = [g.value for g in Gate]
RAGS = [r.value for r in Rag]
ROLES = [r.value for r in Role]

# Which gate a programme faces next from each stage (None: no gate ahead).
NEXT_GATE: dict[str, str | None] = {
    Stage.PROPOSED: Gate.OBC,
    Stage.OBC_REVIEW: Gate.OBC,
    Stage.FBC_DEVELOPMENT: Gate.FBC,
    Stage.FBC_REVIEW: Gate.FBC,
    Stage.SUPPLIER_SELECTION: Gate.SUPPLIER_SELECTION,
    Stage.SUPPLIER_SELECTION_REVIEW: Gate.SUPPLIER_SELECTION,
    Stage.DELIVERY: Gate.DELIVERY,
    Stage.DELIVERY_REVIEW: Gate.DELIVERY,
    Stage.BENEFITS_REALISATION: None,
    Stage.CLOSED: None,
    Stage.ON_HOLD: None,
    Stage.STOPPED: None,
}
