"""A department's budget lines appear in the board pack beside (not added to) the programmes."""

import io
import json

from openpyxl import load_workbook
from sqlmodel import Session, select

from cpmo.config import GovernanceLimits
from cpmo.models import BudgetLine, Department
from cpmo.reports.assembly import assemble
from cpmo.reports.service import render_report


def test_budget_lines_are_shown_by_statement_and_year_and_leave_the_totals_alone(
    seeded: Session,
) -> None:
    coo = seeded.exec(select(Department).where(Department.code == "coo")).one()
    for year, amount in ((2020, -611_000), (2021, -611_000)):
        seeded.add(
            BudgetLine(
                code="test-sales-line",
                department_id=coo.id,
                statement="service_analysis",
                label="Test sales line",
                year=year,
                amount_gbp=amount,
                source="000 Table 1-4",
            )
        )
    seeded.flush()
    report = assemble(seeded, code="goj-change", limits=GovernanceLimits())
    titles = {t.title for t in report.department_budget}
    assert titles == {  # the seeded document 000 statements, and the line added here
        "Net revenue expenditure by service area",
        "Statement of comprehensive net expenditure",
        "Reconciliation of net revenue expenditure",
        "Efficiency targets",
    }
    (table,) = [t for t in report.department_budget if t.title.startswith("Net revenue")]
    (row,) = [r for r in table.rows if r.label == "Test sales line"]
    assert row.amounts == {2020: -611_000, 2021: -611_000}
    assert report.headline.whole_life_cost_gbp == 99_000_000  # not added to the programmes
    html = render_report(report, "html").decode()
    assert "Test sales line" in html and "−£611,000" in html
    book = load_workbook(io.BytesIO(render_report(report, "xlsx")))
    rows = list(book["Department budget"].iter_rows(min_row=2, values_only=True))
    assert ("Test sales line", 2020, -611_000) in [r[2:5] for r in rows]
    statements = json.loads(render_report(report, "json"))["department_budget"]
    assert {s["title"] for s in statements} == titles


def test_the_pack_names_departments_and_dates_as_people_read_them(seeded: Session) -> None:
    report = assemble(seeded, code="goj-change", limits=GovernanceLimits())
    html = render_report(report, "html").decode()
    assert "<td>Chief Operating Office</td>" in html and "<td>coo</td>" not in html
    assert "by 31 March 2020" in html and "by 2020-03-31" not in html
