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
                code="coo-sales",
                department_id=coo.id,
                statement="service_analysis",
                label="Sales of goods and services",
                year=year,
                amount_gbp=amount,
                source="000 Table 1-4",
            )
        )
    seeded.flush()
    report = assemble(seeded, code="goj-change", limits=GovernanceLimits())
    (table,) = report.department_budget
    assert table.title == "Net revenue expenditure by service area"
    assert table.rows[0].amounts == {2020: -611_000, 2021: -611_000}
    assert report.headline.whole_life_cost_gbp == 99_000_000  # not added to the programmes
    html = render_report(report, "html").decode()
    assert "Sales of goods and services" in html and "−£611,000" in html
    book = load_workbook(io.BytesIO(render_report(report, "xlsx")))
    rows = list(book["Department budget"].iter_rows(min_row=2, values_only=True))
    assert rows[0][2:5] == ("Sales of goods and services", 2020, -611_000)
    assert json.loads(render_report(report, "json"))["department_budget"][0]["years"] == [
        2020,
        2021,
    ]
