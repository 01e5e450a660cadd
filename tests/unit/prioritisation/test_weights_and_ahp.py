"""Direct weights and AHP: Saaty's eigenvector method, consistency ratio, refusals."""

import math

import numpy as np
import pytest

from cpmo.errors import InvalidInput, RuleViolation
from cpmo.prioritisation import (
    RANDOM_INDEX,
    ahp_weights,
    analyse_pairwise,
    matrix_from_judgements,
    normalise_weights,
    pairwise_matrix,
)

# A classic textbook 3×3 judgement matrix (criterion 1 moderately more important than 2,
# strongly more than 3; 2 moderately more than 3):
#     [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]
# Hand computation. For a 3×3 reciprocal matrix with a12 = a, a13 = b, a23 = c the principal
# eigenvalue is λmax = 1 + t + 1/t with t = (ac/b)^(1/3), and the principal eigenvector is
# proportional to the geometric means of the rows.
#     t = (9/5)^(1/3) = 1.216440, 1/t = 0.822071  →  λmax = 3.038511
#     CI = (3.038511 − 3)/2 = 0.019256;  CR = 0.019256 / 0.58 = 0.033199
#     row geometric means: 15^(1/3) = 2.466212, 1, 15^(−1/3) = 0.405480; sum 3.871692
#     weights = 0.636986, 0.258285, 0.104729
TEXTBOOK = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]


def test_direct_weights_are_scaled_to_sum_to_one():
    assert normalise_weights({"benefit": 3, "risk": 1}) == {"benefit": 0.75, "risk": 0.25}


def test_a_negative_weight_is_refused_naming_the_criterion():
    with pytest.raises(InvalidInput) as refused:
        normalise_weights({"benefit": 3, "risk": -1})
    assert "risk" in refused.value.errors


def test_weights_that_are_all_zero_are_refused():
    with pytest.raises(RuleViolation):
        normalise_weights({"benefit": 0, "risk": 0.0})


def test_the_textbook_matrix_gives_the_hand_computed_weights_and_consistency():
    result = analyse_pairwise(TEXTBOOK, ["cost", "benefit", "risk"])
    assert result.weights == pytest.approx((0.636986, 0.258285, 0.104729), abs=1e-6)
    assert result.lambda_max == pytest.approx(3.038511, abs=1e-6)
    assert result.ci == pytest.approx(0.019256, abs=1e-6)
    assert result.cr == pytest.approx(0.033199, abs=1e-6)
    assert result.weights_by_key()["cost"] == pytest.approx(0.636986, abs=1e-6)


def test_textbook_weights_agree_with_the_closed_form_to_machine_precision():
    t = (3 * 3 / 5) ** (1 / 3)
    means = [15 ** (1 / 3), 1.0, 15 ** (-1 / 3)]
    result = analyse_pairwise(TEXTBOOK)
    assert result.lambda_max == pytest.approx(1 + t + 1 / t, rel=1e-12)
    assert result.weights == pytest.approx([m / sum(means) for m in means], rel=1e-12)


def test_a_four_by_four_matrix_agrees_with_independent_power_iteration():
    a = pairwise_matrix([3, 7, 9, 5, 7, 3])  # rows 1–3 of the upper triangle
    w = np.ones(4) / 4
    for _ in range(200):  # power iteration: w ← Aw / ΣAw converges to the Perron vector
        w = a @ w
        w = w / w.sum()
    lam = float(np.mean((a @ w) / w))
    result = analyse_pairwise(a)
    assert result.weights == pytest.approx(w.tolist(), abs=1e-9)
    assert result.lambda_max == pytest.approx(lam, abs=1e-9)
    assert result.cr == pytest.approx((lam - 4) / 3 / 0.90, abs=1e-9)


def test_a_consistent_matrix_has_zero_cr_and_no_inconsistent_pair():
    result = analyse_pairwise(pairwise_matrix([2, 4, 8, 2, 4, 2]))
    assert result.weights == pytest.approx((8 / 15, 4 / 15, 2 / 15, 1 / 15))
    assert result.cr == 0.0
    assert result.most_inconsistent is None


def test_two_criteria_never_count_as_inconsistent():
    result = ahp_weights([[1, 9], [1 / 9, 1]])
    assert result.cr == 0.0
    assert result.weights == pytest.approx((0.9, 0.1))


def test_inconsistent_judgements_are_refused_naming_the_pair_to_revisit():
    # Consistent judgements for weights 8:4:2:1, except that a is now said to matter an
    # eighth as much as d instead of eight times as much: (a, d) is the odd one out.
    flipped = pairwise_matrix([2, 4, 1 / 8, 2, 4, 2])
    with pytest.raises(RuleViolation) as refused:
        ahp_weights(flipped, ["a", "b", "c", "d"])
    extra = refused.value.extra
    assert extra["cr"] >= 0.10
    assert extra["most_inconsistent"] == ["a", "d"]
    assert "'a'" in refused.value.detail and "'d'" in refused.value.detail


def test_inconsistent_judgements_are_accepted_when_the_facilitator_says_so():
    result = ahp_weights(pairwise_matrix([2, 4, 1 / 8, 2, 4, 2]), accept_inconsistent=True)
    assert result.cr >= 0.10
    assert sum(result.weights) == pytest.approx(1.0)


def test_the_most_inconsistent_pair_maximises_the_log_deviation():
    a = pairwise_matrix([2, 4, 1 / 8, 2, 4, 2])
    result = analyse_pairwise(a)
    w = result.weights
    worst = max(
        ((i, j) for i in range(4) for j in range(i + 1, 4)),
        key=lambda p: abs(math.log(a[p[0], p[1]] * w[p[1]] / w[p[0]])),
    )
    assert result.most_inconsistent == (str(worst[0]), str(worst[1]))


def test_keyed_judgements_build_a_reciprocal_matrix_in_either_direction():
    a = matrix_from_judgements(
        ["cost", "benefit", "risk"],
        {("cost", "benefit"): 3, ("risk", "cost"): 1 / 5, ("benefit", "risk"): 3},
    )
    assert a == pytest.approx(np.array(TEXTBOOK))


def test_a_missing_judgement_is_refused():
    with pytest.raises(InvalidInput):
        matrix_from_judgements(["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5})


@pytest.mark.parametrize(
    "matrix",
    [
        [[1, 3], [3, 1]],  # not reciprocal
        [[1, 0], [0, 1]],  # not positive
        [[1, 3, 5], [1 / 3, 1, 3]],  # not square
        [[2, 3], [1 / 3, 1]],  # diagonal not 1
        np.ones((16, 16)),  # beyond Saaty's random index table
    ],
)
def test_malformed_matrices_are_refused(matrix):
    with pytest.raises(InvalidInput):
        analyse_pairwise(matrix)


def test_rounded_reciprocals_within_tolerance_are_accepted():
    result = analyse_pairwise([[1, 3], [0.333, 1]])
    assert result.weights[0] > result.weights[1]


def test_the_random_index_table_is_saatys():
    assert RANDOM_INDEX[2:4] == (0.58, 0.90)
    assert len(RANDOM_INDEX) == 15 and RANDOM_INDEX[-1] == 1.59
