"""RAG change arrows since the last report: pure."""

import pytest

from cpmo.money import short_money
from cpmo.reports.compose.rules import rag_change
from cpmo.vocabulary import rag_label


@pytest.mark.parametrize(
    ("previous", "current", "direction", "arrow"),
    [
        ("red", "amber", "improved", "↑"),
        ("amber_green", "green", "improved", "↑"),
        ("green", "amber_red", "worsened", "↓"),
        ("amber", "amber", "unchanged", "→"),
        ("unrated", "unrated", "unchanged", "→"),
        ("unrated", "green", "rated", "•"),
        ("amber", "unrated", "unrated", "•"),
        (None, "red", "new", "•"),
    ],
)
def test_the_arrow_says_which_way_the_rag_moved(previous, current, direction, arrow) -> None:
    change = rag_change(previous, current)
    assert (change.direction, change.arrow) == (direction, arrow)


def test_the_change_is_written_in_words_too_so_it_never_relies_on_the_arrow() -> None:
    assert rag_change("red", "amber").text == "improved from Red"
    assert rag_change("green", "amber_red").text == "worsened from Green"
    assert rag_change("amber", "amber").text == "unchanged (Amber)"


def test_without_an_earlier_report_there_is_no_comparison_and_no_arrow() -> None:
    change = rag_change(None, "green", compared=False)
    assert change.direction == "no_comparison" and change.arrow == ""


def test_labels_and_headline_money_are_readable() -> None:
    assert rag_label("amber_red") == "Amber/red"
    assert short_money(99_000_000) == "£99.0m"
    assert short_money(494_181_000_000) == "£494.2bn"
    assert short_money(12_345) == "£12,345"
    assert short_money(None) == "—"
