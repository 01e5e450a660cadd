"""The budget profile: the finance roll-up by financial year, in exact pounds."""

from datetime import date

from cpmo.finance.years import APRIL, spread_evenly
from cpmo.reports.compose.budget import budget_profile
from cpmo.reports.compose.finance import cost_of
from tests.support.report_facts import programme


def _profile(facts, allocations=None, lines=None, start_month=1):  # type: ignore[no-untyped-def]
    return budget_profile(cost_of(facts, start_month), allocations or {}, lines or [])


def test_a_cost_is_spread_by_days_in_each_year_and_adds_up_to_the_penny() -> None:
    shares = spread_evenly(1_000_001, date(2020, 7, 1), date(2022, 6, 30))
    assert set(shares) == {2020, 2021, 2022}
    assert sum(shares.values()) == 1_000_001
    assert abs(shares[2021] - 1_000_001 * 365 / 730) <= 1


def test_a_single_year_takes_all_the_cost() -> None:
    assert spread_evenly(500, date(2024, 3, 1), date(2024, 3, 2)) == {2024: 500}


def test_planned_cost_sits_beside_the_allocation_and_undated_costs_are_unphased() -> None:
    dated = programme(
        "a",
        whole_life_cost_gbp=2_000,
        planned_start=date(2021, 1, 1),
        planned_end=date(2022, 12, 31),
    )
    undated = programme("b", whole_life_cost_gbp=7_000)
    profile = _profile([dated, undated], {2022: 5_000, 2023: 6_000}, ["O13-14 TTP"])
    assert [(y.year, y.planned_gbp, y.allocation_gbp) for y in profile.years] == [
        (2021, 1_000, None),
        (2022, 1_000, 5_000),
        (2023, 0, 6_000),
    ]
    assert (profile.unphased_gbp, profile.unphased_programmes) == (7_000, ["b"])
    assert [s.programme for s in profile.estimated] == ["a"]  # a spread is said to be one
    assert profile.total_gbp == 9_000


def test_a_parents_remainder_is_listed_unphased_beside_its_costed_child() -> None:
    span = {"planned_start": date(2020, 1, 1), "planned_end": date(2020, 12, 31)}
    parent = programme("ttp", whole_life_cost_gbp=10_000, **span)
    child = programme("ttp-a", parent="ttp", whole_life_cost_gbp=4_000, **span)
    profile = _profile([parent, child])
    assert [(y.year, y.planned_gbp) for y in profile.years] == [(2020, 4_000)]
    assert [(s.programme, s.amount_gbp) for s in profile.unphased] == [("ttp", 6_000)]
    assert profile.total_gbp == 10_000  # never dropped, never counted twice


def test_the_approved_profile_is_used_and_years_follow_the_financial_year() -> None:
    approved = programme(
        "pay",
        whole_life_cost_gbp=13_800_000,
        approved_profile={2020: 5_000_000, 2021: 4_000_000, 2022: 4_800_000},
        approved_source="approved FBC, version 1",
        planned_start=date(2020, 4, 1),
        planned_end=date(2023, 3, 31),
    )
    profile = _profile([approved], start_month=APRIL)
    assert [(y.label, y.planned_gbp) for y in profile.years] == [
        ("2020-21", 5_000_000),
        ("2021-22", 4_000_000),
        ("2022-23", 4_800_000),
    ]
    assert not profile.estimated and not profile.unphased


def test_stopped_and_closed_programmes_are_shown_apart() -> None:
    stopped = programme("old", stage="stopped", whole_life_cost_gbp=400_000)
    live = programme("new", whole_life_cost_gbp=1_000)
    profile = _profile([stopped, live])
    assert profile.total_gbp == 1_000 and profile.stopped_closed_gbp == 400_000
    assert [s.programme for s in profile.stopped_closed] == ["old"]


def test_a_figure_from_an_illustrative_record_is_marked_in_the_pack() -> None:
    import subprocess
    from dataclasses import replace

    from cpmo.reports.service import render_report, to_json
    from tests.support.report_sample import sample_report

    report = sample_report()
    assert '"illustrative": false' in to_json(report)
    marked = replace(report, headline=replace(report.headline, illustrative=True))
    html = render_report(marked, "html").decode()
    assert "<strong>Illustrative:</strong>" in html
    pdf = subprocess.run(
        ["pdftotext", "-", "-"], input=render_report(marked, "pdf"), capture_output=True
    )
    if pdf.returncode == 0:  # poppler-utils present
        assert "Illustrative:" in pdf.stdout.decode()


def test_an_illustrative_cost_makes_the_headline_illustrative() -> None:
    from cpmo.reports.compose.finance import cost_of

    real = programme("a", whole_life_cost_gbp=10)
    assert not cost_of([real], 1).illustrative
    made_up = programme("b", whole_life_cost_gbp=10, illustrative=True)
    assert cost_of([real, made_up], 1).illustrative
