"""PDF flowables for the portfolio sections: RAG, funnel, budget, benefits, dependencies,
progress, risks and (for imported years) the register."""

from typing import Any

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import Flowable

from cpmo.money import money
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.pdf.sections import chart, para, rag, table
from cpmo.vocabulary import gate_label, long_date, rag_label, stage_label

Charts = dict[str, tuple[str, Any]]
BUDGET_ROWS = 16
LISTED = 8


def listed(codes: list[str]) -> str:
    """The first few codes, then how many more."""
    more = f" and {len(codes) - LISTED} more" if len(codes) > LISTED else ""
    return ", ".join(codes[:LISTED]) + more


def rag_section(r: OversightReport, charts: Charts) -> list[Flowable]:
    dist = r.rag_distribution
    out: list[Flowable] = [
        PageBreak(),
        *chart(charts, "rag_distribution", 230, para("Delivery confidence (RAG)", "h2")),
        table([rag_label(k) for k in dist], [[str(v) for v in dist.values()]], [80] * len(dist)),
    ]
    rows = [
        [
            f"{p.name} ({p.code})",
            r.departments.get(p.department or "", p.department) or "—",
            stage_label(p.stage),
            rag(p.rag),
            f"{p.change.arrow} {p.change.text}".strip(),
            money(p.whole_life_cost_gbp),
            (
                f"{gate_label(p.next_gate)}"
                + (f" by {long_date(p.next_gate_date)}" if p.next_gate_date else "")
                if p.next_gate
                else "—"
            ),
            str(p.flags),
        ]
        for p in r.programmes
    ]
    head = [
        "Programme",
        "Dept",
        "Stage",
        "RAG",
        "Change since last report",
        "Whole-life cost",
        "Next gate",
        "Flags",
    ]
    return [*out, table(head, rows, [190, 55, 85, 70, 140, 85, 105, 40], numeric=(5, 7))]


def funnel_section(r: OversightReport, charts: Charts) -> list[Flowable]:
    out: list[Flowable] = [*chart(charts, "stage_funnel", 220, para("Stage funnel", "h2"))]
    if r.consolidation:
        rows = [
            [
                s.label,
                "—" if s.project_count is None else f"{s.project_count:,}",
                money(s.total_cost_gbp),
                s.period_text or "—",
            ]
            for s in r.consolidation
        ]
        out.append(
            table(
                ["Consolidation step", "Projects", "Cost", "Period"],
                rows,
                [420, 80, 120, 150],
                numeric=(1, 2),
            )
        )
    return out


def budget_section(r: OversightReport, charts: Charts) -> list[Flowable]:
    b = r.budget
    years = b.years
    note = b.note
    if len(years) > BUDGET_ROWS:
        first, last = r.as_of.year - 5, r.as_of.year + BUDGET_ROWS - 6
        years = [y for y in years if first <= y.year <= last]
        note += f" Years {first}–{last} shown; the XLSX export has every year."
    rows = [[y.label or str(y.year), money(y.planned_gbp), money(y.allocation_gbp)] for y in years]
    if b.unphased_gbp:
        rows.append(["Not phased", money(b.unphased_gbp), "—"])
    rows.append(["Whole-life cost, live programmes", money(b.total_gbp), "—"])
    for title, shares in (
        ("Not phased", b.unphased),
        ("Estimated (spread evenly over planned dates)", b.estimated),
        ("Stopped and closed, outside the totals", b.stopped_closed),
    ):
        if shares:
            named = "; ".join(f"{s.label} {money(s.amount_gbp)}" for s in shares[:20])
            more = f" and {len(shares) - 20} more" if len(shares) > 20 else ""
            note += f" {title}: {named}{more}."
    return [
        *chart(
            charts, "budget_profile", 230, para("Budget profile against the CSP allocation", "h2")
        ),
        table(["Year", "Planned", "Allocation"], rows, [100, 150, 150], numeric=(1, 2)),
        para(note, "note"),
    ]


def benefit_totals_section(r: OversightReport) -> list[Flowable]:
    """The portfolio's benefits, each once, with the totals the headline gives."""
    bs = r.benefits
    if bs is None:
        return []
    summary = f"{money(bs.one_off_gbp)} one-off and cumulative benefits, each over its own period"
    if bs.per_year_gbp:
        summary += f"; separately, {money(bs.per_year_gbp)} a year"
    if bs.horizon:
        summary += (
            f". Planned {money(sum(bs.planned_by_year.values()))} from {bs.horizon}; "
            f"realised {money(sum(bs.actual_by_year.values()))}"
        )
    if bs.illustrative:
        summary += ". Illustrative: some figures come from records not stated by a source document"
    rows = [
        [
            b.title,
            b.programme or "—",
            money(b.value_gbp) + (" a year" if b.per_year else ""),
            f"inside {b.counted_in}" if b.counted_in else "",
        ]
        for b in bs.lines[:40]
    ]
    out: list[Flowable] = [para("Benefits", "h2"), para(summary + ".")]
    if rows:
        out.append(
            table(
                ["Benefit", "Programme", "Value", "Counted"],
                rows,
                [330, 150, 140, 150],
                numeric=(2,),
            )
        )
    return [*out, para(bs.note, "note")]


def benefits_section(r: OversightReport, charts: Charts) -> list[Flowable]:
    out: list[Flowable] = [
        *chart(charts, "benefit_trajectory", 220, para("Benefits at risk", "h2")),
        para(
            f"Downstream of a red or amber/red programme, or of one with a RAG honesty flag: "
            f"{money(r.benefits_at_risk_gbp)} (one-off and cumulative).",
            "note",
        ),
    ]
    if not r.benefits_at_risk:
        return [*out, para("No benefit is downstream of an at-risk programme.")]
    rows = [
        [
            f"{b.title} ({b.benefit})",
            money(b.value_gbp) + (" a year" if b.per_year else ""),
            listed(b.because_of),
        ]
        for b in r.benefits_at_risk
    ]
    return [
        *out,
        table(["Benefit", "Value", "At risk because of"], rows, [380, 120, 270], numeric=(1,)),
    ]


def dependencies_section(r: OversightReport, charts: Charts) -> list[Flowable]:
    if not r.dependencies:
        return [
            para("Dependencies", "h2"),
            para("No dependencies are recorded between this portfolio's programmes."),
        ]
    return chart(charts, "dependencies", 380, para("Dependencies", "h2"))
