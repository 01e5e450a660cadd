"""Workshop scoring: normalisation, averaging, weighting, competition ranking, spread."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.errors import InvalidInput, RuleViolation
from cpmo.prioritisation import Criterion, Score, competition_ranks, rank_candidates

# Hand-worked workshop. Weights 3 : 1 normalise to 0.75 : 0.25.
#   benefit   1–5, higher is better: (s − 1)/4 · 100
#   cost_risk 0–10, lower is better: 100 − s/10 · 100
# A: benefit 5, 5 → 100, 100 (mean 100); cost_risk 0, 2 → 100, 80 (mean 90, spread 20, std 10)
#    total 0.75·100 + 0.25·90 = 97.5
# B: benefit 4, 2 → 75, 25 (mean 50, spread 50, std 25); cost_risk 5, 5 → 50 → total 50
# C: benefit 3, 3 → 50; cost_risk 5 (s1 only) → 50 → total 50 (ties with B)
# D: benefit 1, 2 → 0, 25 (mean 12.5); cost_risk unscored → 0 → total 9.375
CRITERIA = [
    Criterion("benefit", 3, 1, 5),
    Criterion("cost_risk", 1, 0, 10, "lower_is_better"),
]
SCORES = [
    Score(scorer, candidate, criterion, value)
    for scorer, candidate, criterion, value in [
        ("s1", "A", "benefit", 5),
        ("s2", "A", "benefit", 5),
        ("s1", "A", "cost_risk", 0),
        ("s2", "A", "cost_risk", 2),
        ("s1", "B", "benefit", 4),
        ("s2", "B", "benefit", 2),
        ("s1", "B", "cost_risk", 5),
        ("s2", "B", "cost_risk", 5),
        ("s1", "C", "benefit", 3),
        ("s2", "C", "benefit", 3),
        ("s1", "C", "cost_risk", 5),
        ("s1", "D", "benefit", 1),
        ("s2", "D", "benefit", 2),
    ]
]


def by_candidate(results):
    return {r.candidate: r for r in results}


def test_hand_worked_workshop_totals_and_competition_ranks():
    results = rank_candidates(CRITERIA, SCORES)
    assert [(r.candidate, r.rank) for r in results] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]
    assert [r.total for r in results] == pytest.approx([97.5, 50, 50, 9.375])


def test_breakdown_shows_normalised_means_and_weighted_contributions():
    a = by_candidate(rank_candidates(CRITERIA, SCORES))["A"]
    assert a.breakdown["benefit"].normalised_mean == pytest.approx(100)
    assert a.breakdown["benefit"].contribution == pytest.approx(75)
    assert a.breakdown["cost_risk"].normalised_mean == pytest.approx(90)
    assert a.breakdown["cost_risk"].contribution == pytest.approx(22.5)
    assert a.breakdown["cost_risk"].weight == pytest.approx(0.25)
    assert a.breakdown["cost_risk"].scores == 2


def test_spread_between_scorers_is_range_and_population_std():
    results = by_candidate(rank_candidates(CRITERIA, SCORES))
    assert results["A"].breakdown["cost_risk"].spread == pytest.approx(20)
    assert results["A"].breakdown["cost_risk"].std == pytest.approx(10)
    assert results["B"].breakdown["benefit"].spread == pytest.approx(50)
    assert results["B"].breakdown["benefit"].std == pytest.approx(25)
    assert results["C"].breakdown["cost_risk"].spread == 0


def test_disagreement_is_flagged_when_a_spread_exceeds_the_threshold():
    results = by_candidate(rank_candidates(CRITERIA, SCORES))
    assert [results[c].disagreement for c in "ABCD"] == [False, True, False, False]
    relaxed = by_candidate(rank_candidates(CRITERIA, SCORES, disagreement_threshold=60))
    assert not relaxed["B"].disagreement


def test_an_unscored_criterion_contributes_nothing_and_is_listed_as_missing():
    d = by_candidate(rank_candidates(CRITERIA, SCORES))["D"]
    assert d.missing == ("cost_risk",)
    assert d.breakdown["cost_risk"].normalised_mean is None
    assert d.breakdown["cost_risk"].contribution == 0
    assert d.breakdown["cost_risk"].scores == 0


def test_a_listed_candidate_nobody_scored_ranks_last_with_everything_missing():
    results = rank_candidates(CRITERIA, SCORES, candidates=["A", "B", "C", "D", "E"])
    assert results[-1].candidate == "E"
    assert results[-1].rank == 5 and results[-1].total == 0
    assert results[-1].missing == ("benefit", "cost_risk")


def test_lower_is_better_reverses_the_scale():
    criteria = [Criterion("cost", 1, 1, 5, "lower_is_better")]
    scores = [Score("s1", c, "cost", v) for c, v in [("cheap", 1), ("mid", 2), ("dear", 5)]]
    totals = {r.candidate: r.total for r in rank_candidates(criteria, scores)}
    assert totals == pytest.approx({"cheap": 100, "mid": 75, "dear": 0})


def test_totals_that_differ_only_by_float_noise_tie():
    assert 0.1 + 0.2 != 0.3
    assert competition_ranks(np.array([0.3, 0.1 + 0.2, 0.5, 0.1])).tolist() == [2, 2, 1, 4]


def test_competition_ranking_handles_runs_of_ties():
    assert competition_ranks(np.array([5, 5, 5, 1, 1, 0])).tolist() == [1, 1, 1, 4, 4, 6]


def test_a_score_outside_the_scale_is_refused_naming_scorer_candidate_and_criterion():
    with pytest.raises(RuleViolation) as refused:
        rank_candidates(CRITERIA, [*SCORES, Score("s3", "B", "benefit", 6)])
    extra = refused.value.extra
    assert (extra["scorer"], extra["candidate"], extra["criterion"]) == ("s3", "B", "benefit")
    assert "'s3'" in refused.value.detail and "'benefit'" in refused.value.detail


def test_a_score_that_is_not_a_number_is_refused():
    with pytest.raises(RuleViolation):
        rank_candidates(CRITERIA, [Score("s1", "A", "benefit", float("nan"))])


def test_a_score_against_an_unknown_criterion_is_invalid_input():
    with pytest.raises(InvalidInput):
        rank_candidates(CRITERIA, [Score("s1", "A", "beauty", 3)])


def test_a_score_for_an_unlisted_candidate_is_invalid_input():
    with pytest.raises(InvalidInput):
        rank_candidates(CRITERIA, SCORES, candidates=["A", "B"])


def test_a_scorer_scoring_the_same_thing_twice_is_refused():
    with pytest.raises(InvalidInput) as refused:
        rank_candidates(CRITERIA, [*SCORES, Score("s1", "A", "benefit", 4)])
    assert refused.value.extra["scorer"] == "s1"


@pytest.mark.parametrize(
    "criterion",
    [
        Criterion("benefit", 1, 5, 5),
        Criterion("benefit", 1, 1, 5, "sideways"),  # type: ignore[arg-type]
        Criterion("benefit", -1, 1, 5),
    ],
)
def test_malformed_criteria_are_invalid_input(criterion):
    with pytest.raises(InvalidInput):
        rank_candidates([criterion], [])


def reference_totals(criteria, scores):
    """Plain-Python version of the scoring rule, for comparison with the vectorised one."""
    weight_sum = sum(c.weight for c in criteria)
    totals = {}
    for cand in {s.candidate for s in scores}:
        total = 0.0
        for c in criteria:
            values = [s.value for s in scores if s.candidate == cand and s.criterion == c.key]
            norm = [(v - c.scale_min) / (c.scale_max - c.scale_min) * 100 for v in values]
            if c.direction == "lower_is_better":
                norm = [100 - n for n in norm]
            if norm:
                total += c.weight / weight_sum * sum(norm) / len(norm)
        totals[cand] = total
    return totals


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_vectorised_ranking_agrees_with_a_plain_python_reference(data):
    n_criteria = data.draw(st.integers(1, 4))
    criteria = [
        Criterion(
            f"k{k}",
            data.draw(st.integers(0, 5)) + (k == 0),
            0,
            data.draw(st.sampled_from([5, 10])),
            data.draw(st.sampled_from(["higher_is_better", "lower_is_better"])),
        )
        for k in range(n_criteria)
    ]
    cells = data.draw(
        st.sets(
            st.tuples(
                st.sampled_from(["s1", "s2", "s3"]),
                st.sampled_from("ABCDE"),
                st.integers(0, n_criteria - 1),
            ),
            min_size=1,
            max_size=40,
        )
    )
    scores = [
        Score(s, c, f"k{k}", data.draw(st.integers(0, criteria[k].scale_max)))
        for s, c, k in sorted(cells)
    ]
    results = rank_candidates(criteria, scores)
    expected = reference_totals(criteria, scores)
    assert {r.candidate: r.total for r in results} == pytest.approx(expected)
    for r in results:
        assert r.rank == 1 + sum(round(o.total, 9) > round(r.total, 9) for o in results)
