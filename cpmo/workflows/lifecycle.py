"""The programme lifecycle, run by `transitions` and built from the gate table.

Stages and events are the contract of the architecture brief §3. Every transition's guard
(`conditions=`) asks the real gate criteria through the model's ``criteria_met``; what may
fire from a stage is what the machine says (``get_triggers``).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from transitions import Machine

from cpmo.vocabulary import Gate, Stage
from cpmo.workflows.gates import GATE_TABLE, GATES, GateSpec

S = Stage

OPEN_STAGES: tuple[Stage, ...] = tuple(
    s for s in Stage if s not in (S.CLOSED, S.STOPPED, S.ON_HOLD)
)
CRITERIA = "criteria_met"
# the verbs whose decisions must give a rationale
RATIONALE_VERBS: tuple[str, ...] = ("approve", "return", "stop", "endorse")


@dataclass(frozen=True)
class EventSpec:
    """What an event is: its verb (submit, approve …) and the gate it belongs to, if any."""

    name: str
    verb: str
    gate: Gate | None = None

    @property
    def gate_spec(self) -> GateSpec | None:
        """The gate table's row for this event's gate (None for pause, stop …)."""
        return GATES[self.gate.value] if self.gate else None

    @property
    def needs_rationale(self) -> bool:
        """Decisions say why: approvals, returns, stops and (political) endorsements."""
        return self.verb in RATIONALE_VERBS


class HeldFrom:
    """Guard for `resume`: true when the programme left ``stage`` to go on hold."""

    def __init__(self, stage: str) -> None:
        self.stage = stage

    def __call__(self, event: Any) -> bool:
        return event.model.held_from == self.stage


def _declare() -> Iterator[dict[str, Any]]:
    """The transitions table (plain strings: transitions treats Enum states differently)."""
    for spec in GATE_TABLE:
        gate = spec.name
        work, review, after = (s.value for s in (spec.prepared_in, spec.review, spec.approved_to))
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


@dataclass
class Refusals:
    """Why an event may not fire: ``forbidden`` (403: who is asking) and ``unmet`` (422: the
    gate's criteria)."""

    forbidden: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.forbidden or self.unmet)


class ProgrammeFlow:
    """A plain model the machine drives (a SQLModel row cannot be a transitions model).

    ``state`` starts at the row's stage. The guard ``criteria_met`` asks ``judge`` for an
    event's refusals and keeps them in ``refusals`` so the caller can say why.
    """

    def __init__(self, stage: str, held_from: str | None, judge: Callable[[str], Refusals]) -> None:
        self.state = stage
        self.held_from = held_from
        self._judge = judge
        self.refusals: dict[str, Refusals] = {}

    def criteria_met(self, event: Any) -> bool:
        name = event.event.name
        self.refusals[name] = self._judge(name)
        return not self.refusals[name]


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


_SHAPE = Machine(
    states=list(STATES),
    transitions=[dict(t) for t in TRANSITIONS],
    initial=STATES[0],
    auto_transitions=False,
)


def events_from(stage: str) -> list[str]:
    """Every event declared from ``stage``, whatever its criteria say (asked of the machine)."""
    return sorted(_SHAPE.get_triggers(str(stage)))  # a Stage member is looked up by its value
