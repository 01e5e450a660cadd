"""Parsing what a person typed into a search that no FTS5 or SQL syntax can leak into."""

import pytest

from cpmo.search.query import Query, parse


@pytest.mark.parametrize(
    ("typed", "fts5"),
    [
        ("cyber", '"cyber"'),
        ("Cyber  Security", '"cyber" "security"'),
        ('"cyber security"', '"cyber security"'),
        ("cyber-attack", '"cyber attack"'),
        ("cyber -security", '("cyber") NOT ("security")'),
        ('cyber -"data centre"', '("cyber") NOT ("data centre")'),
        ("') OR 1=1 --", '"or" "1 1"'),
        ("NEAR(cyber security, 2)", '"near cyber" "security" "2"'),
        ("title: cyber*", '"title" "cyber"'),
        ('"unbalanced', '"unbalanced"'),
        ("snake_case", '"snake case"'),
    ],
)
def test_every_word_or_phrase_is_quoted_for_fts5(typed: str, fts5: str) -> None:
    query = parse(typed)
    assert isinstance(query, Query)
    assert query.fts5() == fts5


@pytest.mark.parametrize("typed", ["", "  ", None, "?!", '"" --', "x" * 201, "a " * 13, "-only"])
def test_what_cannot_be_searched_is_said_in_words(typed) -> None:
    assert isinstance(parse(typed), str)
