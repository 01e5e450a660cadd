"""A complete, well-formed Five Case Model document is extracted exactly."""

import dataclasses

import pytest

from cpmo.business_cases.docx.extract import DocxExtraction, extract_business_case

COMPLETE = (
    ("h0", "Business case: Cyber Security Programme"),
    ("h1", "Executive summary"),
    ("p", "This outline business case seeks approval to proceed."),
    ("h1", "Strategic Case"),
    ("h2", "Case for change"),
    ("p", "The current security tooling is fragmented and out of support."),
    ("p", "Threats to government services are rising."),
    ("h2", "Objectives"),
    ("p", "The programme contributes to these objectives:"),
    ("bullet", "Protect citizen data (objective:obj-hcs-1)"),
    ("bullet", "objective:obj-coo-2"),
    ("h1", "Economic Case"),
    ("p", "Three options were shortlisted from a long list of seven."),
    (
        "table",
        [
            ("Option", "Description", "NPV (£)"),
            ("Option 1", "Do nothing", "(£200,000)"),
            ("Option 2", "Shared service with Guernsey", "£1,250,000"),
            ("Option 3", "In-house build", "-£50,000"),
        ],
    ),
    ("p", "Preferred option: Option 2"),
    ("h1", "Commercial Case"),
    ("p", "Procurement route: Mini-competition under G-Cloud 13"),
    (
        "table",
        [
            ("Lot", "Description"),
            ("Lot 1", "Security operations centre"),
            ("Lot 2", "Identity and access management"),
        ],
    ),
    ("h1", "Financial Case"),
    ("p", "Whole-life cost: £4,500,000"),
    ("p", "Funding source: Government Investment Plan"),
    (
        "table",
        [
            ("£", "2021", "2022/23", "2023-24", "Total"),
            ("Capital", "1,000,000", "1,500,000", "500,000", "3,000,000"),
            ("Revenue", "500,000", "500,000", "500,000", "1,500,000"),
            ("Total", "1,500,000", "2,000,000", "1,000,000", "4,500,000"),
        ],
    ),
    ("h1", "Management Case"),
    ("p", "Senior Responsible Owner: Director of Digital, Chief Operating Office"),
    ("h2", "Milestones"),
    (
        "table",
        [
            ("Milestone", "Date"),
            ("Outline business case approved", "31/03/2021"),
            ("Contract award", "2021-09-30"),
            ("Go live", "March 2022"),
        ],
    ),
    ("h2", "Risks"),
    (
        "table",
        [
            ("Risk", "Likelihood", "Impact", "Owner"),
            ("Supplier failure", "2", "4", "Head of Commercial"),
            ("Skills shortage", "3", "3", "Chief Information Officer"),
        ],
    ),
    ("h2", "Benefits"),
    (
        "table",
        [
            ("Benefit", "Value (£)", "Measure"),
            ("Reduced licence costs", "£250,000", "Annual licence spend"),
            ("Fewer security incidents", "Non-cashable", "Incidents per quarter"),
        ],
    ),
)

EXPECTED = {
    "strategic": {
        "case_for_change": "The current security tooling is fragmented and out of support.\n\n"
        "Threats to government services are rising.",
        "objectives": ["objective:obj-hcs-1", "objective:obj-coo-2"],
    },
    "economic": {
        "options": [
            {"name": "Option 1", "description": "Do nothing", "npv": -200_000},
            {"name": "Option 2", "description": "Shared service with Guernsey", "npv": 1_250_000},
            {"name": "Option 3", "description": "In-house build", "npv": -50_000},
        ],
        "preferred_option": "Option 2",
    },
    "commercial": {
        "procurement_route": "Mini-competition under G-Cloud 13",
        "lots": [
            {"name": "Lot 1", "description": "Security operations centre"},
            {"name": "Lot 2", "description": "Identity and access management"},
        ],
    },
    "financial": {
        "whole_life_cost": 4_500_000,
        "funding_source": "Government Investment Plan",
        "profile": {"2021": 1_500_000, "2022": 2_000_000, "2023": 1_000_000},
    },
    "management": {
        "senior_responsible_owner": "Director of Digital, Chief Operating Office",
        "milestones": [
            {"name": "Outline business case approved", "due": "2021-03-31"},
            {"name": "Contract award", "due": "2021-09-30"},
            {"name": "Go live", "due": "2022-03-31"},
        ],
        "risks": [
            {
                "title": "Supplier failure",
                "likelihood": 2,
                "impact": 4,
                "owner": "Head of Commercial",
            },
            {
                "title": "Skills shortage",
                "likelihood": 3,
                "impact": 3,
                "owner": "Chief Information Officer",
            },
        ],
        "benefits": [
            {
                "title": "Reduced licence costs",
                "value_gbp": 250_000,
                "measure": "Annual licence spend",
            },
            {
                "title": "Fewer security incidents",
                "value_gbp": None,
                "measure": "Incidents per quarter",
            },
        ],
    },
}


def test_extracts_every_item_of_a_complete_case_exactly(docx_file):
    result = extract_business_case(docx_file(*COMPLETE))

    assert result == DocxExtraction(content=EXPECTED, missing=[], notes=[])


def test_extraction_is_a_frozen_value(docx_file):
    result = extract_business_case(docx_file(*COMPLETE))

    with pytest.raises(dataclasses.FrozenInstanceError):
        result.content = {}  # type: ignore[misc]


def test_accepts_a_bytearray_as_well_as_bytes(docx_file):
    assert extract_business_case(bytearray(docx_file(*COMPLETE))).content == EXPECTED
