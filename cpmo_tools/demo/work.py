"""The work between gate events: writing cases, selecting suppliers, delivering milestones and
the benefits plan, discharging and accepting conditions. Each mirrors one service call."""

import random
from datetime import datetime, timedelta

from cpmo_tools.demo import clock, words
from cpmo_tools.demo.cases import CaseFacts, case_content
from cpmo_tools.demo.history import Story
from cpmo_tools.demo.records import Case
from cpmo_tools.demo.timeline import Timeline

LAST_MOMENT = clock.moment(clock.WINDOW_DAYS - 0.25)


def _thousands(value: float) -> int:
    return max(1_000, int(value) // 1_000 * 1_000)


def write_case(
    story: Story,
    rng: random.Random,
    *,
    kind: str,
    at: datetime,
    timeline: Timeline,
    facts: CaseFacts,
    draft: bool = False,
) -> Case:
    """A new business case version: the first from the plan, later ones revise the cost."""
    latest = story.record.latest_case(kind)
    if latest is not None:
        cost = _thousands(latest.content["financial"]["whole_life_cost"] * rng.uniform(0.95, 1.06))
    elif kind == "obc":
        cost = _thousands(story.plan.cost * rng.uniform(0.9, 1.1))
    else:
        base = story.record.cost_of("approve_obc") or story.plan.cost
        growth = rng.choices(((0.92, 1.08), (1.0, 1.1), (1.1, 1.35)), weights=(70, 20, 10))[0]
        cost = _thousands(base * rng.uniform(*growth))
    content = case_content(
        story.plan,
        facts,
        kind=kind,
        cost=cost,
        delivery=timeline.delivery,
        rng=rng,
        complete=not draft,
    )
    case = Case(
        kind=kind, number=(latest.number + 1 if latest else 1), content=content, created_at=at
    )
    story.cases.append(case)
    return case


def _supplier(rng: random.Random) -> str:
    return f"{rng.choice(words.SUPPLIER_FIRST)} {rng.choice(words.SUPPLIER_SECOND)} Ltd"


def record_suppliers(story: Story, rng: random.Random, *, at: datetime, every: bool) -> None:
    """Suppliers and contract values for the lots (all, or some while procurement goes on)."""
    budget = story.record.cost_of("submit_fbc") or 0
    if story.lots and all(lot.supplier for lot in story.lots):  # re-tendered after a return
        lot = rng.choice(story.lots)
        lot.supplier, lot.updated_at = _supplier(rng), at
        return
    weights = [rng.uniform(1, 4) for _ in story.lots]
    total = budget * rng.uniform(0.6, 0.95)
    for lot, weight in zip(story.lots, weights, strict=True):
        if lot.supplier is None and (every or rng.random() < 0.5):
            lot.supplier = _supplier(rng)
            lot.contract_value_gbp = _thousands(total * weight / sum(weights))
            lot.updated_at = at


def deliver(
    story: Story, rng: random.Random, *, at: datetime, facts: CaseFacts, every: bool
) -> None:
    """Milestones completed (all, or most of those already due) and the benefits plan."""
    for m in story.milestones:
        due = m.completed_on is None and m.due_date and (every or m.due_date < at.date())
        if due and (every or rng.random() < 0.8):
            done = m.due_date + timedelta(days=rng.randint(-20, 25))  # type: ignore[operator]
            m.completed_on = min(done, at.date())
    if story.benefits_plan is None and (every or rng.random() < 0.3):
        year = at.year + 1
        plan = [
            {
                "title": b["title"],
                "owner": story.plan.sro,
                "measure": b["measure"],
                "baseline": "Current annual cost and volumes, measured before go-live",
                "target": f"£{b['value_gbp']:,} by {year + 1}" if b["value_gbp"] else "Improved",
                "date": f"{year + 1}-03-31",
                "value_gbp": b["value_gbp"],
            }
            for b in facts.benefits
        ]
        story.benefits_plan = (plan, at)


def discharge(story: Story, rng: random.Random, *, at: datetime, every: bool) -> None:
    """The programme discharges its open conditions; the CPMO accepts some of them."""
    pm, cpmo = story.manager, story.cast.who("approve")[0]
    for c in story.conditions:
        if c.status != "open" or (not every and rng.random() < 0.4):
            continue
        c.status, c.discharged_by, c.discharged_at = "discharged", pm, at
        c.discharge_note = f"Done: {c.text[0].lower()}{c.text[1:]}; evidence filed with the CPMO."
        if rng.random() < 0.6:
            accepted = min(at + timedelta(days=rng.randint(2, 20)), LAST_MOMENT)
            c.status, c.accepted_by, c.accepted_at = "accepted", cpmo, max(accepted, at)
