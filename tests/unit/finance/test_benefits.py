"""Benefit totals count a container and its parts once; rates never join one-off sums."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.finance.benefits import BenefitInput, benefit_totals, unaccounted_for_close


def documents_benefits() -> list[BenefitInput]:
    """The shape in document 000: £100m target containing the £20m 2021 plan, and a rate."""
    return [
        BenefitInput("eff-100m", "£100m efficiencies", 100_000_000),
        BenefitInput("eff-2021", "£20m in 2021", 20_000_000, part_of="eff-100m"),
        BenefitInput("ttp-70m", "c.£70m 2020-2025", 70_000_000),
        BenefitInput("ttp-15m", "£15m a year", 15_000_000, per_year=True),
    ]


def test_a_container_and_its_part_are_counted_once() -> None:
    totals = benefit_totals(documents_benefits())
    assert totals.one_off_gbp == 170_000_000  # not 190m
    assert totals.contained == {"eff-2021": "eff-100m"}


def test_a_yearly_rate_is_never_added_to_a_one_off_total() -> None:
    totals = benefit_totals(documents_benefits())
    assert totals.per_year_gbp == 15_000_000
    assert "ttp-15m" in totals.counted and totals.one_off_gbp == 170_000_000


def test_a_part_counts_when_its_container_is_not_in_the_total() -> None:
    totals = benefit_totals(documents_benefits(), among=["eff-2021", "ttp-15m"])
    assert totals.one_off_gbp == 20_000_000 and not totals.contained


def test_realisation_is_actual_over_planned_to_date_with_a_stated_horizon() -> None:
    b = BenefitInput("b", "B", planned={2020: 10, 2021: 20, 2022: 30}, actual={2020: 5, 2021: 10})
    totals = benefit_totals([b])
    assert totals.horizon == (2020, 2022)
    assert totals.realisation(2021) == 0.5 and totals.realisation(2019) is None


def test_closing_needs_an_actual_or_a_not_realised_rationale_for_each_planned_benefit() -> None:
    planned = {2020: 10}
    benefits = [
        BenefitInput("done", "D", planned=planned, actual={2020: 8}),
        BenefitInput("dropped", "X", planned=planned, not_realised="Service withdrawn in 2021"),
        BenefitInput("blank", "B", planned=planned, not_realised="  "),
        BenefitInput("open", "O", planned=planned),
        BenefitInput("unplanned", "U"),
    ]
    assert unaccounted_for_close(benefits) == ["blank", "open"]


def test_a_containment_loop_is_cut_so_one_of_its_members_counts() -> None:
    loop = [
        BenefitInput("a", "A", 10, part_of="c"),
        BenefitInput("b", "B", 10, part_of="a"),
        BenefitInput("c", "C", 10, part_of="b"),
    ]
    totals = benefit_totals(loop)
    assert totals.counted == ("a",) and totals.one_off_gbp == 10
    assert totals.contained == {"b": "a", "c": "a"}


@st.composite
def benefit_forests(draw) -> list[BenefitInput]:  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=0, max_value=12))
    out = []
    for i in range(n):
        # a forest: a benefit is part of an earlier one, or of one that does not exist
        part_of = draw(st.one_of(st.none(), st.integers(min_value=-1, max_value=i - 1), st.just(n)))
        out.append(
            BenefitInput(
                code=f"b{i}",
                title=f"B{i}",
                value_gbp=draw(st.one_of(st.none(), st.integers(0, 1_000_000))),
                per_year=draw(st.booleans()),
                part_of=None if part_of is None or part_of < 0 else f"b{part_of}",
                planned=draw(st.one_of(st.none(), st.just({2020: 1, 2021: 2}))),
            )
        )
    return out


@settings(max_examples=300, deadline=None)
@given(benefit_forests(), st.data())
def test_no_counted_benefit_contains_another_and_every_valued_one_is_accounted(
    forest, data
) -> None:
    by_code = {b.code: b for b in forest}
    among = data.draw(st.sets(st.sampled_from(sorted(by_code)))) if by_code else set()
    totals = benefit_totals(forest, among=among)

    def ancestors(code: str) -> set[str]:
        found, parent = set(), by_code[code].part_of
        while parent in by_code and parent not in found and parent != code:
            found.add(parent)
            parent = by_code[parent].part_of
        return found

    counted = set(totals.counted)
    for code in counted:
        assert not (ancestors(code) & counted), "a container and its part were both counted"
    valued = {c for c in among if by_code[c].valued}
    assert counted | set(totals.contained) == valued
    assert set(totals.contained.values()) <= counted
    assert totals.one_off_gbp == sum(
        by_code[c].value_gbp or 0 for c in counted if not by_code[c].per_year
    )
    assert totals.per_year_gbp == sum(
        by_code[c].value_gbp or 0 for c in counted if by_code[c].per_year
    )
