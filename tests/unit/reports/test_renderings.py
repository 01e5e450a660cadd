"""HTML, XLSX, CSV and JSON renderings of one composed report."""

import csv
import io
import json

from openpyxl import load_workbook

from cpmo.reports.render.charts.images import render_all
from cpmo.reports.render.csv import render_status_csv
from cpmo.reports.render.html import render_html
from cpmo.reports.render.xlsx.workbook import render_xlsx
from cpmo.reports.service import to_json
from tests.support.report_sample import sample_report


def test_the_html_page_has_every_section_and_writes_rag_as_text() -> None:
    report = sample_report()
    page = render_html(report, render_all(report, "svg"))
    for section in (
        "headline",
        "exceptions",
        "honesty",
        "decisions",
        "rag",
        "funnel",
        "budget",
        "benefits",
        "dependencies",
        "progress",
        "risks",
    ):
        assert f'<section id="{section}"' in page
    assert '<strong class="tag rag-red">Red</strong>' in page
    assert "worsened from Amber" in page
    assert page.index('id="exceptions"') < page.index('id="rag"')  # exceptions first


def test_the_html_page_needs_no_script_and_inlines_its_charts_as_labelled_svg() -> None:
    report = sample_report()
    page = render_html(report, render_all(report, "svg"))
    assert "<script" not in page and "<metadata>" not in page
    assert 'href="http' not in page and "src=" not in page
    assert page.count('<svg role="img" aria-label=') == 5
    assert "&lt;" not in report.portfolio_name and "=Citizen portal" in page


def test_the_workbook_has_one_sheet_per_section_real_numbers_and_frozen_headers() -> None:
    book = load_workbook(io.BytesIO(render_xlsx(sample_report())))
    assert {
        "Headline",
        "Exceptions",
        "Honesty flags",
        "Programmes",
        "Budget profile",
        "Benefits at risk",
        "Top risks",
        "Trend",
    } <= set(book.sheetnames)
    sheet = book["Programmes"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    cost = header.index("Whole-life cost")
    costs = {row[0].value: row[cost].value for row in sheet.iter_rows(min_row=2)}
    assert costs["core"] == 40_000_000 and isinstance(costs["core"], int)
    names = [row[1] for row in sheet.iter_rows(min_row=2)]
    portal = next(c for c in names if c.value == "=Citizen portal")
    assert portal.data_type == "s"  # text that looks like a formula stays text
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames)


def test_the_status_csv_has_a_row_per_programme_and_quotes_formula_like_text() -> None:
    rows = list(csv.DictReader(io.StringIO(render_status_csv(sample_report()))))
    assert [r["code"] for r in rows] == ["core", "portal", "records", "hr"]
    portal = rows[1]
    assert portal["name"] == "'=Citizen portal" and portal["honesty_flags"] == "3"
    assert rows[0]["rag_change"] == "worsened" and rows[0]["whole_life_cost_gbp"] == "40000000"


def test_the_json_is_plain_and_dates_are_iso() -> None:
    data = json.loads(to_json(sample_report()))
    assert data["as_of"] == "2026-06-30" and data["headline"]["programmes"] == 4
    assert data["programmes"][0]["change"]["arrow"] == "↓"


def test_a_programme_without_a_stated_stage_reads_not_stated_in_the_status_table() -> None:
    from dataclasses import replace

    line = replace(sample_report().programmes[0], stage=None)
    assert line.status_cells()[4] == "not stated"
