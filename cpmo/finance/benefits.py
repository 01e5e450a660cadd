"""Benefit totals that count each pound once, and realisation against plan.

The rules (README "Money and benefits"; ARCHITECTURE.md §5a):

- ``part_of`` says one benefit is contained in another (the "£20m 2021 plan" is part of the
  "£100m efficiencies" target). Where a container and its parts are both in a total, only the
  container counts; a part counts when no container above it is in the total with a value.
- A per-year figure (a rate, "£15m a year") is never added to a one-off or cumulative one: the two
  are separate totals. Year-by-year figures come from planned profiles and state their horizon.
- Realisation = actual ÷ planned, both up to and including the year of reading.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from cpmo.finance.costs import add_years


@dataclass(frozen=True)
class BenefitInput:
    code: str
    title: str
    value_gbp: int | None = None
    per_year: bool = False
    part_of: str | None = None
    programme: str | None = None
    planned: Mapping[int, int] | None = None  # financial year → £ planned
    actual: Mapping[int, int] | None = None  # financial year → £ realised
    not_realised: str | None = None  # the rationale where it will not be realised
    illustrative: bool = False

    @property
    def valued(self) -> bool:
        return self.value_gbp is not None or bool(self.planned)


@dataclass(frozen=True)
class BenefitTotals:
    one_off_gbp: int  # stated one-off and cumulative values, each over its own period
    per_year_gbp: int  # stated yearly rates: never added to the one-off total
    counted: tuple[str, ...]
    contained: dict[str, str] = field(default_factory=dict)  # part → the container counted
    unvalued: tuple[str, ...] = ()
    planned_by_year: dict[int, int] = field(default_factory=dict)
    actual_by_year: dict[int, int] = field(default_factory=dict)
    illustrative: bool = False

    @property
    def horizon(self) -> tuple[int, int] | None:
        """The first and last financial year the planned profiles cover."""
        years = list(self.planned_by_year)
        return (min(years), max(years)) if years else None

    def planned_to(self, year: int) -> int:
        return sum(a for y, a in self.planned_by_year.items() if y <= year)

    def actual_to(self, year: int) -> int:
        return sum(a for y, a in self.actual_by_year.items() if y <= year)

    def realisation(self, year: int) -> float | None:
        """Actual ÷ planned up to ``year`` (None where nothing was planned by then)."""
        planned = self.planned_to(year)
        return self.actual_to(year) / planned if planned else None


def containment(benefits: Mapping[str, BenefitInput]) -> dict[str, str]:
    """Each benefit's container, with loops cut: a loop's smallest code is contained in nothing."""
    part_of = {c: b.part_of for c, b in benefits.items() if b.part_of in benefits}
    for start in sorted(part_of):
        path, node = [], start
        while node in part_of and node not in path:
            path.append(node)
            node = part_of[node]
        if node in path:  # node closes a loop: cut the loop at its smallest member
            del part_of[min(path[path.index(node) :])]
    return part_of  # type: ignore[return-value]


def container_of(
    code: str, part_of: Mapping[str, str], counted: Callable[[str], bool]
) -> str | None:
    """The outermost benefit above ``code`` that ``counted`` accepts (None: it counts itself)."""
    outermost = None
    parent = part_of.get(code)
    while parent is not None:
        if counted(parent):
            outermost = parent
        parent = part_of.get(parent)
    return outermost


def benefit_totals(
    benefits: Iterable[BenefitInput], among: Iterable[str] | None = None
) -> BenefitTotals:
    """Totals over ``among`` (default: every benefit), each benefit counted once."""
    by_code = {b.code: b for b in benefits}
    chosen = set(by_code) if among is None else {c for c in among if c in by_code}
    part_of = containment(by_code)
    counted, contained, unvalued = [], {}, []

    def countable(code: str) -> bool:
        return code in chosen and by_code[code].valued

    for code in sorted(chosen):
        if not by_code[code].valued:
            unvalued.append(code)
        elif container := container_of(code, part_of, countable):
            contained[code] = container
        else:
            counted.append(code)
    rows = [by_code[c] for c in counted]
    return BenefitTotals(
        one_off_gbp=sum(b.value_gbp or 0 for b in rows if not b.per_year),
        per_year_gbp=sum(b.value_gbp or 0 for b in rows if b.per_year),
        counted=tuple(counted),
        contained=contained,
        unvalued=tuple(unvalued),
        planned_by_year=add_years(b.planned or {} for b in rows),
        actual_by_year=add_years(b.actual or {} for b in rows),
        illustrative=any(b.illustrative for b in rows),
    )


def unaccounted_for_close(benefits: Iterable[BenefitInput]) -> list[str]:
    """Valued benefits (a stated value or a planned profile) with neither a recorded actual
    nor a "not realised" rationale: a programme cannot close while any is left."""
    return [
        b.code for b in benefits if b.valued and not b.actual and not (b.not_realised or "").strip()
    ]
