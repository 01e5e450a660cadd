"""Workbook sheets for the portfolio sections, progress, risks and (imported years) register."""

from openpyxl import Workbook

from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.xlsx.sheets import write_sheet


def portfolio_sheets(book: Workbook, r: OversightReport) -> None:
    write_sheet(
        book,
        "Programmes",
        [
            "Code",
            "Name",
            "Department",
            "Parent",
            "Stage",
            "RAG",
            "RAG reason",
            "Previous RAG",
            "Change",
            "Whole-life cost",
            "Next gate",
            "Next gate date",
            "Honesty flags",
            "Exceptions",
        ],
        [p.status_cells() for p in r.programmes],
        money=["Whole-life cost"],
    )
    write_sheet(book, "RAG distribution", ["RAG", "Programmes"], r.rag_distribution.items())
    write_sheet(book, "Stage funnel", ["Stage", "Programmes"], r.stage_funnel.items())
    write_sheet(
        book,
        "Consolidation",
        ["Step", "Projects", "Cost", "Period"],
        [(s.label, s.project_count, s.total_cost_gbp, s.period_text) for s in r.consolidation],
        money=["Cost"],
    )
    write_sheet(
        book,
        "Budget profile",
        ["Year", "Planned", "Allocation"],
        budget_rows(r),
        money=["Planned", "Allocation"],
    )
    if r.department_budget:
        write_sheet(
            book,
            "Department budget",
            ["Department", "Statement", "Line", "Year", "Amount", "Source"],
            [
                (t.department, t.title, row.label, year, amount, t.source)
                for t in r.department_budget
                for row in t.rows
                for year, amount in sorted(row.amounts.items())
            ],
            money=["Amount"],
        )
    if r.benefits is not None:
        write_sheet(
            book,
            "Benefits",
            [
                "Benefit",
                "Title",
                "Programme",
                "Value",
                "Per year",
                "Counted inside",
                "Planned",
                "Realised",
            ],
            [
                (
                    b.benefit,
                    b.title,
                    b.programme,
                    b.value_gbp,
                    b.per_year,
                    b.counted_in,
                    b.planned_gbp,
                    b.actual_gbp,
                )
                for b in r.benefits.lines
            ]
            + [("Total", "one-off and cumulative, each once", None, r.benefits.one_off_gbp, False)]
            + [("Total", "yearly rates", None, r.benefits.per_year_gbp, True)],
            money=["Value", "Planned", "Realised"],
        )
    write_sheet(
        book,
        "Benefits at risk",
        ["Benefit", "Title", "Value", "Per year", "Because of"],
        [(b.benefit, b.title, b.value_gbp, b.per_year, b.because_of) for b in r.benefits_at_risk],
        money=["Value"],
    )
    rags = list(r.rag_distribution)
    write_sheet(
        book,
        "Trend",
        ["As of", "Label", "Whole-life cost", "Benefits", "Benefits at risk", *rags],
        [
            (
                t.as_of,
                t.label,
                t.whole_life_cost_gbp,
                t.benefits_gbp,
                t.benefits_at_risk_gbp,
                *(t.by_rag.get(k, 0) for k in rags),
            )
            for t in r.trend
        ],
        money=["Whole-life cost", "Benefits", "Benefits at risk"],
    )
    write_sheet(
        book,
        "Dependencies",
        ["Needed first", "Needed by"],
        [(e.source, e.target) for e in r.dependencies],
    )


def progress_sheets(book: Workbook, r: OversightReport) -> None:
    g = r.progress
    write_sheet(
        book,
        "Plan progress",
        ["Figure", "Value"],
        [
            ("Milestones", g.milestones_total),
            ("Completed", g.milestones_completed),
            ("Overdue", g.milestones_overdue),
            ("Due in 90 days", g.milestones_due_soon),
            ("Undated", g.milestones_undated),
            ("KPIs", g.kpis_total),
            ("Source", g.source),
        ],
    )
    write_sheet(
        book,
        "KPIs",
        ["Code", "Name", "Frequency", "Measures"],
        [(k.code, k.name, k.frequency, k.measures) for k in g.kpis],
    )
    write_sheet(
        book,
        "Top risks",
        ["Code", "Title", "Programme", "Likelihood", "Impact", "Score", "Owner", "Mitigation"],
        [
            (k.code, k.title, k.programme, k.likelihood, k.impact, k.score, k.owner, k.mitigation)
            for k in r.top_risks
        ],
    )


def register_sheets(book: Workbook, r: OversightReport) -> None:
    g = r.register
    if g is None:
        return
    rags = list(r.rag_distribution)
    write_sheet(
        book,
        "By department",
        ["Department", "Projects", "Whole-life cost", *rags],
        [
            (d.department, d.projects, d.whole_life_cost_gbp, *(d.by_rag.get(k, 0) for k in rags))
            for d in g.by_department
        ],
        money=["Whole-life cost"],
    )
    write_sheet(
        book,
        "Top costs",
        ["Code", "Name", "Department", "RAG", "Whole-life cost"],
        [(c.code, c.name, c.department, c.rag, c.whole_life_cost_gbp) for c in g.top_costs],
        money=["Whole-life cost"],
    )
    write_sheet(book, "Withheld", ["What", "Projects"], g.withheld.items())
    write_sheet(book, "By category", ["Category", "Projects"], g.by_category.items())


def budget_rows(r: OversightReport) -> list[tuple[object, ...]]:
    """The budget by financial year, then what is not phased, then the total they add up to."""
    rows: list[tuple[object, ...]] = [
        (y.label or y.year, y.planned_gbp, y.allocation_gbp) for y in r.budget.years
    ]
    if r.budget.unphased_gbp:
        rows.append(("Not phased", r.budget.unphased_gbp, None))
    rows.append(("Whole-life cost, live programmes", r.budget.total_gbp, None))
    return rows
