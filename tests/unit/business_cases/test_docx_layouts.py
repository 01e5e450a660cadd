"""Business cases laid out in the other usual ways: numbered, bold, bulleted, incomplete."""

import io
import zipfile

import pytest

from cpmo.business_cases.docx.extract import extract_business_case
from cpmo.errors import InvalidInput

ALL_MISSING = [
    f"{case} case: section not found"
    for case in ("strategic", "economic", "commercial", "financial", "management")
]


def test_reads_numbered_headings_and_abbreviated_money(docx_file):
    result = extract_business_case(
        docx_file(
            ("p", "1. The Strategic Case"),
            ("bold", "1.1 Case for change"),
            ("p", "Paper forms cost too much to process."),
            ("p", "Objectives: Cut processing cost; Answer within five days"),
            ("bold", "2. THE ECONOMIC CASE"),
            (
                "table",
                [
                    ("Table 4: shortlist", "", ""),
                    ("Option", "NPV (£m)", "Description"),
                    ("Option 1", "-0.2", "Do minimum"),
                    ("Option 2", "£1.2 million", "Online forms"),
                    ("Option 3", "£450k", "Outsource"),
                ],
            ),
            ("p", "The preferred option is Option 2 because it returns the most value."),
            ("h2", "Section 3 – Commercial case"),
            ("p", "Route to market – Crown Commercial Service framework RM6263"),
            ("bullet", "Lot 1: Platform"),
            ("bullet", "Lot 2 – Migration and support"),
            ("h2", "4 Financial case"),
            ("p", "The whole-life cost of the programme is £4.5m over five years."),
            ("table", [("Year", "£m"), ("2021/22", "1.5"), ("2022/23", "3.0")]),
            ("p", "Funded from: departmental capital allocation"),
            ("h2", "5. Management case:"),
            ("p", "The SRO is the Director General, Customer and Local Services."),
            (
                "table",
                [
                    ("Risk", "Likelihood", "Impact", "Owner"),
                    ("Low take-up", "High", "Medium", "Head of Channels"),
                    ("Legacy data quality", "Low", "High", "Data Lead"),
                ],
            ),
        )
    )

    assert result.content == {
        "strategic": {
            "case_for_change": "Paper forms cost too much to process.",
            "objectives": ["Cut processing cost", "Answer within five days"],
        },
        "economic": {
            "options": [
                {"name": "Option 1", "description": "Do minimum", "npv": -200_000},
                {"name": "Option 2", "description": "Online forms", "npv": 1_200_000},
                {"name": "Option 3", "description": "Outsource", "npv": 450_000},
            ],
            "preferred_option": "Option 2",
        },
        "commercial": {
            "procurement_route": "Crown Commercial Service framework RM6263",
            "lots": [
                {"name": "Lot 1", "description": "Platform"},
                {"name": "Lot 2", "description": "Migration and support"},
            ],
        },
        "financial": {
            "whole_life_cost": 4_500_000,
            "funding_source": "departmental capital allocation",
            "profile": {"2021": 1_500_000, "2022": 3_000_000},
        },
        "management": {
            "senior_responsible_owner": "Director General, Customer and Local Services",
            "risks": [
                {"title": "Low take-up", "likelihood": 5, "impact": 3, "owner": "Head of Channels"},
                {
                    "title": "Legacy data quality",
                    "likelihood": 1,
                    "impact": 5,
                    "owner": "Data Lead",
                },
            ],
        },
    }
    assert result.missing == ["management.milestones: not found", "management.benefits: not found"]
    assert result.notes == [
        "management.risks: likelihood read as Low 1, Medium 3, High 5",
        "management.risks: impact read as Low 1, Medium 3, High 5",
    ]


def test_lists_the_commercial_and_management_cases_as_missing(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Strategic case"),
            ("p", "Case for change: the estate is failing."),
            ("h2", "Spending objectives"),
            ("number", "Reduce backlog maintenance"),
            ("h1", "Economic case"),
            ("bullet", "Option 1: Do nothing – NPV £0"),
            ("p", "Recommended option: Option 1"),
            ("h1", "Financial case"),
            ("p", "Whole life cost: TBC"),
        )
    )

    assert set(result.content) == {"strategic", "economic"}
    assert result.missing == [
        "commercial case: section not found",
        "financial.whole_life_cost: no figure found in 'TBC'",
        "financial.funding_source: not found",
        "financial.profile: no profile table found",
        "management case: section not found",
    ]


def test_reads_options_written_as_a_bulleted_list(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "The Economic Case"),
            ("h2", "Shortlisted options"),
            ("p", "Four options were appraised:"),
            ("bullet", "Option 1: Do nothing (NPV: -£200,000)"),
            ("bullet", "Option 2 – Shared service with Guernsey – NPV £1.2m"),
            ("bullet", "Option 3: Build in-house (preferred) – NPV (£0.5m)"),
            ("bullet", "Option 4: Buy a product off the shelf"),
            ("h2", "Preferred option"),
            ("p", "Option 3 is preferred, ahead of Option 2, on non-financial benefits."),
        )
    )

    assert result.content["economic"] == {
        "options": [
            {"name": "Option 1", "description": "Do nothing", "npv": -200_000},
            {"name": "Option 2", "description": "Shared service with Guernsey", "npv": 1_200_000},
            {"name": "Option 3", "description": "Build in-house", "npv": -500_000},
            {"name": "Option 4", "description": "Buy a product off the shelf"},
        ],
        "preferred_option": "Option 3",
    }
    assert "economic.options: no NPV for 'Option 4'" in result.missing


def test_takes_the_preferred_option_from_a_marked_table_row(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Economic Case"),
            (
                "table",
                [
                    ("Option", "Net present value", "Preferred?"),
                    ("BAU", "£0", ""),
                    ("Replace", "£2m", "Yes"),
                ],
            ),
        )
    )

    assert result.content["economic"]["preferred_option"] == "Replace"


def test_refuses_garbage_bytes_as_invalid_input():
    with pytest.raises(InvalidInput) as refused:
        extract_business_case(b"\x00\x01 this is not a word document")

    assert "not a readable .docx" in refused.value.detail
    assert refused.value.errors == {"file": [refused.value.detail]}


def test_refuses_empty_bytes_and_zips_that_are_not_word_documents():
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("hello.txt", "hello")

    for data in (b"", other_zip.getvalue()):
        with pytest.raises(InvalidInput):
            extract_business_case(data)


def test_an_empty_document_has_all_five_sections_missing(docx_file):
    result = extract_business_case(docx_file())

    assert result.content == {}
    assert result.missing == ALL_MISSING
    assert result.notes == []


def test_a_document_without_case_headings_has_all_five_sections_missing(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Project initiation document"),
            ("p", "Whole-life cost: £1m"),
            ("table", [("Risk", "Owner"), ("Delay", "PM")]),
        )
    )

    assert result.content == {}
    assert result.missing == ALL_MISSING
    assert result.notes == ["1 table(s) outside the five cases were not read"]
