"""The budget section: the finance module's roll-up by financial year against the allocation.

Pure. Every figure comes from the report's one roll-up
(:func:`cpmo.reports.compose.finance.cost_of`), so the headline, this table, the chart and
the workbook agree.
"""

from collections.abc import Mapping

from cpmo.finance.costs import CostLine, PortfolioCost
from cpmo.finance.years import year_label
from cpmo.reports.compose.content import BudgetProfile, BudgetYear, CostShare

RULES_NOTE = (
    "Each pound is counted once: a programme with costed children counts as its children plus "
    "its own unallocated remainder. Stopped and closed programmes are shown apart. A "
    "programme's years come from its latest approved business case's profile; otherwise from "
    "its planned dates, spread evenly and marked as an estimate; otherwise it is listed as not "
    "phased. The allocation is the Common Strategic Policy funding of the portfolio's departments."
)


def _share(line: CostLine, amount: int, reason: str) -> CostShare:
    return CostShare(line.code, line.label, amount, reason)


def budget_profile(
    cost: PortfolioCost, allocations: Mapping[int, int], allocation_lines: list[str]
) -> BudgetProfile:
    """Counted cost by financial year beside the allocation (None: no allocation line)."""
    planned = cost.years
    month = cost.start_month
    years = sorted(set(planned) | set(allocations))
    unphased = [_share(line, line.unphased_gbp, line.source) for line in cost.unphased]
    return BudgetProfile(
        years=[
            BudgetYear(y, planned.get(y, 0), allocations.get(y), year_label(y, month))
            for y in years
        ],
        unphased_gbp=cost.unphased_gbp,
        unphased_programmes=[s.programme for s in unphased],
        allocation_lines=allocation_lines,
        note=RULES_NOTE,
        total_gbp=cost.total_gbp,
        unphased=unphased,
        estimated=[_share(line, line.amount_gbp, line.source) for line in cost.estimated],
        stopped_closed_gbp=cost.apart_gbp,
        stopped_closed=[_share(line, line.amount_gbp, "stopped or closed") for line in cost.apart],
        year_start_month=month,
    )
