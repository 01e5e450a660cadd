"""Plan the steps of one programme's history up to its final stage, with the days between them.

A step is a lifecycle event (``submit_obc`` …) or a piece of work the gates check for:
writing a business case version, recording suppliers, delivering the milestones and the
benefits plan, discharging conditions. Endorsements are added later, where a cost needs one.
"""

import random
from dataclasses import dataclass

from cpmo.vocabulary import Stage
from cpmo.workflows.gates import CASE_KINDS, GATE_TABLE

S = Stage
RETURN_ODDS = {"obc": 0.18, "fbc": 0.22, "supplier_selection": 0.08, "delivery": 0.06}
CONDITION_ODDS = {"obc": 0.35, "fbc": 0.35, "supplier_selection": 0.2, "delivery": 0.15}
PAUSE_ODDS = 0.05
# days between a step and the one before it: (low, high)
GAPS = {
    "case:obc": (40, 150),
    "case:fbc": (90, 240),
    "suppliers": (60, 200),
    "deliver": (180, 700),
    "submit": (5, 20),
    "decide": (21, 75),
    "discharge": (15, 90),
    "close": (180, 540),
    "pause": (20, 200),
    "resume": (30, 150),
    "stop": (15, 300),
}
PREPARE = {"obc": "case", "fbc": "case", "supplier_selection": "suppliers", "delivery": "deliver"}


@dataclass(frozen=True)
class Step:
    action: str  # an event name, or: case, suppliers, deliver, discharge, progress
    gate: str | None
    gap: float  # days since the previous step
    conditions: int = 0  # for approvals: how many conditions they set
    draft: bool = False  # for a case: still being written at the end


def _gap(rng: random.Random, kind: str) -> float:
    low, high = GAPS[kind]
    return rng.uniform(low, high)


def _prepare(rng: random.Random, gate: str, *, draft: bool = False) -> Step:
    action = PREPARE[gate]
    kind = f"case:{gate}" if action == "case" else action
    return Step(action, gate, _gap(rng, kind), draft=draft)


def _gate_steps(rng: random.Random, gate: str, review_only: bool) -> list[Step]:
    """Prepare and submit (after any returns), then the approval unless it stops at review."""
    steps: list[Step] = []
    for _ in range(int(rng.random() < RETURN_ODDS[gate]) + int(rng.random() < 0.03)):
        steps += [
            _prepare(rng, gate),
            Step(f"submit_{gate}", gate, _gap(rng, "submit")),
            Step(f"return_{gate}", gate, _gap(rng, "decide")),
        ]
    steps += [_prepare(rng, gate), Step(f"submit_{gate}", gate, _gap(rng, "submit"))]
    if review_only:
        return steps
    conditions = rng.choice((1, 1, 2)) if rng.random() < CONDITION_ODDS[gate] else 0
    steps.append(Step(f"approve_{gate}", gate, _gap(rng, "decide"), conditions=conditions))
    if conditions:
        steps.append(Step("discharge", gate, _gap(rng, "discharge")))
    return steps


def _tail_work(rng: random.Random, gate: str) -> list[Step]:
    """Work under way at the end in the stage that prepares ``gate``."""
    if gate in CASE_KINDS and rng.random() < 0.6:
        return [_prepare(rng, gate, draft=True)]
    if gate in ("supplier_selection", "delivery") and rng.random() < 0.7:
        return [Step("progress", gate, _gap(rng, "suppliers"))]
    return []


def plan_path(rng: random.Random, target: str, via: str | None) -> list[Step]:
    """The steps from registration to ``target`` (on_hold and stopped leave from ``via``)."""
    final = via if target in (S.ON_HOLD, S.STOPPED) else target
    final = S.BENEFITS_REALISATION if final == S.CLOSED else final
    steps: list[Step] = []
    for spec in GATE_TABLE:
        gate, work, review, after = spec.name, spec.prepared_in, spec.review, spec.approved_to
        if final == work:
            steps += _tail_work(rng, gate)
            break
        steps += _gate_steps(rng, gate, review_only=final == review)
        if final == review:
            break
        if final != after and rng.random() < PAUSE_ODDS:
            steps += [
                Step("pause", None, _gap(rng, "pause")),
                Step("resume", None, _gap(rng, "resume")),
            ]
        if final == after:
            break
    if target == S.CLOSED:
        steps.append(Step("close", None, _gap(rng, "close")))
    elif target == S.ON_HOLD:
        steps.append(Step("pause", None, _gap(rng, "pause")))
    elif target == S.STOPPED:
        if rng.random() < 0.3:
            steps.append(Step("pause", None, _gap(rng, "pause")))
        steps.append(Step("stop", None, _gap(rng, "stop")))
    return steps
