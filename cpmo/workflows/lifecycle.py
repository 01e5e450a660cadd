"""The programme lifecycle, declared once as data and run by `transitions`.

Stages and events are the contract of the architecture brief §3. Guards are `conditions=`;
the reasons behind them come from :mod:`cpmo.workflows.criteria`.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from transitions import Machine

from cpmo.vocabulary import Gate, Stage

S = Stage

# gate, the stage that prepares it, its review stage, the stage after approval
GATE_FLOW: tuple[tuple[Gate, Stage, Stage, Stage], ...] = (
    (Gate.OBC, S.PROPOSED, S.OBC_REVIEW, S.FBC_DEVELOPMENT),
    (Gate.FBC, S.FBC_DEVELOPMENT, S.FBC_REVIEW, S.SUPPLIER_SELECTION),
    (Gate.SUPPLIER_SELECTION, S.SUPPLIER_SELECTION, S.SUPPLIER_SELECTION_REVIEW, S.DELIVERY),
    (Gate.DELIVERY, S.DELIVERY, S.DELIVERY_REVIEW, S.BENEFITS_REALISATION),
)
OPEN_STAGES: tuple[Stage, ...] = tuple(
    s for s in Stage if s not in (S.CLOSED, S.STOPPED, S.ON_HOLD)
)
CRITERIA = "criteria_met"


@dataclass(frozen=True)
class EventSpec:
    """What an event is: its verb (submit, approve …) and the gate it belongs to, if any."""

    name: str
    verb: str
    gate: Gate | None = None

    @property
    def needs_rationale(self) -> bool:
        return self.verb in ("approve", "return", "stop")


class HeldFrom:
    """Guard for `resume`: true when the programme left ``stage`` to go on hold."""

    def __init__(self, stage: str) -> None:
        self.stage = stage

    def __call__(self, event: Any) -> bool:
        return event.model.held_from == self.stage


def _declare() -> Iterator[dict[str, Any]]:
    """The transitions table (plain strings: transitions treats Enum states differently)."""
    for gate_enum, *stages in GATE_FLOW:
        gate, work, review, after = gate_enum.value, *(s.value for s in stages)
        yield {"trigger": f"submit_{gate}", "source": work, "dest": review, "conditions": CRITERIA}
        yield {
            "trigger": f"approve_{gate}",
            "source": review,
            "dest": after,
            "conditions": CRITERIA,
        }
        yield {"trigger": f"return_{gate}", "source": review, "dest": work, "conditions": CRITERIA}
        yield {"trigger": f"endorse_{gate}", "source": review, "dest": None, "conditions": CRITERIA}
    open_stages = [s.value for s in OPEN_STAGES]
    hold = S.ON_HOLD.value
    yield {"trigger": "pause", "source": open_stages, "dest": hold, "conditions": CRITERIA}
    for stage in open_stages:
        yield {
            "trigger": "resume",
            "source": hold,
            "dest": stage,
            "conditions": [HeldFrom(stage), CRITERIA],
        }
    yield {
        "trigger": "stop",
        "source": [*open_stages, hold],
        "dest": S.STOPPED.value,
        "conditions": CRITERIA,
    }
    yield {
        "trigger": "close",
        "source": S.BENEFITS_REALISATION.value,
        "dest": S.CLOSED.value,
        "conditions": CRITERIA,
    }


TRANSITIONS: tuple[dict[str, Any], ...] = tuple(_declare())
STATES: tuple[str, ...] = tuple(s.value for s in Stage)


def _spec(name: str) -> EventSpec:
    verb, _, gate = name.partition("_")
    return EventSpec(name=name, verb=verb, gate=Gate(gate) if gate else None)


EVENTS: dict[str, EventSpec] = {t["trigger"]: _spec(t["trigger"]) for t in TRANSITIONS}


class ProgrammeFlow:
    """A plain wrapper the machine drives (a SQLModel row cannot be a transitions model).

    ``state`` starts at the row's stage; ``check`` answers whether an event's criteria are met.
    """

    def __init__(self, stage: str, held_from: str | None, check: Callable[[str], bool]) -> None:
        self.state = stage
        self.held_from = held_from
        self._check = check

    def criteria_met(self, event: Any) -> bool:
        return self._check(event.event.name)


def machine_for(flow: ProgrammeFlow) -> Machine:
    """A machine bound to ``flow`` at its current stage."""
    return Machine(
        model=flow,
        states=list(STATES),
        transitions=[dict(t) for t in TRANSITIONS],
        initial=flow.state,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=False,
    )


def events_from(stage: str) -> list[str]:
    """Every event declared from ``stage`` (whatever its criteria say)."""
    return sorted(
        {
            t["trigger"]
            for t in TRANSITIONS
            if stage == t["source"] or (isinstance(t["source"], list) and stage in t["source"])
        }
    )
