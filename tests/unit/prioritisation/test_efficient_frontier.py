"""Efficient frontier: best value as all yearly budgets scale together."""

import pytest

from cpmo.errors import InvalidInput
from cpmo.prioritisation import Candidate, efficient_frontier, scale_budget, select_portfolio

CANDIDATES = [
    Candidate("cyber", 80, {2021: 400, 2022: 200}),
    Candidate("erp", 90, {2021: 500, 2022: 600}),
    Candidate("network", 40, {2021: 200}),
    Candidate("portal", 30, {2022: 100}),
    Candidate("records", 25, {2021: 100, 2022: 100}),
]
BUDGETS = {2021: 1_000, 2022: 800}


def test_the_default_frontier_runs_from_ten_to_one_hundred_and_fifty_percent():
    points = efficient_frontier(CANDIDATES, BUDGETS)
    assert [p.factor for p in points] == pytest.approx([i / 10 for i in range(1, 16)])
    assert points[0].budgets == {2021: 100, 2022: 80}
    assert points[-1].budgets == {2021: 1_500, 2022: 1_200}


def test_value_never_falls_as_budgets_grow():
    values = [p.total_value for p in efficient_frontier(CANDIDATES, BUDGETS)]
    assert values == sorted(values)
    assert values[-1] == sum(c.value for c in CANDIDATES)


def test_each_point_is_the_optimal_selection_at_its_budgets():
    for point in efficient_frontier(CANDIDATES, BUDGETS, factors=[0.3, 0.75, 1.0]):
        best = select_portfolio(CANDIDATES, point.budgets)
        assert point.status == "optimal"
        assert point.total_value == pytest.approx(best.total_value)
        assert all(point.costs_by_year[y] <= point.budgets[y] for y in BUDGETS)


def test_levels_too_small_for_the_mandatory_candidates_are_infeasible_points():
    points = efficient_frontier(CANDIDATES, BUDGETS, factors=[0.5, 1.0], mandatory=["erp"])
    low, full = points
    assert low.status == "infeasible" and low.total_value is None and low.selected == ()
    assert low.reason == "mandatory candidates cost £600 in 2022 against a budget of £400"
    assert full.status == "optimal" and "erp" in full.selected


def test_a_candidate_both_mandatory_and_forbidden_makes_every_point_infeasible():
    points = efficient_frontier(
        CANDIDATES, BUDGETS, factors=[1, 2], mandatory=["erp"], forbidden=["erp"]
    )
    assert [p.status for p in points] == ["infeasible", "infeasible"]
    assert points[1].budgets == {2021: 2_000, 2022: 1_600}


def test_scaled_budgets_round_down_to_whole_pounds_reading_factors_as_written():
    assert 0.29 * 100 < 29  # float arithmetic would lose a pound here
    assert scale_budget(100, 0.29) == 29
    assert scale_budget(999, 0.5) == 499
    assert isinstance(scale_budget(2**60, 1.5), int)


@pytest.mark.parametrize("factors", [[], [-0.1], [float("nan")]])
def test_nonsense_factors_are_refused(factors):
    with pytest.raises(InvalidInput):
        efficient_frontier(CANDIDATES, BUDGETS, factors=factors)


def test_invalid_input_is_refused_rather_than_reported_as_points():
    with pytest.raises(InvalidInput):
        efficient_frontier(CANDIDATES, BUDGETS, mandatory=["mainframe"])
