"""Decoding, header matching, file recognition, positions and row problems."""

import re

import pytest

from cpmo.errors import InvalidInput
from cpmo.imports.gmpp import parse_gmpp, year_from_filename
from cpmo.imports.gmpp.decode import decode_bytes
from cpmo.imports.gmpp.headers import canonical_field, map_headers, money_unit, price_basis

HEADER = "Project Name,Department,IPA Delivery Confidence Assessment,Whole Life Cost (£m)\r\n"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    """A small GMPP-shaped file."""
    return (HEADER + "".join(line + "\r\n" for line in lines)).encode(encoding)


def test_detects_utf8_with_bom_and_strips_it():
    decoded = decode_bytes(b"\xef\xbb\xbfProject Name\n\xc2\xa31")
    assert (decoded.encoding, decoded.text, decoded.undecodable) == (
        "utf-8-sig",
        "Project Name\n£1",
        (),
    )


def test_detects_utf8_without_bom():
    assert decode_bytes("£1 – ok".encode()).encoding == "utf-8"


def test_falls_back_to_cp1252():
    decoded = decode_bytes(b"\xa332.24 \x96 Government\x92s")
    assert (decoded.encoding, decoded.text) == ("cp1252", "£32.24 – Government’s")


def test_replaces_and_records_a_byte_that_is_not_even_cp1252():
    decoded = decode_bytes(b"a\nlegacy Quantum\x9d prison")
    assert decoded.text == "a\nlegacy Quantum\ufffd prison"
    (bad,) = decoded.undecodable
    assert (bad.offset, bad.byte, bad.line) == (16, 0x9D, 2)
    assert "0x9D" in str(bad)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("GMPP ID Number", "project_id"),
        ("GMPP ID", "project_id"),
        ("Major Projects ID", "project_id"),
        ("Project Name", "name"),
        ("Department", "department"),
        ("Departmental narrative on schedule", None),
        ("Annual Report Category", "category"),
        ("Description / Aims", "description"),
        ("Project Description", "description"),
        (
            "IPA Delivery Confidence Assessment \n(A Delivery Confidence Assessment of …)",
            "ipa_rating",
        ),
        ("IPA Delivery Confidence Assessment", "ipa_rating"),
        ("SRO Delivery Confidence Assessment \n(A Delivery …)", "sro_rating"),
        ("Departmental commentary on actions planned or taken on the IPA RAG rating.", None),
        ("Project - Start Date\n(Latest Approved Start Date)", "start_date"),
        ("Start Date", "start_date"),
        ("Project - End Date \n(Latest Approved End Date)", "end_date"),
        ("Financial Year Baseline (£m) (including Non-Government Costs)", "budget"),
        ("Financial Year Baseline (£m, Presented in 2024/25 Real Prices)", "budget"),
        ("Financial Year Forecast (£m)", "budget_forecast"),
        ("Financial Year Forecast (£m, Presented in 2024/25 Real Prices)", "budget_forecast"),
        ("Project Stage", "stage"),
        ("Delivery Phase", "stage"),
        ("Financial Year Variance (%)", None),
        (
            "TOTAL Baseline Whole Life Costs (£m) (including Non-Government Costs)",
            "whole_life_cost",
        ),
        ("Whole Life Cost (£m)", "whole_life_cost"),
        ("Departmental Narrative on Budgeted Whole Life Costs", None),
        ("TOTAL Baseline Benefits (£m)", "benefits"),
        ("Benefits (£m, Presented in 2024/25 Real Prices)", "benefits"),
        ("Benefits Narrative", None),
        ("Senior Responsible Owner (SRO) Name", None),
    ],
)
def test_maps_each_years_header_variants_onto_canonical_fields(header, field):
    assert canonical_field(header) == field


def test_refuses_two_columns_for_one_field():
    with pytest.raises(ValueError, match="both map to 'name'"):
        map_headers(["Project Name", "Project  name"])


@pytest.mark.parametrize(
    ("header", "pounds"),
    [
        ("Whole Life Cost (£m)", 1_000_000),
        ("Cost (£bn)", 10**9),
        ("Cost (£k)", 1_000),
        ("Cost (£)", 1),
    ],
)
def test_reads_the_money_unit_from_the_header(header, pounds):
    assert money_unit(header) == pounds


def test_reads_the_price_basis_from_the_headers():
    assert price_basis(["Whole Life Cost (£m, Presented in 2024/25 Real Prices)"]) == (
        "2024/25 real prices"
    )
    assert price_basis(["Whole Life Cost (£m)"]) is None


@pytest.mark.parametrize(
    ("filename", "year"),
    [
        ("gmpp_2021_22.csv", "2021-22"),
        ("/data/gmpp_2019_20.csv", "2019-20"),
        ("GMPP-2025-26.CSV", "2025-26"),
        ("projects.csv", None),
    ],
)
def test_takes_the_year_from_the_filename(filename, year):
    assert year_from_filename(filename) == year


def test_accepts_an_explicit_year_when_the_filename_has_none():
    assert parse_gmpp(csv_bytes("A,CO,Green,1"), "upload.csv", year="2021-22").year == "2021-22"


@pytest.mark.parametrize(("filename", "year"), [("upload.csv", None), ("x.csv", "2021-23")])
def test_refuses_a_file_whose_year_cannot_be_told(filename, year):
    with pytest.raises(InvalidInput, match=re.escape(filename)):
        parse_gmpp(csv_bytes("A,CO,Green,1"), filename, year=year)


@pytest.mark.parametrize(
    "data",
    [b"", b"Name,Cost\r\nA,1\r\n", b"PK\x03\x04\x14\x00\x06\x00binary", b'"unterminated,\r\nA'],
)
def test_refuses_a_file_without_a_project_name_column_naming_the_file(data):
    with pytest.raises(InvalidInput, match=re.escape("gmpp_2021_22.csv")) as caught:
        parse_gmpp(data, "gmpp_2021_22.csv")
    assert caught.value.errors["file"]


def test_reports_unreadable_cells_with_line_and_column_and_keeps_other_rows():
    data = csv_bytes("A,CO,Green,1.5", '"B\r\nwith a line break",CO,Amber,12..3', "C,CO,Purple,2")
    result = parse_gmpp(data, "gmpp_2021_22.csv")
    assert [p.name for p in result.projects] == ["A"]
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (3, "Whole Life Cost (£m)", "12..3"),
        (5, "IPA Delivery Confidence Assessment", "Purple"),
    ]
    assert str(result.problems[0]) == "3: 'Whole Life Cost (£m)': not an amount of money: '12..3'"


def test_reports_a_row_without_a_name_but_skips_blank_rows():
    result = parse_gmpp(csv_bytes("A,CO,Green,1", ",,,", " ,HO,Red,2"), "gmpp_2021_22.csv")
    assert [p.name for p in result.projects] == ["A"]
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (4, "Project Name", "no project name")
    ]


def test_reports_cells_beyond_the_headers():
    result = parse_gmpp(csv_bytes("A,CO,Green,1,surprise"), "gmpp_2021_22.csv")
    assert [(p.row, p.message) for p in result.problems] == [(2, "more cells than headers")]


def test_reports_a_repeated_project_id():
    header = "GMPP ID,Project Name,Department\n"
    data = (header + "CO_1,A,CO\nco_1,B,CO\n").encode()
    result = parse_gmpp(data, "gmpp_2024_25.csv")
    assert [(p.row, p.value, p.message) for p in result.problems] == [
        (3, "CO_1", "duplicate project id")
    ]


def test_reads_a_transposed_file_and_reports_problems_by_column():
    data = (
        "GMPP ID Number,X_1,X_2,,\r\nProject Name,Alpha,Beta,,\r\nDepartment,DfT,MoJ,,\r\n"
        "IPA Delivery Confidence Assessment,Amber/Red,Green,,\r\n"
        "TOTAL Baseline Whole Life Costs (£m),£1.00,£x,,\r\n"
    ).encode("cp1252")
    result = parse_gmpp(data, "gmpp_2019_20.csv")
    assert result.transposed
    (alpha,) = result.projects
    assert (alpha.row, alpha.department, alpha.rag, alpha.whole_life_cost_gbp) == (
        2,
        "DFT",
        "amber_red",
        1_000_000,
    )
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "TOTAL Baseline Whole Life Costs (£m)")
    ]


def test_slugs_department_and_name_when_no_id_is_published():
    data = "Major Projects ID,Project Name,Department\n,Children's Homes Capital Programme,DfE\n"
    (project,) = parse_gmpp(data.encode(), "gmpp_2025_26.csv").projects
    assert (project.project_id, project.project_id_published) == (
        "dfe-childrens-homes-capital-programme",
        False,
    )


def test_projects_are_immutable_and_keep_the_published_cells():
    (project,) = parse_gmpp(csv_bytes("A,CO,Amber/red,1"), "gmpp_2020_21.csv").projects
    assert project.raw["IPA Delivery Confidence Assessment"] == "Amber/red"
    with pytest.raises(AttributeError):
        project.rag = "green"  # type: ignore[misc]
