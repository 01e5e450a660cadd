"""The demo portfolio's programmes: codes, names, hierarchy, departments, cost, stage and RAG.

Stages are allotted in proportion to a realistic spread (largest remainders, then shuffled),
so even a small portfolio spans the lifecycle.
"""

import math
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cpmo.vocabulary import ProgrammeGroup, Rag, Stage
from cpmo_tools.demo import words

S = Stage
STAGE_SHARES = {
    S.PROPOSED: 0.13,
    S.OBC_REVIEW: 0.06,
    S.FBC_DEVELOPMENT: 0.15,
    S.FBC_REVIEW: 0.05,
    S.SUPPLIER_SELECTION: 0.09,
    S.SUPPLIER_SELECTION_REVIEW: 0.04,
    S.DELIVERY: 0.22,
    S.DELIVERY_REVIEW: 0.03,
    S.BENEFITS_REALISATION: 0.08,
    S.CLOSED: 0.06,
    S.ON_HOLD: 0.04,
    S.STOPPED: 0.05,
}
HOLD_FROM = (S.PROPOSED, S.FBC_DEVELOPMENT, S.SUPPLIER_SELECTION, S.DELIVERY, S.DELIVERY)
STOP_FROM = (S.PROPOSED, S.OBC_REVIEW, S.FBC_DEVELOPMENT, S.FBC_REVIEW, S.SUPPLIER_SELECTION)
RATED = ((Rag.GREEN, 14), (Rag.AMBER_GREEN, 30), (Rag.AMBER, 34), (Rag.AMBER_RED, 16), (Rag.RED, 6))
GROUPS = (
    (ProgrammeGroup.FRONT_OFFICE, 45),
    (ProgrammeGroup.ENABLING, 35),
    (ProgrammeGroup.GOVERNMENT_WIDE, 20),
)
PARENT_ODDS = 0.07


@dataclass(frozen=True)
class ProgrammePlan:
    index: int
    code: str
    name: str
    parent: int | None
    department: int
    group: str
    subject: str
    sro: str
    description: str
    cost: int  # what the business cases will cost, before growth
    estimate: int | None  # the indicative cost at registration
    target: str
    via: str | None  # the stage an on-hold or stopped programme left
    rag: str
    rag_reason: str | None


def allot(shares: dict[Any, float], n: int, rng: random.Random) -> list[Any]:
    """``n`` values in proportion to ``shares`` (largest remainders), shuffled."""
    exact = {k: share * n for k, share in shares.items()}
    counts = {k: math.floor(v) for k, v in exact.items()}
    by_remainder = sorted(exact, key=lambda k: (exact[k] - counts[k], shares[k]), reverse=True)
    for k in by_remainder[: n - sum(counts.values())]:
        counts[k] += 1
    values = [k for k in shares for _ in range(counts[k])]
    rng.shuffle(values)
    return values


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _rag(rng: random.Random, stage: str) -> tuple[str, str | None]:
    if stage in (S.PROPOSED, S.OBC_REVIEW) and rng.random() < 0.7:
        return Rag.UNRATED, "Not yet assessed: first assessment after the OBC is approved"
    if stage == S.STOPPED:
        if rng.random() < 0.5:
            return Rag.UNRATED, "Not assessed: the programme was stopped"
        return rng.choice((Rag.RED, Rag.AMBER_RED)), None
    if stage == S.CLOSED:
        return rng.choice((Rag.GREEN, Rag.GREEN, Rag.AMBER_GREEN)), None
    if stage == S.ON_HOLD:
        return rng.choice((Rag.AMBER, Rag.AMBER_RED, Rag.RED)), None
    return _weighted(rng, RATED), None


def _cost(rng: random.Random, scale: float) -> int:
    pounds = math.exp(rng.gauss(math.log(2_500_000 * scale), 1.1))
    return int(min(max(pounds, 150_000), 400_000_000) // 1_000 * 1_000)


def hierarchy(rng: random.Random, n: int) -> list[int | None]:
    """Each programme's parent index: some programmes lead a run of consecutive child projects.

    A parent is its own parent in the returned list (marks it as a programme with children).
    """
    parents: list[int | None] = []
    while len(parents) < n:
        i = len(parents)
        if rng.random() < PARENT_ODDS and n - i > 3:
            children = min(rng.randint(2, 7), n - i - 1)
            parents += [i] * (children + 1)
        else:
            parents.append(None)
    return parents


def plan_programmes(
    rng: random.Random, n: int, prefix: str, departments: list[dict[str, Any]]
) -> list[ProgrammePlan]:
    """``n`` programmes with names, departments, costs, final stages and RAG ratings."""
    stages = allot(STAGE_SHARES, n, rng)
    parents = hierarchy(rng, n)
    width = max(5, len(str(n)))
    names: Counter[str] = Counter()
    plans: list[ProgrammePlan] = []
    for i, parent in enumerate(parents):
        if parent is not None and parent != i:
            lead = plans[parent]
            dept, group, subject = lead.department, lead.group, lead.subject
            name = f"{lead.name.removesuffix(' Programme')}: {rng.choice(words.WORKSTREAMS)}"
            scale = 0.5
        else:
            dept, group = rng.randrange(len(departments)), _weighted(rng, GROUPS).value
            subject = rng.choice(words.SUBJECTS)
            name = f"{subject} {rng.choice(words.CHANGES)}"
            scale = 1.0 if parent is None else 3.0
            name += "" if parent is None else " Programme"
        names[name] += 1
        if names[name] > 1:
            name += f" (phase {names[name]})"
        department = departments[dept]["name"]
        target = stages[i]
        via = rng.choice(HOLD_FROM) if target == S.ON_HOLD else None
        via = rng.choice(STOP_FROM) if target == S.STOPPED else via
        cost = _cost(rng, scale)
        rag, reason = _rag(rng, target)
        estimate = int(round(cost * rng.uniform(0.7, 1.15), -4)) if rng.random() < 0.85 else None
        plans.append(
            ProgrammePlan(
                index=i,
                code=f"{prefix}-{i + 1:0{width}d}",
                name=name,
                parent=parent if parent != i else None,
                department=dept,
                group=group,
                subject=subject,
                sro=rng.choice(words.SRO_TITLES).format(department=department),
                description=f"{name}, for {department}: replaces ageing systems and manual "
                f"processes in {subject.lower()} with a modern, supported service.",
                cost=cost,
                estimate=estimate,
                target=target,
                via=via,
                rag=rag,
                rag_reason=reason,
            )
        )
    return plans
