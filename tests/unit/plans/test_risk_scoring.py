"""Risk scores, tolerances and the register's order."""

from dataclasses import dataclass

import pytest

from cpmo.plans.risks import DEFAULT_TOLERANCE, escalates, register_order, score, tolerance_of


@dataclass
class R:
    code: str
    likelihood: int | None
    impact: int | None


def test_the_score_is_likelihood_times_impact():
    assert score(4, 5) == 20
    assert score(1, 1) == 1
    assert score(None, 5) is None


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 9)])
def test_ratings_are_one_to_five(likelihood, impact):
    with pytest.raises(ValueError, match="1 to 5"):
        score(likelihood, impact)


def test_a_risk_escalates_only_when_its_score_passes_the_tolerance():
    assert not escalates(12, 12)
    assert escalates(15, 12)
    assert not escalates(None, 0)


def test_the_risks_own_tolerance_beats_the_plans_which_beats_the_default():
    assert tolerance_of(6, 20) == 6
    assert tolerance_of(None, 20) == 20
    assert tolerance_of(None, None) == DEFAULT_TOLERANCE == 12


def test_the_register_lists_the_highest_scores_first_and_unscored_risks_last():
    risks = [R("b", 2, 2), R("unscored", None, None), R("a", 4, 5), R("c", 5, 4), R("d", 1, 3)]
    assert [r.code for r in register_order(risks)] == ["a", "c", "b", "d", "unscored"]
