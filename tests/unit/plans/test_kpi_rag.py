"""RAG follows the direction in which a KPI improves."""

import pytest

from cpmo.plans.kpi_rag import rate, target_for
from cpmo.plans.periods import parse_period


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(100, "green"), (120, "green"), (96, "amber"), (95, "amber"), (94.9, "red"), (0, "red")],
)
def test_where_higher_is_better_meeting_the_target_is_green(actual, rag):
    assert rate(actual=actual, target=100, direction="higher").rag == rag


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(10, "green"), (3, "green"), (10.5, "amber"), (10.51, "red"), (20, "red")],
)
def test_where_lower_is_better_staying_under_the_target_is_green(actual, rag):
    assert rate(actual=actual, target=10, direction="lower").rag == rag


def test_the_same_actual_is_green_or_red_depending_on_the_direction():
    assert rate(actual=12, target=10, direction="higher").rag == "green"
    assert rate(actual=12, target=10, direction="lower").rag == "red"


def test_a_kpi_may_widen_its_amber_band():
    assert rate(actual=80, target=100, direction="higher", tolerance=0.25).rag == "amber"
    assert rate(actual=80, target=100, direction="higher").rag == "red"


def test_a_zero_target_leaves_no_amber_band():
    assert rate(actual=0, target=0, direction="lower").rag == "green"
    assert rate(actual=1, target=0, direction="lower").rag == "red"


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"actual": None, "target": 1, "direction": "higher"}, "no actual"),
        ({"actual": 1, "target": None, "direction": "higher"}, "no numeric target"),
        ({"actual": 1, "target": 1, "direction": None}, "higher or lower"),
    ],
)
def test_without_an_actual_a_target_or_a_direction_it_is_unrated_with_the_reason(kwargs, reason):
    rating = rate(**kwargs)
    assert rating.rag == "unrated"
    assert reason in rating.reason


def _targets(*pairs):
    return [(parse_period(p) if p else None, value) for p, value in pairs]


def test_the_target_for_the_same_period_applies_first():
    targets = _targets(("2013-14", 90), ("2013-14 Q2", 50))
    assert target_for(parse_period("2013-14 Q2"), targets) == 50


def test_a_years_target_rates_its_quarters():
    assert target_for(parse_period("2013-14 Q3"), _targets(("2013-14", 90))) == 90


def test_a_later_quarters_target_does_not_rate_an_earlier_quarter():
    assert target_for(parse_period("2013-14 Q2"), _targets(("2013-14 Q4", 100))) is None


def test_an_earlier_target_is_carried_forward_and_a_standing_target_applies_last():
    targets = _targets(("2008-09", 50), ("2009-10", 60), (None, 97))
    assert target_for(parse_period("2011-12"), targets) == 60
    assert target_for(parse_period("2007-08"), targets) == 97
