"""A plan's percent complete: the mean of its actions' (milestones' when it has no actions)."""

from datetime import date

from cpmo.plans.progress import Item, report

DAY = date(2020, 6, 30)


def _item(kind: str, key: str, percent: int) -> Item:
    return Item(kind, key, key, None, None, "on_track", percent)


def test_plan_percent_is_the_mean_of_its_actions() -> None:
    items = [_item("action", "1", 50), _item("action", "2", 0), _item("milestone", "1/A", 100)]
    assert report(items, DAY).percent_complete == 25


def test_plan_without_actions_counts_its_milestones() -> None:
    items = [_item("milestone", "1/A", 100), _item("milestone", "1/B", 0)]
    assert report(items, DAY).percent_complete == 50


def test_empty_plan_is_nought_percent_complete() -> None:
    assert report([], DAY).percent_complete == 0
