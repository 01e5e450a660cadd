"""Reading spreadsheet cells and combining merged candidates, without a database."""

import pytest

from cpmo.errors import InvalidInput
from cpmo.imports.sheet_cells import code, money_cell
from cpmo.imports.spreadsheets import header_name, number_cell, read_sheet, text_cell
from cpmo.workshops.consolidation import combined_costs, combined_sponsors
from cpmo.workshops.models import WorkshopCandidate


def test_headers_are_normalised_to_lowercase_words_joined_by_underscores() -> None:
    assert header_name(" Cost  2020 ") == "cost_2020"
    assert header_name(None) == ""


@pytest.mark.parametrize(
    ("raw", "expected"), [("£1,250", 1250.0), (3, 3.0), ("2.5", 2.5), (" 7 ", 7.0)]
)
def test_numbers_accept_pounds_and_thousands_separators(raw: object, expected: float) -> None:
    assert number_cell(raw) == expected


@pytest.mark.parametrize("raw", ["high", "nan", "inf", True, "1e400"])
def test_numbers_refuse_words_and_non_finite_values(raw: object) -> None:
    with pytest.raises(ValueError):
        number_cell(raw)


def test_money_is_whole_pounds_and_codes_are_slugs() -> None:
    assert money_cell(1000.0) == 1000
    with pytest.raises(ValueError, match="whole pounds"):
        money_cell(10.5)
    with pytest.raises(ValueError, match="whole pounds"):
        money_cell(-1)
    assert code(" ttp-cyber ") == "ttp-cyber"
    with pytest.raises(ValueError, match="lowercase code"):
        code("Cyber Security")


def test_text_refuses_control_characters_and_overlong_values() -> None:
    assert text_cell(2020.0, max_length=10) == "2020"
    with pytest.raises(ValueError, match="control"):
        text_cell("a\x00b", max_length=10)
    with pytest.raises(ValueError, match="at most 3"):
        text_cell("abcd", max_length=3)


def test_a_csv_is_read_with_row_numbers_skipping_blank_rows() -> None:
    sheet = read_sheet(
        b"\xef\xbb\xbfKey,Name\nx,X\n,\ny,Y\n", wanted="Candidates", filename="c.csv"
    )
    assert sheet.name == "c.csv"
    assert sheet.headers == [("key", "A"), ("name", "B")]
    assert sheet.rows == [(2, {"key": "x", "name": "X"}), (4, {"key": "y", "name": "Y"})]


def test_a_file_that_is_neither_xlsx_nor_utf8_is_refused() -> None:
    with pytest.raises(InvalidInput, match="neither"):
        read_sheet(b"\xff\xfe\xfa", wanted="Scores", filename=None)
    with pytest.raises(InvalidInput, match=r"damaged or incomplete: save it again"):
        read_sheet(b"PK\x03\x04rubbish", wanted="Scores", filename=None)


def test_merged_costs_add_up_by_year_and_sponsors_appear_once() -> None:
    rows = [
        WorkshopCandidate(key="a", name="A", costs={"2021": 5, "2020": 1}, sponsors=["HCS"]),
        WorkshopCandidate(key="b", name="B", costs={"2020": 2}, sponsors=["CYPES", "HCS"]),
    ]
    assert combined_costs(rows) == {"2020": 3, "2021": 5}
    assert list(combined_costs(rows)) == ["2020", "2021"]
    assert combined_sponsors(rows) == ["HCS", "CYPES"]
