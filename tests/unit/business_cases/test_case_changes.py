"""Comparing two business cases field by field: single values, money as numbers, the
profile by year, lists paired by name (added, removed, changed)."""

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.business_cases.changes import case_changes
from tests.support.cases import complete_case


def _case() -> dict[str, Any]:
    body = complete_case("obc")
    body.pop("kind")
    return body


def _rows(changes) -> list[tuple[str, str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(c.change, c.label, c.before, c.after) for c in changes]


def test_a_case_compared_with_itself_has_no_changes() -> None:
    assert case_changes(_case(), _case()) == []


def test_a_new_cost_is_one_change_shown_as_money() -> None:
    after = _case()
    after["financial"]["whole_life_cost"] = 2_500_000
    assert _rows(case_changes(_case(), after)) == [
        ("changed", "Whole-life cost", "£2,000,000", "£2,500,000")
    ]


def test_the_profile_is_compared_year_by_year() -> None:
    after = _case()
    after["financial"]["profile"] = {"2021": 1_000_000, "2022": 900_000, "2023": 100_000}
    assert _rows(case_changes(_case(), after)) == [
        ("changed", "Spend in 2022", "£1,000,000", "£900,000"),
        ("added", "Spend in 2023", None, "£100,000"),
    ]


def test_list_items_are_paired_by_name_whatever_their_order() -> None:
    after = _case()
    milestones = after["management"]["milestones"]
    milestones.reverse()
    milestones[1]["due"] = "2022-06-30"  # "Go live", now second
    after["commercial"]["lots"] = [{"name": "Integration"}, {"name": "Hosting"}]
    after["economic"]["options"][0]["npv"] = -900_000
    assert _rows(case_changes(_case(), after)) == [
        (
            "changed",
            "Option “Business as usual”: net present value",
            "−£1,000,000",
            "−£900,000",
        ),
        ("removed", "Lot “Software”", "—", None),
        ("added", "Lot “Hosting”", None, "—"),
        ("changed", "Milestone “Go live”: due date", "31 March 2022", "30 June 2022"),
    ]


def test_an_added_item_is_summarised_in_the_words_of_the_form() -> None:
    after = _case()
    after["management"]["benefits"].append(
        {"title": "Fewer paper forms", "value_gbp": 50_000, "measure": "forms a year"}
    )
    [change] = case_changes(_case(), after)
    assert (change.section_label, change.label, change.after) == (
        "Management case",
        "Benefit “Fewer paper forms”",
        "value: £50,000; measure: forms a year",
    )


def test_a_text_field_emptied_or_filled_is_removed_or_added() -> None:
    before, after = _case(), _case()
    del after["commercial"]["procurement_route"]
    before["management"]["senior_responsible_owner"] = ""
    assert _rows(case_changes(before, after)) == [
        ("removed", "Procurement route", "Open tender", None),
        ("added", "Senior responsible owner", None, "Director of Modernisation and Digital"),
    ]


def test_a_missing_section_compares_as_empty() -> None:
    changes = case_changes({}, _case())
    assert changes and all(c.change == "added" for c in changes)
    assert case_changes(_case(), {}) and case_changes({}, {}) == []


# Where each single value lives: its section, its field and a value of its type.
EDITS = {
    ("strategic", "case_for_change"): st.text(min_size=1, max_size=20),
    ("economic", "preferred_option"): st.text(min_size=1, max_size=20),
    ("commercial", "procurement_route"): st.text(min_size=1, max_size=20),
    ("financial", "whole_life_cost"): st.integers(min_value=-(10**12), max_value=10**12),
    ("financial", "funding_source"): st.text(min_size=1, max_size=20),
    ("management", "senior_responsible_owner"): st.text(min_size=1, max_size=20),
}
edits = st.dictionaries(st.sampled_from(sorted(EDITS)), st.none(), max_size=len(EDITS)).flatmap(
    lambda chosen: st.fixed_dictionaries({where: EDITS[where] for where in chosen})
)


@settings(max_examples=60, deadline=None)
@given(edits)
def test_every_changed_field_appears_once_and_only_those(edits: dict) -> None:  # type: ignore[type-arg]
    before = _case()
    after = copy.deepcopy(before)
    for (section, name), value in edits.items():
        after[section][name] = value
    changed = {
        (section, name) for (section, name), v in edits.items() if before[section][name] != v
    }
    found = [(c.section, c.field) for c in case_changes(before, after)]
    assert sorted(found) == sorted(changed)
    assert case_changes(after, after) == []


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.integers(min_value=1990, max_value=2099).map(str),
        st.integers(min_value=0, max_value=10**9),
        max_size=8,
    ),
    st.lists(st.text(min_size=1, max_size=8), max_size=6),
)
def test_applying_no_change_yields_none(profile: dict[str, int], names: list[str]) -> None:
    case = _case()
    case["financial"]["profile"] = profile
    case["management"]["milestones"] = [{"name": n, "due": "2024-01-31"} for n in names]
    assert case_changes(case, copy.deepcopy(case)) == []
    moved = copy.deepcopy(case)
    moved["management"]["milestones"].reverse()
    assert case_changes(case, moved) == []
