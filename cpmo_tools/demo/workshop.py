"""A closed prioritisation workshop over (up to 500 of) the demo programmes, fully scored.

Criteria are the seeded TTP workshop's; each candidate has an underlying merit, each scorer a
leaning and some noise, so totals spread and scorers sometimes disagree.
"""

import random
from dataclasses import dataclass
from typing import Any

from cpmo_tools.demo import clock
from cpmo_tools.demo.cases import profile
from cpmo_tools.demo.catalogue import ProgrammePlan
from cpmo_tools.demo.history import Story
from cpmo_tools.demo.reference import Reference
from cpmo_tools.demo.timeline import Timeline

MAX_CANDIDATES = 500
SCORERS = (
    "Chief Operating Officer",
    "Chief Digital Officer",
    "Head of CPMO",
    "Treasurer of the States",
    "Director, Strategic Policy",
)
HELD, SCORED, CLOSED = (clock.WINDOW_DAYS - d for d in (150, 140, 120))


@dataclass(frozen=True)
class WorkshopPlan:
    workshop: dict[str, Any]
    criteria: list[dict[str, Any]]
    candidates: list[dict[str, Any]]  # "programme": the programme's code
    scorers: list[str]  # the last one is the scorer account's username
    scores: list[dict[str, Any]]


def _costs(story: Story, timeline: Timeline) -> dict[str, int]:
    """Yearly costs: the latest business case's profile, else the estimate spread over years."""
    for case in reversed(story.cases):
        stated = (case.content.get("financial") or {}).get("profile")
        if stated:
            return dict(stated)
    cost = story.plan.estimate or story.plan.cost
    first, last = (clock.day(timeline.gates[g]).year for g in ("obc", "delivery"))
    return profile(cost, first, last)


def _value(rng: random.Random, base: float, low: float, high: float) -> float:
    return float(min(max(round(base + rng.gauss(0, 0.5)), low), high))


def plan_workshop(
    rng: random.Random,
    code: str,
    plans: list[ProgrammePlan],
    stories: list[Story],
    timelines: list[Timeline],
    reference: Reference,
    *,
    scorer_account: str,
) -> WorkshopPlan:
    """Criteria, candidates, scorers and every score of the closed workshop."""
    chosen = sorted(rng.sample(range(len(plans)), min(len(plans), MAX_CANDIDATES)))
    candidates = [
        {
            "key": plans[i].code,
            "name": plans[i].name,
            "description": plans[i].description,
            "programme": plans[i].code,
            "sponsors": [reference.departments[plans[i].department]["name"], plans[i].sro],
            "costs": _costs(stories[i], timelines[i]),
            "position": position,
        }
        for position, i in enumerate(chosen)
    ]
    criteria = [
        {k: c[k] for k in ("key", "name", "description", "weight", "scale_min", "scale_max")}
        | {"direction": c["direction"], "position": position}
        for position, c in enumerate(reference.criteria)
    ]
    scorers = [*SCORERS, scorer_account]
    leaning = {s: rng.uniform(-0.4, 0.4) for s in scorers}
    totals = sorted(sum(c["costs"].values()) for c in candidates)
    cheap_rank = {total: rank for rank, total in reversed(list(enumerate(totals)))}
    scores = []
    for c in candidates:
        merit = rng.uniform(1.5, 4.8)
        cheapness = 1 + 4 * cheap_rank[sum(c["costs"].values())] / max(1, len(totals) - 1)
        for crit in criteria:
            base = cheapness if crit["direction"] == "lower_is_better" else merit
            base += rng.gauss(0, 0.7)
            for s in scorers:
                value = _value(rng, base + leaning[s], crit["scale_min"], crit["scale_max"])
                scores.append(
                    {
                        "candidate_key": c["key"],
                        "criterion_key": crit["key"],
                        "scorer": s,
                        "value": value,
                    }
                )
    years = sorted({y for c in candidates for y in c["costs"]})
    budgets = {
        y: sum(c["costs"].get(y, 0) for c in candidates) * 55 // 100 // 1_000 * 1_000 for y in years
    }
    workshop = {
        "code": f"{code}-prioritisation",
        "name": f"{code.upper()} portfolio prioritisation",
        "description": "Annual re-prioritisation of the demo portfolio against the "
        "Common Strategic Policy criteria, within the yearly budgets (synthetic).",
        "status": "closed",
        "budgets": budgets,
        "rules": {"requires": [], "excludes": [], "mandatory": [], "forbidden": []},
        "created_at": clock.moment(HELD),
        "updated_at": clock.moment(CLOSED),
        "closed_at": clock.moment(CLOSED),
    }
    return WorkshopPlan(workshop, criteria, candidates, scorers, scores)
