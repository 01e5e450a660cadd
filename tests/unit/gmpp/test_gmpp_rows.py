"""How a GMPP project maps onto cpmo codes and rows (pure)."""

from cpmo.imports.gmpp import GmppProblem
from cpmo.imports.gmpp.rows import department_code, describe, portfolio_code, programme_code
from cpmo.validation import is_code


def test_each_year_is_its_own_portfolio_and_codes_are_valid_and_short() -> None:
    assert portfolio_code("2021-22") == "gmpp-2021-22"
    assert programme_code("2021-22", "MOD_0135_2122-Q1") == "gmpp-2122-mod_0135_2122-q1"
    long_id = "dhsc-" + "new-hospital-programme-" * 4
    code = programme_code("2025-26", long_id)
    assert len(code) == 80 and is_code(code)
    assert code != programme_code("2025-26", long_id + "x")


def test_departments_get_a_uk_prefixed_code() -> None:
    assert department_code("MOD") == "uk-mod"
    assert department_code("DEFRA & DFT") == "uk-defra-dft"
    assert department_code("") == "uk-not-stated"


def test_problems_name_the_row_or_in_the_transposed_year_the_column() -> None:
    problem = GmppProblem(12, "IPA Delivery Confidence Assessment", "Purple", "unrecognised")
    assert describe(problem, False) == (
        "row 12, column 'IPA Delivery Confidence Assessment': unrecognised (value 'Purple')"
    )
    assert describe(problem, True).startswith("column 12, field 'IPA Delivery")
    assert describe(GmppProblem(11, "(file)", "", "bad byte"), True) == "line 11: bad byte"
