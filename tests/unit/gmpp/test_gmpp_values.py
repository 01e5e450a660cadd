"""Rating, money, date and range parsing on tables of examples."""

from datetime import date

import pytest

from cpmo.imports.gmpp.dates import parse_date
from cpmo.imports.gmpp.money import Money, parse_amount, parse_money
from cpmo.imports.gmpp.ranges import split_range
from cpmo.imports.gmpp.values import Rating, clean, delivery_confidence, normalise_rating

S43 = "Exempt under Section 43 of the Freedom of Information Act 2000 (Commercial Interests)"
PLANNING = "The project is still at the planning stage and is not yet in a position"
M = 1_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Green", Rating("green")),
        ("Amber/Green", Rating("amber_green")),
        ("Amber", Rating("amber")),
        ("Amber/red", Rating("amber_red")),
        ("Amber/Red", Rating("amber_red")),
        ("Red", Rating("red")),
        ("AMBER", Rating("amber")),
        ("GREEN", Rating("green")),
        (" amber - red ", Rating("amber_red")),
        ("NA", Rating("unrated", "not applicable")),
        ("Not Applicable ", Rating("unrated", "not applicable")),
        ("N/A", Rating("unrated", "not applicable")),
        ("", Rating("unrated", "not published")),
        (None, Rating("unrated", "not published")),
        (S43, Rating("unrated", f"withheld: {S43}")),
        (
            "Section 43 - Commercial interests",
            Rating("unrated", "withheld: Section 43 - Commercial interests"),
        ),
        (
            "Exempt under Section 24 – National Security\u200b",
            Rating("unrated", "withheld: Exempt under Section 24 – National Security"),
        ),
        (
            "Early planning GMPP project \r\r\n\r\r\n(The project has not yet passed SOC)",
            Rating(
                "unrated",
                "not available: Early planning GMPP project (The project has not yet passed SOC)",
            ),
        ),
        ("Data Not Provided", Rating("unrated", "not available: Data Not Provided")),
    ],
)
def test_normalises_published_rating_spellings(text, expected):
    assert normalise_rating(text) == expected


@pytest.mark.parametrize("text", ["Purple", "Amber/Grn", "3", "Amber?"])
def test_refuses_to_guess_an_unrecognised_rating(text):
    with pytest.raises(ValueError, match="unrecognised rating"):
        normalise_rating(text)


@pytest.mark.parametrize(
    ("ipa", "sro", "independent", "expected"),
    [
        ("Amber", "", "ipa", ("amber", None, "ipa")),
        ("Red", "Green", "ipa", ("red", None, "ipa")),
        ("", "Amber", "ipa", ("amber", None, "sro")),
        ("NA", "Green", "ipa", ("green", None, "sro")),
        ("Not Applicable ", "Red", "ipa", ("red", None, "sro")),
        ("AMBER", "", "nista", ("amber", None, "nista")),
        ("", "", "ipa", ("unrated", "not published", "none")),
        ("", None, "ipa", ("unrated", "not published", "none")),
        (S43, S43, "ipa", ("unrated", f"withheld: {S43}", "none")),
        (S43, "NA", "ipa", ("unrated", f"withheld: {S43}", "none")),
        ("NA", S43, "ipa", ("unrated", f"withheld: {S43}", "none")),
        ("NA", "", "ipa", ("unrated", "not applicable", "none")),
        (PLANNING, PLANNING, "nista", ("unrated", f"not available: {PLANNING}", "none")),
    ],
)
def test_uses_independent_assessment_then_sro_then_unrated(ipa, sro, independent, expected):
    result = delivery_confidence(normalise_rating(ipa), normalise_rating(sro), independent)
    assert tuple(result) == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("£32.24", M, Money(32_240_000)),
        ("£12,743.00", M, Money(12_743_000_000)),
        ("£0.00", M, Money(0)),
        ("277.66", M, Money(277_660_000)),
        ("999.999", M, Money(999_999_000)),
        ("-30.69", M, Money(-30_690_000)),
        ("1,234", 1, Money(1_234)),
        ("£1,234.56m", 1, Money(1_234_560_000)),
        ("£2.5bn", M, Money(2_500_000_000)),
        ("0.0000025", M, Money(3)),  # half up, not half even
        ("-0.0000025", M, Money(-3)),
        (
            "Low: 2,750.00, Mid: 2,820.00, High: 3,100.00",
            M,
            Money(2_820_000_000, range=(2_750_000_000, 2_820_000_000, 3_100_000_000)),
        ),
        (
            "Mid: 20,300.00, High: 53,300.00",
            M,
            Money(20_300_000_000, range=(None, 20_300_000_000, 53_300_000_000)),
        ),
        (
            "Low: 797.93, High: 820.57",
            M,
            Money(None, range=(797_930_000, None, 820_570_000), reason="range without a Mid value"),
        ),
        (S43, M, Money(None, withheld=True, reason=f"withheld: {S43}")),
        (
            "Section 43 - Commercial interests",
            M,
            Money(None, True, None, "withheld: Section 43 - Commercial interests"),
        ),
        (
            "Exempt - Under Section 43 of the FOI Act",
            M,
            Money(None, True, None, "withheld: Exempt - Under Section 43 of the FOI Act"),
        ),
        ("", M, Money(None, reason="not published")),
        ("-", M, Money(None, reason="not published")),
        ("NA", M, Money(None, reason="not applicable")),
        ("N/A", M, Money(None, reason="not applicable")),
        ("Not Available", M, Money(None, reason="not available")),
        (PLANNING, M, Money(None, reason=f"not available: {PLANNING}")),
    ],
)
def test_converts_money_to_exact_pounds(text, unit, expected):
    assert parse_money(text, unit) == expected


@pytest.mark.parametrize("text", ["12..3", "£12,34", "1.2.3", "twelve", "£", "Low: ten, Mid: 2"])
def test_refuses_unreadable_money(text):
    with pytest.raises(ValueError, match="not an amount of money"):
        parse_money(text, M)


def test_never_uses_binary_floating_point_for_money():
    assert parse_amount("0.29", M) == 290_000
    assert parse_amount("4,835.25", M) == 4_835_250_000


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        ("01/11/2018", date(2018, 11, 1), None),
        ("2021-12-01", date(2021, 12, 1), None),
        ("2017-11-01 00:00:00", date(2017, 11, 1), None),
        ("Mar-25", date(2025, 3, 1), None),
        ("March 2025", date(2025, 3, 1), None),
        ("Mar 2025", date(2025, 3, 1), None),
        ("31 March 2025", date(2025, 3, 31), None),
        ("31-Mar-2025", date(2025, 3, 31), None),
        ("Low: 31/03/2025, Mid: 30/04/2025, High: 31/05/2025", date(2025, 4, 30), None),
        ("Mid: 31/03/2026, High: 31/12/2026", date(2026, 3, 31), None),
        ("Low: 28/09/2028, High: 28/09/2028", None, "range without a Mid value"),
        ("", None, "not published"),
        ("Section 24 - National security", None, "withheld: Section 24 - National security"),
        ("Data Not Provided", None, "not available: Data Not Provided"),
        ("No", None, "unparseable date: 'No'"),
        ("31/02/2025", None, "unparseable date: '31/02/2025'"),
        ("Low: 31/03/2025, Mid: soon", None, "unparseable date: 'soon'"),
    ],
)
def test_parses_mixed_date_formats_or_keeps_a_reason(text, expected, reason):
    assert tuple(parse_date(text)) == (expected, reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Low: 1, Mid: 2, High: 3", {"low": "1", "mid": "2", "high": "3"}),
        ("Low: 2,750.00, Mid: 2,820.00", {"low": "2,750.00", "mid": "2,820.00"}),
        ("mid: 31/03/2026", {"mid": "31/03/2026"}),
        ("2,750.00", None),
        ("Mid: 1, Mid: 2", None),
        ("Exempt under Section 43: Commercial", None),
    ],
)
def test_splits_low_mid_high_ranges(text, expected):
    assert split_range(text) == expected


def test_cleaning_collapses_line_breaks_and_drops_invisible_characters():
    assert clean(" Early planning \r\r\n\r\r\n(x)\u200b\xa0") == "Early planning (x)"
