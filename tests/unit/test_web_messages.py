"""Library validation messages become sentences naming the field as the form labels it."""

import pytest

from cpmo.web.messages import plain
from tests.support.page_words import LIBRARY


@pytest.mark.parametrize(
    ("message", "label", "expected"),
    [
        ("Missing data for required field.", "Whole-life cost", "Enter the whole-life cost"),
        ("Missing data for required field.", "Criterion 1 key", "Enter criterion 1 key"),
        (
            "Must be greater than or equal to 1 and less than or equal to 5.",
            "Risk 1 likelihood",
            "Risk 1 likelihood must be between 1 and 5",
        ),
        (
            "Must be greater than or equal to 0 and less than or equal to 10000000000000.",
            "Whole-life cost",
            "Whole-life cost must be between 0 and 10,000,000,000,000",
        ),
        (
            "Length must be between 0 and 50000.",
            "Case for change",
            "Case for change must be 50,000 characters or fewer",
        ),
        (
            "Not a valid integer.",
            "Whole-life cost",
            "Enter the whole-life cost as a whole number, like 2500000",
        ),
        ("Must be one of: a, b.", "Direction", "Choose the direction from the list"),
    ],
)
def test_each_library_message_reads_as_a_sentence(message: str, label: str, expected: str) -> None:
    assert plain(message, label) == expected
    assert not LIBRARY.search(plain(message, label))


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            "OBC incomplete: economic.preferred_option: the preferred option is missing",
            "The OBC is not complete: the preferred option is missing",
        ),
        ("financial.funding_source: not found", "Funding source (the financial case): not found"),
        ("commercial case: section not found", "commercial case: section not found"),
        ("economic: the economic case is missing", "The economic case is missing"),
        ("a reason with no path", "a reason with no path"),
    ],
)
def test_gate_reasons_and_docx_notes_lose_their_schema_paths(reason: str, expected: str) -> None:
    from cpmo.web.case_errors import readable

    assert readable(reason) == expected


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (1, "1 day"),
        (29, "29 days"),
        (61, "61 days"),
        (91, "2 months"),
        (729, "23 months"),
        (730, "2 years"),
        (2436, "over 6 years"),
    ],
)
def test_a_span_of_days_is_said_as_people_say_it(days: int, said: str) -> None:
    from cpmo.vocabulary import how_long

    assert how_long(days) == said
