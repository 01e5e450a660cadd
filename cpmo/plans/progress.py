"""Progress of actions and milestones: status rules, and what is overdue or due, as of a date.

As of a date D, an item not done is *overdue* when its end (or due) date is before D, and *due
in the next quarter* when that date falls from D to three months after D inclusive. Items whose
stated date names no date ("Ongoing", "Quarterly") are listed as *undated* with the text, so
nothing drops out of the report. Month-precise dates mean the month's last day: "March 2014"
is overdue from 1 April 2014.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from cpmo.plans.when import month_end

STATUSES = ("not_started", "on_track", "at_risk", "late", "done")
WINDOW_MONTHS = 3


@dataclass(frozen=True)
class Item:
    kind: str  # "action" or "milestone"
    key: str  # action number, or "<priority>/<letter>" for a milestone
    title: str
    due: date | None
    due_text: str | None
    status: str = "not_started"
    percent_complete: int = 0


@dataclass(frozen=True)
class Report:
    as_of: date
    window_end: date
    overdue: list[Item] = field(default_factory=list)
    due_next_quarter: list[Item] = field(default_factory=list)
    undated: list[Item] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)
    percent_complete: int = 0


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; a month's last day goes to the last day of that month
    (30 Sep + 3 → 31 Dec, 31 Jan + 1 → 28/29 Feb)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > date.max.year:
        return date.max
    last = month_end(year, month0 + 1)
    if day == month_end(day.year, day.month):
        return last
    return last.replace(day=min(day.day, last.day))


def settle_percent(status: str, percent: int | None, current: int) -> int:
    """The percent complete a status update leaves; ValueError when they contradict."""
    if status == "done":
        if percent not in (None, 100):
            raise ValueError("must be 100 when the status is done")
        return 100
    if status == "not_started":
        if percent not in (None, 0):
            raise ValueError("must be 0 when the status is not_started")
        return 0
    return current if percent is None else percent


def plan_percent(items: list[Item]) -> int:
    """The plan's percent complete: the mean of its actions' (of its milestones' when it has
    no actions, as some plans list milestones only), rounded; 0 for an empty plan."""
    counted = [i for i in items if i.kind == "action"] or items
    if not counted:
        return 0
    return round(sum(i.percent_complete for i in counted) / len(counted))


def report(items: Iterable[Item], as_of: date) -> Report:
    """What is overdue, due in the next quarter, and undated, as of ``as_of``."""
    items = list(items)
    window_end = add_months(as_of, WINDOW_MONTHS)
    open_items = [i for i in items if i.status != "done"]
    counts = Counter(i.status for i in items)
    by_due = sorted(
        (i for i in open_items if i.due is not None), key=lambda i: (i.due, i.kind, i.key)
    )
    return Report(
        as_of=as_of,
        window_end=window_end,
        overdue=[i for i in by_due if i.due < as_of],  # type: ignore[operator]
        due_next_quarter=[i for i in by_due if as_of <= i.due <= window_end],  # type: ignore[operator]
        undated=[i for i in open_items if i.due is None],
        by_status={s: counts.get(s, 0) for s in STATUSES},
        percent_complete=plan_percent(items),
    )
