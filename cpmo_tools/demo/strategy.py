"""What the programmes serve: CSP priorities (from the seeds), departmental objectives, KPIs,
and each programme's benefits, risks and the objectives it contributes to."""

import random
from dataclasses import dataclass
from typing import Any

from cpmo.seeding.schemas import KPI_FREQUENCIES
from cpmo_tools.demo import words
from cpmo_tools.demo.cases import CaseFacts
from cpmo_tools.demo.catalogue import ProgrammePlan


@dataclass(frozen=True)
class Strategy:
    priorities: list[dict[str, Any]]
    objectives: list[dict[str, Any]]  # with "department": department index
    kpis: list[dict[str, Any]]
    by_department: dict[int, list[str]]  # department index → objective codes


@dataclass(frozen=True)
class ProgrammeStrategy:
    case: CaseFacts
    benefits: list[dict[str, Any]]
    risks: list[dict[str, Any]]
    objectives: list[str]  # codes the programme contributes to
    benefit_objectives: list[tuple[str, str]]  # (benefit code, objective code)


def plan_strategy(
    rng: random.Random,
    prefix: str,
    n: int,
    departments: list[dict[str, Any]],
    priorities: list[dict[str, Any]],
) -> Strategy:
    """The seed priorities under the demo's prefix, objectives per department and KPIs."""
    kept = [
        {"code": f"{prefix}-{p['code']}"[:80], "name": p["name"], "description": p["description"]}
        for p in priorities
    ]
    per_department = max(2, round(n / (12 * len(departments))))
    objectives: list[dict[str, Any]] = []
    by_department: dict[int, list[str]] = {d: [] for d in range(len(departments))}
    for d in range(len(departments)):
        for _ in range(per_department):
            code = f"{prefix}-obj-{len(objectives) + 1:04d}"
            subject = rng.choice(words.SUBJECTS).lower()
            objectives.append(
                {
                    "code": code,
                    "department": d,
                    "title": rng.choice(words.OBJECTIVES).format(subject=subject),
                    "description": f"A {departments[d]['name']} objective for {subject}.",
                    "priorities": rng.sample([p["code"] for p in kept], rng.choice((1, 1, 1, 2))),
                }
            )
            by_department[d].append(code)
    kpis = [
        {
            "code": f"{prefix}-kpi-{i + 1:04d}",
            "name": rng.choice(words.KPIS).format(subject=rng.choice(words.SUBJECTS).lower()),
            "department": rng.randrange(len(departments)),
            "frequency": rng.choice(KPI_FREQUENCIES[:4]),
        }
        for i in range(max(5, n // 10))
    ]
    return Strategy(kept, objectives, kpis, by_department)


def programme_facts(
    rng: random.Random, plan: ProgrammePlan, strategy: Strategy, *, first_year: int
) -> ProgrammeStrategy:
    """Benefits (1–3), risks (1–3), objectives (0–2) and the case facts that quote them."""
    own = strategy.by_department[plan.department]
    objectives = rng.sample(own, min(len(own), rng.choices((0, 1, 2), (15, 73, 12))[0]))
    benefits, links = [], []
    for j, (title, kind, per_year) in enumerate(
        rng.sample(words.BENEFITS, rng.choices((1, 2, 3), (55, 35, 10))[0]), start=1
    ):
        value = None if kind == "non_financial" else int(plan.cost * rng.uniform(0.05, 0.4))
        code = f"{plan.code}-b{j}"
        benefits.append(
            {
                "code": code,
                "title": title,
                "description": f"{title} from {plan.name}.",
                "value_gbp": value // 1_000 * 1_000 if value else None,
                "benefit_type": kind,
                "per_year": per_year and value is not None,
                "period_text": f"from {first_year + 2}" if value else None,
                "department": plan.department,
            }
        )
        target = rng.choice(objectives) if objectives and rng.random() < 0.7 else rng.choice(own)
        links.append((code, target))
    risks = [
        {
            "code": f"{plan.code}-r{j}",
            "title": title,
            "description": f"{title} could delay {plan.name} or reduce its benefits.",
            "likelihood": rng.randint(1, 5),
            "impact": rng.randint(1, 5),
            "owner": owner,
            "mitigation": "Tracked monthly by the programme board; contingency held centrally.",
        }
        for j, (title, owner) in enumerate(rng.sample(words.RISKS, rng.randint(1, 3)), start=1)
    ]
    quoted = objectives or sorted({target for _, target in links})
    case = CaseFacts(
        objectives=[f"objective:{code}" for code in quoted],
        benefits=[
            {"title": b["title"], "value_gbp": b["value_gbp"], "measure": b["description"]}
            for b in benefits
        ],
        risks=[{k: r[k] for k in ("title", "likelihood", "impact", "owner")} for r in risks],
        lots=rng.sample(words.LOTS, rng.randint(1, 4)),
        procurement_route=rng.choice(words.PROCUREMENT_ROUTES),
        funding_source=rng.choice(words.FUNDING_SOURCES),
    )
    return ProgrammeStrategy(case, benefits, risks, objectives, links)
