"""The stage or phase a year's GMPP file states → cpmo's lifecycle stage, where the meaning is
clear; anything else (and a file with no stage column: every year published so far) is
"not stated" and the programme's stage is left empty, never guessed."""

from cpmo.imports.gmpp.values import clean
from cpmo.vocabulary import Stage

# published text (lower case, whitespace collapsed) → the cpmo stage it plainly means
STAGE_TEXTS: dict[str, Stage] = {
    "delivery": Stage.DELIVERY,
    "in delivery": Stage.DELIVERY,
    "delivery stage": Stage.DELIVERY,
    "delivery phase": Stage.DELIVERY,
    "benefits realisation": Stage.BENEFITS_REALISATION,
    "benefits realisation stage": Stage.BENEFITS_REALISATION,
    "benefits realisation phase": Stage.BENEFITS_REALISATION,
    "closed": Stage.CLOSED,
    "stopped": Stage.STOPPED,
    "cancelled": Stage.STOPPED,
}
NOT_STATED = "not stated"


def stage_of(text: str | None) -> str | None:
    """The cpmo stage a published stage text clearly means, else None ("not stated")."""
    stage = STAGE_TEXTS.get(clean(text).lower()) if text else None
    return stage.value if stage else None
