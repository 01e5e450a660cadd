"""Optimal selection under yearly budgets: agrees with brute force, beats greedy, exact money."""

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.errors import Infeasible
from cpmo.prioritisation import Candidate, prepare_selection, select_portfolio
from cpmo.prioritisation.greedy import greedy_select


def feasible(subset, candidates, budgets, requires, excludes, mandatory, forbidden):
    chosen = {candidates[i].key for i in subset}
    if not set(mandatory) <= chosen or chosen & set(forbidden):
        return False
    if any(a in chosen and b not in chosen for a, b in requires):
        return False
    if any(a in chosen and b in chosen for a, b in excludes):
        return False
    return all(
        sum(candidates[i].costs.get(year, 0) for i in subset) <= budget
        for year, budget in budgets.items()
    )


def brute_force(candidates, budgets, requires=(), excludes=(), mandatory=(), forbidden=()):
    """The best value over every subset, or None when no subset is feasible."""
    best = None
    for r in range(len(candidates) + 1):
        for subset in itertools.combinations(range(len(candidates)), r):
            if feasible(subset, candidates, budgets, requires, excludes, mandatory, forbidden):
                value = math.fsum(candidates[i].value for i in subset)
                best = value if best is None else max(best, value)
    return best


@st.composite
def instances(draw):
    n = draw(st.integers(1, 10))
    years = [2021, 2022, 2023][: draw(st.integers(2, 3))]
    keys = [f"c{i}" for i in range(n)]
    candidates = [
        Candidate(
            key,
            draw(st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 3))),
            {y: draw(st.integers(0, 60)) for y in years if draw(st.booleans())},
        )
        for key in keys
    ]
    budgets = {y: draw(st.integers(0, 150)) for y in years}
    pair = st.tuples(st.sampled_from(keys), st.sampled_from(keys)).filter(lambda p: p[0] != p[1])
    requires = draw(st.lists(pair, max_size=4)) if n > 1 else []
    excludes = draw(st.lists(pair, max_size=3)) if n > 1 else []
    mandatory = draw(st.lists(st.sampled_from(keys), max_size=2, unique=True))
    forbidden = draw(st.lists(st.sampled_from(keys), max_size=2, unique=True))
    return candidates, budgets, requires, excludes, mandatory, forbidden


@settings(max_examples=50, deadline=None)
@given(instances())
def test_the_solver_matches_brute_force_on_small_instances(instance):
    candidates, budgets, requires, excludes, mandatory, forbidden = instance
    rules = dict(requires=requires, excludes=excludes, mandatory=mandatory, forbidden=forbidden)
    best = brute_force(candidates, budgets, **rules)
    if best is None:
        with pytest.raises(Infeasible):
            select_portfolio(candidates, budgets, **rules)
        return
    result = select_portfolio(candidates, budgets, **rules)
    index = {c.key: i for i, c in enumerate(candidates)}
    chosen = [index[k] for k in result.selected]
    assert result.status == "optimal"
    assert result.total_value == pytest.approx(best, abs=1e-9)
    assert feasible(chosen, candidates, budgets, **rules)
    greedy = [index[k] for k in result.greedy.selected]
    assert feasible(greedy, candidates, budgets, **rules)
    assert result.greedy.total_value <= result.total_value + 1e-9


def test_the_solver_matches_brute_force_on_seeded_twelve_candidate_portfolios():
    rng = random.Random(20200101)
    for _ in range(8):
        years = [2021, 2022, 2023]
        keys = [f"p{i}" for i in range(12)]
        candidates = [
            Candidate(k, rng.randint(1, 40), {y: rng.randint(0, 30) for y in years}) for k in keys
        ]
        budgets = {y: rng.randint(40, 120) for y in years}
        requires = [(keys[i], keys[i - rng.randint(1, i)]) for i in rng.sample(range(1, 12), 3)]
        excludes = [tuple(rng.sample(keys, 2)) for _ in range(2)]
        rules = dict(requires=requires, excludes=excludes, forbidden=[keys[11]])
        best = brute_force(candidates, budgets, **rules)
        assert select_portfolio(candidates, budgets, **rules).total_value == pytest.approx(best)


def test_the_solver_beats_greedy_when_value_for_money_misleads():
    # Greedy takes "quick_win" first (1.2 per pound), after which "big_bet" no longer fits;
    # the optimum spends the whole budget on "big_bet" alone.
    candidates = [
        Candidate("quick_win", 6, {2021: 5}),
        Candidate("big_bet", 10, {2021: 10}),
    ]
    result = select_portfolio(candidates, {2021: 10})
    assert result.selected == ("big_bet",)
    assert result.total_value == 10
    assert result.greedy.selected == ("quick_win",)
    assert result.greedy.total_value == 6


def test_greedy_adds_a_candidate_together_with_what_it_requires():
    candidates = [
        Candidate("portal", 50, {2021: 10}),
        Candidate("identity", 1, {2021: 20}),
        Candidate("filler", 5, {2021: 25}),
    ]
    problem = prepare_selection(candidates, {2021: 30}, requires=[("portal", "identity")])
    greedy = greedy_select(problem)
    assert greedy.selected == ("identity", "portal")
    assert greedy.costs_by_year == {2021: 30}


def test_the_result_reports_exact_costs_budgets_and_sorted_keys():
    candidates = [
        Candidate("b", 3, {2021: 2, 2022: 1}),
        Candidate("a", 2, {2021: 1}),
        Candidate("c", 1, {2022: 9}),
    ]
    result = select_portfolio(candidates, {2022: 5, 2021: 3})
    assert result.selected == ("a", "b")
    assert result.costs_by_year == {2021: 3, 2022: 1}
    assert result.budgets == {2021: 3, 2022: 5}
    assert result.mip_gap == 0


def test_money_beyond_float_precision_is_counted_exactly():
    # 2^53 + 1 is not representable as a float, but pounds stay exact integers throughout.
    big = 2**53 + 1
    candidates = [Candidate("a", 1, {2021: big}), Candidate("b", 1, {2021: 1})]
    result = select_portfolio(candidates, {2021: big + 1})
    assert result.selected == ("a", "b")
    assert result.costs_by_year[2021] == big + 1
    assert isinstance(result.costs_by_year[2021], int)


def test_a_requirement_cycle_means_all_or_nothing():
    candidates = [Candidate("a", 5, {2021: 6}), Candidate("b", 5, {2021: 6})]
    cycle = [("a", "b"), ("b", "a")]
    assert select_portfolio(candidates, {2021: 11}, requires=cycle).selected == ()
    assert select_portfolio(candidates, {2021: 12}, requires=cycle).selected == ("a", "b")


def test_no_candidates_selects_nothing():
    result = select_portfolio([], {2021: 100})
    assert result.selected == () and result.total_value == 0
    assert result.costs_by_year == {2021: 0}


def test_a_one_pound_overspend_hidden_by_solver_tolerance_is_not_accepted():
    # Both together cost £1,000,000,001 against £1bn: within HiGHS's relative tolerance,
    # outside the budget in whole pounds.
    candidates = [Candidate("a", 5, {2021: 500_000_001}), Candidate("b", 4, {2021: 500_000_000})]
    result = select_portfolio(candidates, {2021: 1_000_000_000})
    assert result.selected == ("a",)
    assert result.costs_by_year[2021] <= 1_000_000_000
