"""The cost roll-up and phasing rules, by example and by property (hypothesis)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.finance.costs import SPREAD_NOTE, CostInput, roll_up
from cpmo.finance.years import APRIL, financial_year, spread_evenly, year_label

TTP_PROFILE = {2020: 5_000_000, 2021: 4_000_000, 2022: 4_800_000}


def seeded_shape() -> list[CostInput]:
    """The shape the issue reproduced: a £99m parent, a costed child, a stopped programme."""
    return [
        CostInput("ttp", "Technology Transformation Programme", None, 99_000_000),
        CostInput(
            "payroll",
            "Payroll",
            "ttp",
            13_800_000,
            approved_profile=TTP_PROFILE,
            approved_source="approved FBC",
        ),
        CostInput("old", "Old scheme", None, 400_000, active=False, spent_to_date_gbp=150_000),
    ]


def test_a_parent_counts_its_children_plus_its_unallocated_remainder_once() -> None:
    cost = roll_up(seeded_shape())
    assert cost.total_gbp == 99_000_000  # not 99m + 13.8m + 0.4m
    remainder = next(line for line in cost.lines if line.code == "ttp")
    assert (remainder.kind, remainder.amount_gbp) == ("remainder", 85_200_000)
    assert remainder.label == "Technology Transformation Programme (unallocated remainder)"


def test_stopped_programmes_are_shown_apart_and_not_in_forward_totals() -> None:
    cost = roll_up(seeded_shape())
    assert [line.code for line in cost.apart] == ["old"]
    assert cost.apart_gbp == 400_000 and cost.apart[0].spent_to_date_gbp == 150_000


def test_the_approved_profile_phases_a_programme_and_the_remainder_is_listed_unphased() -> None:
    cost = roll_up(seeded_shape())
    assert cost.years == TTP_PROFILE  # never spread evenly at 4.6m a year
    assert [(line.code, line.unphased_gbp) for line in cost.unphased] == [("ttp", 85_200_000)]
    assert sum(cost.years.values()) + cost.unphased_gbp == cost.total_gbp


def test_children_above_the_envelope_are_an_exception_and_count_once() -> None:
    cost = roll_up([CostInput("p", "Parent", None, 10), CostInput("c", "Child", "p", 15)])
    assert cost.total_gbp == 15
    assert [(e.code, e.excess_gbp) for e in cost.exceptions] == [("p", 5)]


def test_a_profile_that_does_not_add_up_is_not_used_and_says_why() -> None:
    item = CostInput(
        "a", "A", None, 100, approved_profile={2020: 60}, approved_source="approved OBC"
    )
    (line,) = roll_up([item]).lines
    assert line.phasing == "unphased" and line.unphased_gbp == 100
    assert line.source == "approved OBC adds up to £60, not £100"


def test_a_spread_is_marked_as_an_estimate() -> None:
    item = CostInput(
        "a", "A", None, 1_000, planned_start=date(2020, 1, 1), planned_end=date(2021, 12, 31)
    )
    (line,) = roll_up([item]).lines
    assert line.phasing == "spread_evenly" and line.source == SPREAD_NOTE
    assert line.years == {2020: 500, 2021: 500}


def test_the_remainder_follows_the_parents_profile_less_its_childrens() -> None:
    parent = CostInput(
        "p", "P", None, 100, approved_profile={2020: 50, 2021: 50}, approved_source="approved FBC"
    )
    child = CostInput(
        "c", "C", "p", 30, approved_profile={2020: 30}, approved_source="approved FBC"
    )
    cost = roll_up([parent, child])
    remainder = next(line for line in cost.lines if line.kind == "remainder")
    assert remainder.years == {2020: 20, 2021: 50}
    assert cost.years == {2020: 50, 2021: 50} and cost.unphased_gbp == 0


def test_financial_years_follow_the_portfolio() -> None:
    assert financial_year(date(2021, 3, 31), APRIL) == 2020
    assert financial_year(date(2021, 4, 1), APRIL) == 2021
    assert year_label(2020, APRIL) == "2020-21" and year_label(2099, APRIL) == "2099-00"
    assert year_label(2020) == "2020"
    assert spread_evenly(365, date(2021, 4, 1), date(2022, 3, 31), APRIL) == {2021: 365}


# --- properties -------------------------------------------------------------------------------

money = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000_000))


@st.composite
def portfolios(draw) -> list[CostInput]:  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=0, max_value=12))
    items = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=max(i - 1, 0))))
        cost = draw(money)
        profile = None
        if cost is not None and draw(st.booleans()):
            split = draw(st.integers(min_value=0, max_value=cost))
            profile = {2020: split, 2021: cost - split}
            if draw(st.booleans()):  # sometimes a profile that does not add up
                profile[2022] = draw(st.integers(min_value=1, max_value=1000))
        start = draw(st.one_of(st.none(), st.dates(date(2018, 1, 1), date(2030, 1, 1))))
        end = None if start is None else draw(st.dates(start, date(2032, 1, 1)))
        items.append(
            CostInput(
                code=f"p{i}",
                name=f"P{i}",
                parent=None if parent is None or i == 0 else f"p{parent}",
                whole_life_cost_gbp=cost,
                active=draw(st.booleans()) or draw(st.booleans()),
                approved_profile=profile,
                planned_start=start,
                planned_end=end,
            )
        )
    return items


def independent_value(code: str, items: dict[str, CostInput]) -> int | None:
    """A programme's worth, from its nearest costed descendants (written apart from roll_up)."""
    nearest = []
    frontier = [c for c, i in items.items() if i.parent == code]
    while frontier:
        child = frontier.pop()
        if items[child].whole_life_cost_gbp is not None:
            nearest.append(child)
        else:
            frontier += [c for c, i in items.items() if i.parent == child]
    values = [v for c in nearest if (v := independent_value(c, items)) is not None]
    own = items[code].whole_life_cost_gbp
    if not values:
        return own
    return max(own, sum(values)) if own is not None else sum(values)


@settings(max_examples=300, deadline=None)
@given(portfolios(), st.sampled_from([1, 4]))
def test_every_pound_is_counted_once_and_years_plus_unphased_is_the_total(items, month) -> None:
    cost = roll_up(items, start_month=month)
    by_code = {i.code: i for i in items}

    roots = [c for c, i in by_code.items() if i.parent is None]
    expected = sum(independent_value(c, by_code) or 0 for c in roots)
    assert cost.total_gbp + cost.apart_gbp == expected
    assert sum(cost.years.values()) + cost.unphased_gbp == cost.total_gbp
    for line in cost.lines:
        assert line.amount_gbp > 0 or line.kind == "own"
        assert sum(line.years.values()) + line.unphased_gbp == line.amount_gbp
        assert (
            all(amount >= 0 for amount in line.years.values()) or line.phasing == "approved_profile"
        )
    codes = [line.code for line in cost.lines]
    assert len(codes) == len(set(codes))  # one line per programme at most
    assert {line.code for line in cost.apart} <= {c for c, i in by_code.items() if not i.active}
