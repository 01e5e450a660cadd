"""Build the whole demo portfolio in memory, deterministically from the seed; no database here.

Each programme draws from its own ``random.Random`` (seeded from the seed, a purpose and its
index), so one part of the portfolio does not shift when another changes.
"""

import random
from dataclasses import dataclass

from cpmo.config import GovernanceLimits
from cpmo.vocabulary import Role
from cpmo_tools.demo import clock
from cpmo_tools.demo.catalogue import ProgrammePlan, plan_programmes
from cpmo_tools.demo.edges import Edge, plan_edges
from cpmo_tools.demo.history import Story
from cpmo_tools.demo.narrate import narrate
from cpmo_tools.demo.path import plan_path
from cpmo_tools.demo.records import Cast
from cpmo_tools.demo.reference import Reference
from cpmo_tools.demo.strategy import ProgrammeStrategy, Strategy, plan_strategy, programme_facts
from cpmo_tools.demo.timeline import Timeline, lay_out, planned_gates
from cpmo_tools.demo.workshop import WorkshopPlan, plan_workshop


@dataclass(frozen=True)
class Built:
    code: str
    seed: int
    reference: Reference
    plans: list[ProgrammePlan]
    timelines: list[Timeline]
    gate_dates: list[dict[str, float]]
    facts: list[ProgrammeStrategy]
    stories: list[Story]
    strategy: Strategy
    edges: list[Edge]
    workshop: WorkshopPlan


def _rng(seed: int, purpose: str, index: int = 0) -> random.Random:
    return random.Random(f"{seed}/{purpose}/{index}")


def build(
    *,
    code: str,
    programmes: int,
    seed: int,
    reference: Reference,
    cast: Cast,
    limits: GovernanceLimits,
) -> Built:
    """Programmes with their histories, the strategy they serve, the graph and a workshop."""
    master = random.Random(seed)
    plans = plan_programmes(master, programmes, code, reference.departments)
    strategy = plan_strategy(master, code, programmes, reference.departments, reference.priorities)
    timelines, gate_dates, facts, stories = [], [], [], []
    for plan in plans:
        rng = _rng(seed, "story", plan.index)
        steps = plan_path(rng, plan.target, plan.via)
        timeline = lay_out(rng, steps, plan.target)
        first_year = clock.day(timeline.gates["delivery"]).year
        fact = programme_facts(rng, plan, strategy, first_year=first_year)
        stories.append(
            narrate(
                plan,
                steps,
                timeline,
                fact.case,
                cast=cast,
                limits=limits,
                rng=rng,
                benefits=fact.benefits,
            )
        )
        timelines.append(timeline)
        gate_dates.append(planned_gates(rng, timeline))
        facts.append(fact)
    starts = [t.gates["obc"] for t in timelines]
    registered = [t.registered for t in timelines]
    edges = plan_edges(_rng(seed, "edges"), plans, facts, starts, registered, strategy)
    workshop = plan_workshop(
        _rng(seed, "workshop"),
        code,
        plans,
        stories,
        timelines,
        reference,
        scorer_account=cast.usernames[Role.SCORER],
    )
    return Built(
        code,
        seed,
        reference,
        plans,
        timelines,
        gate_dates,
        facts,
        stories,
        strategy,
        edges,
        workshop,
    )
