"""Pure report rules over plain facts: RAG change arrows, cost growth, exceptions.

The RAG honesty flags live in :mod:`cpmo.reports.compose.honesty`.
"""

from dataclasses import dataclass
from datetime import date

from cpmo.money import money
from cpmo.reports.gather.facts import Baseline, ProgrammeFacts
from cpmo.vocabulary import gate_label, how_long, long_date, rag_label, stage_label

# 0 is best; unrated has no place on the scale
RAG_RANK = {"green": 0, "amber_green": 1, "amber": 2, "amber_red": 3, "red": 4}
SEVERITY = {"red": 0, "amber_red": 1, "amber": 2, "amber_green": 3, "green": 4, "unrated": 5}
EXCEPTION_LABELS = {
    "rag": "red or amber/red",
    "cost_growth": "cost growth",
    "forecast_growth": "forecast above the baseline",
    "envelope": "children exceed the parent's envelope",
    "overdue_gate": "overdue gate",
    "open_condition": "open condition",
}


@dataclass(frozen=True)
class RagChange:
    """How a programme's RAG moved since the last report."""

    direction: str  # improved, worsened, unchanged, new, rated, unrated, no_comparison
    arrow: str
    text: str


def rag_change(previous: str | None, current: str, *, compared: bool = True) -> RagChange:
    """The change from ``previous`` to ``current`` (``compared`` False: no earlier report)."""
    if not compared:
        return RagChange("no_comparison", "", "no earlier report")
    if previous is None:
        return RagChange("new", "•", "new since the last report")
    if previous == current:
        return RagChange("unchanged", "→", f"unchanged ({rag_label(current)})")
    if current not in RAG_RANK:
        return RagChange("unrated", "•", f"no longer rated (was {rag_label(previous)})")
    if previous not in RAG_RANK:
        return RagChange("rated", "•", f"now rated {rag_label(current)} (was unrated)")
    if RAG_RANK[current] < RAG_RANK[previous]:
        return RagChange("improved", "↑", f"improved from {rag_label(previous)}")
    return RagChange("worsened", "↓", f"worsened from {rag_label(previous)}")


def cost_growth(current: int | None, baseline: Baseline | None, tolerance: float) -> str | None:
    """Evidence of growth beyond tolerance over the baseline, or None."""
    if current is None or baseline is None or baseline.amount_gbp <= 0:
        return None
    if current <= baseline.amount_gbp * (1 + tolerance):
        return None
    growth = (current - baseline.amount_gbp) / baseline.amount_gbp
    return (
        f"whole-life cost {money(current)} is {growth:.0%} above the baseline "
        f"{money(baseline.amount_gbp)} ({baseline.label}); tolerance {tolerance:.0%}"
    )


def _in_sentence(label: str) -> str:
    """A label inside a sentence: "Delivery" → "delivery", "FBC review" stays."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def missed_gate(p: ProgrammeFacts, as_of: date) -> str | None:
    """Evidence that the next gate's planned date has passed, or None."""
    if p.next_gate is None or p.next_gate_date is None or p.next_gate_date >= as_of:
        return None
    when = long_date(p.next_gate_date) + (f" ({p.next_gate_text})" if p.next_gate_text else "")
    ago = how_long((as_of - p.next_gate_date).days)
    return (
        f"the {gate_label(p.next_gate)} gate was planned for {when}, {ago} ago, and the "
        f"programme is still at the {_in_sentence(stage_label(p.stage))} stage: agree a new date "
        "with the SRO or escalate"
    )


def overdue_milestones(p: ProgrammeFacts, as_of: date) -> list[str]:
    """Evidence for each milestone past its due date and not complete."""
    out = []
    for m in sorted(p.milestones, key=lambda m: (m.due_date or as_of, m.code)):
        if m.due_date is not None and m.due_date < as_of and m.completed_on is None:
            late = how_long((as_of - m.due_date).days)
            out.append(
                f"milestone '{m.title}' was due {long_date(m.due_date)} and is not complete "
                f"({late} overdue): record it as done or agree a new date"
            )
    return out


def open_conditions(p: ProgrammeFacts) -> list[str]:
    """Evidence for each condition an approval set that is still not discharged."""
    return [
        f"condition #{c.id} set at the {gate_label(c.gate)} gate is not discharged: '{c.text}'"
        for c in p.open_conditions
    ]
