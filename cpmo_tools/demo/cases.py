"""Five Case Model content for a demo programme's OBC or FBC version, stored as the API stores
it (JSON-safe; dates as ISO text), complete unless it is a draft still being written."""

import random
from dataclasses import dataclass
from typing import Any

from cpmo_tools.demo import clock, words
from cpmo_tools.demo.catalogue import ProgrammePlan


@dataclass(frozen=True)
class CaseFacts:
    """What a programme's cases say about it, fixed once per programme."""

    objectives: list[str]  # graph keys of the objectives it contributes to
    benefits: list[dict[str, Any]]  # title, value_gbp, measure
    risks: list[dict[str, Any]]  # title, likelihood, impact, owner
    lots: list[str]
    procurement_route: str
    funding_source: str


def profile(cost: int, first_year: int, last_year: int) -> dict[str, int]:
    """``cost`` spread over the years, front-loaded a little; sums exactly to ``cost``."""
    years = list(range(first_year, max(first_year, last_year) + 1))
    weights = [len(years) - i + 1 for i in range(len(years))]
    amounts = [cost * w // sum(weights) for w in weights]
    amounts[0] += cost - sum(amounts)
    return {str(y): a for y, a in zip(years, amounts, strict=True)}


def _options(rng: random.Random, cost: int) -> list[dict[str, Any]]:
    npv = int(cost * rng.uniform(0.1, 0.6))
    return [
        {"name": words.OPTIONS[0], "npv": -int(cost * rng.uniform(0.2, 0.5)), "do_minimum": True},
        {"name": words.OPTIONS[1], "npv": int(npv * rng.uniform(0.2, 0.8))},
        {"name": words.OPTIONS[2], "npv": npv},
    ]


def _milestones(fbc: bool, start: float, end: float) -> list[dict[str, str]]:
    names = words.MILESTONES if fbc else ("Full business case approved", "Supplier selected")
    names = names if fbc else (*names, "Go live")
    step = (end - start) / len(names)
    return [
        {"name": name, "due": clock.day(start + step * (i + 1)).isoformat()}
        for i, name in enumerate(names)
    ]


def case_content(
    plan: ProgrammePlan,
    facts: CaseFacts,
    *,
    kind: str,
    cost: int,
    delivery: tuple[float, float],
    rng: random.Random,
    complete: bool = True,
) -> dict[str, Any]:
    """The five cases; ``delivery`` is the (start, end) day offsets the milestones fall in."""
    start, end = delivery
    content: dict[str, Any] = {
        "strategic": {
            "case_for_change": plan.description,
            "objectives": list(facts.objectives),
        },
        "economic": {"options": _options(rng, cost), "preferred_option": words.OPTIONS[2]},
        "commercial": {
            "procurement_route": facts.procurement_route,
            "lots": [{"name": lot, "description": f"{lot} for {plan.name}"} for lot in facts.lots],
        },
        "financial": {
            "whole_life_cost": cost,
            "funding_source": facts.funding_source,
            "profile": profile(cost, clock.day(start).year, clock.day(end).year),
        },
        "management": {
            "senior_responsible_owner": plan.sro,
            "milestones": _milestones(kind == "fbc", start, end),
            "risks": [dict(r) for r in facts.risks],
            "benefits": [dict(b) for b in facts.benefits],
        },
    }
    if not complete:  # a draft still being written: the later sections are not filled in yet
        for section, part in (("management", "milestones"), ("financial", "profile")):
            content[section].pop(part)
        content["economic"].pop("preferred_option")
    return content
