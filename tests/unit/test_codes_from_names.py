"""Keys derived from names: lowercase codes, unique within what is taken."""

import re

from cpmo.validation import CODE_PATTERN, code_from_name


def test_a_name_becomes_a_lowercase_code() -> None:
    assert code_from_name("Children's Homes & Schools 2027") == "childrens-homes-schools-2027"


def test_a_taken_key_gets_the_next_free_number() -> None:
    assert code_from_name("Cyber", {"cyber", "cyber-2"}) == "cyber-3"


def test_a_name_with_nothing_usable_still_gives_a_valid_code() -> None:
    for name in ("£££", "x" * 500, "Ünïcode — only"):
        assert re.match(CODE_PATTERN, code_from_name(name, {"item"}))
