"""The budget profile: whole-life costs phased by calendar year against the CSP allocation.

Pure: a programme's whole-life cost is spread over its planned dates in proportion to the days
in each year (exact pounds; the rounding remainder goes to the last year). A programme with a
cost but no planned dates cannot be phased and is listed as unphased.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from cpmo.reports.compose.content import BudgetProfile, BudgetYear
from cpmo.reports.gather.facts import ProgrammeFacts


def phase(cost: int, start: date, end: date) -> dict[int, int]:
    """``cost`` spread over the calendar years from ``start`` to ``end`` by days."""
    if end < start:
        start, end = end, start
    total_days = (end - start).days + 1
    shares: dict[int, int] = {}
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        shares[year] = cost * ((last - first).days + 1) // total_days
    shares[end.year] += cost - sum(shares.values())
    return shares


def _phased(programmes: Iterable[ProgrammeFacts]) -> tuple[dict[int, int], list[str], int]:
    planned: dict[int, int] = {}
    unphased: list[str] = []
    unphased_gbp = 0
    for p in programmes:
        cost = p.whole_life_cost_gbp
        if not cost:
            continue
        if p.planned_start is None or p.planned_end is None:
            unphased.append(p.code)
            unphased_gbp += cost
            continue
        for year, amount in phase(cost, p.planned_start, p.planned_end).items():
            planned[year] = planned.get(year, 0) + amount
    return planned, unphased, unphased_gbp


def budget_profile(
    programmes: Iterable[ProgrammeFacts],
    allocations: Mapping[int, int],
    allocation_lines: list[str],
) -> BudgetProfile:
    """Planned cost by year beside the allocation for that year (None: no allocation line)."""
    programmes = list(programmes)
    children_of = {p.parent for p in programmes if p.parent}
    costed_children = {p.parent for p in programmes if p.parent and p.whole_life_cost_gbp}
    # a parent's cost already contains its children's: count it only when no child is costed
    counted = [p for p in programmes if p.code not in costed_children]
    planned, unphased, unphased_gbp = _phased(counted)
    years = sorted(set(planned) | set(allocations))
    note = (
        "Whole-life costs phased evenly over each programme's planned dates; "
        "the allocation is the Common Strategic Policy funding of the portfolio's departments."
    )
    if children_of & costed_children:
        note += " A parent's cost is counted only where none of its children is costed."
    return BudgetProfile(
        years=[BudgetYear(y, planned.get(y, 0), allocations.get(y)) for y in years],
        unphased_gbp=unphased_gbp,
        unphased_programmes=sorted(unphased),
        allocation_lines=allocation_lines,
        note=note,
    )
