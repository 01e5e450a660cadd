"""Money, dates, years, ratings and case headings as written in business cases."""

import pytest

from cpmo.business_cases.docx.blocks import Block
from cpmo.business_cases.docx.layout import case_of
from cpmo.business_cases.docx.values import (
    FIVE_POINT,
    THREE_POINT,
    find_date,
    header_unit,
    parse_money,
    rating,
    rating_scale,
    year_of,
)


@pytest.mark.parametrize(
    ("text", "pounds"),
    [
        ("£1,234", 1_234),
        ("£1.2m", 1_200_000),
        ("£1.2 million", 1_200_000),
        ("£4.5M", 4_500_000),
        ("£450k", 450_000),
        ("£1.25bn", 1_250_000_000),
        ("(£200,000)", -200_000),
        ("£(200,000)", -200_000),
        ("-£200,000", -200_000),
        ("£-1.5m", -1_500_000),
        ("about £0.35 million a year", 350_000),
        ("£1,234.50", 1_235),
        ("£1,234, then more", 1_234),
        ("£10000000000000000000000", None),
    ],
)
def test_converts_written_money_to_integer_pounds(text, pounds):
    assert parse_money(text) == pounds


def test_free_text_money_needs_a_pound_sign_but_a_money_cell_does_not():
    assert parse_money("over 10 years") is None
    assert parse_money("1.5", unit=1_000_000, cell=True) == 1_500_000
    assert parse_money("(250)", unit=1_000, cell=True) == -250_000
    assert parse_money("–", cell=True) == 0
    assert parse_money("n/a", cell=True) is None


@pytest.mark.parametrize(
    ("header", "unit"),
    [("NPV (£m)", 10**6), ("£000", 10**3), ("Value £'000", 10**3), ("£k", 10**3), ("NPV (£)", 1)],
)
def test_reads_the_unit_a_column_header_states(header, unit):
    assert header_unit(header) == unit


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31/03/2021", "2021-03-31"),
        ("31.03.21", "2021-03-31"),
        ("2021-03-31", "2021-03-31"),
        ("31 March 2021", "2021-03-31"),
        ("1st Sept 2022", "2022-09-01"),
        ("March 31, 2021", "2021-03-31"),
        ("March 2021", "2021-03-31"),
        ("by end of Feb 2024", "2024-02-29"),
    ],
)
def test_reads_dates_day_first_and_month_only_as_the_last_day(text, iso):
    found = find_date(text)
    assert found is not None and found[0] == iso


@pytest.mark.parametrize("text", ["Q3 2021", "TBC", "31/02/2021", "Spring"])
def test_finds_no_date_in_quarters_placeholders_or_impossible_days(text):
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021", "2021"),
        ("2021/22", "2021"),
        ("FY2021-22", "2021"),
        ("2021–2022 (£m)", "2021"),
        ("Total", None),
        ("Year 1", None),
    ],
)
def test_a_financial_year_is_keyed_by_the_year_it_starts(text, year):
    assert year_of(text) == year


def test_ratings_in_words_use_three_points_only_when_a_column_says_low_medium_high():
    assert rating_scale(["Low", "Medium", "High", "3"]) is THREE_POINT
    assert rating_scale(["Low", "Very high"]) is FIVE_POINT
    assert rating("High", THREE_POINT) == 5
    assert rating("High", FIVE_POINT) == 4
    assert rating("3 - Medium", THREE_POINT) == 3
    assert rating("Unknown", FIVE_POINT) is None


@pytest.mark.parametrize(
    "text",
    [
        "Strategic Case",
        "1. The Strategic Case",
        "STRATEGIC CASE:",
        "Section 1 – Strategic case",
        "A. Strategic case",
        "iv) The strategic case",
        "2.1 Strategic Case",
    ],
)
def test_recognises_case_headings_with_numbering_and_the(text):
    assert case_of(Block(text=text)) == "strategic"


def test_a_subtitle_after_a_case_name_counts_only_on_a_heading():
    text = "Strategic case – making the case for change"
    assert case_of(Block(text=text, level=1)) == "strategic"
    assert case_of(Block(text=text)) is None
    assert case_of(Block(text="The strategic case is strong.")) is None
