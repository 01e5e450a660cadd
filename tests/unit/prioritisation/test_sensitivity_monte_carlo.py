"""Monte Carlo weight sensitivity: reproducible, vectorised, honest about robustness."""

import numpy as np
import pytest

from cpmo.errors import InvalidInput
from cpmo.prioritisation import (
    Criterion,
    Score,
    build_score_table,
    table_sensitivity,
    weight_sensitivity,
)
from cpmo.prioritisation.sensitivity import perturb_weights

CANDIDATES = ["lead", "close_a", "close_b", "tail"]
MEANS = np.array(
    [
        [95.0, 90.0, 92.0],  # better than everyone on every criterion
        [60.0, 40.0, 50.0],
        [40.0, 60.0, 50.0],  # mirror image of close_a: order depends on the weights
        [10.0, 5.0, 0.0],  # worse than everyone on every criterion
    ]
)
WEIGHTS = [1.0, 1.0, 1.0]


def stats(result):
    return {c.candidate: c for c in result.candidates}


def test_the_same_seed_gives_the_same_answer():
    first = weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=2, seed=42)
    again = weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=2, seed=42)
    assert first == again
    assert first.seed == 42


def test_different_seeds_sample_different_weights():
    a = weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=2, seed=1, samples=200)
    b = weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=2, seed=2, samples=200)
    assert stats(a)["close_a"].p_top_k != stats(b)["close_a"].p_top_k


def test_a_dominant_candidate_always_stays_first_and_is_robust():
    lead = stats(weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=1, seed=7))["lead"]
    assert lead.p_top_k == 1.0
    assert (lead.min_rank, lead.max_rank, lead.median_rank, lead.base_rank) == (1, 1, 1.0, 1)
    assert lead.robust


def test_a_candidate_whose_rank_never_changes_is_robust_even_outside_the_top_k():
    tail = stats(weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=2, seed=7))["tail"]
    assert tail.p_top_k == 0.0
    assert tail.min_rank == tail.max_rank == 4
    assert tail.robust


def test_candidates_on_a_knife_edge_swap_places_and_are_not_robust():
    result = stats(weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, top_k=2, seed=7))
    for key in ("close_a", "close_b"):
        assert (result[key].min_rank, result[key].max_rank) == (2, 3)
        assert 0.3 < result[key].p_top_k < 0.7
        assert not result[key].robust
    assert result["close_a"].p_top_k + result["close_b"].p_top_k == pytest.approx(1.0)


def test_equal_candidates_share_a_rank_in_every_sample():
    means = np.array([[50.0, 50.0], [50.0, 50.0], [10.0, 0.0]])
    result = stats(weight_sensitivity(["x", "y", "z"], means, [1, 2], top_k=1, seed=3))
    assert result["x"].p_top_k == result["y"].p_top_k == 1.0
    assert result["z"].min_rank == 3


def test_zero_perturbation_reproduces_the_base_ranking():
    result = weight_sensitivity(CANDIDATES, MEANS, [3, 1, 1], perturbation=0.0, seed=1, top_k=2)
    for c in result.candidates:
        assert c.min_rank == c.max_rank == c.base_rank


def test_perturbed_weights_stay_within_the_band_and_sum_to_one():
    w = np.array([0.5, 0.3, 0.2])
    p = 0.10
    sampled = perturb_weights(w, samples=500, perturbation=p, rng=np.random.default_rng(0))
    assert sampled.shape == (500, 3)
    assert sampled.sum(axis=1) == pytest.approx(np.ones(500))
    ratio = (sampled[:, 0] / sampled[:, 1]) / (w[0] / w[1])
    assert ratio.min() >= (1 - p) / (1 + p) and ratio.max() <= (1 + p) / (1 - p)


def test_results_come_in_base_rank_order_with_the_run_parameters():
    result = weight_sensitivity(CANDIDATES, MEANS, [2, 1, 1], samples=50, seed=0, top_k=3)
    assert [c.candidate for c in result.candidates] == ["lead", "close_a", "close_b", "tail"]
    assert (result.samples, result.top_k, result.perturbation) == (50, 3, 0.10)


def test_a_workshop_score_table_can_be_analysed_directly():
    criteria = [Criterion("benefit", 2, 0, 10), Criterion("cost", 1, 0, 10, "lower_is_better")]
    scores = [
        Score("s1", "a", "benefit", 9),
        Score("s1", "a", "cost", 1),
        Score("s1", "b", "benefit", 2),
        Score("s1", "b", "cost", 8),
    ]
    result = table_sensitivity(build_score_table(criteria, scores), top_k=1, seed=5)
    assert stats(result)["a"].p_top_k == 1.0


@pytest.mark.parametrize(
    "options",
    [
        {"top_k": 0},
        {"samples": 0},
        {"perturbation": 1.0},
        {"perturbation": -0.1},
        {"confidence": 0.0},
    ],
)
def test_nonsense_parameters_are_refused(options):
    with pytest.raises(InvalidInput):
        weight_sensitivity(CANDIDATES, MEANS, WEIGHTS, seed=1, **options)


def test_a_score_array_of_the_wrong_shape_is_refused():
    with pytest.raises(InvalidInput):
        weight_sensitivity(CANDIDATES, MEANS.T, WEIGHTS, seed=1)
