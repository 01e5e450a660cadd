"""The dependency graph's edges, about five per programme, always in the direction impact flows.

``enables`` edges run only from a programme that starts earlier to one that starts later, so
they can never close a cycle; the other kinds join layers (programme → benefit → objective →
priority, kpi → benefit) and cannot either.
"""

import random
from dataclasses import dataclass

from cpmo_tools.demo.catalogue import ProgrammePlan
from cpmo_tools.demo.strategy import ProgrammeStrategy, Strategy

ENABLERS = (0, 0, 0, 0, 1, 1, 1, 1, 2, 2)  # how many earlier programmes one needs first
WINDOW = 400  # enablers come from the programmes that started shortly before


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    day: float  # when it was drawn, as a day offset from clock.BASE


def _strategy_edges(
    rng: random.Random, strategy: Strategy, facts: list[ProgrammeStrategy]
) -> list[Edge]:
    edges = [
        Edge(f"objective:{o['code']}", f"priority:{p}", "supports", 0.0)
        for o in strategy.objectives
        for p in o["priorities"]
    ]
    by_department: dict[int, list[str]] = {}
    for f in facts:
        for b in f.benefits:
            by_department.setdefault(b["department"], []).append(b["code"])
    every = [code for codes in by_department.values() for code in codes]
    for kpi in strategy.kpis:
        pool = by_department.get(kpi["department"]) or every
        for code in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
            edges.append(Edge(f"kpi:{kpi['code']}", f"benefit:{code}", "measures", 0.0))
    return edges


def _enables(
    rng: random.Random, plans: list[ProgrammePlan], starts: list[float], drawn: list[float]
) -> list[Edge]:
    order = sorted(range(len(plans)), key=lambda i: (starts[i], i))
    seen: set[tuple[int, int]] = set()
    edges = []
    for rank, target in enumerate(order[1:], start=1):
        earlier = order[max(0, rank - WINDOW) : rank]
        same = [i for i in earlier if plans[i].department == plans[target].department]
        for _ in range(rng.choice(ENABLERS)):
            source = rng.choice(same if same and rng.random() < 0.5 else earlier)
            if (source, target) not in seen:
                seen.add((source, target))
                edges.append(
                    Edge(
                        f"programme:{plans[source].code}",
                        f"programme:{plans[target].code}",
                        "enables",
                        drawn[target],
                    )
                )
    return edges


def plan_edges(
    rng: random.Random,
    plans: list[ProgrammePlan],
    facts: list[ProgrammeStrategy],
    starts: list[float],
    registered: list[float],
    strategy: Strategy,
) -> list[Edge]:
    """Every edge of the demo portfolio's graph; ``starts`` order the programmes for
    ``enables``, each programme's edges are drawn the day after it was ``registered``."""
    edges = _strategy_edges(rng, strategy, facts)
    drawn = [day + 1 for day in registered]
    for plan, f, day in zip(plans, facts, drawn, strict=True):
        key = f"programme:{plan.code}"
        edges += [Edge(key, f"objective:{code}", "contributes_to", day) for code in f.objectives]
        edges += [Edge(key, f"benefit:{b['code']}", "delivers", day) for b in f.benefits]
        edges += [
            Edge(f"benefit:{b}", f"objective:{o}", "contributes_to", day)
            for b, o in f.benefit_objectives
        ]
    return edges + _enables(rng, plans, starts, drawn)
