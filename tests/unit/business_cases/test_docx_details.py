"""Details of how items are found: tables, bullets, sentences, notes and what is missed."""

from cpmo.business_cases.docx.extract import extract_business_case


def test_reads_milestones_and_benefits_written_as_bullets(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Management Case"),
            ("h2", "Key milestones"),
            ("bullet", "Full business case approved by 30 June 2021"),
            ("bullet", "Go live (31/03/2022)"),
            ("bullet", "Decommission legacy – TBC"),
            ("bullet", "Staff sign in – 1 April 2022"),
            ("h2", "Expected benefits"),
            ("bullet", "Lower licence costs – £1.2m a year (measured by licence spend)"),
            ("bullet", "Happier staff"),
        )
    )

    management = result.content["management"]
    assert management["milestones"] == [
        {"name": "Full business case approved", "due": "2021-06-30"},
        {"name": "Go live", "due": "2022-03-31"},
        {"name": "Decommission legacy – TBC"},
        {"name": "Staff sign in", "due": "2022-04-01"},
    ]
    assert management["benefits"] == [
        {"title": "Lower licence costs", "value_gbp": 1_200_000, "measure": "licence spend"},
        {"title": "Happier staff", "value_gbp": None, "measure": None},
    ]
    assert result.missing == [
        "strategic case: section not found",
        "economic case: section not found",
        "commercial case: section not found",
        "financial case: section not found",
        "management.senior_responsible_owner: not found",
        "management.milestones: no date for 'Decommission legacy – TBC' "
        "('Decommission legacy – TBC')",
        "management.risks: no risk table found",
    ]


def test_reports_milestones_without_a_readable_date_and_unrated_risks(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Management Case"),
            (
                "table",
                [
                    ("Key milestone", "Target date"),
                    ("Supplier appointed", "Q3 2021"),
                    ("Service live", "1st September 2022"),
                ],
            ),
            (
                "table",
                [
                    ("Risk description", "Probability", "Severity", "Risk owner"),
                    ("Budget overrun", "Almost certain", "Major", "Finance Director"),
                    ("Scope creep", "Unknown", "Low", ""),
                ],
            ),
        )
    )

    management = result.content["management"]
    assert management["milestones"] == [
        {"name": "Supplier appointed"},
        {"name": "Service live", "due": "2022-09-01"},
    ]
    assert management["risks"] == [
        {"title": "Budget overrun", "likelihood": 5, "impact": 4, "owner": "Finance Director"},
        {"title": "Scope creep", "impact": 2},
    ]
    assert [m for m in result.missing if m.startswith("management.")] == [
        "management.senior_responsible_owner: not found",
        "management.milestones: no date for 'Supplier appointed' ('Q3 2021')",
        "management.risks: no likelihood for 'Scope creep' ('Unknown')",
        "management.risks: no owner for 'Scope creep'",
        "management.benefits: not found",
    ]


def test_reads_label_and_value_tables_and_a_profile_running_down_the_page(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Financial Case"),
            (
                "table",
                [
                    ("Whole-life cost (£m)", "12.5"),
                    ("Source of funding", "Technology Transformation Programme"),
                ],
            ),
            (
                "table",
                [
                    ("Financial year", "Capital £000", "Revenue £000", "Total £000"),
                    ("2020-21", "1,000", "500", "1,500"),
                    ("2021-22", "2,000", "-", "2,000"),
                ],
            ),
        )
    )

    assert result.content["financial"] == {
        "whole_life_cost": 12_500_000,
        "funding_source": "Technology Transformation Programme",
        "profile": {"2020": 1_500_000, "2021": 2_000_000},
    }
    assert result.notes == []


def test_sums_profile_rows_when_there_is_no_total_and_says_so(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Financial Case"),
            ("table", [("", "2024", "2025"), ("Capital", "£1m", "£2m"), ("Revenue", "£0.5m", "")]),
        )
    )

    assert result.content["financial"]["profile"] == {"2024": 1_500_000, "2025": 2_000_000}
    assert result.notes == ["financial.profile: no total row; summed the rows Capital, Revenue"]


def test_notes_tables_it_did_not_recognise_in_a_case(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Economic Case"),
            ("table", [("Criterion", "Weight"), ("Value for money", "40%")]),
            ("table", [("Sensitivity", "Result"), ("Costs +20%", "Option 2 still best")]),
            ("bullet", "Option 1: Do nothing – NPV £0"),
        )
    )

    assert result.content["economic"]["options"] == [
        {"name": "Option 1", "description": "Do nothing", "npv": 0}
    ]
    assert "2 table(s) in the economic case were not recognised" in result.notes


def test_a_repeated_heading_uses_its_last_occurrence_so_a_contents_list_is_skipped(docx_file):
    result = extract_business_case(
        docx_file(
            ("p", "Contents"),
            ("p", "Strategic case"),
            ("p", "Management case"),
            ("h1", "Introduction"),
            ("p", "Senior Responsible Owner: someone from the introduction"),
            ("h1", "Strategic case"),
            ("p", "Case for change: demand is outstripping supply."),
            ("h1", "Management case"),
            ("p", "Senior Responsible Owner: Chief Operating Officer"),
        )
    )

    assert result.content["management"]["senior_responsible_owner"] == "Chief Operating Officer"
    assert "management case: heading appears 2 times; the last one was read" in result.notes


def test_a_heading_as_high_as_the_case_heading_ends_the_case(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Commercial case"),
            ("h2", "Procurement strategy"),
            ("p", "Open procedure under the Public Contracts Regulations."),
            ("h1", "Appendix A: lots considered and rejected"),
            ("table", [("Lot", "Description"), ("Lot 9", "Rejected")]),
        )
    )

    assert result.content["commercial"] == {
        "procurement_route": "Open procedure under the Public Contracts Regulations."
    }
    assert "commercial.lots: not found" in result.missing
    assert "1 table(s) outside the five cases were not read" in result.notes


def test_reads_bold_case_headings_and_objectives_from_a_table(docx_file):
    result = extract_business_case(
        docx_file(
            ("bold", "Strategic Case"),
            ("bold", "Why change is needed"),
            ("p", "Two systems do the same job."),
            ("bold", "Investment objectives"),
            ("table", [("Objective", "Measure"), ("One system of record", "Count"), ("", "")]),
        )
    )

    assert result.content["strategic"] == {
        "case_for_change": "Two systems do the same job.",
        "objectives": ["One system of record"],
    }
    assert result.notes == []


def test_without_a_case_for_change_heading_reads_the_opening_paragraphs_and_says_so(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Strategic Case"),
            ("p", "Jersey's hospitals run on paper records."),
            ("p", "Clinicians wait for notes to arrive."),
            ("h2", "Objectives"),
            ("bullet", "Digital records in every ward"),
        )
    )

    assert result.content["strategic"] == {
        "case_for_change": "Jersey's hospitals run on paper records.\n\n"
        "Clinicians wait for notes to arrive.",
        "objectives": ["Digital records in every ward"],
    }
    assert "strategic.case_for_change: read from the case's opening paragraphs" in result.notes


def test_a_benefits_table_with_dates_is_not_mistaken_for_milestones(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Management Case"),
            (
                "table",
                [
                    ("Benefit", "Description", "Value", "Target date"),
                    ("Savings", "Fewer licences", "£100k", "2023"),
                ],
            ),
        )
    )

    assert result.content["management"] == {
        "benefits": [{"title": "Savings", "value_gbp": 100_000, "measure": None}]
    }


def test_a_short_preferred_option_names_the_option_it_abbreviates(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Economic Case"),
            ("table", [("Option", "NPV"), ("Option 1 – Do nothing", "0"), ("Option 2 – Buy", "5")]),
            ("p", "Preferred option: Option 2"),
        )
    )

    assert result.content["economic"]["preferred_option"] == "Option 2 – Buy"
    assert result.notes == []


def test_a_profile_total_row_is_not_mistaken_for_the_whole_life_cost(docx_file):
    result = extract_business_case(
        docx_file(
            ("h1", "Financial Case"),
            ("table", [("", "2021", "2022"), ("Total cost", "£1m", "£2m")]),
            ("p", "Whole-life cost: £3m (including optimism bias of £0.4m)"),
        )
    )

    assert result.content["financial"] == {
        "whole_life_cost": 3_000_000,
        "profile": {"2021": 1_000_000, "2022": 2_000_000},
    }
