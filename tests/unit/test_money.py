"""Money as people read it: a true minus sign before the £, exact pounds in full."""

from hypothesis import given
from hypothesis import strategies as st

from cpmo.money import MINUS, money, short_money


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_money_reads_back_to_the_same_pounds(amount: int) -> None:
    text = money(amount)
    assert "£-" not in text and "-" not in text
    negative = text.startswith(f"{MINUS}£")
    assert negative == (amount < 0)
    assert int(text.lstrip(MINUS).lstrip("£").replace(",", "")) == abs(amount)


def test_headline_money_is_short_and_signed() -> None:
    assert short_money(-3_200_000) == f"{MINUS}£3.2m"
    assert short_money(99_000_000) == "£99.0m"
    assert short_money(2_500_000_000) == "£2.5bn"
    assert money(None) == short_money(None) == "—"
