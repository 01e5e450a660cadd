"""What is overdue and what is due in the next quarter, worked by hand."""

from datetime import date

import pytest

from cpmo.plans.progress import Item, add_months, report, settle_percent
from cpmo.plans.when import Calendar, parse_when

KCC = Calendar(2013, 4)


def item(key, due_text, status="not_started", kind="action"):
    return Item(kind, key, key, parse_when(due_text, calendar=KCC), due_text, status)


ITEMS = [
    item("3.2", "September 2013"),  # due 30 Sep 2013
    item("3.3", "January 2014"),  # due 31 Jan 2014
    item("2.1", "March 2014"),  # due 31 Mar 2014
    item("1/A", "Various into 2014", kind="milestone"),  # due 31 Dec 2014
    item("2/D", "Various 2013-14", kind="milestone"),  # due 31 Mar 2014
    item("5/B", "Quarterly", kind="milestone"),  # no date
    item("10.2", "June 2013", status="done"),  # due 30 Jun 2013, done
    item("16.2", "August 2013", status="late"),  # due 31 Aug 2013
]


def keys(items):
    return [i.key for i in items]


def test_on_the_last_day_of_a_month_its_month_precise_items_are_due_not_overdue():
    result = report(ITEMS, date(2013, 9, 30))
    assert keys(result.overdue) == ["16.2"]
    assert keys(result.due_next_quarter) == ["3.2"]  # 3.3 is due 31 Jan, after 31 Dec
    assert result.window_end == date(2013, 12, 31)


def test_the_next_day_they_are_overdue():
    result = report(ITEMS, date(2013, 10, 1))
    assert keys(result.overdue) == ["16.2", "3.2"]
    assert keys(result.due_next_quarter) == []  # window ends 1 Jan 2014


def test_in_the_last_quarter_of_the_year_the_year_end_items_are_due():
    result = report(ITEMS, date(2014, 1, 1))
    assert keys(result.due_next_quarter) == ["3.3", "2.1", "2/D"]
    assert result.window_end == date(2014, 4, 1)


def test_various_into_2014_is_due_by_the_end_of_2014_and_overdue_in_2015():
    assert "1/A" in keys(report(ITEMS, date(2014, 10, 15)).due_next_quarter)
    assert "1/A" in keys(report(ITEMS, date(2015, 1, 1)).overdue)


def test_done_items_are_never_overdue_and_undated_ones_are_listed_with_their_text():
    result = report(ITEMS, date(2020, 1, 1))
    assert "10.2" not in keys(result.overdue)
    assert [(i.key, i.due_text) for i in result.undated] == [("5/B", "Quarterly")]


def test_counts_by_status_include_every_status():
    assert report(ITEMS, date(2013, 9, 30)).by_status == {
        "not_started": 6,
        "on_track": 0,
        "at_risk": 0,
        "late": 1,
        "done": 1,
    }


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2013, 5, 15), 3, date(2013, 8, 15)),
        (date(2013, 9, 30), 3, date(2013, 12, 31)),
        (date(2013, 11, 30), 3, date(2014, 2, 28)),
        (date(2014, 1, 31), 1, date(2014, 2, 28)),
        (date(2014, 1, 29), 1, date(2014, 2, 28)),
        (date(9999, 11, 1), 3, date.max),
    ],
)
def test_a_quarter_ahead_is_three_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


def test_done_means_one_hundred_percent_and_not_started_means_none():
    assert settle_percent("done", None, 40) == 100
    assert settle_percent("not_started", None, 40) == 0
    assert settle_percent("on_track", None, 40) == 40
    assert settle_percent("at_risk", 55, 40) == 55
    with pytest.raises(ValueError, match="100"):
        settle_percent("done", 90, 0)
    with pytest.raises(ValueError, match="0"):
        settle_percent("not_started", 10, 0)
