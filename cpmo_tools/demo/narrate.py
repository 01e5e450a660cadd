"""Tell one programme's story: walk its planned steps in the calendar, firing each event with
the rationale, conditions, endorsements and cost-growth acceptance the rules ask for."""

import random
from datetime import datetime
from typing import Any

from cpmo.config import GovernanceLimits
from cpmo.workflows.gates import gate_in_review
from cpmo.workflows.lifecycle import EVENTS
from cpmo_tools.demo import clock, words
from cpmo_tools.demo.cases import CaseFacts
from cpmo_tools.demo.catalogue import ProgrammePlan
from cpmo_tools.demo.history import Story
from cpmo_tools.demo.path import Step
from cpmo_tools.demo.records import Cast
from cpmo_tools.demo.timeline import Timeline
from cpmo_tools.demo.work import deliver, discharge, record_suppliers, write_case

GATE_NAMES = {"obc": "OBC", "fbc": "FBC", "supplier_selection": "Supplier selection"}
RETURNS = (
    "the economic case compares too few realistic options",
    "the financial profile is not yet agreed with Treasury",
    "the benefits are not quantified",
    "the commercial strategy needs legal review",
)
STOPS = (
    "no longer a priority after the prioritisation workshop",
    "costs have grown beyond what the benefits justify",
    "superseded by a government-wide platform",
    "funding withdrawn in the Government Plan",
)
PAUSES = (
    "awaiting the outcome of the prioritisation workshop",
    "key staff redeployed to a higher priority",
    "waiting for a programme it depends on",
)


def _rationale(rng: random.Random, event: str) -> str | None:
    """What a decision-maker would write for ``event`` (submissions carry none)."""
    spec = EVENTS[event]
    gate = GATE_NAMES.get(str(spec.gate), "Delivery")
    if spec.verb == "approve":
        return f"{gate} gate passed: the case is complete, affordable and achievable."
    if spec.verb == "return":
        return f"{gate} returned for rework: {rng.choice(RETURNS)}."
    if spec.verb == "endorse":
        return f"{gate}: endorsed by the political oversight group above the delegated limit."
    fixed = {
        "stop": lambda: f"Stopped: {rng.choice(STOPS)}.",
        "pause": lambda: f"Paused: {rng.choice(PAUSES)}.",
        "resume": lambda: "Resumed: the reasons for the pause have been resolved.",
        "close": lambda: "Benefits realised and handed over to business as usual.",
    }
    return fixed[spec.verb]() if spec.verb in fixed else None


def _growth(story: Story) -> str | None:
    approved, proposed = story.record.cost_of("approve_obc"), story.record.cost_of("submit_fbc")
    if approved is None or proposed is None:
        return None
    if proposed <= approved * (1 + story.limits.cost_tolerance):
        return None
    return f"Growth of {proposed / approved - 1:.0%} accepted: scope confirmed by market testing."


def _endorse_between(story: Story, rng: random.Random, gate: str, end: datetime) -> None:
    start, stop = (clock.offset_of_moment(t) for t in (story.entries[-1].created_at, end))
    event = f"endorse_{gate}"
    at = clock.moment(start + (stop - start) * rng.uniform(0.3, 0.7))
    story.fire(event, at, rationale=_rationale(rng, event))


def _event(story: Story, rng: random.Random, step: Step, at: datetime) -> None:
    spec = EVENTS[step.action]
    conditions: tuple[str, ...] = ()
    growth = None
    if spec.verb == "approve":
        gate = str(spec.gate)
        if story.needs_endorsement(gate):
            _endorse_between(story, rng, gate, at)
        conditions = tuple(rng.sample(words.CONDITIONS, step.conditions))
        growth = _growth(story) if gate == "fbc" else None
    if spec.verb == "close":
        story.realise_benefits(at)
    story.fire(
        step.action,
        at,
        rationale=_rationale(rng, step.action),
        conditions=conditions,
        growth=growth,
    )


def narrate(
    plan: ProgrammePlan,
    steps: list[Step],
    timeline: Timeline,
    facts: CaseFacts,
    *,
    cast: Cast,
    limits: GovernanceLimits,
    rng: random.Random,
    benefits: list[dict[str, Any]] | None = None,
) -> Story:
    """The programme's history, every event checked by the lifecycle's rules."""
    story = Story(plan, cast, limits, benefits=list(benefits or []))
    approvals = [i for i, s in enumerate(steps) if s.action.startswith("approve_")]
    last_approval = approvals[-1] if approvals else -1
    for index, (step, offset) in enumerate(zip(steps, timeline.offsets, strict=True)):
        at = clock.moment(offset)
        if step.action == "case":
            kind = str(step.gate)
            write_case(
                story, rng, kind=kind, at=at, timeline=timeline, facts=facts, draft=step.draft
            )
        elif step.action == "suppliers" or (step.action == "progress" and step.gate != "delivery"):
            record_suppliers(story, rng, at=at, every=step.action == "suppliers")
        elif step.action in ("deliver", "progress"):
            deliver(story, rng, at=at, facts=facts, every=step.action == "deliver")
        elif step.action == "discharge":
            discharge(story, rng, at=at, every=index < last_approval)
        else:
            _event(story, rng, step, at)
    gate = EVENTS[story.entries[-1].event].gate if story.entries else None
    waiting = gate_in_review(story.stage) and gate and story.needs_endorsement(str(gate))
    if waiting and rng.random() < 0.5:
        _endorse_between(story, rng, str(gate), clock.moment(clock.WINDOW_DAYS - 1))
    return story
