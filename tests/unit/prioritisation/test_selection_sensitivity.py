"""The selection's stability under weight perturbation: re-solved per sample when small
enough, else the top k with k the size of the unperturbed selection."""

import time

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.prioritisation.selection import solve_problem
from cpmo.prioritisation.selection_input import Candidate, prepare_selection
from cpmo.prioritisation.selection_sensitivity import (
    RESOLVED,
    TOP_K,
    choose_method,
    in_top_k,
    selection_stability,
)


def _problem(means: np.ndarray, weights: np.ndarray, costs: list[int], budget: int):  # type: ignore[no-untyped-def]
    values = means @ (weights / weights.sum())
    candidates = [
        Candidate(key=f"c{i}", value=float(v), costs={"2020": c})
        for i, (v, c) in enumerate(zip(values, costs, strict=True))
    ]
    problem = prepare_selection(candidates, {"2020": budget})
    base = solve_problem(problem, compare_greedy=False)
    return problem, [problem.keys.index(k) for k in base.selected]


def test_five_candidates_with_room_for_two_are_judged_against_two_places() -> None:
    means = np.array([[90, 90], [80, 80], [70, 70], [60, 60], [10, 10]], dtype=float)
    problem, chosen = _problem(means, np.array([1.0, 1.0]), [10] * 5, 20)
    for method in (RESOLVED, TOP_K):
        result = selection_stability(
            problem, means, [1, 1], chosen, samples=50, seed=1, method=method
        )
        shares = {c.candidate: c.p_selected for c in result.candidates}
        assert result.k == 2 and result.method == method
        assert shares == {"c0": 1.0, "c1": 1.0, "c2": 0.0, "c3": 0.0, "c4": 0.0}
        assert sum(shares.values()) == 2.0, "not 'top 5: 100%' for a five-candidate workshop"


def test_a_close_call_moves_in_and_out_of_the_selection() -> None:
    # c1 and c2 are near-equal on different criteria: the weights decide which one fits
    means = np.array([[100, 100], [60, 40], [40, 60]], dtype=float)
    problem, chosen = _problem(means, np.array([1.0, 1.0]), [10, 10, 10], 20)
    result = selection_stability(problem, means, [1, 1], chosen, samples=200, seed=3)
    shares = {c.candidate: c for c in result.candidates}
    assert shares["c0"].p_selected == 1.0 and shares["c0"].stable
    assert 0.2 < shares["c1"].p_selected < 0.8 and not shares["c1"].stable
    assert abs(shares["c1"].p_selected + shares["c2"].p_selected - 1.0) < 1e-9


def test_the_rule_re_solves_small_runs_and_counts_the_top_k_for_large_ones() -> None:
    assert choose_method(10, 100) == RESOLVED
    assert choose_method(481, 200) == TOP_K
    ranks = in_top_k(np.array([[3.0], [2.0], [2.0], [1.0]]), 2)
    assert ranks[:, 0].tolist() == [True, True, True, False], "ties share the better rank"
    assert not in_top_k(np.array([[3.0]]), 0).any()


def test_re_solving_a_ten_candidate_workshop_100_times_is_affordable() -> None:
    rng = np.random.default_rng(7)
    means = rng.uniform(0, 100, size=(10, 6))
    problem, chosen = _problem(
        means, np.ones(6), [int(c) for c in rng.integers(1, 50, size=10)], 120
    )
    start = time.perf_counter()
    selection_stability(problem, means, np.ones(6), chosen, samples=100, seed=1)
    assert time.perf_counter() - start < 5.0


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(1, 30)),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 100),
    st.sampled_from([RESOLVED, TOP_K]),
    st.floats(0.0, 0.5),
)
def test_shares_are_proportions_and_no_perturbation_keeps_the_selection(
    rows: list[tuple[int, int, int]], budget: int, method: str, perturbation: float
) -> None:
    means = np.array([[a, b] for a, b, _ in rows], dtype=float)
    problem, chosen = _problem(means, np.array([1.0, 2.0]), [c for _, _, c in rows], budget)
    result = selection_stability(
        problem, means, [1, 2], chosen, samples=20, seed=0, method=method, perturbation=perturbation
    )
    assert all(0.0 <= c.p_selected <= 1.0 for c in result.candidates)
    assert [c.selected for c in result.candidates] == [i in chosen for i in range(len(rows))]
    if method == TOP_K:  # exactly the k best by value each sample, ties counted in
        assert sum(c.p_selected for c in result.candidates) >= result.k - 1e-9
    still = selection_stability(
        problem, means, [1, 2], chosen, samples=5, seed=0, method=RESOLVED, perturbation=0.0
    )
    kept = [i for i, c in enumerate(still.candidates) if c.p_selected == 1.0]
    assert all(c.p_selected in (0.0, 1.0) for c in still.candidates)
    best = sum(float(problem.values[i]) for i in chosen)
    assert abs(sum(float(problem.values[i]) for i in kept) - best) < 1e-6
