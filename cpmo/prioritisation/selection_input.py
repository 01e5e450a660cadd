"""Selection inputs: candidates with yearly costs, budgets and rules, validated into index form."""

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real

import numpy as np

from cpmo.errors import Infeasible, InvalidInput

Year = int | str
Pair = tuple[int, int]


@dataclass(frozen=True)
class Candidate:
    """A candidate for selection: its value (≥ 0) and its cost in whole pounds per year."""

    key: str
    value: float
    costs: Mapping[Year, int] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class SelectionProblem:
    """A validated selection problem: candidates, rules and budgets by index, money as ints."""

    keys: tuple[str, ...]
    values: np.ndarray
    years: tuple[Year, ...]
    costs: tuple[tuple[int, ...], ...]
    budgets: tuple[int, ...]
    requires: tuple[tuple[int, int], ...]
    excludes: tuple[tuple[int, int], ...]
    mandatory: frozenset[int]
    forbidden: frozenset[int]

    def closure(self, start: Iterable[int]) -> set[int]:
        """The given candidates plus everything they transitively require."""
        needs: dict[int, list[int]] = {}
        for a, b in self.requires:
            needs.setdefault(a, []).append(b)
        seen, stack = set(start), list(start)
        while stack:
            for b in needs.get(stack.pop(), ()):
                if b not in seen:
                    seen.add(b)
                    stack.append(b)
        return seen

    def cost_of(self, chosen: Iterable[int]) -> tuple[int, ...]:
        """Exact total cost per budget year of the chosen candidates."""
        picked = list(chosen)
        return tuple(sum(self.costs[i][y] for i in picked) for y in range(len(self.years)))

    def budget_dict(self, amounts: Sequence[int]) -> dict[Year, int]:
        """Amounts per budget year as a {year: pounds} dict."""
        return dict(zip(self.years, amounts, strict=True))


def _whole_pounds(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _year_order(year: Hashable) -> tuple[bool, str | int]:
    return (isinstance(year, str), year)  # type: ignore[return-value]


def _pairs(
    pairs: Iterable[Sequence[str]], index: dict[str, int], what: str
) -> list[tuple[int, int]]:
    out = []
    for pair in pairs:
        if len(pair) != 2 or any(k not in index for k in pair):
            raise InvalidInput(f"{what} pair {list(pair)!r} names an unknown candidate")
        if pair[0] == pair[1]:
            raise InvalidInput(f"{what} pair {list(pair)!r} names the same candidate twice")
        out.append((index[pair[0]], index[pair[1]]))
    return out


def _keys(given: Iterable[str], index: dict[str, int], what: str) -> frozenset[int]:
    keys = list(given)
    unknown = sorted(k for k in keys if k not in index)
    if unknown:
        raise InvalidInput(f"{what} names unknown candidates: {', '.join(unknown)}")
    return frozenset(index[k] for k in keys)


def prepare_selection(
    candidates: Sequence[Candidate],
    budgets: Mapping[Year, int],
    *,
    requires: Iterable[Sequence[str]] = (),
    excludes: Iterable[Sequence[str]] = (),
    mandatory: Iterable[str] = (),
    forbidden: Iterable[str] = (),
) -> SelectionProblem:
    """Validate candidates, budgets and rules; refuse a candidate both mandatory and forbidden."""
    index = {c.key: i for i, c in enumerate(candidates)}
    if len(index) != len(candidates):
        raise InvalidInput("candidate keys must be unique")
    errors: dict[str, list[str]] = {}
    for year, amount in budgets.items():
        if not _whole_pounds(amount):
            errors.setdefault(f"budgets.{year}", []).append("must be whole pounds ≥ 0")
    for c in candidates:
        ok = isinstance(c.value, Real) and not isinstance(c.value, bool)
        if not ok or not math.isfinite(c.value) or c.value < 0:
            errors.setdefault(c.key, []).append("value must be a finite number ≥ 0")
        for year, cost in c.costs.items():
            if not _whole_pounds(cost):
                errors.setdefault(c.key, []).append(f"cost in {year} must be whole pounds ≥ 0")
            if year not in budgets:
                errors.setdefault(c.key, []).append(f"has a cost in {year}, which has no budget")
    if errors:
        raise InvalidInput("invalid selection input", errors=errors)
    must, never = _keys(mandatory, index, "mandatory"), _keys(forbidden, index, "forbidden")
    both = sorted(candidates[i].key for i in must & never)
    if both:
        raise Infeasible(
            f"{', '.join(both)} cannot be both mandatory and forbidden",
            reason="mandatory_and_forbidden",
            candidates=both,
        )
    years = tuple(sorted(budgets, key=_year_order))
    return SelectionProblem(
        keys=tuple(c.key for c in candidates),
        values=np.array([float(c.value) for c in candidates], dtype=float),
        years=years,
        costs=tuple(tuple(c.costs.get(y, 0) for y in years) for c in candidates),
        budgets=tuple(budgets[y] for y in years),
        requires=tuple(_pairs(requires, index, "requires")),
        excludes=tuple(_pairs(excludes, index, "excludes")),
        mandatory=must,
        forbidden=never,
    )
