"""Whole-life costs rolled up and phased by financial year, each pound counted once.

The rules (README "Money and benefits"; ARCHITECTURE.md §5a):

- *Roll-up*: a programme with costed children counts as the sum of its children plus its own
  unallocated remainder (its whole-life cost minus its children's). A negative remainder is an
  exception, "children exceed the parent's envelope", and counts nothing. A programme without
  costed children counts its own cost.
- *Stopped and closed* programmes leave the forward-looking totals; their amounts are listed
  apart (with what was spent to date, where recorded).
- *Phasing*: a programme's years come from its latest approved business case's profile; else
  from its own planned profile; else, where it has planned dates, its cost is spread evenly over
  them and marked as an estimate; else it is *unphased* and listed by name. A parent's remainder
  is phased by the parent's profile less its children's years, where that leaves no year
  negative; otherwise it is unphased.
- ``sum(years) + unphased == total`` for every line and for the portfolio.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cpmo.finance.years import JANUARY, spread_evenly
from cpmo.money import money

Phasing = Literal["approved_profile", "planned_profile", "spread_evenly", "unphased"]
LineKind = Literal["own", "remainder"]

SPREAD_NOTE = "estimated: spread evenly over planned dates"


@dataclass(frozen=True)
class CostInput:
    """One programme's money facts, as gathered."""

    code: str
    name: str
    parent: str | None = None
    whole_life_cost_gbp: int | None = None
    active: bool = True
    approved_profile: Mapping[int, int] | None = None  # financial year → £
    approved_source: str | None = None  # e.g. "approved FBC, version 3"
    planned_profile: Mapping[int, int] | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    spent_to_date_gbp: int | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class CostLine:
    """One counted amount: a programme's own cost or a parent's unallocated remainder."""

    code: str
    name: str
    kind: LineKind
    amount_gbp: int
    active: bool
    phasing: Phasing
    source: str
    years: dict[int, int] = field(default_factory=dict)
    unphased_gbp: int = 0
    spent_to_date_gbp: int | None = None
    illustrative: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} (unallocated remainder)" if self.kind == "remainder" else self.name


@dataclass(frozen=True)
class EnvelopeException:
    """Children whose costs add up to more than their parent's whole-life cost."""

    code: str
    name: str
    parent_cost_gbp: int
    children_cost_gbp: int

    @property
    def excess_gbp(self) -> int:
        return self.children_cost_gbp - self.parent_cost_gbp


@dataclass(frozen=True)
class PortfolioCost:
    """The portfolio's money, every figure from the same lines."""

    lines: tuple[CostLine, ...]
    exceptions: tuple[EnvelopeException, ...]
    uncosted: tuple[str, ...]  # programmes with no cost of their own or below them
    start_month: int = JANUARY

    @property
    def forward(self) -> tuple[CostLine, ...]:
        return tuple(line for line in self.lines if line.active)

    @property
    def apart(self) -> tuple[CostLine, ...]:
        """Stopped and closed programmes' amounts, outside the forward-looking totals."""
        return tuple(line for line in self.lines if not line.active)

    @property
    def total_gbp(self) -> int:
        return sum(line.amount_gbp for line in self.forward)

    @property
    def apart_gbp(self) -> int:
        return sum(line.amount_gbp for line in self.apart)

    @property
    def years(self) -> dict[int, int]:
        return add_years(line.years for line in self.forward)

    @property
    def unphased(self) -> tuple[CostLine, ...]:
        return tuple(line for line in self.forward if line.unphased_gbp)

    @property
    def unphased_gbp(self) -> int:
        return sum(line.unphased_gbp for line in self.forward)

    @property
    def estimated(self) -> tuple[CostLine, ...]:
        return tuple(line for line in self.forward if line.phasing == "spread_evenly")

    @property
    def illustrative(self) -> bool:
        return any(line.illustrative for line in self.forward)


def add_years(profiles: Iterable[Mapping[int, int]]) -> dict[int, int]:
    """Year-by-year sums of several profiles, in year order."""
    out: dict[int, int] = {}
    for profile in profiles:
        for year, amount in profile.items():
            out[year] = out.get(year, 0) + amount
    return dict(sorted(out.items()))


def _own_phasing(item: CostInput, amount: int, start_month: int) -> tuple[Phasing, str, dict]:
    mismatch = None
    for phasing, profile, source in (
        ("approved_profile", item.approved_profile, item.approved_source or "approved case"),
        ("planned_profile", item.planned_profile, "the programme's planned profile"),
    ):
        if not profile:
            continue
        if sum(profile.values()) == amount:
            return phasing, source, dict(sorted(profile.items()))  # type: ignore[return-value]
        mismatch = (
            mismatch or f"{source} adds up to {money(sum(profile.values()))}, not {money(amount)}"
        )
    if item.planned_start and item.planned_end:
        years = spread_evenly(amount, item.planned_start, item.planned_end, start_month)
        return "spread_evenly", SPREAD_NOTE, years
    return "unphased", mismatch or "no approved or planned profile and no planned dates", {}


def _remainder_years(parent: CostInput, remainder: int, below: list[CostLine]) -> dict | None:
    profile = parent.approved_profile or parent.planned_profile
    if not profile or sum(profile.values()) != parent.whole_life_cost_gbp:
        return None
    if any(line.unphased_gbp for line in below):
        return None
    children = add_years(line.years for line in below)
    years = {y: profile.get(y, 0) - children.get(y, 0) for y in set(profile) | set(children)}
    if any(amount < 0 for amount in years.values()) or sum(years.values()) != remainder:
        return None
    return {y: a for y, a in sorted(years.items()) if a}


def roll_up(items: Iterable[CostInput], start_month: int = JANUARY) -> PortfolioCost:
    """Every programme's counted amount, phased, with the envelope exceptions."""
    items = list(items)
    by_code = {i.code: i for i in items}
    children: dict[str, list[str]] = {}
    for i in items:
        if i.parent in by_code and i.parent != i.code:
            children.setdefault(i.parent, []).append(i.code)
    lines: list[CostLine] = []
    exceptions: list[EnvelopeException] = []
    uncosted: list[str] = []
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(code: str) -> tuple[int | None, list[CostLine]]:
        """The subtree's rolled-up cost (None: nothing costed) and its lines."""
        visiting.add(code)
        done.add(code)
        item = by_code[code]
        below: list[CostLine] = []
        kids_total: int | None = None
        for child in sorted(children.get(code, [])):
            if child in visiting or child in done:  # a cycle in the parent links: cut it
                continue
            cost, child_lines = visit(child)
            below += child_lines
            if cost is not None:
                kids_total = (kids_total or 0) + cost
        visiting.discard(code)
        own = item.whole_life_cost_gbp
        if kids_total is None:
            if own is None:
                uncosted.append(code)
                return None, below
            phasing, source, years = _own_phasing(item, own, start_month)
            line = _line(item, "own", own, phasing, source, years)
            return own, [*below, line]
        if own is None:
            return kids_total, below
        remainder = own - kids_total
        if remainder < 0:
            exceptions.append(EnvelopeException(code, item.name, own, kids_total))
            return kids_total, below
        if remainder == 0:
            return own, below
        years = _remainder_years(item, remainder, below)
        if years is None:
            line = _line(item, "remainder", remainder, "unphased", "not phased", {})
        else:
            source = f"{item.approved_source or 'the planned profile'} less its children's"
            phasing: Phasing = "approved_profile" if item.approved_profile else "planned_profile"
            line = _line(item, "remainder", remainder, phasing, source, years)
        return own, [*below, line]

    for code in sorted(c for c, i in by_code.items() if i.parent not in by_code or i.parent == c):
        lines += visit(code)[1]
    for code in sorted(set(by_code) - done):  # only programmes on a parent cycle are left
        if code not in done:
            lines += visit(code)[1]
    return PortfolioCost(tuple(lines), tuple(exceptions), tuple(sorted(set(uncosted))), start_month)


def _line(
    item: CostInput, kind: LineKind, amount: int, phasing: Phasing, source: str, years: dict
) -> CostLine:
    return CostLine(
        code=item.code,
        name=item.name,
        kind=kind,
        amount_gbp=amount,
        active=item.active,
        phasing=phasing,
        source=source,
        years=years,
        unphased_gbp=amount - sum(years.values()),
        spent_to_date_gbp=item.spent_to_date_gbp if kind == "own" else None,
        illustrative=item.illustrative,
    )


def status_totals(lines: Iterable[tuple[str, str | None, int | None, bool]]) -> dict[str, int]:
    """Status-page totals from (code, parent, whole-life cost, live) by the roll-up rule."""
    lines = list(lines)
    cost = roll_up(
        CostInput(code, code, parent, amount, active=live) for code, parent, amount, live in lines
    )
    costed = sum(1 for _, _, amount, _ in lines if amount is not None)
    return {
        "programmes": len(lines),
        "whole_life_cost_gbp": cost.total_gbp,
        "stopped_closed_gbp": cost.apart_gbp,
        "programmes_without_cost": len(lines) - costed,
    }
