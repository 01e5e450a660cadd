from datetime import date

import pytest

from cpmo.plans.periods import Period, parse_period


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2020", "2020", date(2020, 1, 1), date(2020, 12, 31)),
        ("2013-14", "2013-14", date(2013, 4, 1), date(2014, 3, 31)),
        ("2013/14", "2013-14", date(2013, 4, 1), date(2014, 3, 31)),
        ("2020 Q1", "2020 Q1", date(2020, 1, 1), date(2020, 3, 31)),
        ("2013-14 Q1", "2013-14 Q1", date(2013, 4, 1), date(2013, 6, 30)),
        ("2013-14 q4", "2013-14 Q4", date(2014, 1, 1), date(2014, 3, 31)),
        ("June 2020", "Jun 2020", date(2020, 6, 1), date(2020, 6, 30)),
        (" Sept 2020 ", "Sep 2020", date(2020, 9, 1), date(2020, 9, 30)),
    ],
)
def test_a_period_is_read_into_its_label_and_days(text, label, start, end):
    assert parse_period(text) == Period(label, start, end)


@pytest.mark.parametrize("text", ["2013-15", "2020 Q5", "Q1", "Smarch 2020", "", "2020-06"])
def test_anything_else_is_refused_with_the_forms_it_may_take(text):
    with pytest.raises(ValueError, match=r"2013-14|consecutive"):
        parse_period(text)


def test_a_year_contains_its_quarters():
    assert parse_period("2013-14").contains(parse_period("2013-14 Q2"))
    assert not parse_period("2013-14 Q2").contains(parse_period("2013-14"))
