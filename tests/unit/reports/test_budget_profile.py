"""The budget profile: whole-life costs phased by year, in exact pounds."""

from datetime import date

from cpmo.reports.compose.budget import budget_profile, phase
from tests.support.report_facts import programme


def test_a_cost_is_spread_by_days_in_each_year_and_adds_up_to_the_penny() -> None:
    shares = phase(1_000_001, date(2020, 7, 1), date(2022, 6, 30))
    assert set(shares) == {2020, 2021, 2022}
    assert sum(shares.values()) == 1_000_001
    assert abs(shares[2021] - 1_000_001 * 365 / 730) <= 1


def test_a_single_year_takes_all_the_cost() -> None:
    assert phase(500, date(2024, 3, 1), date(2024, 3, 2)) == {2024: 500}


def test_planned_cost_sits_beside_the_allocation_and_undated_costs_are_unphased() -> None:
    dated = programme(
        "a",
        whole_life_cost_gbp=2_000,
        planned_start=date(2021, 1, 1),
        planned_end=date(2022, 12, 31),
    )
    undated = programme("b", whole_life_cost_gbp=7_000)
    profile = budget_profile([dated, undated], {2022: 5_000, 2023: 6_000}, ["O13-14 TTP"])
    assert [(y.year, y.planned_gbp, y.allocation_gbp) for y in profile.years] == [
        (2021, 1_000, None),
        (2022, 1_000, 5_000),
        (2023, 0, 6_000),
    ]
    assert (profile.unphased_gbp, profile.unphased_programmes) == (7_000, ["b"])


def test_a_parent_is_not_counted_twice_when_its_children_are_costed() -> None:
    span = {"planned_start": date(2020, 1, 1), "planned_end": date(2020, 12, 31)}
    parent = programme("ttp", whole_life_cost_gbp=10_000, **span)
    child = programme("ttp-a", parent="ttp", whole_life_cost_gbp=4_000, **span)
    profile = budget_profile([parent, child], {}, [])
    assert [(y.year, y.planned_gbp) for y in profile.years] == [(2020, 4_000)]
