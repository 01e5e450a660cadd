"""Place a programme's planned steps in the demo calendar and project the gates still ahead.

Histories end a while before AS_OF (longer ago for closed and stopped programmes); one too
long for the window starts in its first three months and is compressed to fit.
"""

import random
from dataclasses import dataclass
from itertools import accumulate

from cpmo.vocabulary import GATES, Stage
from cpmo_tools.demo.clock import WINDOW_DAYS
from cpmo_tools.demo.path import Step

TYPICAL_DAYS = {"obc": 150, "fbc": 260, "supplier_selection": 220, "delivery": 520}


@dataclass(frozen=True)
class Timeline:
    registered: float  # day offsets from clock.BASE
    offsets: list[float]  # one per step
    gates: dict[str, float]  # when each gate was (or is expected to be) approved
    last: float  # the latest recorded moment (registration or the last step)
    delivered: float | None = None  # when the milestones were all done, if they were

    @property
    def delivery(self) -> tuple[float, float]:
        """The span the delivery milestones fall in (ending when they were all done)."""
        start = self.gates["supplier_selection"] + 30
        end = self.delivered - 5 if self.delivered is not None else self.gates["delivery"] - 20
        return start, max(end, start + 60)


def lay_out(rng: random.Random, steps: list[Step], target: str) -> Timeline:
    """Offsets for ``steps`` ending ``tail`` days before AS_OF, and every gate's date."""
    finished = target in (Stage.CLOSED, Stage.STOPPED)
    tail = rng.uniform(30, 700) if finished else rng.uniform(5, 240)
    cumulative = list(accumulate(step.gap for step in steps))
    span = cumulative[-1] if cumulative else 0.0
    start, scale = WINDOW_DAYS - tail - span, 1.0
    if start < 0:  # too long for the window: begin in its first three months, compressed
        start = rng.uniform(0, 90)
        scale = (WINDOW_DAYS - tail - start) / span
    offsets = [start + c * scale for c in cumulative]
    approved = {
        s.gate: o for s, o in zip(steps, offsets, strict=True) if s.action[:8] == "approve_"
    }
    gates: dict[str, float] = {}
    cursor = offsets[-1] if offsets else start
    previous = start
    for gate in GATES:
        if gate in approved:
            previous = approved[gate]
        else:
            previous = max(previous, cursor) + TYPICAL_DAYS[gate] * rng.uniform(0.6, 1.4)
            cursor = previous
        gates[gate] = previous
    delivered = next(
        (o for s, o in zip(steps, offsets, strict=True) if s.action == "deliver"), None
    )
    return Timeline(start, offsets, gates, offsets[-1] if offsets else start, delivered)


def planned_gates(rng: random.Random, timeline: Timeline) -> dict[str, float]:
    """When each gate was planned: passed gates a little before they happened (slippage)."""
    return {
        gate: offset - (rng.uniform(-20, 120) if offset <= timeline.last else rng.uniform(-30, 30))
        for gate, offset in timeline.gates.items()
    }
