"""Stated dates as the plans write them, worked by hand."""

from datetime import date

import pytest

from cpmo.plans.when import Calendar, parse_when, plan_calendar, quarter_span

KCC = Calendar(first_year=2013, year_start_month=4)  # financial year 2013-14
JERSEY = Calendar(first_year=2020, year_start_month=1)  # calendar year 2020


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("March 2014", date(2014, 3, 1), date(2014, 3, 31)),
        ("April13", date(2013, 4, 1), date(2013, 4, 30)),
        ("Oct 2012", date(2012, 10, 1), date(2012, 10, 31)),
        ("Sept 2013", date(2013, 9, 1), date(2013, 9, 30)),
        ("2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("30.6.08", date(2008, 6, 30), date(2008, 6, 30)),
        ("2020-06-30", date(2020, 6, 30), date(2020, 6, 30)),
        ("April 2013 to March 2014", date(2013, 4, 1), date(2014, 3, 31)),
        ("April to August 2013", date(2013, 4, 1), date(2013, 8, 31)),
        ("2008/09 – 2010/11", date(2008, 4, 1), date(2011, 3, 31)),
        ("Various 2013-14", date(2013, 4, 1), date(2014, 3, 31)),
    ],
)
def test_a_stated_date_spans_from_its_first_to_its_last_day(text, start, end):
    assert parse_when(text, calendar=KCC, bound="start") == start
    assert parse_when(text, calendar=KCC, bound="end") == end


@pytest.mark.parametrize(
    "text",
    [
        "Ongoing",
        "Quarterly",
        "Annually (April)",
        "As defined by each restructuring agenda",
        "In line with OD & People Plan",
        "To be agreed – subject to directorate Business Plans",
        "",
        None,
    ],
)
def test_a_text_that_names_no_date_has_none(text):
    assert parse_when(text, calendar=KCC, bound="end") is None
    assert parse_when(text, calendar=KCC, bound="start") is None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Various into 2014", date(2014, 12, 31)),
        ("Ongoing into 2014", date(2014, 12, 31)),
        ("March 2014 and into 2014/15", date(2014, 3, 31)),
        ("March 2014 & continuing into 14/15", date(2014, 3, 31)),
        ("March 2014 and ongoing", date(2014, 3, 31)),
        ("On-going to March 2015", date(2015, 3, 31)),
        ("Ongoing up to March 2010", date(2010, 3, 31)),
        ("Commenced 2007 & ongoing", None),
    ],
)
def test_work_continuing_into_a_later_year_ends_at_its_firm_date_if_it_has_one(text, end):
    assert parse_when(text, calendar=KCC, bound="end") == end


def test_several_dates_end_on_the_latest_and_start_on_the_earliest():
    text = "31.7.08 and 31.1.09 (assuming trial continues)"
    assert parse_when(text, bound="start") == date(2008, 7, 31)
    assert parse_when(text, bound="end") == date(2009, 1, 31)
    phased = (
        "Phased over 3 years up to March 2010 All 1 st 2 nd and 3 rd tier officers by March 2008"
    )
    assert parse_when(phased, bound="end") == date(2010, 3, 31)


def test_a_bare_quarter_counts_from_the_start_of_the_plans_year():
    assert parse_when("Q2", calendar=JERSEY) == date(2020, 6, 30)
    assert parse_when("Q2", calendar=KCC) == date(2013, 9, 30)
    assert parse_when("Q1, Q2, Q3, Q4", calendar=KCC) == date(2014, 3, 31)
    assert parse_when("Q2", calendar=Calendar()) is None


def test_a_quarter_with_its_year_and_several_milestones_end_on_the_last_quarter():
    text = "Q1 2020: MS Foundations: OBC Q2 2020: FBC Developed Q4 2020: 2020 deliverables"
    assert parse_when(text, calendar=JERSEY, bound="start") == date(2020, 1, 1)
    assert parse_when(text, calendar=JERSEY, bound="end") == date(2020, 12, 31)


def test_quarters_of_a_financial_year_run_april_to_march():
    assert quarter_span(2013, 4, 4) == (date(2014, 1, 1), date(2014, 3, 31))
    assert quarter_span(2020, 1, 1) == (date(2020, 1, 1), date(2020, 3, 31))


def test_a_plans_calendar_starts_in_the_year_its_period_starts():
    assert plan_calendar(date(2013, 4, 1), 4) == Calendar(2013, 4)
    assert plan_calendar(date(2014, 2, 1), 4) == Calendar(2013, 4)
    assert plan_calendar(None, 1) == Calendar(None, 1)


def test_impossible_dates_are_ignored_not_fatal():
    assert parse_when("31.2.08") is None
    assert parse_when("2020-13-45") == date(2020, 12, 31)  # only the year survives
