"""RAG honesty flags: a reported green or amber/green that the evidence contradicts.

Pure functions over :class:`ProgrammeFacts`. Each flag names its evidence, so "watermelon"
reporting (green outside, red inside) is caught before the oversight group meets. The rules:

- ``overdue_milestone``: a milestone past its due date and not complete;
- ``missed_gate``: the next gate's planned date has passed and the gate is not passed;
- ``cost_growth``: the whole-life cost is above its baseline by more than the tolerance;
- ``open_condition``: a condition set by an approval is not discharged;
- ``red_upstream``: a programme it needs first (enables edges, directly or through others)
  is rated red.
"""

from datetime import date

from cpmo.reports.compose.content import Flag
from cpmo.reports.compose.rules import (
    cost_growth,
    missed_gate,
    open_conditions,
    overdue_milestones,
    rag_label,
)
from cpmo.reports.gather.facts import ProgrammeFacts

CHECKED_RAGS = ("green", "amber_green")
RULES = ("overdue_milestone", "missed_gate", "cost_growth", "open_condition", "red_upstream")


def red_upstream(p: ProgrammeFacts) -> list[str]:
    """Evidence for each red programme that ``p`` needs first."""
    return [
        f"it needs {u.code} first, which is rated {rag_label(u.rag)} ({' → '.join(u.path)})"
        for u in p.upstream
        if u.rag == "red"
    ]


def growth_evidence(p: ProgrammeFacts, tolerance: float) -> list[str]:
    """Cost growth beyond tolerance, with the CPMO's acceptance if it was accepted."""
    growth = cost_growth(p.current_cost_gbp, p.baseline, tolerance)
    if growth is None:
        return []
    if p.cost_growth_accepted:
        growth += f" (accepted at approval: '{p.cost_growth_accepted}')"
    return [growth]


def evidence_against(p: ProgrammeFacts, *, as_of: date, tolerance: float) -> list[tuple[str, str]]:
    """(rule, evidence) for everything that contradicts a good rating, in RULES order."""
    gate = missed_gate(p, as_of)
    return [
        *(("overdue_milestone", e) for e in overdue_milestones(p, as_of)),
        *([("missed_gate", gate)] if gate else []),
        *(("cost_growth", e) for e in growth_evidence(p, tolerance)),
        *(("open_condition", e) for e in open_conditions(p)),
        *(("red_upstream", e) for e in red_upstream(p)),
    ]


def honesty_flags(p: ProgrammeFacts, *, as_of: date, tolerance: float) -> list[Flag]:
    """The flags on ``p``: none unless it reports green or amber/green."""
    if p.rag not in CHECKED_RAGS:
        return []
    return [
        Flag(programme=p.code, name=p.name, reported_rag=p.rag, rule=rule, evidence=text)
        for rule, text in evidence_against(p, as_of=as_of, tolerance=tolerance)
    ]
